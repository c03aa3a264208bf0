package io.ember.spark;

import io.ember.config.Config;
import io.ember.data.DataBlock;
import io.ember.linalg.Blas;
import io.ember.step.BackendProbe;
import io.ember.step.BatchPlan;
import io.ember.train.LoopSettings;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GEMM backend a run computes with. A configured backend is used as given (deterministic runs
 * pin one, {@link SparkSettings#blas}); {@code auto} is decided on the whole training step: one job
 * over the cached training blocks times a step of the run's network on each partition's first batch
 * (dense or sparse, as the run computes it), on the executors that will compute it
 * ({@link BackendProbe}), and the backend whose slowest partition is fastest wins, except that
 * ember-vector gives way only to a backend over 10% faster ({@link #fastest}). A backend some
 * executor cannot load is not chosen.
 *
 * @param backend       the backend's name as {@link Blas#backend} parses it
 * @param how           why: {@code configured}, {@code deterministic} (auto pinned) or {@code measured}
 * @param stepMillis    measured step time per backend (slowest partition), empty when configured
 * @param rowsPerThread rows per thread in the measured step (0 when configured)
 * @param threads       threads per task in the measured step (0 when configured)
 * @param seconds       time the decision took
 */
public record BackendChoice(String backend, String how, Map<String, Double> stepMillis, int rowsPerThread, int threads,
                            double seconds) {
    private static final ClassTag<double[]> TAG = ClassTag$.MODULE$.apply(double[].class);
    /** Longest a probe task measures, once it has its 8 rounds, before it takes the times it has. */
    private static final double BUDGET_SECONDS = 4;
    /** Every backend a probe may measure, in the order of its results. */
    static final List<String> NAMES = List.of("ember-vector", "netlib-native", "netlib-java");
    /** The backend the JIT compiles, still getting faster while a cold JVM's probe times it. */
    static final String JIT_COMPILED = "ember-vector";
    /** How much faster than {@link #JIT_COMPILED} another backend must step to be chosen. */
    static final double JIT_MARGIN = 0.10;

    /**
     * The backend for a run on {@code data}: the configured one, or for {@code auto} the one whose
     * whole step measured fastest.
     *
     * @param sc      the context
     * @param config  the run's configuration
     * @param data    the cached training data
     * @param threads the task threads of the run
     * @return the choice
     */
    public static BackendChoice resolve(JavaSparkContext sc, Config config, PreparedData data, int threads) {
        String configured = SparkSettings.blas(config);
        if (!configured.equals(Blas.AUTO)) {
            Blas.gemm(configured); // fails here, on the driver, with the reason, if it cannot load
            return new BackendChoice(configured, config.get(SparkSettings.BLAS).equals(Blas.AUTO) ? "deterministic"
                    : "configured", Map.of(), 0, 0, 0);
        }
        long start = System.nanoTime();
        int nonEmpty = (int) java.util.Arrays.stream(data.trainRows).filter(n -> n > 0).count();
        int steps = BatchPlan.stepsPerEpoch(data.trainCount(), LoopSettings.globalBatch(config, 1, nonEmpty));
        ProbeTask task = new ProbeTask(data.spec, threads, NAMES, steps);
        double[][] perPartition = SparkCallSite.named(sc, "ember: choose the BLAS backend",
                () -> (double[][]) sc.sc().runJob(data.train.rdd(), task, TAG));
        Map<String, Double> slowest = slowestPerBackend(NAMES, perPartition);
        String best = fastest(slowest);
        int rowsPerThread = (BatchPlan.maxSlice((int) max(data.trainRows), steps) + threads - 1) / threads;
        return new BackendChoice(best, "measured", slowest, rowsPerThread, threads, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Each backend's step time on its slowest partition (a step waits for its slowest task), for the
     * backends measured on every non-empty partition; in the order of {@code names}.
     *
     * @param names        the backends, in the order of each partition's times
     * @param perPartition each partition's step times in ms (NaN: not loadable there; empty: empty partition)
     * @return backend name to its slowest step time
     */
    static Map<String, Double> slowestPerBackend(List<String> names, double[][] perPartition) {
        Map<String, Double> slowest = new LinkedHashMap<>();
        for (int b = 0; b < names.size(); b++) {
            double worst = 0;
            boolean everywhere = true;
            for (double[] p : perPartition) {
                if (p.length == 0) {
                    continue; // an empty partition computes nothing
                }
                everywhere &= !Double.isNaN(p[b]);
                worst = Math.max(worst, p[b]);
            }
            if (everywhere && worst > 0) {
                slowest.put(names.get(b), worst);
            }
        }
        return slowest;
    }

    /**
     * The backend with the shortest step, except that {@code ember-vector} keeps the choice unless
     * another is more than {@link #JIT_MARGIN} faster. When no backend was measured on every executor
     * (each missing on some): netlib-java, which loads on any.
     * Why the margin: a probe in a JVM seconds old times Ember's kernel while the JIT is still
     * compiling it, and a native library's time is already final. On 2026-12-01, quiet, in one of
     * three cold {@code ember train --config conf/mnist.conf} runs the probe put netlib-native 4% ahead
     * and that run's epochs took 1.3-1.9 s, against 0.9-1.5 s in a run with ember-vector; the
     * benchmark's warm probes put ember-vector 15-18% ahead.
     */
    static String fastest(Map<String, Double> stepMillis) {
        String best = "netlib-java";
        double bestMs = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : stepMillis.entrySet()) {
            if (e.getValue() < bestMs) {
                best = e.getKey();
                bestMs = e.getValue();
            }
        }
        Double jit = stepMillis.get(JIT_COMPILED);
        return jit != null && bestMs >= (1 - JIT_MARGIN) * jit ? JIT_COMPILED : best;
    }

    /** True when the backend was measured rather than configured or pinned. */
    public boolean measured() {
        return how.equals("measured");
    }

    /**
     * One line saying what was measured and chosen, e.g. {@code BLAS ember-vector: step 24.8 ms vs
     * netlib-native 41.0 ms at 1024 rows x 2 threads}, or {@code BLAS ember-vector (configured)}. A backend
     * that could not be measured everywhere (none loaded on some executor) is left out.
     *
     * @return the line
     */
    public String line() {
        if (!measured()) {
            return "BLAS " + Blas.gemm(backend).name() + " (" + (how.equals("deterministic")
                    ? "deterministic runs pin it" : "configured") + ")";
        }
        if (stepMillis.isEmpty()) {
            return String.format(Locale.ROOT, "BLAS %s: no backend loads on every executor, so the pure-Java one "
                    + "(measured in %.1f s)", backend, seconds);
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "BLAS %s: step %.1f ms", backend,
                stepMillis.get(backend)));
        String sep = " vs ";
        for (Map.Entry<String, Double> e : stepMillis.entrySet()) {
            if (!e.getKey().equals(backend)) {
                sb.append(String.format(Locale.ROOT, "%s%s %.1f ms", sep, e.getKey(), e.getValue()));
                sep = ", ";
            }
        }
        boolean kept = stepMillis.values().stream().anyMatch(ms -> ms < stepMillis.get(backend));
        return sb.append(String.format(Locale.ROOT, " at %d rows x %d threads (%s%smeasured in %.1f s)", rowsPerThread,
                threads, stepMillis.size() == 1 ? "the only backend that loads here; " : "",
                kept ? "kept: ember-vector gives way only to a backend over 10% faster; " : "", seconds))
                .toString();
    }

    /**
     * What a model's facts record: the backend, and when measured each backend's step time.
     *
     * @return a JSON-ready map
     */
    public Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("how", how);
        if (measured()) {
            Map<String, Double> rounded = new LinkedHashMap<>();
            stepMillis.forEach((k, v) -> rounded.put(k, Math.round(v * 100) / 100.0));
            m.put("step_ms", rounded);
            m.put("rows_per_thread", rowsPerThread);
            m.put("threads", threads);
        }
        return m;
    }

    private static long max(long[] v) {
        long m = 0;
        for (long x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * One partition's step times per backend (NaN where the backend cannot load there), or an empty
     * array for an empty partition. A small named class, like the step's task.
     */
    static final class ProbeTask extends AbstractFunction2<TaskContext, Iterator<DataBlock>, double[]>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final io.ember.nn.NetworkSpec spec;
        private final int threads;
        private final List<String> names;
        private final int steps;

        ProbeTask(io.ember.nn.NetworkSpec spec, int threads, List<String> names, int steps) {
            this.spec = spec;
            this.threads = threads;
            this.names = names;
            this.steps = steps;
        }

        @Override
        public double[] apply(TaskContext context, Iterator<DataBlock> blocks) {
            if (!blocks.hasNext()) {
                return new double[0];
            }
            DataBlock block = blocks.next();
            if (BatchPlan.maxSlice(block.rows(), steps) == 0) {
                return new double[0];
            }
            List<String> here = BackendProbe.candidates();
            double[] ms = BackendProbe.stepMillis(spec, block, steps, threads, here, BUDGET_SECONDS);
            double[] out = new double[names.size()];
            java.util.Arrays.fill(out, Double.NaN);
            for (int i = 0; i < here.size(); i++) {
                out[names.indexOf(here.get(i))] = ms[i];
            }
            return out;
        }
    }
}
