package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.linalg.Bfloat16;
import io.ember.step.BatchGradient;
import io.ember.step.GradientSum;
import io.ember.step.StepCoordinates;
import io.ember.train.GradientSource;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Function2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Spark side of a step: broadcast the parameters, run one job over the cached blocks (one
 * task per partition), add the partitions' gradient sums in partition order on the driver (or,
 * for many partitions, through {@link TreeSum}'s executor levels first), and destroy the
 * broadcast. Deterministic: the sum does not depend on which task finished first.
 *
 * <p>With {@code transport = bf16} ({@link SparkSettings#TRANSPORT}) the parameters are broadcast as
 * bfloat16 (a {@code short[]} this object keeps and rewrites each step) and the tasks answer bfloat16
 * gradient sums, which {@link GradientSum} widens as it adds them in partition order; the driver keeps the
 * float32 parameters the optimizer updates.
 *
 * <p>The broadcast is destroyed on a background thread: destroying costs the driver about
 * 0.3 ms (a stack walk for its log line and the removal messages), which need not delay the
 * optimizer step. The background destroy blocks until the pieces are removed. {@link #close}
 * waits for the last ones.
 */
public final class SparkGradients implements GradientSource {
    private static final ClassTag<BatchGradient> TAG = ClassTag$.MODULE$.apply(BatchGradient.class);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SparkGradients.class);

    private final JavaSparkContext sc;
    private final JavaRDD<DataBlock> blocks;
    private final CachedBlocks view;
    private final TaskSpec spec;
    private final int treeDepth;
    private final long examples;
    private final int nonEmpty;
    private final BatchGradient total;
    /** bf16 transport: the broadcast parameters, rewritten each step (null with float32). */
    private final short[] wireParams;
    private final ExecutorService destroyer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ember-broadcast-destroyer");
        t.setDaemon(true);
        return t;
    });

    /**
     * Steps over {@code blocks} (cached; {@code rowsPerPartition} their sizes in partition order), with
     * {@code treeDepth} aggregation levels (0: automatic, see {@link TreeSum#depth}).
     */
    public SparkGradients(JavaSparkContext sc, JavaRDD<DataBlock> blocks, long[] rowsPerPartition, TaskSpec spec,
                          int treeDepth) {
        this.treeDepth = TreeSum.depth(treeDepth, blocks.getNumPartitions());
        this.sc = sc;
        this.blocks = blocks;
        this.view = new CachedBlocks(blocks);
        this.spec = spec;
        this.examples = Arrays.stream(rowsPerPartition).sum();
        this.nonEmpty = (int) Arrays.stream(rowsPerPartition).filter(n -> n > 0).count();
        this.total = new BatchGradient(new float[spec.spec.parameterCount()], 0, 0, 0);
        this.wireParams = spec.transport == SparkSettings.Transport.BF16 ? new short[spec.spec.parameterCount()] : null;
    }

    @Override
    public long exampleCount() {
        return examples;
    }

    @Override
    public int nonEmptyPartitions() {
        return nonEmpty;
    }

    @Override
    public BatchGradient compute(float[] params, StepCoordinates at) {
        return SparkCallSite.named(sc, "ember training step", () -> {
            // The driver does not touch params (nor wireParams) while the job runs: broadcast without a copy.
            Broadcast<?> b = wireParams == null ? sc.broadcast(params) : sc.broadcast(narrowed(params));
            try {
                return sum(runJob(new GradientTask(spec, b, at)));
            } finally {
                // blocking (on the destroyer's thread): until its pieces are gone the broadcast stays
                // referenced, so Spark's ContextCleaner cannot remove them at the same time (with many
                // pieces that race logged "Block broadcast_N_pieceM does not exist" errors)
                destroyer.execute(() -> b.destroy(true));
            }
        });
    }

    /** Modifies {@link #wireParams}: {@code params} rounded to bfloat16. */
    private short[] narrowed(float[] params) {
        Bfloat16.narrow(params, 0, wireParams, 0, params.length);
        return wireParams;
    }

    /** The partitions' results added in partition order; a single dense float32 result is the sum itself. */
    private BatchGradient sum(BatchGradient[] parts) {
        return sumInOrder(total, parts);
    }

    /**
     * The driver's side of a step's aggregation: {@code parts} added in their order into {@code total}
     * (modified), or a single dense float32 part itself. Public for benchmarks that time a step's Spark path.
     *
     * @param total a gradient-sized buffer, overwritten unless there is one part
     * @param parts {@link #partSums}' results
     * @return the sum
     */
    public static BatchGradient sumInOrder(BatchGradient total, BatchGradient[] parts) {
        return parts.length == 1 && !parts[0].isSparse() && !parts[0].isBf16() ? parts[0]
                : GradientSum.ofParallel(total, Arrays.asList(parts));
    }

    /**
     * One step-shaped job over the cached blocks, aggregated as a step's is: with depth 1 one result
     * per partition through {@code SparkContext.runJob}, deeper through {@link TreeSum}'s executor
     * levels (group sums in group order). Public so that benchmarks run the steps' exact path with
     * their own task function.
     *
     * @param sc        the context
     * @param view      the cached blocks
     * @param task      a partition's result
     * @param treeDepth aggregation levels, at least 1
     * @return the results the driver adds, in order
     */
    public static BatchGradient[] partSums(JavaSparkContext sc, CachedBlocks view,
                                           Function2<TaskContext, Iterator<DataBlock>, BatchGradient> task,
                                           int treeDepth) {
        return treeDepth == 1 ? (BatchGradient[]) sc.sc().runJob(view, task, TAG) : TreeSum.run(sc, view, task, treeDepth);
    }

    /**
     * Runs the step's job over the cached blocks; when a block was lost with its executor, recomputes
     * the lost blocks through the original RDD's lineage and runs the step again.
     */
    private BatchGradient[] runJob(GradientTask task) {
        for (int attempt = 0; ; attempt++) {
            BatchGradient[] parts = partSums(sc, view, task, treeDepth);
            if (Arrays.stream(parts).noneMatch(BatchGradient::isMissingBlock)) {
                return parts;
            }
            if (attempt >= 3) {
                throw new io.ember.train.ResourceException("the training blocks are gone from Spark's cache again "
                        + "after " + attempt + " recomputations: Spark cannot keep them in memory. Give the "
                        + "executors more memory (spark.executor.memory, or EMBER_MEMORY in local mode) or use more "
                        + "partitions");
            }
            LOG.warn("a cached training block is gone (its executor was lost, or Spark evicted it): recomputing it "
                    + "from the input and repeating the step (attempt {})", attempt + 1);
            blocks.count();
            view.refreshLocations();
        }
    }

    @Override
    public void close() {
        destroyer.shutdown();
        try {
            destroyer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WorkerCache.release(spec.runId);
    }
}
