package dev.ledgerline.webhooks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookControllerTest {

    @Test
    void nestingDepthCountsArraysAndObjectsButNotBracketsInStrings() {
        assertEquals(0, WebhookController.nestingDepth("42"));
        assertEquals(1, WebhookController.nestingDepth("{\"a\":1,\"b\":2}"));
        assertEquals(3, WebhookController.nestingDepth("{\"a\":[{\"b\":1}],\"c\":[]}"));
        assertEquals(1, WebhookController.nestingDepth("{\"a\":\"[[[{{{\"}"));
        // An escaped quote does not end the string; an escaped backslash does not escape the quote after it.
        assertEquals(1, WebhookController.nestingDepth("{\"a\":\"\\\"[[[\"}"));
        assertEquals(2, WebhookController.nestingDepth("{\"a\":\"\\\\\",\"b\":[1]}"));
        assertEquals(100_000, WebhookController.nestingDepth("[".repeat(100_000) + "]".repeat(100_000)));
    }
}
