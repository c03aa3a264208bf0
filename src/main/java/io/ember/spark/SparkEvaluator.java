package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.data.TargetEncoding;
import io.ember.eval.BlockEvaluator;
import io.ember.eval.Evaluation;
import io.ember.eval.Evaluations;
import io.ember.eval.Evaluator;
import io.ember.linalg.Blas;
import io.ember.nn.NetworkSpec;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;

/** Distributed evaluation: each partition evaluates its cached block, the driver merges in partition order. */
public final class SparkEvaluator implements Evaluator {
    private static final ClassTag<Evaluation> TAG = ClassTag$.MODULE$.apply(Evaluation.class);

    private final JavaSparkContext sc;
    private final JavaRDD<DataBlock> blocks;
    private final NetworkSpec spec;
    private final TargetEncoding encoding;
    private final String blas;

    public SparkEvaluator(JavaSparkContext sc, JavaRDD<DataBlock> blocks, NetworkSpec spec, TargetEncoding encoding,
                          String blas) {
        this.sc = sc;
        this.blocks = blocks;
        this.spec = spec;
        this.encoding = encoding;
        this.blas = blas;
    }

    @Override
    public Evaluation evaluate(float[] params) {
        Broadcast<float[]> b = sc.broadcast(params);
        try {
            Evaluation[] parts = (Evaluation[]) sc.sc().runJob(blocks.rdd(),
                    new EvaluateTask(spec, encoding, blas, b), TAG);
            Evaluation total = Evaluations.create(encoding);
            for (Evaluation e : parts) {
                total.merge(e);
            }
            return total;
        } finally {
            b.destroy(true); // blocking: see SparkGradients (a race with Spark's ContextCleaner)
        }
    }

    private static final class EvaluateTask extends AbstractFunction2<TaskContext, Iterator<DataBlock>, Evaluation>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final NetworkSpec spec;
        private final TargetEncoding encoding;
        private final String blas;
        private final Broadcast<float[]> params;

        EvaluateTask(NetworkSpec spec, TargetEncoding encoding, String blas, Broadcast<float[]> params) {
            this.spec = spec;
            this.encoding = encoding;
            this.blas = blas;
            this.params = params;
        }

        @Override
        public Evaluation apply(TaskContext context, Iterator<DataBlock> it) {
            BlockEvaluator evaluator = new BlockEvaluator(spec, Blas.gemm(blas), encoding, java.util.List.of());
            Evaluation e = Evaluations.create(encoding);
            while (it.hasNext()) {
                e.merge(evaluator.evaluate(params.value(), it.next()));
            }
            return e;
        }
    }
}
