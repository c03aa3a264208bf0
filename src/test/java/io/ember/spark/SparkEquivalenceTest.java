package io.ember.spark;

import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Blas;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;
import io.ember.optim.Optimizer;
import io.ember.optim.Optimizers;
import io.ember.optim.Regularization;
import io.ember.optim.Schedules;
import io.ember.step.BatchGradient;
import io.ember.step.StepCoordinates;
import io.ember.train.LocalGradients;
import io.ember.train.LocalTrainer;
import io.ember.train.Networks;
import io.ember.train.TrainResult;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark trainer against the single-JVM trainer, on real local Spark with 2 and 3 cores. */
class SparkEquivalenceTest {
    private static final Examples DIGITS = EmbeddedMnist.train(1_000);

    private static List<DataBlock> blocks(NetworkSpec spec, int partitions) {
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> out = new ArrayList<>();
        int[] sizes = {400, 250, 350}; // unequal partitions
        int from = 0;
        for (int p = 0; p < partitions; p++) {
            int size = partitions == 3 ? sizes[p] : (p == 0 ? 600 : 400);
            out.add(DIGITS.toBlock(from, from + size, EmbeddedMnist.digits(), enc, from));
            from += size;
        }
        return out;
    }

    private static JavaRDD<DataBlock> cached(JavaSparkContext sc, List<DataBlock> blocks) {
        JavaRDD<DataBlock> rdd = sc.parallelize(blocks, blocks.size()).persist(StorageLevel.MEMORY_ONLY());
        rdd.count();
        return rdd;
    }

    private static long[] rows(List<DataBlock> blocks) {
        return blocks.stream().mapToLong(DataBlock::rows).toArray();
    }

    @ParameterizedTest(name = "local[{0}]")
    @ValueSource(ints = {2, 3})
    void oneSparkStepEqualsTheSingleJvmStepOnTheSameGlobalBatch(int cores) {
        JavaSparkContext sc = SparkTests.sc("local[" + cores + "]");
        Config config = Keys.parse(Settings.of("layers", "64:relu, 32:tanh", "shuffle", "false",
                "batch-size", "250", "l2", "0.001", "optimizer", "adam", "lr", "0.01", "blas", "ember-vector"));
        NetworkSpec spec = Networks.of(config, 784, 10);
        List<DataBlock> blocks = blocks(spec, cores);
        float[] params = Initializer.initialize(spec, 3);
        StepCoordinates at = new StepCoordinates(0, 1, 4, 1); // the second of four steps: a real slice of each block

        TaskSpec task = new TaskSpec(UUID.randomUUID().toString(), spec, 5, false, "ember-vector", 1);
        JavaRDD<DataBlock> rdd = cached(sc, blocks);
        BatchGradient spark;
        try (SparkGradients g = new SparkGradients(sc, rdd, rows(blocks), task, 0)) {
            spark = g.compute(params, at);
        }

        // The single-JVM reference on the same global batch, gathered into one block.
        List<DataBlock> union = new ArrayList<>();
        float[] x = new float[(250 + cores) * 784];
        float[] t = new float[(250 + cores) * 10];
        int n = 0;
        for (DataBlock b : blocks) {
            int from = io.ember.step.BatchPlan.sliceStart(b.rows(), 1, 4);
            int to = io.ember.step.BatchPlan.sliceStart(b.rows(), 2, 4);
            long[] ids = new long[to - from];
            float[] bx = new float[(to - from) * 784];
            float[] bt = new float[(to - from) * 10];
            b.gather(null, from, to, bx, bt, ids, null);
            System.arraycopy(bx, 0, x, n * 784, bx.length);
            System.arraycopy(bt, 0, t, n * 10, bt.length);
            n += to - from;
        }
        assertEquals(250, n, cores); // the global batch, give or take one row per partition
        union.add(new DataBlock(java.util.Arrays.copyOf(x, n * 784), java.util.Arrays.copyOf(t, n * 10), n, 784, 10, 0));
        BatchGradient local = new LocalGradients(spec, Blas.gemm("ember-vector"), union, 5, false, 1)
                .compute(params, new StepCoordinates(0, 0, 1, 1));

        assertEquals(local.count, spark.count);
        assertEquals(local.lossSum, spark.lossSum, 1e-6 * Math.abs(local.lossSum));
        assertArrayEquals(local.gradient, spark.gradient, 2e-5f, "summed gradient");

        // ... and the same driver update: mean, L2, Adam
        float[] pSpark = step(config, spec, params, spark);
        float[] pLocal = step(config, spec, params, local);
        assertArrayEquals(pLocal, pSpark, 1e-6f, "parameters after the step");
        rdd.unpersist();
    }

