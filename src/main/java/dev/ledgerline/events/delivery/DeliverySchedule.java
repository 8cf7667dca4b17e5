package dev.ledgerline.events.delivery;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Whether this instance runs the deliverer on a schedule: {@code billing.delivery.enabled} when set
 * ({@code BILLING_DELIVERY_ENABLED}), else {@code billing.jobs.enabled}, like the other jobs.
 */
public final class DeliverySchedule implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty("billing.delivery.enabled", Boolean.class)
                .orElseGet(() -> context.getProperty("billing.jobs.enabled", Boolean.class).orElse(true));
    }
}
