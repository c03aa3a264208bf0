package io.ember.spark;

import io.ember.data.DataException;
import io.ember.data.PartitionSummary;
import io.ember.data.RawRows;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Parsed rows, checked: one job summarizes every partition; bad rows are reported with file and
 * line (and fail the run unless skip-bad-rows), then rows get consecutive global ids in
 * partition order. The raw rows stay cached until {@link #unpersist()}.
 */
public final class ParsedData {
    private final JavaRDD<RawRows> cached;
    private final JavaRDD<RawRows> rows;
    private final List<PartitionSummary> summaries;
    private final long count;
    private final List<String> skipped = new ArrayList<>();
    private long skippedCount;

    private ParsedData(JavaRDD<RawRows> cached, JavaRDD<RawRows> rows, List<PartitionSummary> summaries, long count) {
        this.cached = cached;
        this.rows = rows;
        this.summaries = summaries;
        this.count = count;
    }

    /** Checks {@code raw}; {@code what} names the data in messages ("training data data/x.csv"). */
    public static ParsedData check(JavaRDD<RawRows> raw, boolean skipBadRows, String what) {
        JavaRDD<RawRows> cached = raw.persist(StorageLevel.MEMORY_AND_DISK());
        List<PartitionSummary> summaries = cached.map(PartitionSummary::new).collect();
        long bad = 0;
        long total = 0;
        for (PartitionSummary s : summaries) {
            bad += s.badCount;
            total += s.rows;
        }
        if (bad > 0 && !skipBadRows) {
            cached.unpersist(false);
            String first = null;
            for (int p = 0; p < summaries.size() && first == null; p++) {
                if (!summaries.get(p).badRows.isEmpty()) {
                    first = PartitionSummary.locate(summaries, p, summaries.get(p).badRows.get(0)) + ": "
                            + summaries.get(p).badRows.get(0).reason;
                }
            }
            throw new DataException(first + (bad > 1 ? " (and " + (bad - 1) + " more bad rows)" : "")
                    + "; fix the input or set skip-bad-rows = true to skip bad rows");
        }
        if (total == 0) {
            cached.unpersist(false);
            throw new DataException(what + ": no examples" + (bad > 0 ? " (all " + bad + " rows were bad)" : ""));
        }
        long[] first = new long[summaries.size()];
        long acc = 0;
        for (int p = 0; p < first.length; p++) {
            first[p] = acc;
            acc += summaries.get(p).rows;
        }
        JavaRDD<RawRows> withIds = cached.mapPartitionsWithIndex((p, it) ->
                Collections.singletonList(it.next().withFirstRowId(first[p])).iterator(), true);
        ParsedData d = new ParsedData(cached, withIds, summaries, total);
        d.skippedCount = bad;
        for (int p = 0; p < summaries.size(); p++) {
            for (io.ember.data.BadRow b : summaries.get(p).badRows) {
                d.skipped.add(PartitionSummary.locate(summaries, p, b) + ": " + b.reason);
            }
        }
        return d;
    }

    /** Rows with consecutive global ids, one RawRows per partition. */
    public JavaRDD<RawRows> rows() {
        return rows;
    }

    public long count() {
        return count;
    }

    /** The widest row (LIBSVM: the largest index), or the column count of dense sources. */
    public int width() {
        int w = 0;
        for (PartitionSummary s : summaries) {
            w = Math.max(w, s.width);
        }
        return w;
    }

    /** Distinct labels; throws DataException if there are more than a classifier accepts. */
    public TreeSet<Double> labels() {
        TreeSet<Double> all = new TreeSet<>();
        for (PartitionSummary s : summaries) {
            all.addAll(s.labels);
            if (all.size() > PartitionSummary.MAX_CLASSES) {
                throw new DataException("more than " + PartitionSummary.MAX_CLASSES + " distinct labels: "
                        + "is this a regression problem (task = regression)?");
            }
        }
        return all;
    }

    public long skippedCount() {
        return skippedCount;
    }

    /** Locations and reasons of skipped rows (the first few of each partition). */
    public List<String> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /** One line for the console, e.g. "skipped 3 bad rows (first: data/x.svm:17: ...)". */
    public String skippedNote() {
        return skippedCount == 0 ? "" : String.format(Locale.ROOT, "skipped %d bad rows (first: %s)", skippedCount,
                skipped.isEmpty() ? "?" : skipped.get(0));
    }

    /**
     * The rows in exactly {@code partitions} partitions of equal size (give or take one row), in
     * global id order; partitions are kept as they are when already balanced within 10%.
     */
    public JavaRDD<RawRows> balanced(int partitions) {
        if (count < partitions) {
            throw new DataException("only " + count + " examples for " + partitions + " partitions: lower "
                    + "'partitions' to at most " + count);
        }
        if (summaries.size() == partitions) {
            double ideal = (double) count / partitions;
            boolean even = true;
            for (PartitionSummary s : summaries) {
                even &= Math.abs(s.rows - ideal) <= 0.1 * ideal + 1;
            }
            if (even) {
                return rows;
            }
        }
        long n = count;
        return rows.flatMapToPair(r -> {
            List<Tuple2<Integer, RawRows>> pieces = new ArrayList<>();
            long start = r.firstRowId;
            long end = start + r.rows();
            for (int t = (int) (start * partitions / n); t < partitions && boundary(t, partitions, n) < end; t++) {
                long from = Math.max(start, boundary(t, partitions, n));
                long to = Math.min(end, boundary(t + 1, partitions, n));
                if (from < to) {
                    pieces.add(new Tuple2<>(t, r.slice((int) (from - start), (int) (to - start))));
                }
            }
            return pieces.iterator();
        }).partitionBy(new HashPartitioner(partitions)).mapPartitions(it -> {
            List<RawRows> parts = new ArrayList<>();
            it.forEachRemaining(t -> parts.add(t._2()));
            parts.sort((a, b) -> Long.compare(a.firstRowId, b.firstRowId));
            return Collections.singletonList(RawRows.concat(parts)).iterator();
        }, true);
    }

    /** First global row of balanced partition t. */
    private static long boundary(int t, int partitions, long n) {
        return (long) t * n / partitions;
    }

    public void unpersist() {
        cached.unpersist(false);
    }
}
