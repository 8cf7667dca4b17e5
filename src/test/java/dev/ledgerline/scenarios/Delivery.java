package dev.ledgerline.scenarios;

/** How Stripe's events reach the service in a run of a flow. */
public enum Delivery {
    /** Each event once, as it happens. */
    IN_ORDER,
    /** Each event twice in a row (Stripe retries an event whose answer it did not get). */
    TWICE,
    /** Late and newest first: each stretch of events arrives at its end, last event first, while Stripe reports the state after it. */
    LATE_AND_REVERSED,
    /**
     * Late, reordered and repeated: each stretch of events is held back until its end, then every
     * event arrives one to three times in a shuffled order, while Stripe already reports the state
     * after the last of them.
     */
    LATE_AND_SHUFFLED,
    /** Not delivered: the events are recorded for the caller (the webhook storm) to deliver. */
    RECORDED
}
