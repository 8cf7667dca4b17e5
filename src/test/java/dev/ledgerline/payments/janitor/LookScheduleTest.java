package dev.ledgerline.payments.janitor;

import dev.ledgerline.payments.Payment;
import dev.ledgerline.payments.PaymentKind;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LookScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    private final Payment payment = Payment.draft("pay_1", "acct_1", PaymentKind.BALANCE, 4200, "usd").at(CREATED);

    private Duration waitAtAge(LookSchedule schedule, Duration age) {
        Instant now = CREATED.plus(age);
        return Duration.between(now, schedule.next(payment, now));
    }

    @Test
    void waitsHalfThePaymentsAgeBetweenTheThresholdAndSixHours() {
        LookSchedule schedule = new LookSchedule(Duration.ofMinutes(15));
        assertEquals(Duration.ofMinutes(15), waitAtAge(schedule, Duration.ofMinutes(15)), "a young payment: the threshold");
        assertEquals(Duration.ofMinutes(45), waitAtAge(schedule, Duration.ofMinutes(90)));
        assertEquals(Duration.ofHours(5), waitAtAge(schedule, Duration.ofHours(10)));
        assertEquals(Duration.ofHours(6), waitAtAge(schedule, Duration.ofDays(3)), "capped");
    }

    @Test
    void aThresholdLongerThanTheCapStillHolds() {
        assertEquals(Duration.ofHours(8), waitAtAge(new LookSchedule(Duration.ofHours(8)), Duration.ofDays(3)));
    }
}
