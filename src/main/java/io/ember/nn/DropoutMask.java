package io.ember.nn;

import io.ember.linalg.Rng;

/**
 * Inverted-dropout masks from a counter-based hash of (seed, step, example id, layer, unit):
 * the mask of an example does not depend on which partition or batch position it lands in,
 * so a run is reproducible and the Spark trainer matches the single-JVM one even with dropout.
 */
public final class DropoutMask {
    private DropoutMask() {
    }

    /**
     * Modifies {@code mask[off .. off+units)}: each entry is 0 with probability {@code p}, else
     * {@code 1/(1-p)}.
     */
    public static void fill(float[] mask, int off, int units, float p, long seed, long step, long exampleId, int layer) {
        float keep = 1f / (1f - p);
        // Compare 24-bit uniforms against p scaled the same way (exact in float for 24 bits).
        long cut = (long) Math.ceil(p * (double) (1 << 24));
        long base = Rng.mix(Rng.mix(Rng.mix(Rng.mix(seed) ^ step) ^ exampleId) ^ layer);
        for (int j = 0; j < units; j++) {
            long u = Rng.mix(base + j * 0xD1B54A32D192ED03L) >>> 40;
            mask[off + j] = u < cut ? 0f : keep;
        }
    }
}
