package dev.ledgerline.archfixture.oneway.low;

/** The lower package of the one-way fixture. */
public class Low {
}
