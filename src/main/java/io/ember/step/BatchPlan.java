package io.ember.step;

import io.ember.linalg.Rng;

/**
 * Which rows each partition contributes to each step; identical on the driver, in every Spark
 * task and in the single-JVM trainer.
 *
 * <p>An epoch is one pass over every training example. With N examples and global batch B it
 * has {@code S = ceil(N / B)} steps. A partition of n rows visits its rows in a per-epoch
 * order (a seeded shuffle keyed by seed, epoch and partition, or the stored order) and at
 * step s of the epoch contributes positions {@code [floor(s n / S), floor((s+1) n / S))}:
 * every partition finishes its pass at the same step and each global batch holds about
 * N / S (which is at most B) examples, in proportion to partition size: each partition gives the
 * floor or the ceiling of its n / S.
 */
public final class BatchPlan {
    private BatchPlan() {
    }

    /** Steps in an epoch of {@code examples} examples with global batch {@code batch}. */
    public static int stepsPerEpoch(long examples, int batch) {
        if (examples <= 0) {
            throw new IllegalArgumentException("no training examples");
        }
        return (int) Math.min(Integer.MAX_VALUE, (examples + batch - 1) / batch);
    }

    /** First position (inclusive) in the partition's epoch order used by step {@code s} of {@code steps}. */
    public static int sliceStart(int rows, int s, int steps) {
        return (int) ((long) s * rows / steps);
    }

    /** Largest slice any step takes from a partition of {@code rows} rows: the workspace capacity. */
    public static int maxSlice(int rows, int steps) {
        return (rows + steps - 1) / steps;
    }

    /**
     * Modifies {@code order}: fills {@code order[0 .. rows)} with the partition's visiting order
     * for 0-based {@code epoch}.
     */
    public static void epochOrder(int[] order, int rows, boolean shuffle, long seed, int epoch, int partition) {
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Rng.keyed(seed, epoch, partition).shuffle(order, rows);
        }
    }
}
