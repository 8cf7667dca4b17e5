package dev.ledgerline.events.delivery;

import dev.ledgerline.errors.InvalidRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointUrlsTest {

    @Test
    void httpsAlwaysHttpToTheMachineItselfInDevModeOnly() {
        assertEquals("https://host.example.com/hook", EndpointUrls.check("https://host.example.com/hook", false));
        assertEquals("http://127.0.0.1:8080/hook", EndpointUrls.check("http://127.0.0.1:8080/hook", true));
        assertEquals("http://localhost/hook", EndpointUrls.check("http://localhost/hook", true));
        assertThrows(InvalidRequest.class, () -> EndpointUrls.check("http://127.0.0.1:8080/hook", false));
        assertThrows(InvalidRequest.class, () -> EndpointUrls.check("http://host.example.com/hook", true));
        assertThrows(InvalidRequest.class, () -> EndpointUrls.check("file:///etc/passwd", true));
        assertThrows(InvalidRequest.class, () -> EndpointUrls.check("https://a:b@host.example.com/", false));
    }
}
