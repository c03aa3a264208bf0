package io.ember.optim;

import io.ember.nn.ParamRanges;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Optimizers against hand-computed steps and closed-form minima. The tiny problem is
 * f(theta) = 1/2 * sum_i a_i theta_i^2 with a = [1, 3], theta_0 = [1, -2], lr = 0.1; the expected
 * values were computed step by step from the algorithms printed in the PyTorch documentation of
 * torch.optim.SGD, Adam and AdamW.
 */
class OptimizerTest {
    private static final float[] A = {1f, 3f};
    private static final ParamRanges ALL = ParamRanges.all(2);

    private static float[][] run(Optimizer opt, Regularization reg, int steps) {
        float[] theta = {1f, -2f};
        float[][] out = new float[steps][];
        for (int t = 0; t < steps; t++) {
            float[] g = {A[0] * theta[0], A[1] * theta[1]};
            reg.addGradient(theta, g);
            opt.step(theta, g, 0.1);
            out[t] = theta.clone();
        }
        return out;
    }

    private static void assertSteps(double[][] expected, float[][] actual) {
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[t][i], actual[t][i], 2e-6, "step " + (t + 1) + " theta[" + i + "]");
            }
        }
    }

    private static Regularization none() {
        return new Regularization(0, 0, ALL);
    }

    @Test
    void plainSgd() {
        assertSteps(new double[][] {{0.9, -1.4}, {0.81, -0.98}, {0.729, -0.686}},
                run(new Sgd(2, ALL, 0f, 0f, false), none(), 3));
    }

    @Test
    void sgdWithL2IsPyTorchWeightDecay() {
        assertSteps(new double[][] {{0.85, -1.3}, {0.7225, -0.845}, {0.614125, -0.54925}},
                run(new Sgd(2, ALL, 0f, 0f, false), new Regularization(0, 0.5f, ALL), 3));
    }

    @Test
    void classicalMomentum() {
        assertSteps(new double[][] {{0.9, -1.4}, {0.72, -0.44}, {0.486, 0.556}},
                run(new Sgd(2, ALL, 0.9f, 0f, false), none(), 3));
    }

    @Test
    void momentumWithDampening() {
        assertSteps(new double[][] {{0.9, -1.4}, {0.765, -0.65}, {0.60525, 0.1225}},
                run(new Sgd(2, ALL, 0.9f, 0.5f, false), none(), 3));
    }

    @Test
    void nesterovMomentum() {
        assertSteps(new double[][] {{0.81, -0.86}, {0.5751, 0.1162}, {0.327321, 0.696346}},
                run(new Sgd(2, ALL, 0.9f, 0f, true), none(), 3));
    }

    @Test
    void adam() {
        assertSteps(new double[][] {{0.900000001, -1.9000000001666666}, {0.8004122297123382, -1.800166485947237},
                {0.701586274504415, -1.7006233917912488}}, run(new Adam(2, ALL, 0.9f, 0.999f, 1e-8f), none(), 3));
    }

    @Test
    void adamWithL2IsCoupledWeightDecay() {
        assertSteps(new double[][] {{0.9000000006666666, -1.9000000001428572}, {0.8004122290319746, -1.8001664858991047},
                {0.7015862734654918, -1.70062339171833}},
                run(new Adam(2, ALL, 0.9f, 0.999f, 1e-8f), new Regularization(0, 0.5f, ALL), 3));
    }

    @Test
    void adamWDecaysDecoupled() {
        assertSteps(new double[][] {{0.890000001, -1.8800000001666666}, {0.7815718569541611, -1.7614089504165513},
                {0.6751012231892007, -1.6443686833067828}},
                run(Adam.adamW(2, ALL, ALL, 0.9f, 0.999f, 1e-8f, 0.1f), none(), 3));
    }

    /** Minimizes 1/2 sum a_i (theta_i - c_i)^2 (+ penalty) from theta = 0 and returns theta. */
    private static float[] minimize(Optimizer opt, Regularization reg, float[] c, int steps, Supplier<Double> lr) {
        float[] a = {1f, 4f, 0.5f};
        float[] theta = new float[3];
        for (int t = 0; t < steps; t++) {
            float[] g = new float[3];
            for (int i = 0; i < 3; i++) {
                g[i] = a[i] * (theta[i] - c[i]);
            }
            reg.addGradient(theta, g);
            opt.step(theta, g, lr.get());
        }
        return theta;
    }

    @Test
    void everyOptimizerFindsTheMinimumOfAConvexQuadratic() {
        float[] c = {1f, -2f, 3f};
        ParamRanges all = ParamRanges.all(3);
        Regularization none = new Regularization(0, 0, all);
        for (Optimizer opt : List.of(new Sgd(3, all, 0f, 0f, false), new Sgd(3, all, 0.9f, 0f, false),
                new Sgd(3, all, 0.9f, 0f, true), new Adam(3, all, 0.9f, 0.999f, 1e-8f))) {
            float[] theta = minimize(opt, none, c, 3000, () -> opt instanceof Adam ? 0.01 : 0.1);
            assertArrayEquals(c, theta, 1e-3f, opt.toString());
        }
    }

    @Test
    void l2MovesTheMinimumToItsClosedForm() {
        // argmin 1/2 a (theta - c)^2 + l2/2 theta^2 = a c / (a + l2)
        float[] c = {1f, -2f, 3f};
        float l2 = 0.5f;
        ParamRanges all = ParamRanges.all(3);
        float[] theta = minimize(new Sgd(3, all, 0.9f, 0f, false), new Regularization(0, l2, all), c, 3000, () -> 0.05);
        float[] a = {1f, 4f, 0.5f};
        for (int i = 0; i < 3; i++) {
            assertEquals(a[i] * c[i] / (a[i] + l2), theta[i], 1e-4f, "coordinate " + i);
        }
    }

    @Test
    void l1ShrinksToTheSoftThresholdClosedForm() {
        // argmin 1/2 a (theta - c)^2 + l1 |theta| = sign(c) max(|c| - l1 / a, 0): the last coordinate is cut to 0
        float[] c = {1f, -2f, 0.3f};
        float l1 = 0.4f;
        ParamRanges all = ParamRanges.all(3);
        long[] t = {0};
        float[] theta = minimize(new Sgd(3, all, 0f, 0f, false), new Regularization(l1, 0, all), c, 20000,
                () -> 0.5 / (1 + 0.01 * t[0]++)); // decaying steps: the subgradient oscillation around 0 dies out
        float[] a = {1f, 4f, 0.5f};
        for (int i = 0; i < 3; i++) {
            double expected = Math.signum(c[i]) * Math.max(Math.abs(c[i]) - l1 / a[i], 0);
            assertEquals(expected, theta[i], 2e-3, "coordinate " + i);
        }
    }

    @Test
    void onlyTrainableRangesMove() {
        ParamRanges first = ParamRanges.of(List.of(new int[] {0, 1}));
        for (Optimizer opt : List.of(new Sgd(2, first, 0.9f, 0f, false), new Adam(2, first, 0.9f, 0.999f, 1e-8f),
                Adam.adamW(2, first, first, 0.9f, 0.999f, 1e-8f, 0.1f))) {
            float[] theta = {1f, -2f};
            opt.step(theta, new float[] {1f, 1f}, 0.1);
            assertNotEquals(1f, theta[0], opt.toString());
            assertEquals(-2f, theta[1], opt.toString());
        }
    }

    @Test
    void restoredStateContinuesBitForBit() {
        for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(() -> new Sgd(2, ALL, 0.9f, 0.1f, false),
                () -> new Adam(2, ALL, 0.8f, 0.99f, 1e-6f), () -> Adam.adamW(2, ALL, ALL, 0.9f, 0.999f, 1e-8f, 0.05f))) {
            Optimizer straight = make.get();
            float[] a = {1f, -2f};
            for (int t = 0; t < 5; t++) {
                straight.step(a, new float[] {a[0] * 2, a[1] * 3}, 0.05);
            }
            OptimizerState snapshot = straight.state();
            float[] b = a.clone();
            for (int t = 0; t < 5; t++) {
                straight.step(a, new float[] {a[0] * 2, a[1] * 3}, 0.05);
            }
            Optimizer resumed = make.get();
            resumed.restore(snapshot);
            assertEquals(5, resumed.stepCount());
            for (int t = 0; t < 5; t++) {
                resumed.step(b, new float[] {b[0] * 2, b[1] * 3}, 0.05);
            }
            assertArrayEquals(a, b, 0f, straight.toString());
        }
    }

    @Test
    void restoreRefusesAnotherOptimizersState() {
        OptimizerState sgd = new Sgd(2, ALL, 0.9f, 0f, false).state();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(2, ALL, 0.9f, 0.999f, 1e-8f).restore(sgd));
        assertEquals("optimizer state is for 'sgd', not 'adam'", e.getMessage());
        OptimizerState small = new Adam(1, ParamRanges.all(1), 0.9f, 0.999f, 1e-8f).state();
        assertThrows(IllegalArgumentException.class, () -> new Adam(2, ALL, 0.9f, 0.999f, 1e-8f).restore(small));
    }

    @Test
    void toStringShowsHyperparameters() {
        assertEquals("sgd(momentum=0.9, dampening=0.0, nesterov=true)", new Sgd(2, ALL, 0.9f, 0f, true).toString());
        assertEquals("adamw(beta1=0.9, beta2=0.999, eps=1.0E-8, weight_decay=0.01)",
                Adam.adamW(2, ALL, ALL, 0.9f, 0.999f, 1e-8f, 0.01f).toString());
    }
}
