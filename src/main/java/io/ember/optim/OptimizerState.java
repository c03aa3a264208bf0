package io.ember.optim;

import java.util.Arrays;

/**
 * An optimizer's complete state: its kind, the number of steps taken and its per-parameter
 * buffers (momentum, Adam moments), each in the flat parameter layout. Restoring it continues
 * a run exactly.
 */
public final class OptimizerState {
    private final String kind;
    private final long step;
    private final float[][] slots;

    public OptimizerState(String kind, long step, float[][] slots) {
        this.kind = kind;
        this.step = step;
        this.slots = deepCopy(slots);
    }

    public String kind() {
        return kind;
    }

    public long step() {
        return step;
    }

    public int slotCount() {
        return slots.length;
    }

    /** A copy of buffer i. */
    public float[] slot(int i) {
        return slots[i].clone();
    }

    /** Throws IllegalArgumentException unless this state is of {@code kind} with {@code slotCount} buffers of {@code size}. */
    void check(String kind, int slotCount, int size) {
        if (!this.kind.equals(kind)) {
            throw new IllegalArgumentException("optimizer state is for '" + kind() + "', not '" + kind + "'");
        }
        if (slots.length != slotCount) {
            throw new IllegalArgumentException("optimizer state for '" + kind + "' has " + slots.length
                    + " buffers, expected " + slotCount);
        }
        for (int i = 0; i < slotCount; i++) {
            if (slots[i].length != size) {
                throw new IllegalArgumentException("optimizer state buffer " + i + " has " + slots[i].length
                        + " values, expected " + size);
            }
        }
    }

    static float[][] deepCopy(float[][] s) {
        float[][] c = new float[s.length][];
        for (int i = 0; i < s.length; i++) {
            c[i] = s[i].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OptimizerState)) {
            return false;
        }
        OptimizerState s = (OptimizerState) o;
        return kind.equals(s.kind) && step == s.step && Arrays.deepEquals(slots, s.slots);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Long.hashCode(step);
    }
}
