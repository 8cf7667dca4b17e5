package dev.ledgerline.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's own logback.xml: one JSON object per line by default, a readable line with LOG_FORMAT=text. */
class LogFormatTest {

    private static Encoder<ILoggingEvent> encoderOf(Map<String, String> properties) throws Exception {
        LoggerContext context = new LoggerContext();
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
        return appender.getEncoder();
    }

    private static ILoggingEvent event() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("dev.ledgerline.payments.PaymentAttempts"), Level.INFO,
                "Payment {} attempt {} declined", null, new Object[] {"pay_123", 1});
        event.setMDCPropertyMap(Map.of(RequestIdFilter.MDC_REQUEST_ID, "req-1", RequestIdFilter.MDC_ACCOUNT_ID, "acct_1"));
        return event;
    }

    @Test
    void jsonByDefault() throws Exception {
        String line = new String(encoderOf(Map.of()).encode(event()), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line per event");
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("INFO", json.get("level").asText());
        assertEquals("dev.ledgerline.payments.PaymentAttempts", json.get("loggerName").asText());
        assertEquals("Payment pay_123 attempt 1 declined", json.get("formattedMessage").asText());
        assertEquals("req-1", json.at("/mdc/requestId").asText());
        assertEquals("acct_1", json.at("/mdc/accountId").asText());
        assertTrue(json.get("timestamp").asLong() > 0);
        assertFalse(json.has("arguments"), "arguments are in the message already");
        assertFalse(json.has("context"), "the logger context's properties are not repeated on every line");
    }

    @Test
    void readableWithLogFormatText() throws Exception {
        String line = new String(encoderOf(Map.of("LOG_FORMAT", "text")).encode(event()), StandardCharsets.UTF_8);
        assertFalse(line.startsWith("{"), line);
        assertTrue(line.contains("[req-1 acct_1] - Payment pay_123 attempt 1 declined"), line);
    }
}
