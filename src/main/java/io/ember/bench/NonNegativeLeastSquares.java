package io.ember.bench;

/**
 * Least squares with every coefficient at least zero, for the few terms of a cost model: it solves
 * the unconstrained problem on every subset of the terms (the others held at zero) and keeps the
 * best solution that has no negative coefficient, which is the constrained optimum (at most a few
 * hundred subsets for the models here).
 */
final class NonNegativeLeastSquares {
    private NonNegativeLeastSquares() {
    }

    /** The coefficients b >= 0 minimizing |x b - y|^2; x is rows by terms, at most 16 terms. */
    static double[] solve(double[][] x, double[] y) {
        int k = x[0].length;
        if (k > 16) {
            throw new IllegalArgumentException(k + " terms: at most 16");
        }
        double[] best = new double[k];
        double bestError = sumOfSquares(x, y, best);
        for (int mask = 1; mask < 1 << k; mask++) {
            double[] b = solveSubset(x, y, mask);
            if (b == null) {
                continue;
            }
            boolean feasible = true;
            for (double v : b) {
                feasible &= v >= 0;
            }
            double error = sumOfSquares(x, y, b);
            if (feasible && error < bestError - 1e-12 * Math.max(1, bestError)) {
                best = b;
                bestError = error;
            }
        }
        return best;
    }

    /** x b, the fitted values. */
    static double[] apply(double[][] x, double[] b) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < b.length; j++) {
                out[i] += x[i][j] * b[j];
            }
        }
        return out;
    }

    private static double sumOfSquares(double[][] x, double[] y, double[] b) {
        double[] fit = apply(x, b);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (fit[i] - y[i]) * (fit[i] - y[i]);
        }
        return s;
    }

    /** Unconstrained least squares on the terms in {@code mask} (normal equations), or null when singular. */
    private static double[] solveSubset(double[][] x, double[] y, int mask) {
        int k = x[0].length;
        int[] cols = new int[Integer.bitCount(mask)];
        for (int j = 0, c = 0; j < k; j++) {
            if ((mask & 1 << j) != 0) {
                cols[c++] = j;
            }
        }
        int m = cols.length;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < x.length; i++) {
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    a[p][q] += x[i][cols[p]] * x[i][cols[q]];
                }
                a[p][m] += x[i][cols[p]] * y[i];
            }
        }
        double scale = 0;
        for (int p = 0; p < m; p++) {
            scale = Math.max(scale, Math.abs(a[p][p]));
        }
        for (int p = 0; p < m; p++) { // Gaussian elimination with partial pivoting
            int pivot = p;
            for (int r = p + 1; r < m; r++) {
                if (Math.abs(a[r][p]) > Math.abs(a[pivot][p])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][p]) <= 1e-12 * scale) {
                return null;
            }
            double[] t = a[p];
            a[p] = a[pivot];
            a[pivot] = t;
            for (int r = p + 1; r < m; r++) {
                double f = a[r][p] / a[p][p];
                for (int c = p; c <= m; c++) {
                    a[r][c] -= f * a[p][c];
                }
            }
        }
        double[] sub = new double[m];
        for (int p = m - 1; p >= 0; p--) {
            double s = a[p][m];
            for (int c = p + 1; c < m; c++) {
                s -= a[p][c] * sub[c];
            }
            sub[p] = s / a[p][p];
        }
        double[] b = new double[k];
        for (int p = 0; p < m; p++) {
            b[cols[p]] = sub[p];
        }
        return b;
    }
}
