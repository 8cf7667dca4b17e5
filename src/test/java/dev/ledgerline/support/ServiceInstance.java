package dev.ledgerline.support;

import dev.ledgerline.config.BillingSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;

import java.net.URL;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

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

    /** An instance on a table of its own ({@code tableName}, made at start-up in dev mode), with these extra properties. */
    public static ServiceInstance onTable(String tableName, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("billing.table-name", tableName);
        return new ServiceInstance(ApplicationContext.run(all, "test"));
    }

    public URL url() {
        return server.getURL();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Stops it at once, requests in flight included: a crash, as far as its work is concerned. Returns
     * once the threads that were serving its requests have ended: a request held up (say in a Stripe
     * call) would otherwise go on after the test, and what it logs on the closed context (errors with
     * stack traces) landed in the next test class's captured log, failing its "no stack trace" check.
     */
    @Override
    public void close() {
        // BLOCKING (thread-selection) may be the IO executor itself or one of its own.
        Set<ExecutorService> requestThreads = new LinkedHashSet<>(List.of(
                context.getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.IO)),
                context.getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.BLOCKING))));
        context.close();
        for (ExecutorService threads : requestThreads) {
            threads.shutdown();
            try {
                threads.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
