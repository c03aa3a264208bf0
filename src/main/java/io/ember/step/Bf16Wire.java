package io.ember.step;

import io.ember.linalg.Bfloat16;

/**
 * A step's values in bfloat16 on the wire ({@code transport = bf16}): the parameters a task receives are
 * widened into a float32 buffer this object keeps, and the gradient it answers is narrowed into bfloat16
 * arrays this object keeps. Loss, count, weight and compute time stay exact; a sparse answer's column
 * indices travel as they are and its column values as bfloat16 (in an array of their exact size, made per
 * step as the float32 one is). One per worker, so a step allocates nothing else; buffers are made on first
 * use and replaced only when a length changes. The answer and the widened parameters are reused by the next
 * call: consume (or serialize) them first.
 */
public final class Bf16Wire {
    private float[] params = new float[0];
    private short[] dense = new short[0];
    private short[] rest = new short[0];
    private final BatchGradient answer = new BatchGradient();

    /**
     * The bfloat16 parameters {@code p} widened to float32 (exactly).
     *
     * @param p the broadcast parameters, bfloat16 bits
     * @return this object's parameter buffer, overwritten by the next call
     */
    public float[] widen(short[] p) {
        if (params.length != p.length) {
            params = new float[p.length];
        }
        Bfloat16.widen(p, 0, params, 0, p.length);
        return params;
    }

    /**
     * {@code g} with its gradient values rounded to bfloat16 (nearest, ties to even).
     *
     * @param g a float32 answer (a worker's, or a sum of answers), not modified
     * @return this object's answer, overwritten by the next call
     */
    public BatchGradient narrow(BatchGradient g) {
        float[] values = g.gradient;
        short[] out = g.isSparse() ? rest : dense;
        if (out.length != values.length) {
            out = new short[values.length];
            if (g.isSparse()) {
                rest = out;
            } else {
                dense = out;
            }
        }
        Bfloat16.narrow(values, 0, out, 0, values.length);
        answer.gradient = null;
        answer.gradientBf16 = out;
        answer.columns = g.columns;
        answer.columnValues = null;
        answer.columnValuesBf16 = null;
        if (g.isSparse()) {
            answer.columnValuesBf16 = new short[g.columnValues.length];
            Bfloat16.narrow(g.columnValues, 0, answer.columnValuesBf16, 0, g.columnValues.length);
        }
        answer.units = g.units;
        answer.fanIn = g.fanIn;
        answer.lossSum = g.lossSum;
        answer.count = g.count;
        answer.weight = g.weight;
        answer.computeNanos = g.computeNanos;
        return answer;
    }
}
