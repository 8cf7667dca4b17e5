package dev.ledgerline.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundListParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodDetachParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentVerifyMicrodepositsParams;
import dev.ledgerline.config.StripeSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The only class that calls the Stripe SDK. Every write takes an idempotency key built by the
 * caller from our own id and the operation, so a retry can never create a second object. Errors
 * leave here as {@link StripeRejection} (Stripe said no; its message is safe to show) or as a 502
 * problem (Stripe unreachable or failing; nothing is known to have happened). Every call is timed
 * as {@code ledgerline.stripe.calls} by operation and outcome ({@code ok}, {@code rejected},
 * {@code unavailable}).
 */
@Singleton
public class StripeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StripeGateway.class);
    public static final String ACCOUNT_METADATA = "ledgerline_account_id";
    static final String CALLS_METRIC = "ledgerline.stripe.calls";
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final StripeClient stripe;
    private final MeterRegistry meters;
    private final StripeSettings settings;

    public StripeGateway(StripeClient stripe, MeterRegistry meters, StripeSettings settings) {
        this.stripe = stripe;
        this.meters = meters;
        this.settings = settings;
    }

    /**
     * A cheap authenticated read ({@code GET /v1/balance}) for the health check: returns when
     * Stripe answered it with our key within {@code timeout}, with no retry. The body is not
     * read: only that Stripe answered matters (and localstripe's balance has another shape).
     *
     * @throws StripeUnavailable when it did not (or refused our key)
     */
    public void ping(Duration timeout) {
        int millis = (int) timeout.toMillis();
        call("balance.retrieve", () -> stripe.rawRequest(ApiResource.RequestMethod.GET, "/v1/balance", null,
                RawRequestOptions.builder().setConnectTimeout(millis).setReadTimeout(millis).setMaxNetworkRetries(0).build()));
    }

    /** @return the new customer's id */
    public String createCustomer(String accountId, String accountName, String idempotencyKey) {
        return call("customers.create", () -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .setName(accountName)
                .putMetadata(ACCOUNT_METADATA, accountId)
                .build(), idempotent(idempotencyKey))).getId();
    }

    /** Sets (or, with null, clears) the customer's default payment method for invoices and off-session use. */
    public void setCustomerDefaultPaymentMethod(String customerId, @Nullable String paymentMethodId, String idempotencyKey) {
        CustomerUpdateParams.InvoiceSettings.Builder invoice = CustomerUpdateParams.InvoiceSettings.builder();
        if (paymentMethodId == null) {
            invoice.setDefaultPaymentMethod(com.stripe.param.common.EmptyParam.EMPTY);
        } else {
            invoice.setDefaultPaymentMethod(paymentMethodId);
        }
        call("customers.update", () -> stripe.v1().customers().update(customerId,
                CustomerUpdateParams.builder().setInvoiceSettings(invoice.build()).build(), idempotent(idempotencyKey)));
    }

    public StripeSetupIntent createCardSetupIntent(String customerId, String accountId, String idempotencyKey) {
        return StripeMapping.setupIntent(call("setup_intents.create", () -> stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customerId)
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .addPaymentMethodType("card")
                .putMetadata(ACCOUNT_METADATA, accountId)
                .build(), idempotent(idempotencyKey))));
    }

    /** ACH debit; "automatic" verification uses instant verification when it can and microdeposits otherwise. */
    public StripeSetupIntent createUsBankSetupIntent(String customerId, String accountId, String idempotencyKey) {
        return StripeMapping.setupIntent(call("setup_intents.create", () -> stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customerId)
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .addPaymentMethodType("us_bank_account")
                .setPaymentMethodOptions(SetupIntentCreateParams.PaymentMethodOptions.builder()
                        .setUsBankAccount(SetupIntentCreateParams.PaymentMethodOptions.UsBankAccount.builder()
                                .setVerificationMethod(SetupIntentCreateParams.PaymentMethodOptions.UsBankAccount.VerificationMethod.AUTOMATIC)
                                .setFinancialConnections(SetupIntentCreateParams.PaymentMethodOptions.UsBankAccount.FinancialConnections.builder()
                                        .addPermission(SetupIntentCreateParams.PaymentMethodOptions.UsBankAccount.FinancialConnections.Permission.PAYMENT_METHOD)
                                        .build())
                                .build())
                        .build())
                .putMetadata(ACCOUNT_METADATA, accountId)
                .build(), idempotent(idempotencyKey))));
    }

    public StripeSetupIntent verifyMicrodeposits(String setupIntentId, @Nullable List<Long> amounts, @Nullable String descriptorCode,
                                           String idempotencyKey) {
        SetupIntentVerifyMicrodepositsParams.Builder params = SetupIntentVerifyMicrodepositsParams.builder();
        if (amounts != null) {
            params.addAllAmount(amounts);
        }
        if (descriptorCode != null) {
            params.setDescriptorCode(descriptorCode);
        }
        return StripeMapping.setupIntent(call("setup_intents.verify_microdeposits", () -> stripe.v1().setupIntents()
                .verifyMicrodeposits(setupIntentId, params.build(), idempotent(idempotencyKey))));
    }

    public StripeSetupIntent retrieveSetupIntent(String setupIntentId) {
        return StripeMapping.setupIntent(call("setup_intents.retrieve", () -> stripe.v1().setupIntents().retrieve(setupIntentId)));
    }

    public StripePaymentMethod retrievePaymentMethod(String paymentMethodId) {
        return StripeMapping.paymentMethod(call("payment_methods.retrieve", () -> stripe.v1().paymentMethods().retrieve(paymentMethodId)));
    }

    public StripePaymentMethod detachPaymentMethod(String paymentMethodId, String idempotencyKey) {
        return StripeMapping.paymentMethod(call("payment_methods.detach", () -> stripe.v1().paymentMethods().detach(paymentMethodId,
                PaymentMethodDetachParams.builder().build(), idempotent(idempotencyKey))));
    }

    /**
     * Charges a saved method off-session, confirming at once. The metadata names our payment, so
     * webhooks and the janitor find it; the key names the payment and attempt, so a replay after
     * a lost answer returns the same PaymentIntent instead of charging again.
     */
    public StripePaymentIntent chargeOffSession(OffSessionCharge charge, String idempotencyKey) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(charge.amount())
                .setCurrency(charge.currency())
                .setCustomer(charge.customerId())
                .setPaymentMethod(charge.paymentMethodId())
                .addPaymentMethodType(charge.paymentMethodType())
                .setConfirm(true)
                .setOffSession(true)
                .putAllMetadata(charge.metadata());
        return StripeMapping.paymentIntent(call("payment_intents.create",
                () -> stripe.v1().paymentIntents().create(params.build(), idempotent(idempotencyKey))));
    }

    public StripePaymentIntent retrievePaymentIntent(String paymentIntentId) {
        return StripeMapping.paymentIntent(call("payment_intents.retrieve", () -> stripe.v1().paymentIntents().retrieve(paymentIntentId)));
    }

    public StripePaymentIntent cancelPaymentIntent(String paymentIntentId, String idempotencyKey) {
        return StripeMapping.paymentIntent(call("payment_intents.cancel", () -> stripe.v1().paymentIntents().cancel(paymentIntentId,
                PaymentIntentCancelParams.builder().build(), idempotent(idempotencyKey))));
    }

    /** PaymentIntents carrying {@code metadata[key] = value} (Stripe's search index lags by up to a minute). */
    public List<StripePaymentIntent> searchPaymentIntents(String metadataKey, String value) {
        String query = "metadata['" + metadataKey + "']:'" + value.replace("'", "") + "'";
        return call("payment_intents.search", () -> stripe.v1().paymentIntents()
                .search(PaymentIntentSearchParams.builder().setQuery(query).build()).getData())
                .stream().map(StripeMapping::paymentIntent).toList();
    }

    public StripeCheckoutSession createCheckoutSession(CheckoutRequest request, String idempotencyKey) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomer(request.customerId())
                .setClientReferenceId(request.accountId())
                .setSuccessUrl(settings.successUrl())
                .setCancelUrl(settings.cancelUrl())
                .setExpiresAt(request.expiresAtEpochSecond())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(request.currency())
                                .setUnitAmount(request.amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(request.description()).build())
                                .build())
                        .build())
                .putAllMetadata(request.metadata())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putAllMetadata(request.metadata()).build())
                .build();
        return StripeMapping.checkoutSession(call("checkout.sessions.create",
                () -> stripe.v1().checkout().sessions().create(params, idempotent(idempotencyKey))));
    }

    public StripeCheckoutSession retrieveCheckoutSession(String sessionId) {
        return StripeMapping.checkoutSession(call("checkout.sessions.retrieve", () -> stripe.v1().checkout().sessions().retrieve(sessionId)));
    }

    public StripeCharge retrieveCharge(String chargeId) {
        return StripeMapping.charge(call("charges.retrieve", () -> stripe.v1().charges().retrieve(chargeId)));
    }

    /** Every refund of the charge, following Stripe's pages (100 a page). */
    public List<StripeRefund> listRefunds(String chargeId) {
        return call("refunds.list", () -> all(stripe.v1().refunds()
                .list(RefundListParams.builder().setCharge(chargeId).setLimit(100L).build()).autoPagingIterable(), StripeMapping::refund));
    }

    /** Every refund of the PaymentIntent's charges, in any status, following Stripe's pages. */
    public List<StripeRefund> listRefundsOfIntent(String paymentIntentId) {
        return call("refunds.list", () -> all(stripe.v1().refunds()
                .list(RefundListParams.builder().setPaymentIntent(paymentIntentId).setLimit(100L).build()).autoPagingIterable(),
                StripeMapping::refund));
    }

    /**
     * Gives back {@code amount} of the PaymentIntent's charge; the key names our refund request, so a
     * retry after a lost answer returns the same refund. Stripe refuses more than is left to refund.
     */
    public StripeRefund createRefund(String paymentIntentId, long amount, Map<String, String> metadata, String idempotencyKey) {
        return StripeMapping.refund(call("refunds.create", () -> stripe.v1().refunds().create(com.stripe.param.RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId).setAmount(amount).putAllMetadata(metadata).build(), idempotent(idempotencyKey))));
    }

    public StripeRefund retrieveRefund(String refundId) {
        return StripeMapping.refund(call("refunds.retrieve", () -> stripe.v1().refunds().retrieve(refundId)));
    }

    public StripeDispute retrieveDispute(String disputeId) {
        return StripeMapping.dispute(call("disputes.retrieve", () -> stripe.v1().disputes().retrieve(disputeId)));
    }

    /** Every dispute (and inquiry) of the PaymentIntent's charges, following Stripe's pages. */
    public List<StripeDispute> listDisputesOfIntent(String paymentIntentId) {
        return call("disputes.list", () -> all(stripe.v1().disputes().list(com.stripe.param.DisputeListParams.builder()
                .setPaymentIntent(paymentIntentId).setLimit(100L).build()).autoPagingIterable(), StripeMapping::dispute));
    }

    /**
     * What Stripe created at or after {@code createdFrom} (epoch seconds) and may have moved money
     * since: PaymentIntents, refunds and disputes, newest first, at most {@code limit} of each.
     */
    public RecentActivity activitySince(long createdFrom, int limit) {
        return call("reconciliation.list", () -> new RecentActivity(
                first(stripe.v1().paymentIntents().list(com.stripe.param.PaymentIntentListParams.builder()
                        .setCreated(com.stripe.param.PaymentIntentListParams.Created.builder().setGte(createdFrom).build())
                        .setLimit(100L).build()).autoPagingIterable(), limit, StripeMapping::paymentIntent),
                first(stripe.v1().refunds().list(RefundListParams.builder()
                        .setCreated(RefundListParams.Created.builder().setGte(createdFrom).build())
                        .setLimit(100L).build()).autoPagingIterable(), limit, StripeMapping::refund),
                first(stripe.v1().disputes().list(com.stripe.param.DisputeListParams.builder()
                        .setCreated(com.stripe.param.DisputeListParams.Created.builder().setGte(createdFrom).build())
                        .setLimit(100L).build()).autoPagingIterable(), limit, StripeMapping::dispute)));
    }

    private static <S, T> List<T> all(Iterable<S> pages, java.util.function.Function<S, T> map) {
        return first(pages, Integer.MAX_VALUE, map);
    }

    /** The first {@code limit} objects of a paged list (the SDK fetches further pages as they are read). */
    private static <S, T> List<T> first(Iterable<S> pages, int limit, java.util.function.Function<S, T> map) {
        List<T> out = new java.util.ArrayList<>();
        for (S object : pages) {
            if (out.size() == limit) {
                break;
            }
            out.add(map.apply(object));
        }
        return out;
    }

    /**
     * Every event Stripe created at or after {@code createdFrom} (epoch seconds), oldest first,
     * following Stripe's pages. Stripe keeps events for 30 days.
     */
    public List<StripeEvent> eventsSince(long createdFrom) {
        return call("events.list", () -> {
            List<StripeEvent> events = new java.util.ArrayList<>();
            for (com.stripe.model.Event event : stripe.v1().events().list(com.stripe.param.EventListParams.builder()
                    .setCreated(com.stripe.param.EventListParams.Created.builder().setGte(createdFrom).build())
                    .setLimit(100L).build()).autoPagingIterable()) {
                events.add(new StripeEvent(event));
            }
            java.util.Collections.reverse(events);
            return events;
        });
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private <T> T call(String operation, StripeCall<T> call) {
        Timer.Sample started = Timer.start(meters);
        String outcome = "unavailable";
        try {
            T result = call.call();
            outcome = "ok";
            return result;
        } catch (CardException | InvalidRequestException | IdempotencyException e) {
            outcome = "rejected";
            LOG.info("Stripe refused {}: {} ({})", operation, e.getCode(), e.getStatusCode());
            String intent = e.getStripeError() != null && e.getStripeError().getPaymentIntent() != null
                    ? e.getStripeError().getPaymentIntent().getId() : null;
            String declineCode = e instanceof CardException card ? card.getDeclineCode()
                    : e.getStripeError() == null ? null : e.getStripeError().getDeclineCode();
            throw new StripeRejection(userMessage(e), e.getCode(), declineCode, intent, e.getStatusCode() == null ? 400 : e.getStatusCode());
        } catch (AuthenticationException e) {
            LOG.error("Stripe refused our credentials on {} (check STRIPE_SECRET_KEY)", operation);
            throw unavailable();
        } catch (StripeException e) {
            LOG.warn("Stripe call {} failed: {} {}", operation, e.getClass().getSimpleName(), e.getStatusCode());
            // Stripe's own error body tells its 5xx apart from a timeout or a proxy's page: only Stripe saves it under the key.
            boolean stripeFailed = e.getStatusCode() != null && e.getStatusCode() >= 500 && e.getStripeError() != null;
            throw stripeFailed ? new StripeServerError(e.getStatusCode()) : unavailable();
        } finally {
            started.stop(Timer.builder(CALLS_METRIC)
                    .description("Calls to the Stripe API by operation and outcome (ok, rejected, unavailable)")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(meters));
        }
    }

    private static String userMessage(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : "The payment provider refused the request.";
    }

    private static StripeUnavailable unavailable() {
        return new StripeUnavailable();
    }
}
