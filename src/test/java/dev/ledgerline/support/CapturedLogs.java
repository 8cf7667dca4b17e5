package dev.ledgerline.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything the service logs (it runs in the test's JVM) from {@link #start()} to {@link #close()},
 * as the lines the log would hold: the formatted message and, when one was logged, the stack trace.
 */
public final class CapturedLogs implements AutoCloseable {

    private static final String MARKER = "Capturing the service's log";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        LoggerFactory.getLogger(CapturedLogs.class).info(MARKER);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /** One captured event: what the log line says, and the MDC it carried (requestId, accountId). */
    public record Captured(String level, String logger, String message, Map<String, String> mdc) {
    }

    public List<Captured> captured() {
        return events().stream().map(e -> new Captured(e.getLevel().toString(), e.getLoggerName(), e.getFormattedMessage(),
                Map.copyOf(e.getMDCPropertyMap()))).toList();
    }

    public List<String> lines() {
        return events().stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getMDCPropertyMap() + " - " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }

    /** True when the appender sees what is logged at INFO through the root logger, as the service's log lines are. */
    public boolean isCapturing() {
        return lines().stream().anyMatch(line -> line.endsWith(MARKER));
    }

    /**
     * The lines that carry a stack trace, but one: when a client streams a body over
     * {@code micronaut.server.max-request-size} without waiting for 100-continue, Micronaut 4.10
     * answers 413 and then trips an {@code assert} of its own while releasing the body, logged as
     * "Failed to build error response". Only JVMs with assertions enabled (the test runs) log it;
     * the service runs without them, where the same request logs nothing (checked by hand).
     */
    public List<String> withStackTraces() {
        return events().stream().filter(e -> e.getThrowableProxy() != null).filter(e -> !isMicronautBodyReleaseAssertion(e))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage()).toList();
    }

    private static boolean isMicronautBodyReleaseAssertion(ILoggingEvent e) {
        return e.getLoggerName().equals("io.micronaut.http.server.netty.RoutingInBoundHandler")
                && e.getThrowableProxy().getClassName().equals(AssertionError.class.getName())
                && e.getThrowableProxy().getStackTraceElementProxyArray().length > 0
                && e.getThrowableProxy().getStackTraceElementProxyArray()[0].getStackTraceElement().getClassName()
                        .equals("io.micronaut.http.body.stream.BaseSharedBuffer");
    }

    /** The log is being captured, no line holds a secret or one of {@code tokens}, and none a stack trace. */
    public void assertClean(Collection<String> tokens) {
        assertTrue(isCapturing(), "the service's log is captured");
        for (String line : lines()) {
            List<String> leaks = Leaks.secretsIn(line, tokens);
            assertTrue(leaks.isEmpty(), () -> "a log line contains " + leaks);
        }
        assertEquals(List.of(), withStackTraces(), "no stack trace is logged");
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
