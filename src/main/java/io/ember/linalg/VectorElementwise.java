package io.ember.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Elementwise} with the Vector API: compare-and-blend instead of a branch per element. */
final class VectorElementwise extends Elementwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void relu(float[] x, int off, int end) {
        int i = off;
        for (; i + S.length() <= end; i += S.length()) {
            FloatVector.fromArray(S, x, i).max(0f).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] y, float[] delta, int off, int end) {
        int i = off;
        for (; i + S.length() <= end; i += S.length()) {
            VectorMask<Float> dead = FloatVector.fromArray(S, y, i).compare(VectorOperators.LE, 0f);
            FloatVector.fromArray(S, delta, i).blend(0f, dead).intoArray(delta, i);
        }
        for (; i < end; i++) {
            if (y[i] <= 0f) {
                delta[i] = 0f;
            }
        }
    }

    @Override
    public void leakyRelu(float[] x, int off, int end, float slope) {
        int i = off;
        for (; i + S.length() <= end; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            v.blend(v.mul(slope), v.compare(VectorOperators.LE, 0f)).intoArray(x, i);
        }
        for (; i < end; i++) {
            float v = x[i];
            x[i] = v > 0f ? v : v * slope;
        }
    }

    @Override
    public void leakyReluBackward(float[] y, float[] delta, int off, int end, float slope) {
        int i = off;
        for (; i + S.length() <= end; i += S.length()) {
            VectorMask<Float> negative = FloatVector.fromArray(S, y, i).compare(VectorOperators.LE, 0f);
            FloatVector d = FloatVector.fromArray(S, delta, i);
            d.blend(d.mul(slope), negative).intoArray(delta, i);
        }
        for (; i < end; i++) {
            if (y[i] <= 0f) {
                delta[i] *= slope;
            }
        }
    }
}
