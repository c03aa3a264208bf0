package io.ember.eval;

import io.ember.data.DataBlock;
import io.ember.data.TargetEncoding;
import io.ember.linalg.Gemm;
import io.ember.nn.ForwardBackward;
import io.ember.nn.NetworkSpec;
import io.ember.nn.Workspace;

import java.util.List;

/**
 * Evaluates data blocks in chunks through one reused workspace: the per-partition kernel of
 * distributed evaluation, and the single-JVM evaluator over a list of blocks.
 */
public final class BlockEvaluator implements Evaluator {
    /** Rows per forward pass: large enough for efficient GEMMs, small enough for cache. */
    public static final int CHUNK = 512;

    private final ForwardBackward net;
    private final TargetEncoding encoding;
    private final List<DataBlock> blocks;
    private Workspace workspace;

    public BlockEvaluator(NetworkSpec spec, Gemm gemm, TargetEncoding encoding, List<DataBlock> blocks) {
        this.net = new ForwardBackward(spec, gemm);
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
        Evaluation e = Evaluation.create(encoding);
        if (workspace == null) {
            workspace = new Workspace(net.spec(), CHUNK);
        }
        for (int from = 0; from < block.rows(); from += CHUNK) {
            int to = Math.min(block.rows(), from + CHUNK);
            block.gather(null, from, to, workspace.input(), workspace.target(), workspace.exampleIds());
            double loss = net.predictWithLoss(params, workspace, to - from);
            e.add(workspace.output(), workspace.target(), to - from, loss);
        }
        return e;
    }
}
