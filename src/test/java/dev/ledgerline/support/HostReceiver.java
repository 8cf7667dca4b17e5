package dev.ledgerline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerline.client.model.Event;
import dev.ledgerline.client.webhooks.WebhookSignatureException;
import dev.ledgerline.client.webhooks.WebhookVerifier;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's side of event pushes: a JDK HttpServer on 127.0.0.1 that verifies every push with the
 * SDK's {@link WebhookVerifier} and keeps it. Per path it answers 200 ({@code /ok/...}), always 503
 * ({@code /down/...}), or ({@code /faulty/...}) fails a share of pushes: a 500, an answer after the
 * service's read timeout, or the connection closed without an answer.
 */
public final class HostReceiver implements AutoCloseable {

    public enum Fault { NONE, ERROR_500, SLOW, RESET }

    /** One push as it arrived: its path, headers, body and what the verifier made of it. */
    public record Push(String path, String eventIdHeader, String body, Event event, String verifyError, Fault fault) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final Random random = new Random(20261202);
    private final double faultRate;
    private final Duration slowness;
    private final Clock clock;

    public HostReceiver(double faultRate, Duration slowness, Clock clock) throws IOException {
        this.faultRate = faultRate;
        this.slowness = slowness;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} (e.g. {@code /faulty/a}); pushes to it are verified with {@code secret} once it is known. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    public List<Push> pushes() {
        return List.copyOf(pushes);
    }

    public List<Push> pushesTo(String path) {
        return pushes.stream().filter(p -> p.path().equals(path)).toList();
    }

    public int faults(Fault fault) {
        return faults.getOrDefault(fault, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst("Ledgerline-Signature");
        Event event = null;
        String verifyError = null;
        try {
            String secret = secrets.get(path);
            event = new WebhookVerifier(WebhookVerifier.DEFAULT_TOLERANCE, clock).verifyAndParse(signature, body, secret == null ? "unknown" : secret);
        } catch (WebhookSignatureException e) {
            verifyError = e.getMessage();
        }
        Fault fault = path.startsWith("/faulty/") ? pick() : Fault.NONE;
        faults.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        pushes.add(new Push(path, exchange.getRequestHeaders().getFirst("Ledgerline-Event-Id"), body, event, verifyError, fault));
        switch (fault) {
            case RESET -> throw new IOException("closing without an answer"); // HttpServer closes the connection
            case ERROR_500 -> answer(exchange, 500);
            case SLOW -> {
                try {
                    Thread.sleep(slowness.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200);
            }
            case NONE -> answer(exchange, path.startsWith("/down/") ? 503 : 200);
        }
    }

    private Fault pick() {
        double roll;
        synchronized (random) {
            roll = random.nextDouble();
        }
        if (roll >= faultRate) {
            return Fault.NONE;
        }
        return roll < faultRate / 3 ? Fault.ERROR_500 : roll < faultRate * 2 / 3 ? Fault.SLOW : Fault.RESET;
    }

    private static void answer(HttpExchange exchange, int status) {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            byte[] text = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, text.length);
            out.write(text);
        } catch (IOException clientGone) {
            // the service stopped waiting (its read timeout)
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
