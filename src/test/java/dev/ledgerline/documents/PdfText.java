package dev.ledgerline.documents;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PDF as the tests read it: its pages and its text lines (Apache PDFBox), and page 1 as a PNG (pdftoppm). */
record PdfText(int pages, List<String> lines, String title) {

    static PdfText of(byte[] pdf) throws IOException {
        assertTrue(pdf.length > 4 && new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-"), "a PDF");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<String> lines = Arrays.stream(stripper.getText(document).split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
            return new PdfText(document.getNumberOfPages(), lines, document.getDocumentInformation().getTitle());
        }
    }

    /** The fonts the pages use, without the subset prefix ("ABCDEF+"): which fonts are embedded. */
    static java.util.Set<String> fonts(byte[] pdf) throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (org.apache.pdfbox.pdmodel.PDPage page : document.getPages()) {
                org.apache.pdfbox.pdmodel.PDResources resources = page.getResources();
                for (org.apache.pdfbox.cos.COSName font : resources.getFontNames()) {
                    String name = resources.getFont(font).getName();
                    names.add(name.substring(name.indexOf('+') + 1));
                }
            }
        }
        return names;
    }

    /** The first line that holds {@code text}; fails listing every line when there is none. */
    String line(String text) {
        return lines.stream().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line holds '" + text + "' in:\n" + String.join("\n", lines)));
    }

    void hasLine(String expected) {
        assertTrue(lines.contains(expected), () -> "no line '" + expected + "' in:\n" + String.join("\n", lines));
    }

    /**
     * Page 1 as a PNG under target/documents (what a person would see), with poppler's pdftoppm,
     * which scripts/deps.sh installs; outside CI a machine without it skips the picture.
     */
    static Path renderPageOne(byte[] pdf, String name) throws Exception {
        Path dir = Path.of("target/documents");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".pdf");
        Files.write(file, pdf);
        boolean installed = Files.isExecutable(Path.of("/usr/bin/pdftoppm"));
        if (!installed && System.getenv("CI") == null) {
            return null;
        }
        Process render = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                file.toString(), dir.resolve(name).toString()).redirectErrorStream(true).start();
        assertTrue(render.waitFor(60, TimeUnit.SECONDS), "pdftoppm finished");
        assertEquals(0, render.exitValue(), () -> "pdftoppm: " + new String(readAll(render)));
        Path png = dir.resolve(name + ".png");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("\u0089PNG", new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        return png;
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
