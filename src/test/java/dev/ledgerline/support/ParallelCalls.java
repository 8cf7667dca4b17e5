package dev.ledgerline.support;

import dev.ledgerline.client.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The same call made {@code n} times at once, each on its own thread, and the HTTP status each got. */
public final class ParallelCalls {

    private ParallelCalls() {
    }

    public static List<Integer> statuses(int n, ApiTestSupport.ApiCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> {
                    try {
                        call.call();
                        return 200;
                    } catch (ApiException e) {
                        return e.getCode();
                    }
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
