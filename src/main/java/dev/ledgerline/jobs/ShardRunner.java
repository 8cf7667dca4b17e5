package dev.ledgerline.jobs;

import dev.ledgerline.store.Ids;
import dev.ledgerline.store.Times;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits a job's work across the instances: each shard is worked by the one instance holding its
 * lease ({@link ShardLeaseRepo}), so N instances do about 1/N each, and a dead instance's shards
 * are taken over once its lease ends. With a cycle (autopay's hour, the janitor's five minutes) a
 * shard worked through is not taken again until the next cycle: the instances tick often and
 * share each cycle's shards, and the first to tick does not do them all alone.
 */
@Singleton
public class ShardRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ShardRunner.class);

    /** The work on one shard; it calls {@link Lease#keep()} between steps and stops when that says false. */
    @FunctionalInterface
    public interface ShardWork {
        void work(int shard, Lease lease);
    }

    /** A lease held on one shard, renewed when half of it has passed. */
    public final class Lease {
        private final String job;
        private final int shard;
        private final Duration leaseTime;
        private final String cycle;
        private Instant until;

        private Lease(String job, int shard, Duration leaseTime, @Nullable String cycle, Instant until) {
            this.job = job;
            this.shard = shard;
            this.leaseTime = leaseTime;
            this.cycle = cycle;
            this.until = until;
        }

        /** Whether the shard is still ours (renewing the lease when it is half gone); false: stop, the new owner carries on. */
        public boolean keep() {
            Instant now = clock.instant();
            if (Duration.between(now, until).compareTo(leaseTime.dividedBy(2)) >= 0) {
                return true;
            }
            if (!leases.acquire(job, shard, owner, now, now.plus(leaseTime), cycle)) {
                return false;
            }
            until = now.plus(leaseTime);
            return true;
        }
    }

    private final ShardLeaseRepo leases;
    private final Clock clock;
    /** This instance, as lease owner. */
    private final String owner = Ids.newId("job");

    public ShardRunner(ShardLeaseRepo leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    /** The cycle {@code now} falls in, for cycles of {@code length} counted from the epoch (the same on every instance). */
    public static String cycleOf(Instant now, Duration length) {
        long millis = Math.max(1, length.toMillis());
        return Times.sortable(Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), millis) * millis));
    }

    /**
     * One pass over the shards of {@code job} (0 to the most it was ever split into), in random
     * order so that instances share them: each shard not held by another instance and, with a
     * {@code cycle}, not yet worked through in it, is leased and worked.
     *
     * @return how many shards this instance worked
     */
    public int run(String job, int shards, Duration leaseTime, @Nullable String cycle, ShardWork work) {
        ShardLeaseRepo.Leases known = leases.read(job);
        if (known.recordedShards() < shards) {
            leases.record(job, shards);
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, Math.max(shards, known.recordedShards()))
                .filter(shard -> cycle == null || !cycle.equals(known.done().get(shard))).boxed().toList());
        Collections.shuffle(order);
        int worked = 0;
        for (int shard : order) {
            Instant now = clock.instant();
            if (!leases.acquire(job, shard, owner, now, now.plus(leaseTime), cycle)) {
                continue;
            }
            worked++;
            boolean through = false;
            try {
                Lease lease = new Lease(job, shard, leaseTime, cycle, now.plus(leaseTime));
                work.work(shard, lease);
                through = lease.keep();
            } finally {
                try {
                    leases.release(job, shard, owner, through ? cycle : null);
                } catch (RuntimeException e) {
                    // The lease ends by itself; the shard is worked again (idempotently) by whoever takes it.
                    LOG.warn("Could not release shard {} of {}: {}", shard, job, e.toString());
                }
            }
        }
        return worked;
    }
}
