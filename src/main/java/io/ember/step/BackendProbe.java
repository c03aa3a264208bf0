package io.ember.step;

import io.ember.data.DataBlock;
import io.ember.linalg.Blas;
import io.ember.linalg.Gemm;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Times the whole forward/backward step of a run's network on a partition's first batch of the run
 * (its rows per thread, dense or sparse as cached, on all of the task's threads at once), with each GEMM backend this JVM can
 * load: what {@code blas = auto} decides on. A GEMM timed alone misleads: a native BLAS twice as
 * fast on the products alone made the whole step slower (README, performance).
 *
 * <p>The backends are timed in alternation on one worker (the memory of one step), one step each per
 * round, until no backend has improved on its best time by more than 3% over the last 4 rounds, or
 * the time budget is spent; at least 8 rounds whatever the budget (a step of 0.5 s probes for 8 s per
 * backend). A cold JVM compiles Ember's kernels during the first rounds, so the
 * Java backend gets faster as the rounds go; stopping only once every backend has stopped improving
 * keeps the JIT's warm-up from being held against it. A backend's time is its shortest step: other
 * work on a shared machine only ever adds time, so the shortest step is the least disturbed.
 */
public final class BackendProbe {
    private static final int MIN_ROUNDS = 8;
    private static final int MAX_ROUNDS = 64;
    private static final int STEADY_ROUNDS = 4;
    private static final double IMPROVEMENT = 0.03;

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
     * The shortest step time in milliseconds of each of {@code backends}, in their order.
     *
     * @param spec          the network
     * @param block         a partition's cached rows; the first batch of an epoch is timed
     * @param stepsInEpoch  the run's steps per epoch (which sets the batch's rows)
     * @param threads       threads computing at once (the task's shards)
     * @param backends      backend names
     * @param budgetSeconds stop after about this long even if a backend is still getting faster
     * @return one time per backend: its shortest step
     */
    public static double[] stepMillis(NetworkSpec spec, DataBlock block, int stepsInEpoch, int threads,
                                      List<String> backends, double budgetSeconds) {
        float[] params = Initializer.initialize(spec, 1);
        Gemm[] gemms = new Gemm[backends.size()];
        List<List<Double>> times = new ArrayList<>();
        for (int b = 0; b < gemms.length; b++) {
            gemms[b] = Blas.gemm(backends.get(b));
            times.add(new ArrayList<>());
        }
        try (PartitionWorker worker = new PartitionWorker(spec, gemms[0], block, 0, 1, false, threads)) {
            long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
            for (int round = 0; ; round++) {
                StepCoordinates at = new StepCoordinates(0, 0, stepsInEpoch, round);
                for (int b = 0; b < gemms.length; b++) {
                    worker.useGemm(gemms[b]);
                    times.get(b).add(worker.compute(params, at).computeNanos / 1e6);
                }
                if (round + 1 >= MAX_ROUNDS
                        || round + 1 >= MIN_ROUNDS && (steady(times) || System.nanoTime() > deadline)) {
                    break;
                }
            }
        }
        double[] out = new double[gemms.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = times.get(b).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }
        return out;
    }

    /** True when no backend's last 4 steps beat its earlier best by more than 3% (the JIT is done with it). */
    static boolean steady(List<List<Double>> times) {
        for (List<Double> t : times) {
            if (t.size() <= STEADY_ROUNDS) {
                return false;
            }
            double before = t.subList(0, t.size() - STEADY_ROUNDS).stream().mapToDouble(Double::doubleValue).min()
                    .orElseThrow();
            double recent = t.subList(t.size() - STEADY_ROUNDS, t.size()).stream().mapToDouble(Double::doubleValue)
                    .min().orElseThrow();
            if (recent < (1 - IMPROVEMENT) * before) {
                return false;
            }
        }
        return true;
    }
}
