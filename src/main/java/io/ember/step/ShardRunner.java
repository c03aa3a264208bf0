package io.ember.step;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs {@code n} numbered pieces of work at once: piece 0 on the calling thread, the others on
 * {@code n - 1} daemon threads started once. Hand-off by park/unpark on a generation counter, so
 * a round allocates nothing. Not reentrant: one round at a time.
 */
final class ShardRunner implements AutoCloseable {
    /** The work of one round, called once per piece index. */
    interface Piece {
        void run(int index);
    }

    private final Thread[] workers;
    private volatile long generation;
    private volatile Piece piece;
    private volatile boolean closed;
    private volatile Thread coordinator;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile Throwable failure;

    ShardRunner(int n, String name) {
        workers = new Thread[n - 1];
        for (int i = 0; i < workers.length; i++) {
            final int index = i + 1;
            workers[i] = new Thread(() -> loop(index), name + "-" + index);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Runs pieces 0..n-1 and returns when all are done; rethrows the first failure. */
    void runAll(Piece p) {
        failure = null;
        piece = p;
        coordinator = Thread.currentThread();
        remaining.set(workers.length);
        generation++;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
        try {
            p.run(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        while (remaining.get() > 0) {
            LockSupport.park(this);
        }
        piece = null;
        Throwable f = failure;
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
    }

    private void loop(int index) {
        long seen = 0;
        while (true) {
            while (generation == seen && !closed) {
                LockSupport.park(this);
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                piece.run(index);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(coordinator);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
