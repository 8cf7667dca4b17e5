package dev.ledgerline.documents;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Who the receipts and statements are from ({@code BILLING_BUSINESS_NAME},
 * {@code BILLING_BUSINESS_ADDRESS}: lines separated by {@code |} or new lines). A deployment sets
 * its own; the defaults only say that it has not.
 */
@ConfigurationProperties("billing.business")
public record BusinessProperties(
        @Bindable(defaultValue = "Ledgerline") String name,
        @Bindable(defaultValue = "") String address) {

    public java.util.List<String> addressLines() {
        return java.util.Arrays.stream(address.split("[|\\n]")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
