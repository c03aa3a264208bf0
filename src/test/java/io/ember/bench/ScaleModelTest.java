package io.ember.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scale model's bookkeeping: a step's shape as TreeSum runs it (counted by hand), the fit
 * recovering the constants of rows generated from them, and the projection's parts.
 */
class ScaleModelTest {
    @Test
    void shapesFollowTheTreeSum() {
        // depth 1: one task and one result per executor
        assertEquals(new ScaleModel.Shape(8, 8, 0, 0, 8), ScaleModel.Shape.of(8, 1));
        // 16 executors, depth 2: groups of ceil(16^(1/2)) = 4, so 4 group sums, 16 + 4 tasks
        assertEquals(new ScaleModel.Shape(20, 4, 1, 16, 4), ScaleModel.Shape.of(16, 2));
        // 8 executors, depth 2: groups of ceil(2.83) = 3: 3 group sums (3 + 3 + 2)
        assertEquals(new ScaleModel.Shape(11, 3, 1, 8, 3), ScaleModel.Shape.of(8, 2));
        // 2 executors, depth 2: one group; 1 executor: no shuffle at all
        assertEquals(new ScaleModel.Shape(3, 1, 1, 2, 2), ScaleModel.Shape.of(2, 2));
        assertEquals(new ScaleModel.Shape(1, 1, 0, 0, 2), ScaleModel.Shape.of(1, 2));
        // 256 executors, depth 3: groups of ceil(6.35) = 7: 37 sums, then 6
        assertEquals(new ScaleModel.Shape(256 + 37 + 6, 6, 2, 256 + 37, 7), ScaleModel.Shape.of(256, 3));
    }

    @Test
    void theFitRecoversTheConstantsOfExactRowsAndTheProjectionAddsItsParts() {
        double[] wall = {2, 0.5, 0.3, 1.5, 2.5, 1.0, 0.7};
        double[] driver = {1, 0.4, 0.2, 0.1, 1.2, 0.5, 0};
        double[] executor = {0, 0.1, 0.4, 0.8, 1.1, 0.3, 1.9};
        double[] out = {0.001, 0.002, 0.003, 0.9, 0, 0.001, 0};
        double[] in = {0.001, 0, 0.002, 0, 1.0, 0.001, 0};
        List<ScaleRow> rows = new ArrayList<>();
        for (int n : new int[] {1, 2, 4, 8}) {
            rows.add(row(n, "empty", 0, 1, wall, driver, executor, out, in));
            for (int p : new int[] {50_890, 235_146, 2_000_000}) {
                rows.add(row(n, "bcast", p, 1, wall, driver, executor, out, in));
                rows.add(row(n, "result", p, 1, wall, driver, executor, out, in));
                rows.add(row(n, "step", p, 1, wall, driver, executor, out, in));
                rows.add(row(n, "step", p, 2, wall, driver, executor, out, in));
            }
        }
        ScaleModel.Model m = ScaleModel.Model.fit(rows);
        assertArrayEquals(wall, m.wall().coefficients(), 1e-9);
        assertArrayEquals(driver, m.driverCpu().coefficients(), 1e-9);
        assertArrayEquals(executor, m.executorCpu().coefficients(), 1e-9);
        assertArrayEquals(out, m.driverOut().coefficients(), 1e-9);
        assertArrayEquals(in, m.driverIn().coefficients(), 1e-9);

        ScaleModel.Projection one = ScaleModel.project(m, 235_146, 1, 1, 10);
        assertEquals(1.0, one.efficiency(), 1e-12);
        assertEquals(ScaleModel.COMPUTE_MS, one.computeMs(), 1e-12);
        ScaleModel.Projection q = ScaleModel.project(m, 2_000_000, 64, 2, 10);
        ScaleModel.Projection slow = ScaleModel.project(m, 2_000_000, 64, 2, 1);
        assertEquals(ScaleModel.COMPUTE_MS * 2_000_000 / 235_146, q.computeMs(), 1e-9);
        assertEquals(m.driverCpu().predict(ScaleModel.terms("step", 64, 8.0, 2)), q.driverCpuMs(), 1e-9);
        assertEquals(10 * q.linkMs(), slow.linkMs(), 1e-9);
        // 8 MB to and from the driver: out 0.001 + 0.002 + 0.003 x 72 tasks + 0.9 x 64 x 8 + 0.001 MB, in 0.001 +
        // 0.002 x 72 + 8 x 8 + 0.001 MB (8 group sums), and 8 x 8 MB into one reducer, at 10 Gb/s (0.8 ms per MB)
        double mb = 0.001 + 0.002 + 0.003 * 72 + 0.9 * 64 * 8 + 0.001 + 0.001 + 0.002 * 72 + 8 * 8 + 0.001 + 8 * 8;
        assertEquals(0.8 * mb, q.linkMs(), 1e-9);
        assertEquals(q.totalMs(), q.computeMs() + q.executorMs() + q.driverCpuMs() + q.linkMs(), 1e-12);
    }

    private static ScaleRow row(int n, String kind, int p, int d, double[] wall, double[] driver, double[] executor,
                                double[] out, double[] in) {
        double[] t = ScaleModel.terms(kind, n, p * 4 / 1e6, d);
        ScaleModel.Shape s = ScaleModel.Shape.of(n, d);
        return new ScaleRow("loopback", n, kind, p, d, 100, dot(t, wall), 0, 0, s.tasks(), s.results(), 1,
                dot(t, driver), dot(t, executor), 0, 0, dot(t, in), dot(t, out), -1, -1, 2, 0);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
