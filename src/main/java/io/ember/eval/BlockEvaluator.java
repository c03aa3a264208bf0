package io.ember.eval;

import io.ember.data.DataBlock;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Gemm;
import io.ember.nn.NetworkSpec;

import java.util.List;

/**
 * Evaluates packed blocks through the one {@link Predictor}: the per-partition kernel of
 * distributed evaluation and validation, and the single-JVM evaluator over a list of blocks.
 */
public final class BlockEvaluator implements Evaluator {
    private final NetworkSpec spec;
    private final Gemm gemm;
    private final TargetEncoding encoding;
    private final List<DataBlock> blocks;
    private Predictor predictor;

    public BlockEvaluator(NetworkSpec spec, Gemm gemm, TargetEncoding encoding, List<DataBlock> blocks) {
        this.spec = spec;
        this.gemm = gemm;
        this.encoding = encoding;
        this.blocks = blocks;
    }

    @Override
    public Evaluation evaluate(float[] params) {
        Evaluation total = Evaluation.create(encoding);
        for (DataBlock b : blocks) {
            total.merge(evaluate(params, b));
        }
        return total;
    }

    /** The evaluation of one block. */
    public Evaluation evaluate(float[] params, DataBlock block) {
        predictor = predictor == null ? new Predictor(spec, params, null, gemm) : predictor.withParams(params);
        Evaluation e = Evaluation.create(encoding);
        for (int from = 0; from < block.rows(); from += Predictor.CHUNK) {
            int to = Math.min(block.rows(), from + Predictor.CHUNK);
            double loss = predictor.predictBlock(block, from, to);
            e.add(predictor.output(), predictor.target(), to - from, loss);
        }
        return e;
    }
}
