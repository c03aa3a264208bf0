package io.ember.train;

import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.Settings;
import io.ember.data.DataBlock;
import io.ember.data.EmbeddedMnist;
import io.ember.data.Examples;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.eval.BlockEvaluator;
import io.ember.eval.ClassificationEvaluation;
import io.ember.linalg.Blas;
import io.ember.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-JVM trainer learns XOR and real handwritten digits. */
class ConvergenceTest {

    private static final Examples XOR = new Examples(2, new float[] {0, 0, 0, 1, 1, 0, 1, 1}, new double[] {0, 1, 1, 0});

    private static ClassificationEvaluation trainXor(String hidden, String optimizerSettings) {
        String[] extra = optimizerSettings.split(" ");
        String[] kv = new String[8 + extra.length];
        System.arraycopy(new String[] {"layers", "8:" + hidden, "batch-size", "4", "epochs", "1500", "seed", "3"},
                0, kv, 0, 8);
        System.arraycopy(extra, 0, kv, 8, extra.length);
        Config config = Keys.parse(Settings.of(kv));
        NetworkSpec spec = Networks.of(config, 2, 2);
        LabelMapping labels = new LabelMapping(new double[] {0, 1});
        TargetEncoding enc = TargetEncoding.classification(2, spec.outputSize(), spec.output().activation());
        List<DataBlock> blocks = List.of(XOR.toBlock(0, 4, labels, enc, 0));
        TrainResult r = LocalTrainer.train(config, spec, blocks, null, enc, null, null);
        return (ClassificationEvaluation) new BlockEvaluator(spec, Blas.gemm("auto"), enc, blocks).evaluate(r.params());
    }

    @Test
    void xorWithTanhHiddenUnits() {
        ClassificationEvaluation e = trainXor("tanh", "optimizer sgd lr 0.5 momentum 0.9");
        assertEquals(1.0, e.accuracy());
        assertTrue(e.loss() < 0.01, "loss " + e.loss());
    }

    @Test
    void xorWithSigmoidHiddenUnits() {
        ClassificationEvaluation e = trainXor("sigmoid", "optimizer adam lr 0.05");
        assertEquals(1.0, e.accuracy());
        assertTrue(e.loss() < 0.01, "loss " + e.loss());
    }

    /**
     * Real data: the 15,000 embedded MNIST digits in two blocks, a 784-128-10 ReLU network, Adam,
     * 6 epochs; evaluated on the 2,000 held-out test digits. Stated accuracy: at least 94%.
     */
    @Test
    void handwrittenDigits() {
        Examples train = EmbeddedMnist.train(15_000);
        Examples test = EmbeddedMnist.test(2_000);
        Config config = Keys.parse(Settings.of("layers", "128:relu", "batch-size", "64", "epochs", "6",
                "lr", "0.002", "seed", "7"));
        NetworkSpec spec = Networks.of(config, 784, 10);
        TargetEncoding enc = TargetEncoding.classification(10, 10, spec.output().activation());
        LabelMapping digits = EmbeddedMnist.digits();
        List<DataBlock> trainBlocks = List.of(train.toBlock(0, 5_000, digits, enc, 0),
                train.toBlock(5_000, train.rows(), digits, enc, 5_000));
        List<DataBlock> testBlocks = List.of(test.toBlock(0, 2_000, digits, enc, 0));
        TrainResult r = LocalTrainer.train(config, spec, trainBlocks, testBlocks, enc, null, null);
        double accuracy = ((ClassificationEvaluation) r.epochs().get(r.epochs().size() - 1).validation()).accuracy();
        System.out.printf("embedded MNIST, 15k train, 6 epochs: test accuracy %.4f, epoch losses %.4f %.4f %.4f%n",
                accuracy, r.epochs().get(0).trainLoss(), r.epochs().get(1).trainLoss(), r.epochs().get(2).trainLoss());
        assertTrue(accuracy >= 0.94, "test accuracy " + accuracy);
        assertTrue(r.epochs().get(5).trainLoss() < r.epochs().get(0).trainLoss());
    }
}
