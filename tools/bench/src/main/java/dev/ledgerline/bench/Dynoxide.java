package dev.ledgerline.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's own dynoxide, with its database in a file (on tmpfs where there is one) so it
 * can be restarted without losing the data.
 *
 * <p>Why restart it: dynoxide keeps every {@code TransactWriteItems} ClientRequestToken of the
 * last 10 minutes (the AWS SDK sends one with every transaction) and scans all of them on each
 * transaction to evict the expired ones, so a transaction costs more the more transactions came
 * before it (0.5 ms of dynoxide CPU on a fresh server, 1.4 ms after ~22,000). DynamoDB does not
 * work that way. The measured period of each transaction row therefore starts on a freshly started
 * dynoxide (restarted after the warm-up), so the raw row and the service row start from the same
 * store state. The cost still grows during the 15 s measured, and more for the faster of the two.
 */
final class Dynoxide implements AutoCloseable {

    private final Path binary;
    private final Path database;
    private final Path log;
    private final int port;
    private Process process;

    private Dynoxide(Path binary, Path database, Path log, int port) {
        this.binary = binary;
        this.database = database;
        this.log = log;
        this.port = port;
    }

    static Dynoxide start(Path binary, Path log) throws Exception {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        Path database = Files.createTempFile(dir, "ledgerline-bench-", ".db");
        Files.delete(database);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Dynoxide dynoxide = new Dynoxide(binary, database, log, port);
        dynoxide.launch();
        return dynoxide;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops and starts it again on the same port and database: its token cache starts empty. */
    void restart() throws Exception {
        stop();
        launch();
    }

    private void launch() throws Exception {
        process = new ProcessBuilder(List.of(binary.toString(), "serve", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--db-path", database.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynoxide exited; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("dynoxide did not listen on " + port + " in 30 s; see " + log);
    }

    private void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        stop();
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Files.deleteIfExists(Path.of(database + suffix));
        }
    }
}
