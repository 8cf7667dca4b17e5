package dev.ledgerline.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metrics of a payment job: each run timed as {@code <job>.runs}, and what it looked at counted
 * as {@code <job>.<items>} by result (for example {@code ledgerline.janitor.payments{result=resolved}}).
 */
public final class JobMetrics {

    private JobMetrics() {
    }

    /** Runs {@code job}, timing it, then counts the results {@code counts} reads from its outcome. */
    public static <R> R run(MeterRegistry meters, String job, String items, Supplier<R> work, Function<R, Map<String, Integer>> counts) {
        Timer.Sample started = Timer.start(meters);
        R run = work.get();
        started.stop(Timer.builder(job + ".runs").description("Runs of the " + job + " job").register(meters));
        counts.apply(run).forEach((result, n) -> Counter.builder(job + "." + items)
                .description("What the " + job + " job looked at, by result")
                .tag("result", result)
                .register(meters)
                .increment(n));
        return run;
    }
}
