package dev.ledgerline.archfixture.oneway.high;

import dev.ledgerline.archfixture.oneway.low.Low;

/** Depends on low, which does not depend back: no cycle. */
public class High {
    public Low low() {
        return new Low();
    }
}
