package dev.ledgerline.bench;

import java.util.Map;

/**
 * What each request costs in DynamoDB: round trips, and the read and write request units that
 * dynoxide reports through the {@link CountingProxy} (it sizes items by DynamoDB's rules: names
 * plus values, reads per 4 KB, writes per 1 KB, transactions twice, index writes on each index),
 * priced at on-demand rates. Counts, not timings: the same requests on the same data give the
 * same figures on any machine.
 */
final class Costs {

    /**
     * On-demand dollars per million request units, us-east-1, after the November 2024 price cut
     * (docs/benchmark.md says where the figures come from); BENCH_PRICE_RRU and BENCH_PRICE_WRU
     * set other ones, e.g. another region's.
     */
    static final double RRU_PRICE = price("BENCH_PRICE_RRU", 0.125);
    static final double WRU_PRICE = price("BENCH_PRICE_WRU", 0.625);

    record Counted(double trips, double readUnits, double writeUnits) {
        double dollarsPerMillionRequests() {
            return readUnits * RRU_PRICE + writeUnits * WRU_PRICE;
        }
    }

    private Costs() {
    }

    /**
     * {@code times} requests through the proxy; {@code prepare} (or null) runs before each, outside
     * what is counted (e.g. a charge, so that pay-balance has something to pay).
     */
    static Counted count(CountingProxy proxy, int times, Load.Request prepare, Load.Request request) throws Exception {
        long calls = 0;
        double reads = 0;
        double writes = 0;
        for (int i = 0; i < times; i++) {
            if (prepare != null) {
                prepare.send(i);
            }
            long callsBefore = proxy.calls();
            double readsBefore = proxy.readUnits();
            double writesBefore = proxy.writeUnits();
            request.send(i);
            calls += proxy.calls() - callsBefore;
            reads += proxy.readUnits() - readsBefore;
            writes += proxy.writeUnits() - writesBefore;
        }
        return new Counted((double) calls / times, reads / times, writes / times);
    }

    static String table(Map<String, Counted> counted) {
        StringBuilder out = new StringBuilder();
        out.append(Bench.format("%nDynamoDB cost per request (on-demand, $%.3f per million read units, $%.3f per million write units):%n%n",
                RRU_PRICE, WRU_PRICE));
        out.append("| Request | round trips | read units | write units | $ per million requests |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        counted.forEach((name, c) -> out.append(Bench.format("| %s | %.2f | %.2f | %.2f | %.2f |%n", name, c.trips(), c.readUnits(),
                c.writeUnits(), c.dollarsPerMillionRequests())));
        return out.toString();
    }

    private static double price(String name, double otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : Double.parseDouble(value);
    }
}
