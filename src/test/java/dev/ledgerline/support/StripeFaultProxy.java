package dev.ledgerline.support;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An HTTP proxy between the service and a Stripe emulator that forwards every request, except
 * where a test asked for a fault: then it answers as Stripe does when it refuses a request (the
 * emulators never refuse a well-formed one, e.g. wrong microdeposit amounts), or it forwards the
 * request and loses the answer (the ambiguous case: Stripe acted, we do not know). It also:
 * <ul>
 *   <li>keeps Stripe's idempotency promise, which the emulators do not: a POST repeating an
 *       Idempotency-Key gets the first answer and is not forwarded again; one repeating the key
 *       with other parameters is refused with Stripe's {@code idempotency_error} (400);</li>
 *   <li>remembers the objects it answered to a POST and those the tests' events report
 *       ({@link StripeState}), and answers retrieves and lists of them from there, as a stateful
 *       Stripe would;</li>
 *   <li>can edit answers into a later state of the object (stripe-mock is stateless: its
 *       PaymentIntent never moves to processing or succeeded);</li>
 *   <li>counts requests by path, and those that reached the emulator;</li>
 *   <li>keeps every request as text (method, path with query, body), for tests that check what
 *       the service asked Stripe about.</li>
 * </ul>
 */
public final class StripeFaultProxy implements AutoCloseable {

    private record Fault(int status, String body) {
    }

    private static final List<String> FORWARDED = List.of("Authorization", "Idempotency-Key", "Stripe-Version", "Content-Type", "User-Agent");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, String[]> declines = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> forwarded = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lostAnswers = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<String>> rewrites = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Answer>> answered = new ConcurrentHashMap<>();
    /** Per path suffix: the next keyed POST there gets a saved 500 (true: after reaching the emulator). */
    private final Map<String, Boolean> savedErrors = new ConcurrentHashMap<>();
    /** Idempotency-Keys whose saved answer is a 500, replayed to every repeat as Stripe does. */
    private final Set<String> keysKeepingErrors = ConcurrentHashMap.newKeySet();
    /** The parameters each Idempotency-Key was first used with. */
    private final Map<String, String> firstParameters = new ConcurrentHashMap<>();
    /** Per our payment id: the status of each PaymentIntent the emulator created for it. */
    private final Map<String, List<String>> intentsByPayment = new ConcurrentHashMap<>();
    private volatile RandomFaults randomFaults;
    private volatile boolean noDisputes;
    private final Map<String, Duration> held = new ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** Only in front of a stateless emulator (stripe-mock); localstripe keeps its own. */
    private final StripeState state;

    private record Answer(int status, byte[] body) {
    }

    /** What Stripe answers when it fails on its end (type {@code api_error}, HTTP 500). */
    private static final byte[] STRIPE_ERROR = "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong on Stripe's end.\"}}"
            .getBytes(StandardCharsets.UTF_8);

    public StripeFaultProxy(String targetBase) {
        this(targetBase, false);
    }

