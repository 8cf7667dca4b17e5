package dev.ledgerline.scale;

/**
 * The size of the scale runs: small in the default test run (it checks the sharing, not the
 * speed), full with {@code LEDGERLINE_SCALE=full} ({@code bash scripts/scale.sh}).
 */
final class ScaleSize {

    private ScaleSize() {
    }

    static boolean full() {
        return "full".equalsIgnoreCase(System.getenv("LEDGERLINE_SCALE"));
    }

    static int pick(int small, int full) {
        return full() ? full : small;
    }
}
