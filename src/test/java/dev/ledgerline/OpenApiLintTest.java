package dev.ledgerline;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract lints clean with Redocly (installed by `npm ci` in ui/, which scripts/test.sh runs). */
class OpenApiLintTest {

    @Test
    void contractLintsWithZeroErrorsAndWarnings() throws IOException, InterruptedException {
        Path redocly = Path.of("ui/node_modules/.bin/redocly");
        assertTrue(Files.isExecutable(redocly), "run `npm ci` in ui/ first (scripts/test.sh does)");
        Process process = new ProcessBuilder(redocly.toString(), "lint", "openapi/billing.yaml",
                "--config", "openapi/redocly.yaml", "--format", "summary")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "redocly finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("Your API description is valid"), output);
        assertTrue(!java.util.regex.Pattern.compile("You have \\d+ (warning|error)").matcher(output).find(), output);
    }
}
