package dev.ledgerline.events.delivery;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * One signed POST of an event to an endpoint with {@code java.net.http}: connect and answer
 * timeouts from the settings, HTTP/1.1, redirects not followed (a 3xx is a failure). Only a 2xx
 * counts as delivered.
 */
@Singleton
public class EventSender {

    static final String EVENT_ID_HEADER = "Ledgerline-Event-Id";

    /** What came of one POST: the status, or why there was none. */
    record Result(@Nullable Integer statusCode, @Nullable String error, long latencyMs) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient http;
    private final DeliveryProperties properties;
    private final Clock clock;

    public EventSender(DeliveryProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Result send(Endpoint endpoint, String eventId, String body) {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(properties.readTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Ledgerline-Webhooks/1")
                .header(EVENT_ID_HEADER, eventId)
                .header(Signatures.HEADER, Signatures.header(endpoint.secret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            // The answer counts once its status line is in: its body is not read (a slow body cannot hold the deliverer).
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return new Result(response.statusCode(), null, elapsed(started));
        } catch (HttpConnectTimeoutException e) {
            return new Result(null, "connect_timeout", elapsed(started));
        } catch (HttpTimeoutException e) {
            return new Result(null, "timeout", elapsed(started));
        } catch (ConnectException e) {
            return new Result(null, "connection_refused", elapsed(started));
        } catch (IOException e) {
            return new Result(null, "connection_failed", elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted", elapsed(started));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
