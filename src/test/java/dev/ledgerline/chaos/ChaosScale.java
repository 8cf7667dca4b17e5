package dev.ledgerline.chaos;

/**
 * The size of the chaos runs: small in the default test run, full with {@code LEDGERLINE_CHAOS=full}
 * ({@code bash scripts/chaos.sh}).
 */
final class ChaosScale {

    private ChaosScale() {
    }

    static boolean full() {
        return "full".equalsIgnoreCase(System.getenv("LEDGERLINE_CHAOS"));
    }

    static int pick(int small, int full) {
        return full() ? full : small;
    }
}
