package dev.ledgerline.scenarios;

import dev.ledgerline.client.model.Payment;

import java.time.Duration;

/**
 * What a flow of the catalogue can do: set up a customer and start payments through the API, build
 * Stripe's objects as the emulator returns them (edited into the state each event reports), and
 * emit Stripe's events in the order Stripe's documentation gives for the flow. How the events
 * reach the service (in order, each twice, or late and shuffled) is the runner's {@link Delivery}.
 */
public interface Scenario {

    /** A Checkout page of the customer and the payment it is for. */
    record Checkout(String sessionId, Payment payment) {
    }

    String card() throws Exception;

    String bankAccount() throws Exception;

    /** A charge posted to the customer's balance (what the host's backend does). */
    void owe(long amount) throws Exception;

    /** Pay-balance, Stripe answering the off-session confirmation with the intent in {@code status}. */
    Payment payBalance(String status) throws Exception;

    /** Pay-balance, Stripe declining the confirmation with {@code code} (402 card_error). */
    Payment payBalanceDeclined(String code, String message) throws Exception;

    Checkout checkout() throws Exception;

    /** The payment's PaymentIntent as Stripe reports it in {@code status} (a failure carries {@code declineMessage}). */
    String intent(Payment payment, String status, String declineMessage) throws Exception;

    String checkoutIntent(Checkout checkout, String status, String declineMessage) throws Exception;

    /** The id of the PaymentIntent the Checkout page made. */
    String intentIdOf(Checkout checkout);

    String session(Checkout checkout, String status, String paymentStatus) throws Exception;

    /** The PaymentIntent's charge of {@code amount}, carrying {@code refunds} (refund objects, oldest first) and their total. */
    String charge(String paymentIntentId, String chargeId, long amount, String status, String... refunds) throws Exception;

    String refund(String paymentIntentId, String refundId, String chargeId, long amount, String status) throws Exception;

    String dispute(String paymentIntentId, String disputeId, String chargeId, long amount, String status) throws Exception;

    /** A PaymentIntent of the customer that none of our payments made (a subscription's invoice, say). */
    String foreignIntentId();

    /** A fresh id with Stripe's {@code prefix} (ch, re, dp). */
    String id(String prefix);

    /** Stripe sends this event now (whether it arrives now is the delivery's business). */
    void emit(String type, String objectJson) throws Exception;

    /** The end of a stretch of events: whatever was held back arrives now. */
    void settle() throws Exception;

    /** Time passes (days, for an ACH debit) and the jobs run, as in production. */
    void later(Duration duration) throws Exception;
}
