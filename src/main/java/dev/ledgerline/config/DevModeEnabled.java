package dev.ledgerline.config;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * For beans that exist only in dev mode (so outside it their routes do not exist at all). Reads
 * {@code billing.dev-mode} with the same conversion as {@link BillingProperties}, so both agree.
 */
public final class DevModeEnabled implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty("billing.dev-mode", Boolean.class).orElse(false);
    }
}
