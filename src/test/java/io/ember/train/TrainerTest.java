package io.ember.train;

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
import io.ember.nn.ParamRanges;
import io.ember.step.BatchGradient;
import io.ember.step.BatchPlan;
import io.ember.step.PartitionWorker;
import io.ember.step.StepCoordinates;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final Examples DIGITS = EmbeddedMnist.train(1_200);

    private static Config config(String... kv) {
        String[] base = {"layers", "32:relu", "batch-size", "100", "epochs", "2", "seed", "5"};
        String[] all = new String[base.length + kv.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(kv, 0, all, base.length, kv.length);
        return Keys.parse(Settings.of(all));
    }

    /** Splits the first {@code n} digits into blocks of the given sizes (zeros allowed). */
    private static List<DataBlock> blocks(NetworkSpec spec, int... sizes) {
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> out = new ArrayList<>();
        int from = 0;
        for (int s : sizes) {
            out.add(DIGITS.toBlock(from, from + s, EmbeddedMnist.digits(), enc, from));
            from += s;
        }
        return out;
    }

    @Test
    void aBatchSplitAcrossPartitionsHasTheGradientOfTheWholeBatch() {
        Config c = config("shuffle", "false");
        NetworkSpec spec = Networks.of(c, 784, 10);
        float[] p = Initializer.initialize(spec, 1);
        // one step taking everything (steps = 1): 300 rows in one block vs the same rows in uneven blocks
        StepCoordinates all = new StepCoordinates(0, 0, 1, 0);
        BatchGradient one = new LocalGradients(spec, Blas.gemm("auto"), blocks(spec, 300), 5, false, 1).compute(p, all);
        float[] expected = one.gradient.clone();
        double expectedLoss = one.lossSum;
        BatchGradient split = new LocalGradients(spec, Blas.gemm("auto"), blocks(spec, 17, 0, 200, 83), 5, false, 1)
                .compute(p, all);
        assertEquals(300, split.count);
        assertEquals(expectedLoss, split.lossSum, 1e-9 * Math.abs(expectedLoss) * 300);
        assertArrayEquals(expected, split.gradient, 1e-4f);
    }

    @Test
    void everyExampleIsVisitedOncePerEpochWhateverThePartitioning() {
        int[] sizes = {37, 0, 120, 5, 238};
        int steps = BatchPlan.stepsPerEpoch(400, 64);
        assertEquals(7, steps);
        int total = 0;
        for (int p = 0; p < sizes.length; p++) {
            int[] order = new int[sizes[p]];
            BatchPlan.epochOrder(order, sizes[p], true, 9, 2, p);
            boolean[] seen = new boolean[sizes[p]];
            for (int s = 0; s < steps; s++) {
                for (int i = BatchPlan.sliceStart(sizes[p], s, steps); i < BatchPlan.sliceStart(sizes[p], s + 1, steps); i++) {
                    assertTrue(!seen[order[i]], "row visited twice");
                    seen[order[i]] = true;
                    total++;
                }
            }
        }
        assertEquals(400, total);
    }

    @Test
    @Tag("allocation")
    void aStepAllocatesNothing() {
        Config c = config("layers", "64:relu:0.2, 32:tanh");
        NetworkSpec spec = Networks.of(c, 784, 10);
        PartitionWorker w = new PartitionWorker(spec, Blas.gemm("auto"), blocks(spec, 1000).get(0), 0, 3, true, 1);
        float[] p = Initializer.initialize(spec, 1);
        StepCoordinates[] steps = new StepCoordinates[100];
        for (int s = 0; s < steps.length; s++) {
            steps[s] = new StepCoordinates(0, s % 10, 10, s);
        }
        long allocated = SteadyStateAllocation.lastRound(() -> {
            for (StepCoordinates at : steps) {
                w.compute(p, at);
            }
        }, new long[0], 0);
        System.out.println("bytes allocated by 100 partition steps once compiled: " + allocated);
        assertEquals(0, allocated, () -> "bytes allocated by 100 steps; " + SteadyStateAllocation.vectorKernelTiers());
    }

    @Test
    void frozenLayersNeitherMoveNorDecay() {
        Config c = config("freeze", "0", "l2", "0.01", "l1", "0.001", "decay-bias", "true", "optimizer", "sgd",
                "lr", "0.1", "momentum", "0.9");
        NetworkSpec spec = Networks.of(c, 784, 10);
        float[] init = Initializer.initialize(spec, 2);
        TrainResult r = LocalTrainer.train(c, spec, blocks(spec, 600), null, null, init, null);
        ParamRanges trainable = spec.trainableRanges();
        int moved = 0;
        for (int i = 0; i < init.length; i++) {
            if (!trainable.contains(i)) {
                assertEquals(init[i], r.params()[i], 0f, "frozen parameter " + i);
            } else if (init[i] != r.params()[i]) {
                moved++;
            }
        }
        assertTrue(moved > trainable.size() / 2, "trainable parameters moved: " + moved);
    }

    @Test
    void maxStepsStopsMidEpochAndIsReported() {
        Config c = config("max-steps", "7");
        NetworkSpec spec = Networks.of(c, 784, 10);
        TrainResult r = LocalTrainer.train(c, spec, blocks(spec, 600), null, null, null, null);
        assertEquals(7, r.state().globalStep);
        assertEquals("reached max-steps = 7", r.stopReason());
        assertEquals(1, r.epochs().size()); // epoch 1 has 6 steps; epoch 2 stopped after 1
    }

    @Test
    void batchScheduleChangesStepsPerEpoch() {
        Config c = config("batch-schedule", "2:300", "epochs", "3");
        NetworkSpec spec = Networks.of(c, 784, 10);
        TrainResult r = LocalTrainer.train(c, spec, blocks(spec, 400, 200), null, null, null, null);
        assertEquals(List.of(6L, 2L, 2L), r.epochs().stream().map(EpochReport::steps).toList());
        assertEquals(10, r.state().globalStep);
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        Config c = config("epochs", "30", "patience", "2", "lr", "0.01");
        NetworkSpec spec = Networks.of(c, 784, 10);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        List<DataBlock> train = blocks(spec, 200);
        List<DataBlock> validation = List.of(DIGITS.toBlock(1000, 1200, EmbeddedMnist.digits(), enc, 1000));
        TrainResult r = LocalTrainer.train(c, spec, train, validation, enc, null, null);
        assertTrue(r.epochs().size() < 30, "stopped early: " + r.stopReason());
        assertTrue(r.stopReason().startsWith("early stopping"), r.stopReason());
        int best = r.state().bestEpoch;
        assertEquals(r.epochs().size() - 2, best);
        assertArrayEquals(r.state().bestParams, r.params());
        assertNotEquals(r.state().params[0], 0f);
        double bestLoss = r.epochs().get(best - 1).validation().loss();
        for (EpochReport e : r.epochs()) {
            assertTrue(e.validation().loss() >= bestLoss);
        }
    }

    @Test
    void divergenceStopsWithTheStepAndKeepsTheLastGoodParameters() {
        Config c = config("optimizer", "sgd", "lr", "1e30");
        NetworkSpec spec = Networks.of(c, 784, 10);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> LocalTrainer.train(c, spec, blocks(spec, 600), null, null, null, null));
        assertTrue(e.getMessage().startsWith("training diverged at step "), e.getMessage());
        for (float v : e.lastGoodState().params) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void gradientClippingBoundsTheUpdate() {
        Config clipped = config("optimizer", "sgd", "lr", "1", "clip-norm", "0.001", "max-steps", "1");
        NetworkSpec spec = Networks.of(clipped, 784, 10);
        float[] init = Initializer.initialize(spec, 2);
        TrainResult r = LocalTrainer.train(clipped, spec, blocks(spec, 600), null, null, init, null);
        double moved = 0;
        for (int i = 0; i < init.length; i++) {
            moved += Math.pow(r.params()[i] - init[i], 2);
        }
        assertEquals(0.001, Math.sqrt(moved), 1e-6);
    }
}
