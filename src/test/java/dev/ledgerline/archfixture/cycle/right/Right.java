package dev.ledgerline.archfixture.cycle.right;

import dev.ledgerline.archfixture.cycle.left.Left;

/** The other half of the deliberate package cycle. */
public class Right {
    public Left left() {
        return new Left();
    }
}
