package io.ember.spark;

import io.ember.data.DataBlock;
import io.ember.step.BatchGradient;
import org.apache.spark.Partition;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.RDDBlockId;
import scala.Option;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.List;

/**
 * The cached training blocks seen without their lineage: partition p reads the cached block p of
 * the packed RDD from the block manager (local or remote). Every step's tasks then deserialize a
 * tiny RDD instead of the whole read-parse-pack lineage. A block that is gone (its executor
 * died) gives an empty partition; the step's task answers {@link BatchGradient#missingBlock()},
 * and the driver recomputes the lost blocks through the original RDD and repeats the step.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class CachedBlocks extends RDD<DataBlock> {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<DataBlock> TAG = ClassTag$.MODULE$.apply(DataBlock.class);

    private final int cachedRddId;
    private final int partitions;
    private transient List<Seq<String>> locations;

    public CachedBlocks(JavaRDD<DataBlock> cached) {
        super(cached.rdd().sparkContext(), noDependencies(), TAG);
        this.cachedRddId = cached.id();
        this.partitions = cached.getNumPartitions();
        refreshLocations();
    }

    private static Seq<org.apache.spark.Dependency<?>> noDependencies() {
        return JavaConverters.asScalaBuffer(new ArrayList<org.apache.spark.Dependency<?>>()).toSeq();
    }

    /** Asks the block manager master where each cached block lives now (after a recovery). */
    void refreshLocations() {
        RDD<?> cached = sparkContext().getPersistentRDDs().get(cachedRddId).get();
        List<Seq<String>> l = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<String> hosts = new ArrayList<>();
            for (org.apache.spark.scheduler.TaskLocation t
                    : JavaConverters.seqAsJavaList(sparkContext().getPreferredLocs(cached, p))) {
                hosts.add(t.toString());
            }
            l.add(JavaConverters.asScalaBuffer(hosts).toSeq());
        }
        locations = l;
    }

    @Override
    public Iterator<DataBlock> compute(Partition split, TaskContext context) {
        RDDBlockId id = new RDDBlockId(cachedRddId, split.index());
        Option<BlockResult> block = SparkEnv.get().blockManager().get(id, TAG);
        if (block.isEmpty()) {
            return JavaConverters.asScalaIterator(java.util.Collections.<DataBlock>emptyIterator());
        }
        @SuppressWarnings("unchecked")
        Iterator<DataBlock> data = (Iterator<DataBlock>) (Iterator<?>) block.get().data();
        return data;
    }

    @Override
    public Partition[] getPartitions() {
        Partition[] out = new Partition[partitions];
        for (int p = 0; p < partitions; p++) {
            final int index = p;
            out[p] = new NumberedPartition(index);
        }
        return out;
    }

    @Override
    public Seq<String> getPreferredLocations(Partition split) {
        return locations == null ? JavaConverters.asScalaBuffer(new ArrayList<String>()).toSeq()
                : locations.get(split.index());
    }
}
