package io.ember.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worked example: x = [1, 2], W = [[0.1, 0.2], [0.3, 0.4]], b = [-0.1, 0.2], sigmoid.
 * Pre-activations [0.4, 1.3], outputs [0.598688, 0.785835]. With target t = [1, 0] and the
 * squared error sum_k (y_k - t_k)^2 the loss is 0.778588 and dL/dv_k = 2 (y_k - t_k) y_k (1 - y_k).
 */
class WorkedExampleTest {
    private final NetworkSpec spec = new NetworkSpec(2, List.of(LayerSpec.of(2, "sigmoid")), Loss.SQUARED_ERROR);
    // layout: weights [out][in] row-major, then biases
    private final float[] params = {0.1f, 0.2f, 0.3f, 0.4f, -0.1f, 0.2f};

    @Test
    void forwardGivesTheHandComputedOutputs() {
        Workspace ws = new Workspace(spec, 1);
        ws.input()[0] = 1f;
        ws.input()[1] = 2f;
        ForwardBackward net = new ForwardBackward(spec, Nets.GEMM);
        net.predict(params, ws, 1);
        assertArrayEquals(new float[] {0.598688f, 0.785835f}, ws.output(), 1e-6f);
        assertEquals(0.4f, logit(ws.output()[0]), 1e-5f);
        assertEquals(1.3f, logit(ws.output()[1]), 1e-5f);
    }

    @Test
    void squaredErrorGradientMatchesTheClosedForm() {
        Workspace ws = new Workspace(spec, 1);
        ws.input()[0] = 1f;
        ws.input()[1] = 2f;
        ws.target()[0] = 1f;
        ws.target()[1] = 0f;
        float[] grad = new float[6];
        double loss = new ForwardBackward(spec, Nets.GEMM).lossAndGradient(params, ws, 1, grad, 0, 0);
        assertEquals(0.778588, loss, 1e-6);
        float dv0 = -0.192839f;
        float dv1 = 0.264509f;
        assertArrayEquals(new float[] {dv0, 2 * dv0, dv1, 2 * dv1, dv0, dv1}, grad, 2e-6f);
    }

    private static float logit(float y) {
        return (float) Math.log(y / (1 - y));
    }
}
