package dev.ledgerline.documents;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * A Thymeleaf template under {@code resources/documents/} rendered to XHTML, then laid out as a
 * PDF by openhtmltopdf. The engine is the documents' own, in XML mode: openhtmltopdf reads
 * well-formed XHTML only, and XML mode escapes every value for it. The text is set in Liberation
 * Sans, embedded (only the glyphs used): a customer's name in Polish, Greek or Cyrillic prints as
 * written, where the 14 standard fonts stop at Latin-1 and print '#' for the rest.
 */
@Singleton
public class PdfRenderer {

    /** The family the templates' CSS names; its faces are registered with each render. */
    static final String FONT_FAMILY = "Liberation Sans";

    private final TemplateEngine engine = new TemplateEngine();
    // Read once: a render parses them from memory instead of the jar.
    private final byte[] regular = font("LiberationSans-Regular.ttf");
    private final byte[] bold = font("LiberationSans-Bold.ttf");

    public PdfRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PdfRenderer.class.getClassLoader());
        resolver.setPrefix("documents/");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    private static byte[] font(String file) {
        try (InputStream in = PdfRenderer.class.getClassLoader().getResourceAsStream("liberation/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font liberation/" + file + " is not on the classpath (openpdf-fonts-extra)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Without the characters XML 1.0 does not allow (control characters other than tab and new
     * lines, lone surrogates, U+FFFE/U+FFFF): a charge's description may hold them, escaping cannot
     * express them, and openhtmltopdf's parser stops at the first. They print as nothing anyway.
     */
    static String xmlSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(PdfRenderer::allowedInXml).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** The template's XHTML: what the PDF is made from (and what a test can read as text). */
    public String xhtml(String template, Map<String, Object> values) {
        return engine.process(template, new Context(Locale.US, values));
    }

    public byte[] pdf(String template, Map<String, Object> values) {
        String xhtml = xmlSafe(xhtml(template, values));
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