    private static float[] step(Config config, NetworkSpec spec, float[] params, BatchGradient g) {
        float[] p = params.clone();
        float[] grad = g.gradient.clone();
        for (int i = 0; i < grad.length; i++) {
            grad[i] /= g.count;
        }
        Regularization reg = Regularization.of(config, spec);
        reg.addGradient(p, grad);
        Optimizer opt = Optimizers.create(config, spec);
        opt.step(p, grad, config.get(Schedules.LR));
        return p;
    }

    /** The default layout: one partition whose task computes on every core, against the same two-shard local run. */
    @org.junit.jupiter.api.Test
    void onePartitionTwoThreadsReproducesTheSingleJvmRunBitForBit() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        Config config = Keys.parse(Settings.of("layers", "32:relu:0.2", "epochs", "2", "batch-size", "100",
                "seed", "11", "lr", "0.005", "blas", "ember-vector", "task-threads", "2"));
        NetworkSpec spec = Networks.of(config, 784, 10);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> blocks = List.of(DIGITS.toBlock(0, 1000, EmbeddedMnist.digits(), enc, 0));
        TrainResult local = LocalTrainer.train(config, spec, blocks, null, enc, null, null);
        JavaRDD<DataBlock> rdd = cached(sc, blocks);
        PreparedData data = new PreparedData(rdd, rows(blocks), null, 0, spec, EmbeddedMnist.digits(), enc, null,
                List.of());
        assertEquals(1, SparkResources.partitions(sc, Keys.parse(Settings.empty())));
        assertEquals(2, SparkResources.taskThreads(sc, Keys.parse(Settings.empty()), 1));
        SparkTrainer.Outcome spark = SparkTrainer.fit(sc, config, data, null, null, null);
        assertArrayEquals(local.params(), spark.model().params(), 0f);
        rdd.unpersist();
    }

    /** A cached block lost with its executor is recomputed through the lineage and the step repeated. */
    @org.junit.jupiter.api.Test
    void aLostBlockIsRecomputedAndTheStepRepeated() {
        JavaSparkContext sc = SparkTests.sc("local[2]");
        Config config = Keys.parse(Settings.of("layers", "16:relu", "blas", "ember-vector"));
        NetworkSpec spec = Networks.of(config, 784, 10);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> blocks = List.of(DIGITS.toBlock(0, 500, EmbeddedMnist.digits(), enc, 0),
                DIGITS.toBlock(500, 1000, EmbeddedMnist.digits(), enc, 500));
        JavaRDD<DataBlock> rdd = cached(sc, blocks);
        float[] p = Initializer.initialize(spec, 1);
        StepCoordinates at = new StepCoordinates(0, 0, 5, 0);
        try (SparkGradients g = new SparkGradients(sc, rdd, rows(blocks),
                new TaskSpec(UUID.randomUUID().toString(), spec, 1, true, "ember-vector", 1), 0)) {
            float[] before = g.compute(p, at).gradient.clone();
            org.apache.spark.SparkEnv.get().blockManager().removeBlock(
                    new org.apache.spark.storage.RDDBlockId(rdd.id(), 1), true);
            float[] after = g.compute(p, at).gradient.clone();
            assertArrayEquals(before, after, 0f);
        }
        rdd.unpersist();
    }

    @ParameterizedTest(name = "local[{0}]")
    @ValueSource(ints = {2, 3})
    void aWholeSparkRunReproducesTheSingleJvmRunBitForBit(int cores) {
        JavaSparkContext sc = SparkTests.sc("local[" + cores + "]");
        Config config = Keys.parse(Settings.of("layers", "32:relu:0.2", "epochs", "2", "batch-size", "100",
                "seed", "11", "lr", "0.005", "blas", "ember-vector", "schedule", "cosine", "warmup", "3"));
        NetworkSpec spec = Networks.of(config, 784, 10);
        List<DataBlock> blocks = blocks(spec, cores);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        TrainResult local = LocalTrainer.train(config, spec, blocks, null, enc, null, null);

        JavaRDD<DataBlock> rdd = cached(sc, blocks);
        PreparedData data = new PreparedData(rdd, rows(blocks), null, 0, spec, EmbeddedMnist.digits(), enc, null,
                List.of());
        SparkTrainer.Outcome spark = SparkTrainer.fit(sc, config, data, null, null, null);
        assertEquals(local.state().globalStep, spark.result().state().globalStep);
        assertArrayEquals(local.params(), spark.model().params(), 0f, "dropout on, shuffled, cosine + warm-up");
        rdd.unpersist();
    }
}
