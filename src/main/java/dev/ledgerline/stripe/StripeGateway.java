package dev.ledgerline.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodDetachParams;
import com.stripe.param.SetupIntentCreateParams;
import com.stripe.param.SetupIntentVerifyMicrodepositsParams;
import dev.ledgerline.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The only class that calls the Stripe SDK. Every write takes an idempotency key built by the
 * caller from our own id and the operation, so a retry can never create a second object. Errors
 * leave here as {@link StripeRejection} (Stripe said no; its message is safe to show) or as a 502
 * problem (Stripe unreachable or failing; nothing is known to have happened).
 */
@Singleton
public class StripeGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StripeGateway.class);
    public static final String ACCOUNT_METADATA = "ledgerline_account_id";

    private final StripeClient stripe;

    public StripeGateway(StripeClient stripe) {
        this.stripe = stripe;
    }

    public Customer createCustomer(String accountId, String accountName, String idempotencyKey) {
        return call("customers.create", () -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .setName(accountName)
                .putMetadata(ACCOUNT_METADATA, accountId)
                .build(), idempotent(idempotencyKey)));
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

    public SetupIntent createCardSetupIntent(String customerId, String accountId, String idempotencyKey) {
        return call("setup_intents.create", () -> stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
                .setCustomer(customerId)
                .setUsage(SetupIntentCreateParams.Usage.OFF_SESSION)
                .addPaymentMethodType("card")
                .putMetadata(ACCOUNT_METADATA, accountId)
                .build(), idempotent(idempotencyKey)));
    }

    /** ACH debit; "automatic" verification uses instant verification when it can and microdeposits otherwise. */
    public SetupIntent createUsBankSetupIntent(String customerId, String accountId, String idempotencyKey) {
        return call("setup_intents.create", () -> stripe.v1().setupIntents().create(SetupIntentCreateParams.builder()
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
                .build(), idempotent(idempotencyKey)));
    }

    public SetupIntent verifyMicrodeposits(String setupIntentId, @Nullable List<Long> amounts, @Nullable String descriptorCode,
                                           String idempotencyKey) {
        SetupIntentVerifyMicrodepositsParams.Builder params = SetupIntentVerifyMicrodepositsParams.builder();
        if (amounts != null) {
            params.addAllAmount(amounts);
        }
        if (descriptorCode != null) {
            params.setDescriptorCode(descriptorCode);
        }
        return call("setup_intents.verify_microdeposits", () -> stripe.v1().setupIntents()
                .verifyMicrodeposits(setupIntentId, params.build(), idempotent(idempotencyKey)));
    }

    public PaymentMethod retrievePaymentMethod(String paymentMethodId) {
        return call("payment_methods.retrieve", () -> stripe.v1().paymentMethods().retrieve(paymentMethodId));
    }

    public PaymentMethod detachPaymentMethod(String paymentMethodId, String idempotencyKey) {
        return call("payment_methods.detach", () -> stripe.v1().paymentMethods().detach(paymentMethodId,
                PaymentMethodDetachParams.builder().build(), idempotent(idempotencyKey)));
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    private static <T> T call(String operation, StripeCall<T> call) {
        try {
            return call.call();
        } catch (CardException | InvalidRequestException | IdempotencyException e) {
            LOG.info("Stripe refused {}: {} ({})", operation, e.getCode(), e.getStatusCode());
            throw new StripeRejection(userMessage(e), e.getCode(), e.getStatusCode() == null ? 400 : e.getStatusCode());
        } catch (AuthenticationException e) {
            LOG.error("Stripe refused our credentials on {} (check STRIPE_SECRET_KEY)", operation);
            throw unavailable();
        } catch (StripeException e) {
            LOG.warn("Stripe call {} failed: {} {}", operation, e.getClass().getSimpleName(), e.getStatusCode());
            throw unavailable();
        }
    }

    private static String userMessage(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : "The payment provider refused the request.";
    }

    private static ProblemException unavailable() {
        return new ProblemException(HttpStatus.BAD_GATEWAY, "stripe_unavailable", "Payment provider unavailable",
                "Stripe could not be reached or failed; nothing was changed. Try again.");
    }
}
