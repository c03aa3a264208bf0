package io.ember.train;

import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.RawRows;
import io.ember.data.SparseData;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Blas;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;
import io.ember.step.BatchGradient;
import io.ember.step.PartitionWorker.GradientForm;
import io.ember.step.StepCoordinates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on sparse blocks against training on dense blocks of the same rows (single JVM, two
 * partitions): one step's gradient, and the parameters after 50 deterministic steps of each optimizer;
 * the first layer's gradient sent as touched columns against the same gradient sent dense, bit for bit.
 */
class SparseTrainingTest {
    private static final int FEATURES = 300;

    private static Config config(String optimizer) {
        return Keys.parse(Settings.of("layers", "12:relu", "batch-size", "40", "optimizer", optimizer, "lr", "0.01",
                "momentum", optimizer.equals("sgd") ? "0.9" : "0", "max-steps", "50", "epochs", "20",
                "deterministic", "true", "blas", "ember-vector", "task-threads", "2", "seed", "4"));
    }

    private static List<DataBlock> blocks(NetworkSpec spec, boolean sparse) {
        TargetEncoding enc = TargetEncoding.classification(3, 3, spec.output().activation());
        RawRows all = SparseData.rows(360, FEATURES, 10, 9);
        List<DataBlock> out = new ArrayList<>();
        int[][] ranges = {{0, 200}, {200, 360}};
        for (int[] range : ranges) {
            RawRows part = all.slice(range[0], range[1]);
            out.add(sparse ? part.packSparse(FEATURES, SparseData.labels(), enc, null, 500)
                    : part.pack(FEATURES, SparseData.labels(), enc, null, null));
        }
        return out;
    }

    @Test
    void oneStepsGradientInEveryFormAndPath() {
        Config c = config("adam");
        NetworkSpec spec = Networks.of(c, FEATURES, 3);
        float[] p = Initializer.initialize(spec, 2);
        StepCoordinates at = new StepCoordinates(0, 1, 9, 1);
        BatchGradient dense = gradient(spec, blocks(spec, false), GradientForm.AUTO, p, at);
        BatchGradient sentDense = gradient(spec, blocks(spec, true), GradientForm.DENSE, p, at);
        BatchGradient sentSparse = gradient(spec, blocks(spec, true), GradientForm.SPARSE, p, at);
        assertArrayEquals(sentDense.gradient, sentSparse.gradient, "the same sum whichever form it travelled in");
        assertEquals(sentDense.lossSum, sentSparse.lossSum);
        assertEquals(dense.count, sentSparse.count);
        assertEquals(dense.lossSum, sentSparse.lossSum, 1e-5 * Math.abs(dense.lossSum));
        assertArrayEquals(dense.gradient, sentSparse.gradient, 1e-5f, "sparse path against dense path");
    }

    private static BatchGradient gradient(NetworkSpec spec, List<DataBlock> blocks, GradientForm form, float[] p,
                                          StepCoordinates at) {
        try (LocalGradients g = new LocalGradients(spec, Blas.gemm("ember-vector"), blocks, 4, true, 2, form)) {
            BatchGradient b = g.compute(p, at);
            return new BatchGradient(b.gradient.clone(), b.lossSum, b.count, b.weight, 0);
        }
    }

    @Test
    void aPartitionSendsTouchedColumnsWhenThatIsSmaller() {
        Config c = config("adam");
        NetworkSpec spec = Networks.of(c, FEATURES, 3);
        DataBlock block = blocks(spec, true).get(0);
        try (io.ember.step.PartitionWorker w = new io.ember.step.PartitionWorker(spec, Blas.gemm("ember-vector"),
                block, 0, 4, true, 2)) {
            BatchGradient g = w.compute(Initializer.initialize(spec, 2), new StepCoordinates(0, 0, 20, 0));
            assertTrue(g.isSparse(), "10 rows touch few of 300 columns");
            assertTrue(g.columns.length < FEATURES / 2, g.columns.length + " columns");
            assertEquals(g.columns.length * 12, g.columnValues.length);
            assertEquals(spec.parameterCount() - 12 * FEATURES, g.gradient.length);
            BatchGradient d = w.compute(Initializer.initialize(spec, 2), new StepCoordinates(0, 0, 1, 0));
            assertTrue(!d.isSparse(), "200 rows touch every column: dense is smaller");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam", "adamw", "sgd"})
    void fiftyStepsOnSparseBlocksAgreeWithDenseBlocks(String optimizer) {
        Config c = config(optimizer);
        NetworkSpec spec = Networks.of(c, FEATURES, 3);
        TargetEncoding enc = TargetEncoding.classification(3, 3, spec.output().activation());
        TrainResult dense = LocalTrainer.train(c, spec, blocks(spec, false), null, enc, null, null);
        TrainResult sparse = LocalTrainer.train(c, spec, blocks(spec, true), null, enc, null, null,
                GradientForm.SPARSE);
        TrainResult sparseSentDense = LocalTrainer.train(c, spec, blocks(spec, true), null, enc, null, null,
                GradientForm.DENSE);
        assertEquals(50, sparse.state().globalStep);
        assertArrayEquals(sparseSentDense.params(), sparse.params(), "the transport form changes no bit");
        float[] a = dense.params();
        float[] b = sparse.params();
        float[] start = Initializer.initialize(spec, 4);
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4f + 1e-3f * Math.abs(a[i]), "parameter " + i);
            moved = Math.max(moved, Math.abs(a[i] - start[i]));
        }
        assertTrue(moved > 0.05, "training moved the parameters: " + moved);
    }
}
