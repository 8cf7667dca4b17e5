package dev.ledgerline.support;

import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Something done right after the service's matching DynamoDB call has answered, off until armed:
 * another writer's change landing exactly between two of the service's reads, on every try or
 * on the first few, instead of hoping a concurrent thread hits that moment.
 */
@Singleton
public class DynamoHooks extends StoreInterceptor {

    private volatile Predicate<SdkRequest> when;
    private volatile Runnable then;
    private final AtomicInteger left = new AtomicInteger();
    public final AtomicInteger fired = new AtomicInteger();

    /** Runs {@code then} after each of the next {@code times} calls that {@code when} matches. */
    public void arm(Predicate<SdkRequest> when, int times, Runnable then) {
        fired.set(0);
        left.set(times);
        this.then = then;
        this.when = when;
    }

    public void disarm() {
        when = null;
        left.set(0);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Predicate<SdkRequest> matching = when;
        if (matching != null && matching.test(context.request()) && left.getAndDecrement() > 0) {
            fired.incrementAndGet();
            then.run();
        }
    }
}
