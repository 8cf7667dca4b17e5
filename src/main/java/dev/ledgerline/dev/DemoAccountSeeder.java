package dev.ledgerline.dev;

import dev.ledgerline.auth.SignUp;
import dev.ledgerline.config.BillingSettings;
import dev.ledgerline.errors.Conflict;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In dev mode, makes sure the demo login given by BILLING_DEMO_EMAIL / BILLING_DEMO_PASSWORD
 * exists (scripts/run.sh chooses a fresh password and prints it; the service never logs it).
 */
@Singleton
@Requires(property = "billing.demo.email")
@Requires(property = "billing.demo.password")
public class DemoAccountSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoAccountSeeder.class);

    private final SignUp signUp;
    private final BillingSettings settings;
    private final String email;
    private final String password;

    public DemoAccountSeeder(SignUp signUp, BillingSettings settings,
                             @Value("${billing.demo.email}") String email,
                             @Value("${billing.demo.password}") String password) {
        this.signUp = signUp;
        this.settings = settings;
        this.email = email;
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!settings.devMode()) {
            LOG.warn("billing.demo.* is set but dev mode is off; no demo account is created");
            return;
        }
        try {
            signUp.createAccount(email, password, "Demo account");
            LOG.info("Created the demo account for {}", email);
        } catch (Conflict e) {
            LOG.info("The demo account for {} already exists", email);
        }
    }
}
