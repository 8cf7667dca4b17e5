package dev.ledgerline.emails;

import dev.ledgerline.events.delivery.Deliverer;
import dev.ledgerline.support.Mailpit;
import dev.ledgerline.support.TestClock;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outbox run the way its schedule would, with mailpit showing what reached an address. */
record OutboxMail(Mailpit mailpit, Deliverer deliverer, TestClock clock) {

    /** Runs the outbox until {@code count} messages reached {@code address} (its events may wait out the clock margin). */
    List<Mailpit.Summary> deliveredTo(String address, int count) throws Exception {
        List<Mailpit.Summary> messages = mailpit.to(address);
        for (int round = 0; round < 20 && messages.size() < count; round++) {
            run();
            messages = mailpit.to(address);
        }
        return messages;
    }

    /** And the outbox again, a few more times: nothing more may arrive. */
    void nothingMoreTo(String address, int count) throws Exception {
        for (int round = 0; round < 3; round++) {
            run();
        }
        assertEquals(count, mailpit.to(address).size(), () -> "messages to " + address);
    }

    void run() {
        clock.advance(Duration.ofSeconds(2));
        deliverer.runOnce();
    }
}
