package dev.ledgerline.emails;

import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The emails' Thymeleaf templates under {@code resources/emails/}: {@code <kind>.txt} (text mode)
 * for the plain part and {@code <kind>.html} (HTML mode, every value escaped) for the HTML part.
 */
@Singleton
public class EmailTemplates {

    private final TemplateEngine engine = new TemplateEngine();

    public EmailTemplates() {
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 1));
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 2));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailTemplates.class.getClassLoader());
        resolver.setPrefix("emails/");
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    public String text(String kind, Map<String, Object> values) {
        return engine.process(kind + ".txt", new Context(Locale.US, values));
    }

    public String html(String kind, Map<String, Object> values) {
        return engine.process(kind + ".html", new Context(Locale.US, values));
    }
}
