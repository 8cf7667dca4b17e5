package dev.ledgerline.webhooks;

import dev.ledgerline.stripe.StripeEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a verified Stripe event exactly once, whichever way it came (a webhook delivery, or the
 * sweeper reading Stripe's event list): claimed in the inbox by its id, dispatched to its handler,
 * and the outcome recorded.
 */
@Singleton
public class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    /** How processing ended; the first three are final, the others leave the event to a later try. */
    public enum Outcome {
        APPLIED, IGNORED, DUPLICATE,
        /** Another delivery is processing it right now. */
        IN_PROGRESS,
        /** Early (what it reports is not stored yet); a later try applies it. */
        DEFERRED,
        FAILED;

        public boolean done() {
            return this == APPLIED || this == IGNORED || this == DUPLICATE;
        }
    }

    private final EventInboxRepo inbox;
    private final EventDispatcher dispatcher;

    public EventProcessor(EventInboxRepo inbox, EventDispatcher dispatcher) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
    }

    public Outcome process(StripeEvent event, String payload) {
        EventInboxRepo.Claim claim = inbox.claim(event, payload);
        if (claim == EventInboxRepo.Claim.DONE) {
            LOG.info("Stripe event {} ({}) came again; already handled", event.id(), event.type());
            return Outcome.DUPLICATE;
        }
        if (claim == EventInboxRepo.Claim.IN_PROGRESS) {
            LOG.info("Stripe event {} ({}) came while another delivery processes it", event.id(), event.type());
            return Outcome.IN_PROGRESS;
        }
        InboxStatus status;
        try {
            status = dispatcher.dispatch(event);
        } catch (EventNotReadyException e) {
            LOG.info("Stripe event {} ({}) is early: {}; it will be tried again", event.id(), event.type(), e.getMessage());
            inbox.finish(event.id(), InboxStatus.FAILED, "not ready: " + e.getMessage());
            return Outcome.DEFERRED;
        } catch (RuntimeException e) {
            LOG.error("Processing Stripe event {} ({}) failed; it will be tried again", event.id(), event.type(), e);
            inbox.finish(event.id(), InboxStatus.FAILED, e.getClass().getSimpleName());
            return Outcome.FAILED;
        }
        inbox.finish(event.id(), status, null);
        return status == InboxStatus.IGNORED ? Outcome.IGNORED : Outcome.APPLIED;
    }
}
