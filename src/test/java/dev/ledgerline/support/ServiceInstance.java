package dev.ledgerline.support;

import dev.ledgerline.config.BillingSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

/**
 * Another instance of the service, in the same JVM but with its own application context, server,
 * Stripe client and clock, sharing the first instance's table: what two instances behind a load
 * balancer share.
 */
public final class ServiceInstance implements AutoCloseable {

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private ServiceInstance(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class).start();
    }

    /** A second instance on the table of {@code first}, with these extra properties (e.g. its Stripe base). */
    public static ServiceInstance besides(ApplicationContext first, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("billing.table-name", first.getBean(BillingSettings.class).tableName());
        return new ServiceInstance(ApplicationContext.run(all, "test"));
    }

    public URL url() {
        return server.getURL();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Stops it at once, requests in flight included: a crash, as far as its work is concerned. */
    @Override
    public void close() {
        context.close();
    }
}
