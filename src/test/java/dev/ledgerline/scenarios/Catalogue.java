package dev.ledgerline.scenarios;

import dev.ledgerline.scenarios.flows.AchClearsAfterDays;
import dev.ledgerline.scenarios.flows.AchFailsAfterDays;
import dev.ledgerline.scenarios.flows.CardPaymentSucceeds;
import dev.ledgerline.scenarios.flows.ChargeWeNeverMade;
import dev.ledgerline.scenarios.flows.CheckoutDeclinedThenPaid;
import dev.ledgerline.scenarios.flows.DashboardRefund;
import dev.ledgerline.scenarios.flows.DisputeLost;
import dev.ledgerline.scenarios.flows.DisputeWon;
import dev.ledgerline.scenarios.flows.Inquiry;
import dev.ledgerline.scenarios.flows.OffSessionNeedsAuthentication;
import dev.ledgerline.scenarios.flows.RefundThenRefundFails;
import dev.ledgerline.scenarios.flows.ThreePartialRefunds;

import java.util.List;

/** Every flow of the scenario catalogue (one file each under {@code flows/}). */
public final class Catalogue {

    public static final List<Flow> FLOWS = List.of(new CardPaymentSucceeds(), new CheckoutDeclinedThenPaid(),
            new OffSessionNeedsAuthentication(), new AchClearsAfterDays(), new AchFailsAfterDays(), new ThreePartialRefunds(),
            new RefundThenRefundFails(), new DashboardRefund(), new DisputeWon(), new DisputeLost(), new Inquiry(), new ChargeWeNeverMade());

    /** The flows that play out at once (no days to wait for a bank): the webhook storm plays these. */
    public static final List<Flow> IMMEDIATE = FLOWS.stream().filter(flow -> !flow.waits()).toList();

    private Catalogue() {
    }
}
