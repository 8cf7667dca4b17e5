package dev.ledgerline.store;

import java.util.List;

/**
 * A transaction that DynamoDB refused as a whole (nothing was written). {@link #failed(int)} says
 * which item's condition did not hold, so the caller can tell "already done" from "changed under us".
 */
public class TransactionCanceled extends RuntimeException {

    private final List<String> reasons;

    public TransactionCanceled(List<String> reasons) {
        super("Transaction canceled: " + reasons, null, false, false);
        this.reasons = reasons;
    }

    /** True when the item at {@code index} (in the order written) failed its condition. */
    public boolean failed(int index) {
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index));
    }

    public boolean conflicted() {
        return reasons.contains("TransactionConflict");
    }
}
