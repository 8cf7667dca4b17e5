package dev.ledgerline.documents;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PdfRendererTest {

    @Test
    void charactersXmlCannotHoldAreDropped_theRestKept() {
        // A control character, a lone surrogate and U+FFFF go; tab, new line, accents, the euro and an emoji stay.
        assertEquals("Bell and\ttab\né € \uD83D\uDE00", PdfRenderer.xmlSafe("Bell\u0007 and\u0012\ttab\n\uD800é \uFFFF€ \uD83D\uDE00"));
    }
}
