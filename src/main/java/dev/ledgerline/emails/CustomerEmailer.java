package dev.ledgerline.emails;

import dev.ledgerline.accounts.AccountRepo;
import dev.ledgerline.events.EventType;
import dev.ledgerline.events.StoredEvent;
import dev.ledgerline.events.delivery.EventDestination;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the customer's email about an outbound event, once. The deliverer calls it for every
 * event it takes from the outbox, so an email follows the change that caused it exactly as a push
 * to the host does, and a Stripe webhook delivered twice (which makes no second event) sends no
 * second email. The email log is checked before and written after the SMTP server takes the
 * message: a crash between the two sends it again on the next round, with the same Message-ID.
 */
@Singleton
public class CustomerEmailer implements EventDestination {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerEmailer.class);

    /** The events that may send an email; the rest cost nothing here. */
    private static final Set<EventType> EMAILED = EnumSet.of(EventType.PAYMENT_SUCCEEDED, EventType.PAYMENT_FAILED,
            EventType.PAYMENT_REQUIRES_ACTION, EventType.AUTOPAY_FAILED, EventType.PAYMENT_METHOD_VERIFICATION_REQUIRED);

    private final SmtpProperties smtp;
    private final SmtpMailer mailer;
    private final CustomerEmails emails;
    private final EmailLogRepo log;
    private final AccountRepo accounts;
    private final MeterRegistry meters;
    private final Clock clock;

    public CustomerEmailer(SmtpProperties smtp, SmtpMailer mailer, CustomerEmails emails, EmailLogRepo log, AccountRepo accounts,
                           MeterRegistry meters, Clock clock) {
        this.smtp = smtp;
        this.mailer = mailer;
        this.emails = emails;
        this.log = log;
        this.accounts = accounts;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean enabled() {
        return smtp.enabled();
    }

    /**
     * Whether the event's email is settled: sent now or before, or none to send. False when the
     * SMTP server did not take it: the event stays in the outbox and this is tried again.
     */
    @Override
    public boolean settle(StoredEvent event) {
        if (!smtp.enabled() || !EMAILED.contains(event.type()) || log.sent(event.accountId(), event.sequence())) {
            return true;
        }
        Optional<String> to = accounts.contactEmail(event.accountId());
        if (to.isEmpty()) {
            LOG.info("No email for event {} of account {}: the account has no contact address", event.sequence(), event.accountId());
            return true;
        }
        Optional<Email> email = emails.compose(event, to.get());
        if (email.isEmpty()) {
            return true;
        }
        try {
            String messageId = mailer.send(email.get(), "<" + event.id() + "@ledgerline>");
            log.record(event.accountId(), event.sequence(), email.get().kind(), messageId, clock.instant());
            meters.counter("emails.sent", "kind", email.get().kind()).increment();
            return true;
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            meters.counter("emails.failed", "kind", email.get().kind()).increment();
            LOG.warn("The {} email for event {} of account {} was not sent: {}", email.get().kind(), event.sequence(), event.accountId(),
                    e.toString());
            return false;
        }
    }
}
