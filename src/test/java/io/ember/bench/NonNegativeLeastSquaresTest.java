package io.ember.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Non-negative least squares against exact data and a problem solved by hand. */
class NonNegativeLeastSquaresTest {
    @Test
    void recoversExactNonNegativeCoefficients() {
        double[] truth = {2, 0, 0.25, 7};
        double[][] x = new double[12][];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = new double[] {1, i % 3, i * i / 10.0, Math.sqrt(i)};
            for (int j = 0; j < 4; j++) {
                y[i] += x[i][j] * truth[j];
            }
        }
        assertArrayEquals(truth, NonNegativeLeastSquares.solve(x, y), 1e-9);
    }

    @Test
    void clampsANegativeCoefficientAndRefitsTheRest() {
        // Unconstrained: minimize (a-1)^2 + (b+1)^2 + (a+b)^2 gives a = 1, b = -1. With b >= 0 the
        // optimum has b = 0 and minimizes (a-1)^2 + 1 + a^2: a = 1/2.
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[] y = {1, -1, 0};
        assertArrayEquals(new double[] {0.5, 0}, NonNegativeLeastSquares.solve(x, y), 1e-12);
    }
}
