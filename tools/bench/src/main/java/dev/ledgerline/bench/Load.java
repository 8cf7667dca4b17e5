package dev.ledgerline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A closed-loop load generator: {@code concurrency} threads each send the next request as soon as
 * the last one answered, for a warm-up and then a measured period; latencies are kept exactly.
 */
final class Load {

    @FunctionalInterface
    interface Request {
        /** One request; {@code n} is unique across threads (for distinct ids and keys). */
        void send(long n) throws Exception;
    }

    /** CPU time a process has used so far (read at the start and the end of the measured period). */
    @FunctionalInterface
    interface CpuMeter {
        Duration used() throws Exception;
    }

    record Result(String name, long requests, double seconds, double p50Millis, double p99Millis, long errors, Map<String, Duration> cpu) {

        /** CPU milliseconds per measured request of the process measured as {@code who}, or NaN. */
        double cpuMillisPerRequest(String who) {
            Duration used = cpu.get(who);
            return used == null || requests == 0 ? Double.NaN : used.toNanos() / 1e6 / requests;
        }

        double perSecond() {
            return requests / seconds;
        }
    }

    /** The p-th percentile of sorted latencies, in milliseconds. */
    static double percentileMillis(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100.0 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1_000_000.0;
    }

    private Load() {
    }

    /** Something done between the warm-up and the measurement, while no request is in flight. */
    @FunctionalInterface
    interface Pause {
        Pause NONE = () -> {
        };

        void run() throws Exception;
    }

    static Result run(String name, int concurrency, Duration warmUp, Duration measured, Request request,
                      Map<String, CpuMeter> meters) throws Exception {
        return run(name, concurrency, warmUp, Pause.NONE, measured, request, meters);
    }

    /**
     * Warm-up, then {@code pause} (if any: run with every worker held, followed by two more seconds
     * of warm-up so connections are made again), then the measured period.
     */
    static Result run(String name, int concurrency, Duration warmUp, Pause pause, Duration measured, Request request,
                      Map<String, CpuMeter> meters) throws Exception {
        ReadWriteLock inFlight = new ReentrantReadWriteLock();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        long[] counter = {0};
        List<long[]> perThread = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        long[] errors = new long[concurrency];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            long[] latencies = new long[1 << 20];
            int[] size = {0};
            perThread.add(latencies);
            sizes.add(size);
            int thread = t;
            Thread worker = new Thread(() -> {
                while (!stop.get()) {
                    long n;
                    synchronized (counter) {
                        n = counter[0]++;
                    }
                    inFlight.readLock().lock();
                    long started = System.nanoTime();
                    try {
                        request.send(n);
                    } catch (Exception e) {
                        if (measuring.get()) {
                            errors[thread]++;
                        }
                        continue;
                    } finally {
                        inFlight.readLock().unlock();
                    }
                    if (measuring.get() && size[0] < latencies.length) {
                        latencies[size[0]++] = System.nanoTime() - started;
                    }
                }
            }, name + "-" + t);
            worker.start();
            threads.add(worker);
        }
        Thread.sleep(warmUp.toMillis());
        if (pause != Pause.NONE) {
            inFlight.writeLock().lock();
            try {
                pause.run();
            } finally {
                inFlight.writeLock().unlock();
            }
            Thread.sleep(2_000);
        }
        Map<String, Duration> cpuBefore = read(meters);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measured.toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Duration> cpu = new LinkedHashMap<>();
        read(meters).forEach((who, after) -> cpu.put(who, after.minus(cpuBefore.get(who))));
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        long total = sizes.stream().mapToLong(s -> s[0]).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, sizes.get(t)[0]);
            at += sizes.get(t)[0];
        }
        Arrays.sort(all);
        return new Result(name, total, seconds, percentileMillis(all, 50), percentileMillis(all, 99), Arrays.stream(errors).sum(), cpu);
    }

    private static Map<String, Duration> read(Map<String, CpuMeter> meters) throws Exception {
        Map<String, Duration> used = new LinkedHashMap<>();
        for (Map.Entry<String, CpuMeter> meter : meters.entrySet()) {
            used.put(meter.getKey(), meter.getValue().used());
        }
        return used;
    }
}
