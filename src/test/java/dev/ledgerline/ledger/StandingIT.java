package dev.ledgerline.ledger;

import dev.ledgerline.client.api.DevApi;
import dev.ledgerline.client.api.InternalApi;
import dev.ledgerline.client.api.LedgerApi;
import dev.ledgerline.client.api.PaymentsApi;
import dev.ledgerline.client.model.AccountStanding;
import dev.ledgerline.client.model.Balance;
import dev.ledgerline.client.model.ChargeOnceRequest;
import dev.ledgerline.client.model.ChargeRequest;
import dev.ledgerline.client.model.CreditRequest;
import dev.ledgerline.client.model.LoginResponse;
import dev.ledgerline.client.model.PayBalanceRequest;
import dev.ledgerline.client.model.PaymentStatus;
import dev.ledgerline.support.LocalstripeTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Good, past due after a failed payment of the balance, suspended after the grace period, good again once paid. */
@MicronautTest
class StandingIT extends LocalstripeTestSupport {

    private Balance balance(LoginResponse login) throws Exception {
        return new LedgerApi(as(login)).getBalance();
    }

    private InternalApi internal() {
        return new InternalApi(withHeaders(Map.of("Authorization", "Bearer " + SERVICE_KEY)));
    }

    @Test
    void aFailedPaymentMakesThePastDueThatTurnsSuspendedAndPayingEndsIt() throws Exception {
        LoginResponse login = signupAndLogin();
        assertEquals(AccountStanding.GOOD, balance(login).getStanding());
        addCard(login, DECLINED_ON_CHARGE);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(1500L).description("Pro plan"));
        assertEquals(AccountStanding.GOOD, balance(login).getStanding(), "owing is not yet past due");

        Instant before = clock.instant();
        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());
        Balance pastDue = balance(login);
        assertEquals(AccountStanding.PAST_DUE, pastDue.getStanding());
        Instant since = pastDue.getPastDueSince().toInstant();
        assertTrue(!since.isBefore(before.minusSeconds(1)) && !since.isAfter(clock.instant()), "since the failure");
        assertEquals(since.plus(Duration.ofDays(14)), pastDue.getSuspendsAt().toInstant());
        // The host reads the same through the internal API.
        assertEquals(AccountStanding.PAST_DUE, internal().getInternalBalance(login.getAccountId()).getStanding());

        // A second failure keeps the first one's time.
        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());
        assertEquals(since, balance(login).getPastDueSince().toInstant());

        clock.advance(Duration.ofDays(15));
        login = relogin(login);
        assertEquals(AccountStanding.SUSPENDED, balance(login).getStanding());
        assertEquals(AccountStanding.SUSPENDED, internal().getInternalBalance(login.getAccountId()).getStanding());

        String good = addCard(login, VISA);
        assertEquals(PaymentStatus.SUCCEEDED,
                new PaymentsApi(as(login)).payBalance(null, new PayBalanceRequest().paymentMethodId(good)).getStatus());
        Balance paid = balance(login);
        assertEquals(AccountStanding.GOOD, paid.getStanding());
        assertNull(paid.getPastDueSince());
        assertNull(paid.getSuspendsAt());

        // Owing again later starts from good: the old failure was cleared by the payment.
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(700L).description("Usage"));
        assertEquals(AccountStanding.GOOD, balance(login).getStanding());
    }

    @Test
    void aDeclinedOneTimeChargeLeavesTheStandingAlone_andACreditThatCoversTheDueMakesItGood() throws Exception {
        LoginResponse login = signupAndLogin();
        String declining = addCard(login, DECLINED_ON_CHARGE);
        new DevApi(as(login)).devAddCharge(new ChargeRequest().amount(1000L).description("Pro plan"));
        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).chargeOnce("add-on-" + login.getAccountId(),
                new ChargeOnceRequest().paymentMethodId(declining).amount(500L).description("Add-on")).getStatus());
        assertEquals(AccountStanding.GOOD, balance(login).getStanding(), "a one-time charge pays only itself");

        assertEquals(PaymentStatus.FAILED, new PaymentsApi(as(login)).payBalance(null, null).getStatus());
        assertEquals(AccountStanding.PAST_DUE, balance(login).getStanding());
        internal().postInternalCredit(login.getAccountId(), "goodwill-" + login.getAccountId(),
                new CreditRequest().amount(1000L).reason("Goodwill"));
        Balance covered = balance(login);
        assertEquals(0, covered.getDue());
        assertEquals(AccountStanding.GOOD, covered.getStanding(), "nothing is due");
    }
}
