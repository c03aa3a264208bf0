package io.ember.spark;

import io.ember.data.DataException;
import io.ember.data.PartitionSummary;
import io.ember.data.RawRows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.reflect.ClassTag$;

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
    private final long[] firstIds;
    private final List<String> skipped = new ArrayList<>();
    private long skippedCount;

    private ParsedData(JavaRDD<RawRows> cached, JavaRDD<RawRows> rows, List<PartitionSummary> summaries, long count,
                       long[] firstIds) {
        this.cached = cached;
        this.rows = rows;
        this.summaries = summaries;
        this.count = count;
        this.firstIds = firstIds;
    }

    /** Checks {@code raw}; {@code what} names the data in messages ("training data data/x.csv"). */
    public static ParsedData check(JavaRDD<RawRows> raw, boolean skipBadRows, String what) {
        JavaRDD<RawRows> cached = raw.persist(StorageLevel.MEMORY_AND_DISK());
        List<PartitionSummary> summaries = cached.map(PartitionSummary::new).collect();
        try {
            checkReadable(summaries);
            checkSameWidth(summaries, what);
        } catch (DataException e) {
            cached.unpersist(false);
            throw e;
        }
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
        long[] first = firstIds(summaries);
        JavaRDD<RawRows> withIds = cached.mapPartitionsWithIndex((p, it) ->
                Collections.singletonList(it.next().withFirstRowId(first[p])).iterator(), true);
        ParsedData d = new ParsedData(cached, withIds, summaries, total, first);
        d.skippedCount = bad;
        for (int p = 0; p < summaries.size(); p++) {
            for (io.ember.data.BadRow b : summaries.get(p).badRows) {
                d.skipped.add(PartitionSummary.locate(summaries, p, b) + ": " + b.reason);
            }
        }
        return d;
    }

    /** A split that could not be read to its end (a truncated .gz) loses data: always an error, naming the place. */
    private static void checkReadable(List<PartitionSummary> summaries) {
        for (int p = 0; p < summaries.size(); p++) {
            PartitionSummary s = summaries.get(p);
            if (s.fatal != null) {
                throw new DataException(PartitionSummary.locate(summaries, p, Math.max(0, s.lines - 1)) + ": "
                        + s.fatal);
            }
        }
    }

    /** Sources that declare their width (CSV files, vectors) must declare the same one everywhere. */
    private static void checkSameWidth(List<PartitionSummary> summaries, String what) {
        PartitionSummary seen = null;
        for (PartitionSummary s : summaries) {
            if (!s.fixedWidth || s.rows == 0) {
                continue;
            }
            if (seen != null && s.width != seen.width) {
                throw new DataException(what + ": " + s.source + " has " + s.width + " features but " + seen.source
                        + " has " + seen.width + "; every file must have the same columns");
            }
            seen = s;
        }
    }

    /**
     * The global id of each partition's first row: rows are numbered in the order of their file
     * (by name) and position in it, so the numbering does not depend on how the files were listed
     * or split.
     */
    private static long[] firstIds(List<PartitionSummary> summaries) {
        Integer[] order = new Integer[summaries.size()];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            PartitionSummary x = summaries.get(a);
            PartitionSummary y = summaries.get(b);
            int c = x.source.compareTo(y.source);
            return c != 0 ? c : Long.compare(x.splitStart, y.splitStart);
        });
        long[] first = new long[order.length];
        long acc = 0;
        for (int p : order) {
            first[p] = acc;
            acc += summaries.get(p).rows;
        }
        return first;
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

    /** Rows marked for validation by an indicator column. */
    public long marked() {
        long m = 0;
        for (PartitionSummary s : summaries) {
            m += s.marked;
        }
        return m;
    }

    /** Bytes a parsed row takes in memory, on average. */
    public double bytesPerRow() {
        long bytes = 0;
        for (PartitionSummary s : summaries) {
            bytes += s.bytes;
        }
        return (double) bytes / Math.max(1, count);
    }

    /** True when every non-empty partition declares its width (CSV, IDX, vectors): that width must match a model's. */
    public boolean fixedWidth() {
        for (PartitionSummary s : summaries) {
            if (s.rows > 0 && !s.fixedWidth) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the first row whose label {@code known} lacks was read ("file:line"), or null: found by one
     * job over the cached rows, so an unknown label is reported by the driver, never thrown in a task.
     */
    public String firstUnknownLabel(io.ember.data.LabelMapping known) {
        List<PartitionSummary> all = summaries;
        for (int p = 0; p < all.size(); p++) {
            if (!known.containsAll(all.get(p).labels)) {
                int partition = p;
                List<Integer> rowIndex = cached.mapPartitionsWithIndex((q, it) -> Collections.singletonList(
                        q == partition ? it.next().firstUnknownLabelLine(known) : -1).iterator(), true).collect();
                int line = rowIndex.get(p);
                return PartitionSummary.locate(all, p, Math.max(0, line));
            }
        }
        return null;
    }

    /**
     * The rows in exactly {@code partitions} partitions of consecutive global ids, partition t holding
     * ids {@code [t n / P, (t+1) n / P)}: the same rows whatever splits the input was read in (no
     * shuffle: each range reads the parsed partitions it overlaps).
     */
    public JavaRDD<RawRows> balanced(int partitions) {
        if (count < partitions) {
            throw new DataException("only " + count + " examples for " + partitions + " partitions: lower "
                    + "'partitions' to at most " + count);
        }
        int[] sizes = new int[summaries.size()];
        boolean aligned = summaries.size() == partitions;
        for (int q = 0; q < sizes.length; q++) {
            sizes[q] = summaries.get(q).rows;
            aligned &= firstIds[q] == RowRanges.boundary(q, partitions, count)
                    && firstIds[q] + sizes[q] == RowRanges.boundary(q + 1, partitions, count);
        }
        if (aligned) {
            return rows;
        }
        return JavaRDD.fromRDD(new RowRanges(rows.rdd(), firstIds, sizes, partitions),
                scala.reflect.ClassTag$.MODULE$.apply(RawRows.class));
    }

    public void unpersist() {
        cached.unpersist(false);
    }
}
