package dev.ledgerline.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code billing.http.*}: {@code trusted-proxies} is a comma-separated list of addresses or CIDRs
 * (the load balancer's subnets) whose {@code X-Forwarded-For} / {@code Forwarded} are believed.
 * Unset: none, the socket's peer is the client.
 */
@ConfigurationProperties("billing.http")
public record HttpProperties(@Nullable String trustedProxies) {
}
