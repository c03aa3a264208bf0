package io.ember.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fused losses stay finite and correct for logits as large as 1e4 in magnitude. */
class LossStabilityTest {

    @Test
    void softmaxCrossEntropyWithHugeLogits() {
        float[] v = {1e4f, -1e4f, 0f, 1e4f - 2f, -1e4f, 1e4f};
        float[] t = {0f, 1f, 0f, 1f, 0f, 0f};
        float[] delta = new float[6];
        double loss = Loss.CROSS_ENTROPY.lossAndDelta(Activation.of(Activation.Kind.SOFTMAX), v, t, 2, 3, delta, null);
        // row 1: the target logit is 2e4 below the max -> loss 2e4; row 2: log(1 + e^-2) + 2 - ... exactly:
        double row2 = Math.log(Math.exp(-2) + Math.exp(-2e4) + 1) + 2; // lse - v_target with max subtracted
        assertEquals(2e4 + row2, loss, 1e-2);
        for (float d : delta) {
            assertTrue(Float.isFinite(d));
        }
        assertArrayEquals(new float[] {1f, -1f, 0f}, new float[] {delta[0], delta[1], delta[2]}, 1e-6f);
    }

    @Test
    void binaryCrossEntropyWithHugeLogits() {
        float[] v = {1e4f, -1e4f, 1e4f, -1e4f};
        float[] t = {1f, 0f, 0f, 1f};
        float[] delta = new float[4];
        double loss = Loss.BINARY_CROSS_ENTROPY.lossAndDelta(Activation.of(Activation.Kind.SIGMOID), v, t, 4, 1, delta, null);
        assertEquals(2e4, loss, 1e-6); // two right (loss ~0), two wrong by 1e4 each
        assertArrayEquals(new float[] {0f, 0f, 1f, -1f}, delta, 0f);
        assertArrayEquals(new float[] {1f, 0f, 1f, 0f}, v, 0f);
    }

    @Test
    void squaredErrorThroughSaturatedSigmoidAndSoftmax() {
        float[] v = {1e4f, -1e4f};
        float[] delta = new float[2];
        double loss = Loss.SQUARED_ERROR.lossAndDelta(Activation.of(Activation.Kind.SIGMOID), v, new float[] {0f, 0f},
                1, 2, delta, null);
        assertEquals(1.0, loss, 1e-9);
        assertArrayEquals(new float[] {0f, 0f}, delta, 0f); // saturated: zero derivative, not NaN
        float[] s = {1e4f, -1e4f, 3f};
        double l2 = Loss.SQUARED_ERROR.lossAndDelta(Activation.of(Activation.Kind.SOFTMAX), s, new float[] {0f, 1f, 0f},
                1, 3, new float[3], null);
        assertEquals(2.0, l2, 1e-9);
    }
}
