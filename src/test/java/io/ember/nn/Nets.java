package io.ember.nn;

import io.ember.linalg.Blas;
import io.ember.linalg.Gemm;
import io.ember.linalg.Rng;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: small networks, random batches, loss evaluation in one call. */
public final class Nets {
    public static final Gemm GEMM = Blas.gemm("auto");

    private Nets() {
    }

    /** A network {@code input -> layers...}; each layer is "units:activation". */
    public static NetworkSpec spec(int input, Loss loss, String... layers) {
        List<LayerSpec> l = new ArrayList<>();
        for (String s : layers) {
            l.add(LayerSpec.parse(s));
        }
        return new NetworkSpec(input, l, loss);
    }

    /** Fills the workspace with {@code rows} random inputs and valid targets for the spec's loss. */
    public static void randomBatch(Workspace ws, int rows, long seed) {
        NetworkSpec spec = ws.spec();
        Rng rng = new Rng(seed);
        for (int i = 0; i < rows * spec.inputSize(); i++) {
            ws.input()[i] = (float) (2 * rng.nextDouble() - 1);
        }
        int k = spec.outputSize();
        for (int r = 0; r < rows; r++) {
            ws.exampleIds()[r] = 1000 + r;
            if (spec.loss() == Loss.CROSS_ENTROPY) {
                int c = rng.nextInt(k);
                for (int j = 0; j < k; j++) {
                    ws.target()[r * k + j] = j == c ? 1f : 0f;
                }
            } else {
                for (int j = 0; j < k; j++) {
                    ws.target()[r * k + j] = spec.loss() == Loss.BINARY_CROSS_ENTROPY ? (rng.nextDouble() < 0.5 ? 0f : 1f)
                            : (float) rng.nextDouble();
                }
            }
        }
    }

    /** Summed loss at {@code params} with dropout keyed as in training (seed, step). */
    public static double loss(ForwardBackward net, float[] params, Workspace ws, int rows, long seed, long step) {
        return net.lossAndGradient(params, ws, rows, new float[params.length], seed, step);
    }
}
