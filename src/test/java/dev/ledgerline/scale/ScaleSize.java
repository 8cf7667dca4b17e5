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

    /** A size: {@code variable} when set (e.g. {@code LEDGERLINE_SCALE_ACCOUNTS=10000}), else {@link #pick}. */
    static int pick(String variable, int small, int full) {
        String set = System.getenv(variable);
        return set == null || set.isBlank() ? pick(small, full) : Integer.parseInt(set.trim());
    }

    /**
     * The fleet sizes to run, {@code LEDGERLINE_SCALE_INSTANCES} (default {@code 1,3}): the full
     * run takes one per JVM, each on a freshly started dynoxide, whose transactions slow down with
     * every transaction of the last 10 minutes (DynamoDB's do not), so the second fleet would
     * otherwise pay for the first.
     */
    static java.util.List<Integer> instances() {
        String sizes = System.getenv().getOrDefault("LEDGERLINE_SCALE_INSTANCES", "1,3");
        return java.util.Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
