package io.ember.spark;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.data.RawRows;
import io.ember.data.SparseData;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Bfloat16;
import io.ember.linalg.Blas;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;
import io.ember.step.BatchGradient;
import io.ember.step.BatchPlan;
import io.ember.step.PartitionWorker;
import io.ember.step.StepCoordinates;
import io.ember.train.Networks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code transport = bf16} on real local Spark: where it rounds (bit for bit against a reference built from
 * the float32 workers and the bfloat16 kernels), how far from float32 it takes a few steps (within a bound
 * derived from bfloat16's unit roundoff), tree sums, sparse answers, and the bytes it saves.
 */
class Bf16TransportTest {
    private static final Examples DIGITS = EmbeddedMnist.train(1_200);
    private static final double U = Bfloat16.UNIT_ROUNDOFF;
    private static final double U32 = 0x1p-24;
    /** The largest error of rounding in bfloat16's subnormal range (half its smallest subnormal). */
    private static final double TINY = 0x1p-134;
    private static final long SEED = 5;

    private static List<DataBlock> blocks(NetworkSpec spec, int... sizes) {
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> out = new ArrayList<>();
        int from = 0;
        for (int size : sizes) {
            out.add(DIGITS.toBlock(from, from + size, EmbeddedMnist.digits(), enc, from));
            from += size;
        }
        return out;
    }

    /** Blocks cached in Spark (one partition each) for a test; closing unpersists them. */
    private record Cached(JavaSparkContext sc, List<DataBlock> blocks, JavaRDD<DataBlock> rdd)
            implements AutoCloseable {
        static Cached of(JavaSparkContext sc, List<DataBlock> blocks) {
            JavaRDD<DataBlock> rdd = sc.parallelize(blocks, blocks.size()).persist(StorageLevel.MEMORY_ONLY());
            rdd.count();
            return new Cached(sc, blocks, rdd);
        }

        /** The step source of a run with {@code transport} ({@code shuffle}, one thread per task). */
        SparkGradients gradients(NetworkSpec spec, SparkSettings.Transport transport, boolean shuffle, int depth) {
            TaskSpec task = new TaskSpec(UUID.randomUUID().toString(), spec, SEED, shuffle, "ember-vector", 1,
                    transport);
            return new SparkGradients(sc, rdd, blocks.stream().mapToLong(DataBlock::rows).toArray(), task, depth);
        }

        /** One step's sum (a copy), shuffled, through a source of its own. */
        BatchGradient step(NetworkSpec spec, SparkSettings.Transport transport, int depth, float[] params,
                           StepCoordinates at) {
            try (SparkGradients g = gradients(spec, transport, true, depth)) {
                return g.compute(params, at).copy();
            }
        }

        @Override
        public void close() {
            rdd.unpersist();
        }
    }

    private static NetworkSpec network(String layers) {
        return Networks.of(Keys.parse(Settings.of("layers", layers)), 784, 10);
    }

    /** {@code p} rounded to bfloat16 and widened back, with the scalar kernels. */
    private static float[] rounded(float[] p) {
        float[] r = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = Bfloat16.widen(Bfloat16.narrow(p[i]));
        }
        return r;
    }

    /** Modifies {@code acc}: adds {@code g}, each value rounded to bfloat16 first. */
    private static void addRounded(float[] acc, float[] g) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += Bfloat16.widen(Bfloat16.narrow(g[i]));
        }
    }

    /**
     * What the wire makes of partitions {@code [from, to)}: each one's float32 gradient sum (dense, shuffled, as
     * a task computes it) at the parameters rounded to bfloat16, rounded to bfloat16 itself, added in float32
     * in partition order; their losses and counts added as they are.
     */
    private static BatchGradient roundedAtTheWire(NetworkSpec spec, List<DataBlock> blocks, int from, int to,
                                                  float[] params, StepCoordinates at) {
        BatchGradient sum = new BatchGradient(new float[spec.parameterCount()], 0, 0, 0);
        for (int p = from; p < to; p++) {
            try (PartitionWorker w = new PartitionWorker(spec, Blas.gemm("ember-vector"), blocks.get(p), p, SEED, true,
                    1, PartitionWorker.GradientForm.DENSE)) {
                BatchGradient part = w.compute(rounded(params), at);
                addRounded(sum.gradient, part.gradient);
                sum.lossSum += part.lossSum;
                sum.count += part.count;
            }
        }
        return sum;
    }

    /**
     * One bf16 step is, bit for bit, the float32 step of each partition at the rounded parameters, each
     * partition's sum rounded, the rounded sums added in float32 in partition order; loss and count exact.
     */
    @Test
    void aBf16StepRoundsTheParametersAndEachPartitionsSumOnce() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        NetworkSpec spec = network("32:relu");
        float[] params = Initializer.initialize(spec, 3);
        StepCoordinates at = new StepCoordinates(0, 1, 4, 1);
        try (Cached data = Cached.of(sc, blocks(spec, 600, 400))) {
            BatchGradient bf16 = data.step(spec, SparkSettings.Transport.BF16, 1, params, at);
            BatchGradient f32 = data.step(spec, SparkSettings.Transport.FLOAT32, 1, params, at);
            BatchGradient expected = roundedAtTheWire(spec, data.blocks(), 0, 2, params, at);
            assertFalse(bf16.isBf16(), "the driver's sum is float32");
            assertArrayEquals(expected.gradient, bf16.gradient, 0f);
            assertEquals(expected.lossSum, bf16.lossSum, 0, "the loss is not rounded");
            assertEquals(f32.count, bf16.count);
            assertEquals(250, bf16.count);
            assertFalse(Arrays.equals(f32.gradient, bf16.gradient), "bf16 rounds something");
        }
    }

    /**
     * tree-depth 2 with bf16: two runs give the same bits, and they are the documented rounding: each partition
     * sum rounded, each group's float32 sum of them (in partition order) rounded once, the group sums added on
     * the driver in group order.
     */
    @Test
    void twoLevelsWithBf16RoundOncePerLevelAndRepeatBitForBit() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        NetworkSpec spec = network("16:relu");
        float[] params = Initializer.initialize(spec, 2);
        StepCoordinates at = new StepCoordinates(0, 1, 4, 1);
        int fanIn = TreeSum.fanIn(6, 2);
        assertEquals(3, fanIn);
        try (Cached data = Cached.of(sc, blocks(spec, 200, 200, 200, 200, 200, 200));
             SparkGradients g = data.gradients(spec, SparkSettings.Transport.BF16, true, 2)) {
            BatchGradient tree = g.compute(params, at).copy();
            assertArrayEquals(tree.gradient, g.compute(params, at).gradient, 0f, "deterministic");
            assertEquals(300, tree.count);
            float[] expected = new float[spec.parameterCount()];
            for (int group = 0; group < 2; group++) {
                addRounded(expected, roundedAtTheWire(spec, data.blocks(), group * fanIn, (group + 1) * fanIn, params,
                        at).gradient);
            }
            assertArrayEquals(expected, tree.gradient, 0f);
        }
    }

    /**
     * Sparse blocks whose tasks answer in touched columns: the column values and the rest travel as bfloat16,
     * and the sum is bit for bit the one of the same gradients sent dense and rounded (the form changes no bit).
     */
    @Test
    void sparseAnswersTravelAsBf16Too() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        int features = 300;
        NetworkSpec spec = Networks.of(Keys.parse(Settings.of("layers", "12:relu")), features, 3);
        TargetEncoding enc = TargetEncoding.classification(3, 3, spec.output().activation());
        RawRows all = SparseData.rows(360, features, 10, 9);
        List<DataBlock> blocks = List.of(all.slice(0, 200).packSparse(features, SparseData.labels(), enc, null, 500),
                all.slice(200, 360).packSparse(features, SparseData.labels(), enc, null, 500));
        float[] params = Initializer.initialize(spec, 2);
        StepCoordinates at = new StepCoordinates(0, 1, 20, 1);
        try (PartitionWorker w = new PartitionWorker(spec, Blas.gemm("ember-vector"), blocks.get(0), 0, SEED, true,
                1)) {
            assertTrue(w.compute(params, at).isSparse(), "10 rows touch few of 300 columns: the task answers in "
                    + "touched columns");
        }
        try (Cached data = Cached.of(sc, blocks)) {
            assertArrayEquals(roundedAtTheWire(spec, blocks, 0, 2, params, at).gradient,
                    data.step(spec, SparkSettings.Transport.BF16, 1, params, at).gradient, 0f);
        }
    }

    /**
     * Three SGD steps of softmax regression (no hidden layer, so the effect of rounded parameters on the
     * gradient has a closed-form bound) with bf16 and with float32, from the same start on the same batches.
     * Every gradient and every parameter of the bf16 run stays within a bound derived from the unit roundoff
     * u = 2^-8 of bfloat16 (plus float32's own rounding in both runs, under 1% of it):
     * <ul>
     *   <li>the bf16 tasks compute with R(q), q the bf16 run's float32 weights, the float32 tasks with p:
     *       |R(q) - p| <= d = E + u|q| elementwise, E the bound on |q - p| so far (0 at the start);</li>
     *   <li>logits then differ by at most Z_il = sum_j d_lj |x_ij| + d_bl, plus gamma_785 (sum_j |W_lj| |x_ij| +
     *       |b_l|) for each run's float32 dot product (gamma_m = m 2^-24 / (1 - m 2^-24), Higham §3.1);</li>
     *   <li>softmax moves by at most half the largest logit change (the gradient of s_k has 1-norm
     *       2 s_k (1 - s_k) <= 1/2; mean value theorem), so each example's delta s - y differs by at most
     *       S_i = max_l Z_il / 2 plus float32 slack for each run's softmax;</li>
     *   <li>gradient sums: |dW_kj| differs by at most sum_i S_i |x_ij| before rounding; each partition's sum
     *       is then rounded (at most u sum_i |x_ij|, since |s - y| <= 1), and each run adds its n products in
     *       float32 (gamma_(n+2) sum_i |x_ij| each);</li>
     *   <li>the SGD step p -= (lr / n) g, the same float c = lr / n in both runs: E grows by c times the
     *       gradient bound, plus each run's float32 rounding of the update.</li>
     * </ul>
     */
    @Test
    void fewSgdStepsStayWithinTheBoundDerivedFromBf16sRoundoff() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        NetworkSpec spec = network("");
        assertEquals(1, spec.layerCount(), "softmax regression");
        int classes = 10;
        int inputs = 784;
        List<DataBlock> blocks = blocks(spec, 600, 400);
        int n = spec.parameterCount();
        float[] p = Initializer.initialize(spec, 3);
        float[] q = p.clone();
        double[] bound = new double[n];
        double lr = 0.5;
        int stepsInEpoch = 4;
        double worst = 0;
        try (Cached data = Cached.of(sc, blocks);
             SparkGradients f32 = data.gradients(spec, SparkSettings.Transport.FLOAT32, false, 1);
             SparkGradients bf16 = data.gradients(spec, SparkSettings.Transport.BF16, false, 1)) {
            for (int s = 0; s < 3; s++) {
                StepCoordinates at = new StepCoordinates(0, s, stepsInEpoch, s);
                BatchGradient g = f32.compute(p, at).copy();
                BatchGradient h = bf16.compute(q, at).copy();
                assertEquals(g.count, h.count);
                List<float[]> batch = batchRows(blocks, s, stepsInEpoch, inputs);
                double[] d = new double[n];
                double[] m = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = bound[i] + U * Math.abs(q[i]) + TINY;
                    m[i] = Math.abs(p[i]) + d[i];
                }
                double[] gradientBound = gradientBound(batch, d, m, classes, inputs, blocks.size());
                for (int i = 0; i < n; i++) {
                    double diff = Math.abs((double) h.gradient[i] - g.gradient[i]);
                    assertTrue(diff <= gradientBound[i], "step " + s + ", gradient " + i + ": " + diff + " > "
                            + gradientBound[i]);
                    worst = Math.max(worst, diff / gradientBound[i]);
                }
                float c = (float) (lr / g.count);
                for (int i = 0; i < n; i++) {
                    p[i] -= c * g.gradient[i];
                    q[i] -= c * h.gradient[i];
                    bound[i] += c * gradientBound[i] + 2 * U32 * (Math.abs(p[i]) + Math.abs(q[i])
                            + c * (Math.abs(g.gradient[i]) + Math.abs(h.gradient[i])));
                }
            }
        }
        double worstParameter = 0;
        boolean differs = false;
        for (int i = 0; i < n; i++) {
            double diff = Math.abs((double) q[i] - p[i]);
            assertTrue(diff <= bound[i], "parameter " + i + ": " + diff + " > " + bound[i]);
            worstParameter = Math.max(worstParameter, diff / bound[i]);
            differs |= q[i] != p[i];
        }
        assertTrue(differs, "bf16 changed the run");
        System.out.printf("bf16 against float32, 3 SGD steps: the largest gradient difference is %.3f of its bound, "
                + "the largest parameter difference %.3f of its bound%n", worst, worstParameter);
    }

    /** The features of the step's global batch: each partition's slice, in stored order (shuffle off). */
    private static List<float[]> batchRows(List<DataBlock> blocks, int step, int stepsInEpoch, int inputs) {
        List<float[]> out = new ArrayList<>();
        for (DataBlock b : blocks) {
            int from = BatchPlan.sliceStart(b.rows(), step, stepsInEpoch);
            int to = BatchPlan.sliceStart(b.rows(), step + 1, stepsInEpoch);
            for (int r = from; r < to; r++) {
                out.add(Arrays.copyOfRange(b.features(), r * inputs, (r + 1) * inputs));
            }
        }
        return out;
    }

    /**
     * The bound on |bf16 gradient - float32 gradient| of softmax regression (weights [classes][inputs], then
     * biases), given d bounding the difference of the parameters the two runs' tasks use and m bounding their
     * magnitudes (the class comment derives it).
     */
    private static double[] gradientBound(List<float[]> batch, double[] d, double[] m, int classes, int inputs,
                                          int partitions) {
        int rowsInBatch = batch.size();
        double gammaDot = gamma(inputs + 1);
        double gammaSum = gamma(rowsInBatch + 2);
        double[] out = new double[d.length];
        int biases = classes * inputs;
        for (float[] x : batch) {
            double largestChange = 0;
            double largestLogit = 0;
            for (int l = 0; l < classes; l++) {
                double change = d[biases + l];
                double size = m[biases + l];
                for (int j = 0; j < inputs; j++) {
                    change += d[l * inputs + j] * Math.abs(x[j]);
                    size += m[l * inputs + j] * Math.abs(x[j]);
                }
                largestChange = Math.max(largestChange, change + 2 * gammaDot * size);
                largestLogit = Math.max(largestLogit, size);
            }
            // each run's softmax and s - y in float32: the shift by the largest logit (|z - max| <= 2 x the
            // largest logit, a relative error of the exponential of that many units), the exponentials, a sum of
            // `classes` terms, a division and a subtraction; doubled for the (1 + u) factors
            double softmaxSlack = 2 * (classes + 4 + 2 * largestLogit) * U32;
            double perExample = largestChange / 2 + 2 * softmaxSlack + U * (1 + gammaSum) + 2 * gammaSum;
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < inputs; j++) {
                    out[k * inputs + j] += perExample * Math.abs(x[j]);
                }
                out[biases + k] += perExample;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] += partitions * TINY;
        }
        return out;
    }

    private static double gamma(int terms) {
        return terms * U32 / (1 - terms * U32);
    }

    /**
     * The bytes a step moves, as Spark counts them: the broadcast pieces the driver stores (the parameters and
     * the job's task binary) and the task results (task metrics' resultSize). The float32 figures are 4 bytes
     * per parameter (once for the broadcast, once per task for the results) plus Spark's own bytes; with bf16
     * they are 2 bytes per parameter plus no more than those (give or take a few bytes of the job's
     * description): about half.
     */
    @Test
    void aBf16StepMovesHalfTheBytes() throws Exception {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        NetworkSpec spec = network("128:relu");
        long parameters = spec.parameterCount();
        float[] params = Initializer.initialize(spec, 1);
        long[] f32;
        long[] bf16;
        long[] copies = {1, 2}; // one broadcast, two tasks' results
        try (Cached data = Cached.of(sc, blocks(spec, 600, 400))) {
            f32 = stepBytes(data.gradients(spec, SparkSettings.Transport.FLOAT32, true, 1), params);
            bf16 = stepBytes(data.gradients(spec, SparkSettings.Transport.BF16, true, 1), params);
        }
        String figures = "float32 " + Arrays.toString(f32) + ", bf16 " + Arrays.toString(bf16) + " bytes (broadcast, "
                + "results) for " + parameters + " parameters";
        System.out.println(figures);
        for (int i = 0; i < 2; i++) {
            long sparkBytes = f32[i] - 4 * parameters * copies[i];
            assertTrue(sparkBytes >= 0 && sparkBytes < 16_384, figures);
            assertTrue(bf16[i] >= 2 * parameters * copies[i], figures);
            assertTrue(bf16[i] <= 2 * parameters * copies[i] + sparkBytes + 64, figures);
        }
    }

    /** {broadcast bytes stored, task result bytes} of the second step of {@code source} (closed). */
    private static long[] stepBytes(SparkGradients source, float[] params) throws Exception {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        AtomicLong broadcast = new AtomicLong();
        AtomicLong results = new AtomicLong();
        SparkListener listener = new SparkListener() {
            @Override
            public void onBlockUpdated(SparkListenerBlockUpdated update) {
                // a stored piece (a destroyed one is reported again with a storage level of no replicas)
                if (update.blockUpdatedInfo().blockId().isBroadcast()
                        && update.blockUpdatedInfo().storageLevel().isValid()) {
                    broadcast.addAndGet(update.blockUpdatedInfo().memSize());
                }
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                results.addAndGet(end.taskMetrics().resultSize());
            }
        };
        try (SparkGradients g = source) {
            g.compute(params, new StepCoordinates(0, 0, 4, 0)); // workers made and the JIT's first pass
            sc.sc().listenerBus().waitUntilEmpty();
            sc.sc().addSparkListener(listener);
            try {
                g.compute(params, new StepCoordinates(0, 1, 4, 1));
                sc.sc().listenerBus().waitUntilEmpty();
            } finally {
                sc.sc().removeSparkListener(listener);
            }
        }
        return new long[] {broadcast.get(), results.get()};
    }
}
