package dev.ledgerline.events;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues this instance's money changes to one account, so that they take the account's event
 * sequence in turn instead of racing for it: without it, eight concurrent charges to one account
 * each lost the race about twice (re-read, pause, another transaction) and the account took a
 * third of the charges per second that eight accounts did (docs/benchmark.md). Changes from other
 * instances still race, and the sequence's condition still decides; this only spares the losses
 * that one process can see coming.
 *
 * <p>Striped: a fixed set of locks chosen by the account id's hash, so memory does not grow with
 * accounts; two accounts sharing a stripe merely wait for each other. A change that cannot get its
 * lock in {@link #WAIT_MILLIS} ms (a store call hanging) goes on without it, as it did before.
 */
final class AccountLocks {

    static final long WAIT_MILLIS = 2_000;

    private final ReentrantLock[] stripes;

    AccountLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** The account's lock, held until {@link Held#close()}; not held if it did not come in time. */
    Held hold(String accountId) {
        ReentrantLock lock = stripes[Math.floorMod(accountId.hashCode(), stripes.length)];
        try {
            return new Held(lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS) ? lock : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Held(null);
        }
    }

    /** A lock held, or none ({@code null}): closing releases it. */
    record Held(ReentrantLock lock) implements AutoCloseable {

        @Override
        public void close() {
            if (lock != null) {
                lock.unlock();
            }
        }
    }
}
