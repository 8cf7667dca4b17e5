package dev.ledgerline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Forwards DynamoDB calls to dynoxide and counts them: put between the service and the store for
 * the (untimed) pass that counts round trips per request. It also adds
 * {@code ReturnConsumedCapacity: INDEXES} to every call that takes it and sums the units dynoxide
 * reports (table plus indexes, sized as DynamoDB sizes them), so the pass also gives each
 * request's read and write request units. The service never asks for them itself; the SDK reads
 * the extra field and drops it.
 */
final class CountingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "expect");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The calls that take ReturnConsumedCapacity, and whether what they consume is read units. */
    private static final Map<String, Boolean> READS = Map.ofEntries(Map.entry("GetItem", true), Map.entry("Query", true),
            Map.entry("Scan", true), Map.entry("BatchGetItem", true), Map.entry("TransactGetItems", true),
            Map.entry("PutItem", false), Map.entry("UpdateItem", false), Map.entry("DeleteItem", false),
            Map.entry("BatchWriteItem", false), Map.entry("TransactWriteItems", false));

    private final AtomicLong calls = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final PrintWriter log;

    /** {@code log}: one line per call (operation, request bytes, the capacity reported), to see where units go. */
    CountingProxy(String target, Path log) throws IOException {
        this.target = URI.create(target);
        this.log = new PrintWriter(Files.newBufferedWriter(log), true);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long calls() {
        return calls.get();
    }

    /**
     * Read request units consumed so far, table and indexes. Only successful calls: dynoxide reports
     * nothing for a failed condition, which DynamoDB bills as a write.
     */
    double readUnits() {
        return readUnits.sum();
    }

    double writeUnits() {
        return writeUnits.sum();
    }

    private void forward(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Boolean reads = operation == null ? null : READS.get(operation.substring(operation.indexOf('.') + 1));
        if (reads != null) {
            body = askForCapacity(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (reads != null && response.statusCode() == 200) {
                JsonNode consumed = JSON.readTree(response.body()).path("ConsumedCapacity");
                (reads ? readUnits : writeUnits).add(units(consumed));
                log.println(operation + " " + body.length + " B " + consumed);
            }
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    /** The body with ReturnConsumedCapacity set (the SDK's signature is not checked by dynoxide). */
    private static byte[] askForCapacity(byte[] body) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(body);
        request.put("ReturnConsumedCapacity", "INDEXES");
        return JSON.writeValueAsBytes(request);
    }

    /** CapacityUnits of the answer (table and indexes): one object, or one per table for batches and transactions. */
    private static double units(JsonNode consumed) {
        double units = 0;
        Iterable<JsonNode> tables = consumed.isArray() ? consumed : List.of(consumed);
        for (JsonNode table : tables) {
            units += table.path("CapacityUnits").asDouble(0);
        }
        return units;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        log.close();
    }
}
