package io.ember.spark;

import io.ember.data.RawRows;
import org.apache.spark.NarrowDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parsed rows regrouped into {@code partitions} exact ranges of global row ids: partition t holds
 * rows {@code [t n / P, (t+1) n / P)}, whatever splits the input was read in. Each range reads the
 * parsed partitions it overlaps (a narrow dependency: no shuffle) and joins their slices, so a
 * training partition's rows depend only on the data, never on how Hadoop split the files.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
final class RowRanges extends RDD<RawRows> {
    private static final long serialVersionUID = 1L;
    private static final ClassTag<RawRows> TAG = ClassTag$.MODULE$.apply(RawRows.class);

    private final RDD<RawRows> parent;
    private final long[] first;
    private final int[] rows;
    private final long total;
    private final int partitions;

    /**
     * @param parent     parsed rows, one RawRows per partition, each knowing its first global id
     * @param first      first global id of each parent partition
     * @param rows       rows of each parent partition
     * @param partitions ranges to make
     */
    RowRanges(RDD<RawRows> parent, long[] first, int[] rows, int partitions) {
        super(parent.context(), dependencies(parent, first, rows, partitions), TAG);
        this.parent = parent;
        this.first = first.clone();
        this.rows = rows.clone();
        long n = 0;
        for (int r : rows) {
            n += r;
        }
        this.total = n;
        this.partitions = partitions;
    }

    private static Seq<org.apache.spark.Dependency<?>> dependencies(RDD<RawRows> parent, long[] first, int[] rows,
                                                                  int partitions) {
        List<org.apache.spark.Dependency<?>> deps = new ArrayList<>();
        deps.add(new Overlaps(parent, first, rows, partitions));
        return JavaConverters.asScalaBuffer(deps).toSeq();
    }

    /** True when parent partition q holds rows of range t. */
    private static boolean overlaps(long[] first, int[] rows, int q, int t, long total, int partitions) {
        long from = boundary(t, partitions, total);
        long to = boundary(t + 1, partitions, total);
        return rows[q] > 0 && first[q] < to && first[q] + rows[q] > from;
    }

    /** First global row of range t. */
    static long boundary(int t, int partitions, long total) {
        return (long) t * total / partitions;
    }

    /** Which parent partitions each range reads. */
    private static final class Overlaps extends NarrowDependency<RawRows> {
        private static final long serialVersionUID = 1L;
        private final long[] first;
        private final int[] rows;
        private final int partitions;
        private final long total;

        Overlaps(RDD<RawRows> parent, long[] first, int[] rows, int partitions) {
            super(parent);
            this.first = first.clone();
            this.rows = rows.clone();
            this.partitions = partitions;
            long n = 0;
            for (int r : rows) {
                n += r;
            }
            this.total = n;
        }

        @Override
        public Seq<Object> getParents(int partitionId) {
            List<Object> out = new ArrayList<>();
            for (int q = 0; q < first.length; q++) {
                if (overlaps(first, rows, q, partitionId, total, partitions)) {
                    out.add(q);
                }
            }
            return JavaConverters.asScalaBuffer(out).toSeq();
        }
    }

    @Override
    public Iterator<RawRows> compute(Partition split, TaskContext context) {
        int t = split.index();
        long from = boundary(t, partitions, total);
        long to = boundary(t + 1, partitions, total);
        List<Integer> qs = new ArrayList<>();
        for (int q = 0; q < first.length; q++) {
            if (overlaps(first, rows, q, t, total, partitions)) {
                qs.add(q);
            }
        }
        qs.sort((a, b) -> Long.compare(first[a], first[b]));
        Partition[] parents = ((Range) split).parents;
        List<RawRows> parts = new ArrayList<>();
        for (int q : qs) {
            RawRows r = parent.iterator(parents[q], context).next();
            int lo = (int) (Math.max(from, first[q]) - first[q]);
            int hi = (int) (Math.min(to, first[q] + rows[q]) - first[q]);
            parts.add(lo == 0 && hi == rows[q] ? r : r.slice(lo, hi));
        }
        RawRows out = parts.size() == 1 ? parts.get(0) : RawRows.concat(parts);
        if (parts.isEmpty()) {
            out.firstRowId = from;
        }
        return JavaConverters.asScalaIterator(Collections.singletonList(out).iterator());
    }

    @Override
    public Partition[] getPartitions() {
        Partition[] all = parent.partitions();
        Partition[] out = new Partition[partitions];
        for (int t = 0; t < partitions; t++) {
            Partition[] read = new Partition[all.length];
            for (int q = 0; q < all.length; q++) {
                read[q] = overlaps(first, rows, q, t, total, partitions) ? all[q] : null;
            }
            out[t] = new Range(t, read);
        }
        return out;
    }

    /** A range, carrying the parent partitions it reads (tasks cannot ask the parent RDD for them). */
    private static final class Range extends NumberedPartition {
        private static final long serialVersionUID = 1L;
        private final Partition[] parents;

        Range(int index, Partition[] parents) {
            super(index);
            this.parents = parents;
        }
    }
}
