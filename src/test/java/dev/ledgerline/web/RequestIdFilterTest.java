package dev.ledgerline.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdFilterTest {

    @Test
    void aCallersIdIsKeptOnlyWhenShortAndPlain() {
        for (String safe : new String[] {"1", "6f1c2a9e-7d0b-4b8e-9a51-3c2d1e0f9a8b", "svc.req:42", "x".repeat(64)}) {
            assertTrue(RequestIdFilter.isSafe(safe), safe);
        }
        for (String unsafe : new String[] {"", "x".repeat(65), "two words", "a\nb", "<script>", "a\"b", "Root=1-67891233"}) {
            assertFalse(RequestIdFilter.isSafe(unsafe), unsafe);
        }
    }

    @Test
    void theAccessLogShowsNoControlCharactersAndNoEndlessPath() {
        assertEquals("/api/x?INFO forged", RequestIdFilter.printable("/api/x\nINFO forged"));
        String shown = RequestIdFilter.printable("/" + "a".repeat(500));
        assertEquals(203, shown.length());
        assertTrue(shown.endsWith("..."));
    }
}
