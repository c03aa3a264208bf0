package io.ember.bench;

import io.ember.linalg.Gemm;
import io.ember.linalg.Rng;
import io.ember.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The float32 GEMM rate of a backend at the exact products of one forward/backward pass of a
 * network on a batch: forward {@code V = X W^T} per layer, {@code dW = dV^T X} per layer and
 * {@code dX = dV W} above the first layer. Measured on one thread alone and on {@code threads}
 * threads at once (what concurrent Spark tasks see).
 */
public final class GemmRoofline {

    /** One product: its name, op flags and dimensions. */
    public record Shape(String name, boolean transA, boolean transB, int m, int n, int k) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    /** GFLOP/s per shape and over the whole pass (total flops / total time). */
    public record Rates(List<Shape> shapes, double[] perShape, double pass) {
    }

    private GemmRoofline() {
    }

    public static List<Shape> shapes(NetworkSpec spec, int rows) {
        List<Shape> out = new ArrayList<>();
        for (int l = 0; l < spec.layerCount(); l++) {
            int u = spec.layer(l).units();
            int k = spec.fanIn(l);
            out.add(new Shape("forward  " + rows + "x" + u + "x" + k, false, true, rows, u, k));
            out.add(new Shape("weights  " + u + "x" + k + "x" + rows, true, false, u, k, rows));
            if (l > 0) {
                out.add(new Shape("inputs   " + rows + "x" + k + "x" + u, false, false, rows, k, u));
            }
        }
        return out;
    }

    /** Rates of {@code gemm} on {@code shapes}, each thread of {@code threads} running the same products. */
    public static Rates measure(Gemm gemm, List<Shape> shapes, int threads, double secondsPerShape) throws Exception {
        double[] per = new double[shapes.size()];
        double totalFlops = 0;
        double totalSeconds = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                List<Callable<double[]>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    jobs.add(() -> time(gemm, s, secondsPerShape));
                }
                double rate = 0;
                double seconds = 0;
                for (Future<double[]> f : pool.invokeAll(jobs)) {
                    double[] r = f.get();
                    rate += r[0] / threads;
                    seconds = Math.max(seconds, r[1]);
                }
                per[i] = rate;
                totalFlops += s.flops();
                totalSeconds += s.flops() / (rate * 1e9);
            }
        } finally {
            pool.shutdown();
        }
        return new Rates(shapes, per, totalFlops / totalSeconds / 1e9);
    }

    /** {GFLOP/s, seconds per call} of one thread repeating one product after a warm-up. */
    private static double[] time(Gemm gemm, Shape s, double seconds) {
        Rng rng = new Rng(s.m() * 31L + s.n());
        float[] a = random(rng, s.m() * s.k());
        float[] b = random(rng, s.k() * s.n());
        float[] c = new float[s.m() * s.n()];
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < 0.5e9) {
            gemm.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
        }
        int calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            gemm.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < seconds * 1e9);
        return new double[] {s.flops() * calls / elapsed, elapsed / 1e9 / calls};
    }

    private static float[] random(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() - 0.5);
        }
        return x;
    }
}
