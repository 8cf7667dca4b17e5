package dev.ledgerline.archfixture.cycle.left;

import dev.ledgerline.archfixture.cycle.right.Right;

/** Half of a deliberate package cycle, for ArchitectureRulesTest. */
public class Left {
    public Right right() {
        return new Right();
    }
}
