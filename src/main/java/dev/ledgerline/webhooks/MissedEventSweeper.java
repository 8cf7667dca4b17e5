package dev.ledgerline.webhooks;

import dev.ledgerline.stripe.StripeEvent;
import dev.ledgerline.stripe.StripeGateway;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Finds the events whose webhook never arrived (an endpoint down for longer than Stripe retries, a
 * misconfigured endpoint, a lost delivery): it lists Stripe's events since its checkpoint and
 * applies those the inbox lacks through the same {@link EventProcessor} as the webhook, so each
 * takes effect once, whichever path brings it first. The checkpoint stops at the first event that
 * could not be applied yet, so that one is read again next time.
 */
@Singleton
public class MissedEventSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(MissedEventSweeper.class);

    public record Run(int listed, int applied, int alreadyHandled, int notYet) {
    }

    private final StripeGateway stripe;
    private final EventProcessor processor;
    private final SweeperRepo checkpoints;
    private final Clock clock;
    private final Duration firstLookBack;

    public MissedEventSweeper(StripeGateway stripe, EventProcessor processor, SweeperRepo checkpoints, Clock clock,
                              @Value("${billing.sweeper.first-look-back:3d}") Duration firstLookBack) {
        this.stripe = stripe;
        this.processor = processor;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.firstLookBack = firstLookBack;
    }

    public Run runOnce() {
        long from = checkpoints.checkpoint().orElse(clock.instant().minus(firstLookBack).getEpochSecond());
        List<StripeEvent> events = stripe.eventsSince(from);
        int applied = 0;
        int handled = 0;
        int notYet = 0;
        Long firstNotDone = null;
        long newest = from;
        for (StripeEvent event : events) {
            EventProcessor.Outcome outcome = processor.process(event, event.json());
            newest = Math.max(newest, event.created());
            if (outcome == EventProcessor.Outcome.DUPLICATE) {
                handled++;
            } else if (outcome.done()) {
                applied++;
            } else {
                notYet++;
                firstNotDone = firstNotDone == null ? event.created() : Math.min(firstNotDone, event.created());
            }
        }
        // Events of the same second may still be coming: read from that second again (the inbox drops repeats).
        checkpoints.saveCheckpoint(firstNotDone != null ? firstNotDone : newest);
        Run run = new Run(events.size(), applied, handled, notYet);
        LOG.info("Missed-event sweep from {}: {}", from, run);
        return run;
    }
}
