package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.step.BatchGradient;
import io.ember.step.Bf16Wire;
import io.ember.step.GradientSum;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Function2;
import scala.Tuple2;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Tree aggregation for many partitions: partition gradients are summed in groups of
 * {@code fanIn} on the executors (a shuffle, each group added in partition order), and only the
 * group sums travel to the driver, which adds them in group order. The result does not depend on
 * task timing; it differs from the flat sum only in the order of additions. With bfloat16 partition
 * results ({@code transport = bf16}) a group widens its parts, adds them in float32 and narrows its sum
 * once, so every level's output travels as bfloat16 too (one more rounding per level).
 */
final class TreeSum {
    private TreeSum() {
    }

    /** Levels below the driver for {@code depth} (0: auto, 1 when there are at most 32 partitions). */
    static int depth(int configured, int partitions) {
        return configured > 0 ? configured : partitions <= 32 ? 1 : 2;
    }

    /** Group size per level so that {@code depth} levels bring {@code partitions} results down to a few. */
    static int fanIn(int partitions, int depth) {
        return Math.max(2, (int) Math.ceil(Math.pow(partitions, 1.0 / depth)));
    }

    /** The step's gradient sums reduced through {@code depth - 1} executor levels, in group order. */
    static BatchGradient[] run(JavaSparkContext sc, CachedBlocks view,
                              Function2<TaskContext, scala.collection.Iterator<DataBlock>, BatchGradient> task,
                              int depth) {
        int partitions = view.getNumPartitions();
        int fanIn = fanIn(partitions, depth);
        JavaRDD<Tuple2<Integer, BatchGradient>> level = JavaRDD.fromRDD(view, scala.reflect.ClassTag$.MODULE$.apply(
                DataBlock.class)).mapPartitionsWithIndex((p, blocks) -> Collections.singletonList(
                new Tuple2<>(p, copy(task.apply(TaskContext.get(), scala.collection.JavaConverters
                        .asScalaIterator(blocks))))).iterator(), true);
        int groups = partitions;
        for (int d = 1; d < depth && groups > 1; d++) {
            groups = (groups + fanIn - 1) / fanIn;
            int size = fanIn;
            JavaPairRDD<Integer, Tuple2<Integer, BatchGradient>> keyed = level.mapToPair(t -> new Tuple2<>(t._1() / size, t));
            level = keyed.partitionBy(new HashPartitioner(groups)).mapPartitionsWithIndex(TreeSum::sumGroup, true);
        }
        List<Tuple2<Integer, BatchGradient>> sums = new ArrayList<>(level.collect());
        sums.sort((a, b) -> Integer.compare(a._1(), b._1()));
        BatchGradient[] out = new BatchGradient[sums.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = sums.get(i)._2();
        }
        return out;
    }

    private static Iterator<Tuple2<Integer, BatchGradient>> sumGroup(Integer group,
                                                                     Iterator<Tuple2<Integer, Tuple2<Integer, BatchGradient>>> it) {
        List<Tuple2<Integer, BatchGradient>> parts = new ArrayList<>();
        it.forEachRemaining(t -> parts.add(t._2()));
        if (parts.isEmpty()) {
            return Collections.emptyIterator();
        }
        parts.sort((a, b) -> Integer.compare(a._1(), b._1()));
        List<BatchGradient> inOrder = parts.stream().map(Tuple2::_2).toList();
        if (inOrder.stream().anyMatch(BatchGradient::isMissingBlock)) {
            return Collections.singletonList(new Tuple2<>(group, BatchGradient.missingBlock())).iterator();
        }
        BatchGradient total = GradientSum.ofParallel(
                new BatchGradient(new float[inOrder.get(0).parameterCount()], 0, 0, 0), inOrder);
        // a wire of its own: the narrowed sum's arrays are this group's
        BatchGradient out = inOrder.get(0).isBf16() ? new Bf16Wire().narrow(total) : total;
        return Collections.singletonList(new Tuple2<>(group, out)).iterator();
    }

    /** Worker buffers are reused by the next step: the shuffle gets its own copy. */
    private static BatchGradient copy(BatchGradient g) {
        return g.isMissingBlock() ? g : g.copy();
    }
}
