package io.ember.linalg;

/**
 * Element-wise kernels on the hot path of every layer (ReLU-family activations and their
 * derivatives), vectorized with the JDK Vector API when the JVM has it and plain loops
 * otherwise. Each method names the array it modifies.
 */
public abstract class Elementwise {
    private static final Elementwise INSTANCE = create();

    /** The implementation for this JVM. */
    public static Elementwise get() {
        return INSTANCE;
    }

    private static Elementwise create() {
        if (Blas.vectorApiAvailable()) {
            try {
                return new VectorElementwise();
            } catch (LinkageError e) {
                // fall through to the scalar loops
            }
        }
        return new ScalarElementwise();
    }

    /** Modifies {@code x}: {@code x = max(x, 0)} on {@code [off, end)}. */
    public abstract void relu(float[] x, int off, int end);

    /** Modifies {@code delta}: zero where {@code y <= 0} on {@code [off, end)}. */
    public abstract void reluBackward(float[] y, float[] delta, int off, int end);

    /** Modifies {@code x}: {@code x = x > 0 ? x : slope * x}. */
    public abstract void leakyRelu(float[] x, int off, int end, float slope);

    /** Modifies {@code delta}: multiplied by {@code slope} where {@code y <= 0}. */
    public abstract void leakyReluBackward(float[] y, float[] delta, int off, int end, float slope);

    static final class ScalarElementwise extends Elementwise {
        @Override
        public void relu(float[] x, int off, int end) {
            for (int i = off; i < end; i++) {
                x[i] = Math.max(x[i], 0f);
            }
        }

        @Override
        public void reluBackward(float[] y, float[] delta, int off, int end) {
            for (int i = off; i < end; i++) {
                if (y[i] <= 0f) {
                    delta[i] = 0f;
                }
            }
        }

        @Override
        public void leakyRelu(float[] x, int off, int end, float slope) {
            for (int i = off; i < end; i++) {
                float v = x[i];
                x[i] = v > 0f ? v : v * slope;
            }
        }

        @Override
        public void leakyReluBackward(float[] y, float[] delta, int off, int end, float slope) {
            for (int i = off; i < end; i++) {
                if (y[i] <= 0f) {
                    delta[i] *= slope;
                }
            }
        }
    }
}
