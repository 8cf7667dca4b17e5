package dev.ledgerline.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code billing.login.*}: what a login or sign-up may cost the instance (docs/configuration.md).
 * The per email+address failure limit stays {@code billing.login-max-failures} /
 * {@code billing.login-lockout}.
 *
 * @param maxConcurrentHashes PBKDF2 computations at once on this instance; 0: half the cores, at least 1
 * @param hashQueue           requests that may wait for a hashing slot; more are refused at once
 * @param hashQueueWait       how long one of them waits before it is refused
 * @param addressBurst        attempts one client address may make at once (token bucket size)
 * @param addressPerMinute    attempts per minute it gets back (the bucket's refill)
 * @param addressesTracked    client addresses an instance keeps a bucket for at most
 * @param emailMaxFailures    attempts on one email from addresses without a recent success, per lock-out window
 * @param knownAddressFor     how long a successful login from an address exempts it from that limit
 */
@ConfigurationProperties("billing.login")
public record LoginProperties(
        @Bindable(defaultValue = "0") int maxConcurrentHashes,
        @Bindable(defaultValue = "4") int hashQueue,
        @Bindable(defaultValue = "1s") Duration hashQueueWait,
        @Bindable(defaultValue = "10") int addressBurst,
        @Bindable(defaultValue = "30") int addressPerMinute,
        @Bindable(defaultValue = "100000") int addressesTracked,
        @Bindable(defaultValue = "100") int emailMaxFailures,
        @Bindable(defaultValue = "30d") Duration knownAddressFor) {

    /** The bound: half the cores leaves the other half to payments while a login flood runs. */
    int hashingSlots() {
        return maxConcurrentHashes > 0 ? maxConcurrentHashes : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
