package io.ember.step;

import io.ember.data.DataBlock;
import io.ember.linalg.Blas;
import io.ember.linalg.Rng;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Times the whole forward/backward step of a run's network, at the run's rows per thread and on
 * all of its threads at once (as a step's task computes it), with each GEMM backend this JVM can
 * load: what {@code blas = auto} decides on. A GEMM timed alone misleads: a native BLAS twice as
 * fast on the products alone made the whole step slower (README, performance).
 *
 * <p>The backends are timed in alternation, one step each per round, on synthetic rows: at least 8
 * and at most 24 rounds, within the time budget. A backend's time is the shortest of the second
 * half of its rounds: the first half is the JIT's warm-up of Ember's kernels (a cold JVM is not held
 * against the Java backend), and other work on a shared machine only ever adds time, so the
 * shortest step is the one least disturbed.
 */
public final class BackendProbe {
    private static final int MIN_ROUNDS = 8;
    private static final int MAX_ROUNDS = 24;

    private BackendProbe() {
    }

    /**
     * The backends {@code auto} chooses among in this JVM: ember-vector (with the Vector API) and
     * netlib-native (when a system BLAS loads); netlib-java only when neither is there.
     *
     * @return backend names as {@link Blas#backend} parses them
     */
    public static List<String> candidates() {
        List<String> c = new ArrayList<>();
        if (Blas.vectorApiAvailable()) {
            c.add("ember-vector");
        }
        if (Blas.nativeAvailable()) {
            c.add("netlib-native");
        }
        if (c.isEmpty()) {
            c.add("netlib-java");
        }
        return c;
    }

    /**
     * Median step time in milliseconds of each of {@code backends}, in their order.
     *
     * @param spec          the network
     * @param rowsPerThread rows each thread computes per step
     * @param threads       threads computing at once (the task's shards)
     * @param backends      backend names
     * @param budgetSeconds stop after about this long (once 8 rounds are done)
     * @return one time per backend: the shortest of the second half of its steps
     */
    public static double[] stepMillis(NetworkSpec spec, int rowsPerThread, int threads, List<String> backends,
                                      double budgetSeconds) {
        int rows = Math.max(1, rowsPerThread) * threads;
        DataBlock block = syntheticBlock(spec, rows);
        float[] params = Initializer.initialize(spec, 1);
        PartitionWorker[] workers = new PartitionWorker[backends.size()];
        List<List<Double>> times = new ArrayList<>();
        try {
            for (int b = 0; b < workers.length; b++) {
                workers[b] = new PartitionWorker(spec, Blas.gemm(backends.get(b)), block, 0, 1, false, threads);
                times.add(new ArrayList<>());
            }
            long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
            for (int round = 0; ; round++) {
                StepCoordinates at = new StepCoordinates(0, 0, 1, round);
                for (int b = 0; b < workers.length; b++) {
                    times.get(b).add(workers[b].compute(params, at).computeNanos / 1e6);
                }
                if (round + 1 >= MAX_ROUNDS || round + 1 >= MIN_ROUNDS && System.nanoTime() > deadline) {
                    break;
                }
            }
        } finally {
            for (PartitionWorker w : workers) {
                if (w != null) {
                    w.close();
                }
            }
        }
        double[] out = new double[workers.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = secondHalfMin(times.get(b));
        }
        return out;
    }

    /** The shortest time of the second half of {@code t}. */
    static double secondHalfMin(List<Double> t) {
        return t.subList(t.size() / 2, t.size()).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** Random inputs in [0, 1) and one-hot targets (or 0.5 for a single output). */
    private static DataBlock syntheticBlock(NetworkSpec spec, int rows) {
        int in = spec.inputSize();
        int out = spec.outputSize();
        Rng rng = new Rng(rows * 31L + in);
        float[] x = new float[rows * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        float[] t = new float[rows * out];
        for (int r = 0; r < rows; r++) {
            if (out == 1) {
                t[r] = 0.5f;
            } else {
                t[r * out + (int) (rng.nextDouble() * out)] = 1f;
            }
        }
        return new DataBlock(x, t, rows, in, out, 0);
    }
}