    /** @param keepState answer retrieves and lists of known objects from a {@link StripeState}, for a stateless emulator */
    public StripeFaultProxy(String targetBase, boolean keepState) {
        this.state = keepState ? new StripeState() : null;
        this.target = URI.create(targetBase);
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** What Stripe says now about the objects it made or an event reported; answers retrieves and lists of them. */
    public StripeState state() {
        if (state == null) {
            throw new IllegalStateException("this proxy keeps no state: its emulator keeps its own");
        }
        return state;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request whose path ends with {@code pathSuffix} gets a Stripe error instead of reaching the emulator. */
    public void refuseNext(String pathSuffix, int status, String type, String code, String message) {
        faults.put(pathSuffix, new Fault(status, "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code
                + "\",\"message\":\"" + message + "\"}}"));
    }

    /**
     * The next POST whose path ends with {@code pathSuffix} reaches the emulator (which validates
     * it and makes the PaymentIntent), and is answered as Stripe answers a declined confirmation:
     * 402 {@code card_error} with {@code code} and the PaymentIntent, back at requires_payment_method
     * with its {@code last_payment_error}. That intent is what Stripe reports afterwards.
     */
    public void declineNext(String pathSuffix, String code, String message) {
        declines.put(pathSuffix, new String[] {code, message});
    }

    /** The next {@code times} requests whose path ends with {@code pathSuffix} reach the emulator, but their answers are lost (HTTP 500). */
    public void loseAnswers(String pathSuffix, int times) {
        lostAnswers.put(pathSuffix, new AtomicInteger(times));
    }

    /**
     * The next POST with an Idempotency-Key to a path ending with {@code pathSuffix} gets a Stripe
     * 500 that is saved under its key, as Stripe saves the first result of a key, errors included:
     * every repeat with that key gets the same 500 without reaching the emulator. {@code reachEmulator}:
     * the first request is carried out before its 500 (Stripe failed after acting), else not at all.
     */
    public void failSavedUnderKey(String pathSuffix, boolean reachEmulator) {
        savedErrors.put(pathSuffix, reachEmulator);
    }

    /** Until cleared, answers for paths ending with {@code pathSuffix} are edited by {@code edit}. */
    public void rewrite(String pathSuffix, UnaryOperator<String> edit) {
        rewrites.put(pathSuffix, edit);
    }

    /** For an emulator without disputes (localstripe answers 404): the list of disputes is answered empty, as Stripe does when there are none. */
    public StripeFaultProxy withoutDisputes() {
        noDisputes = true;
        return this;
    }

    public void stopRewriting(String pathSuffix) {
        rewrites.remove(pathSuffix);
    }

    public void clearRewrites() {
        rewrites.clear();
    }

    /** From now on, break requests at random as {@code faults} says. */
    public void injectFaults(RandomFaults faults) {
        this.randomFaults = faults;
    }

    /** Answers for paths ending with {@code pathSuffix} reach the client only after {@code delay} (zero: at once). */
    public void holdAnswers(String pathSuffix, Duration delay) {
        held.put(pathSuffix, delay);
    }

    public void stopFaults() {
        this.randomFaults = null;
    }

    /** The statuses of the PaymentIntents the emulator created, by our payment id (from their metadata). */
    public Map<String, List<String>> intentsByPayment() {
        return Map.copyOf(intentsByPayment);
    }

    /** Requests that reached the emulator (repeats answered from the idempotency cache do not). */
    public int forwarded(String pathSuffix) {
        return forwarded.entrySet().stream().filter(e -> e.getKey().endsWith(pathSuffix)).mapToInt(e -> e.getValue().get()).sum();
    }

    public int count(String pathSuffix) {
        return counts.entrySet().stream().filter(e -> e.getKey().endsWith(pathSuffix)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Every request received so far, in order, as {@code "METHOD /path?query body"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + new String(body, StandardCharsets.UTF_8));
        Fault fault = faults.keySet().stream().filter(path::endsWith).findFirst().map(faults::remove).orElse(null);
        if (fault != null) {
            reply(exchange, fault.status(), fault.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        RandomFaults chaos = randomFaults;
        RandomFaults.Kind broken = chaos == null ? null : chaos.next(path);
        if (broken == RandomFaults.Kind.SERVER_ERROR) {
            reply(exchange, 500, STRIPE_ERROR);
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String cacheKey = "POST".equals(exchange.getRequestMethod()) && key != null ? key : null;
        Answer answer = cacheKey == null ? forward(exchange, body) : idempotent(cacheKey, exchange, body);
        Duration hold = held.entrySet().stream().filter(e -> path.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(Duration.ZERO);
        if (!hold.isZero()) {
            try {
                Thread.sleep(hold.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (broken == RandomFaults.Kind.RESET_AFTER_FORWARD) {
            exchange.close();
            return;
        }
        if (broken == RandomFaults.Kind.TIMEOUT_AFTER_FORWARD) {
            try {
                Thread.sleep(chaos.hold().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtomicInteger lose = lostAnswers.entrySet().stream().filter(e -> path.endsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (lose != null && lose.getAndDecrement() > 0) {
            reply(exchange, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"An error occurred with our connection to Stripe.\"}}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String[] decline = "POST".equals(exchange.getRequestMethod()) && answer.status() == 200
                ? declines.keySet().stream().filter(path::endsWith).findFirst().map(declines::remove).orElse(null) : null;
        if (decline != null) {
            reply(exchange, 402, declined(answer.body(), decline[0], decline[1]).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (noDisputes && "GET".equals(exchange.getRequestMethod()) && path.equals("/v1/disputes") && answer.status() == 404) {
            answer = new Answer(200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/disputes\"}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = answer.body();
        if (state != null && answer.status() == 200) {
            // stripe-mock validated the request; what Stripe says now about a known object is kept in the state.
            out = state.answer(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery())
                    .map(known -> known.getBytes(StandardCharsets.UTF_8)).orElse(out);
        }
        boolean rewritten = false;
        for (var rule : rewrites.entrySet()) {
            if (path.endsWith(rule.getKey()) && answer.status() == 200) {
                out = rule.getValue().apply(new String(out, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                rewritten = true;
            }
        }
        // What Stripe answered last is what it says from then on (it does not go back once the test stops rewriting).
        if (state != null && answer.status() == 200 && ("POST".equals(exchange.getRequestMethod()) || rewritten)) {
            state.put(new String(out, StandardCharsets.UTF_8));
        }
        reply(exchange, answer.status(), out);
    }

    /**
     * Stripe's idempotency: the first request with a key is forwarded; every later one, even one
     * sent while the first is still in flight (a client retrying after its timeout), gets the
     * first one's answer. A 5xx is not kept, so a retry after it is forwarded again, except one
     * {@link #failSavedUnderKey} asked for.
     */
    private Answer idempotent(String key, HttpExchange exchange, byte[] body) throws IOException {
        String parameters = exchange.getRequestURI().getPath() + "?" + new String(body, StandardCharsets.UTF_8);
        String first = firstParameters.putIfAbsent(key, parameters);
        if (first != null && !first.equals(parameters)) {
            return new Answer(400, ("{\"error\":{\"type\":\"idempotency_error\",\"message\":\"Keys for idempotent requests can only"
                    + " be used with the same parameters they were first used with. Try using a key other than '" + key
                    + "' if you meant to execute a different request.\"}}").getBytes(StandardCharsets.UTF_8));
        }
        while (true) {
            CompletableFuture<Answer> mine = new CompletableFuture<>();
            CompletableFuture<Answer> earlierAnswer = answered.putIfAbsent(key, mine);
            if (earlierAnswer != null) {
                Answer earlier = earlierAnswer.join();
                if (earlier.status() < 500 || keysKeepingErrors.contains(key)) {
                    return earlier;
                }
                answered.remove(key, earlierAnswer);
                continue;
            }
            String path = exchange.getRequestURI().getPath();
            Boolean savedError = savedErrors.keySet().stream().filter(path::endsWith).findFirst().map(savedErrors::remove).orElse(null);
            Answer answer;
            try {
                answer = savedError == null || savedError ? forward(exchange, body) : null;
            } catch (IOException | RuntimeException e) {
                answer = new Answer(502, new byte[0]);
            }
            if (savedError != null) {
                keysKeepingErrors.add(key); // before the answer is published, so no repeat can miss it
                answer = new Answer(500, STRIPE_ERROR);
            }
            mine.complete(answer);
            return answer;
        }
    }

    private Answer forward(HttpExchange exchange, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        forwarded.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                forward.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/v1/payment_intents") && response.statusCode() == 200) {
                recordIntent(response.body());
            }
            return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(502, new byte[0]);
        }
    }

    private String declined(byte[] created, String code, String message) {
        JsonObject intent = JsonParser.parseString(new String(created, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject error = new JsonObject();
        error.addProperty("type", "card_error");
        error.addProperty("code", code);
        error.addProperty("decline_code", code);
        error.addProperty("message", message);
        intent.addProperty("status", "requires_payment_method");
        intent.add("last_payment_error", error.deepCopy());
        if (state != null) {
            state.put(intent.toString());
        }
        error.add("payment_intent", intent);
        JsonObject answer = new JsonObject();
        answer.add("error", error);
        return answer.toString();
    }

    private void recordIntent(byte[] body) {
        JsonObject intent = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonElement metadata = intent.get("metadata");
        JsonElement payment = metadata != null && metadata.isJsonObject() ? metadata.getAsJsonObject().get("ledgerline_payment_id") : null;
        if (payment != null) {
            intentsByPayment.computeIfAbsent(payment.getAsString(), p -> new CopyOnWriteArrayList<>()).add(intent.get("status").getAsString());
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        try {
            send(exchange, status, body);
        } catch (IOException clientGone) {
            exchange.close(); // the client stopped waiting (a "timeout" fault)
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_proxy");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
