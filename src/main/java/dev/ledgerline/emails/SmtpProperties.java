package dev.ledgerline.emails;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The SMTP server the customer emails go through ({@code SMTP_*}). Without {@code SMTP_HOST}
 * nothing is sent. {@code SMTP_STARTTLS} (true) requires STARTTLS before the login; only a relay
 * on loopback (mailpit in the tests) should turn it off.
 */
@ConfigurationProperties("smtp")
public record SmtpProperties(
        @Nullable String host,
        @Bindable(defaultValue = "587") int port,
        @Nullable String username,
        @Nullable String password,
        @Bindable(defaultValue = "billing@localhost") String from,
        @Bindable(defaultValue = "true") boolean starttls,
        @Bindable(defaultValue = "10s") Duration timeout) {

    public boolean enabled() {
        return host != null && !host.isBlank();
    }

    /** Without the password: this record may be logged. */
    @Override
    public String toString() {
        return "SmtpProperties[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from + ", starttls=" + starttls + "]";
    }
}
