package io.ember.spark;

import io.ember.data.DataException;
import io.ember.data.IdxFormat;
import io.ember.data.LabelCheck;
import io.ember.data.RawRows;
import io.ember.data.RowSink;
import io.ember.data.TextFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.InputSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.LabeledPoint;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads training data into one {@link RawRows} per partition, on the executors: text files
 * (LIBSVM, CSV) through Hadoop's TextInputFormat, MNIST IDX files by row ranges, DataFrames
 * and RDDs of labelled points. Bad records are collected with their position, never thrown in a
 * task (a throw would burn task retries and lose the line number).
 */
public final class RawSources {
    private RawSources() {
    }

    /** LIBSVM or CSV text (a file, a directory or a glob; gzip is read transparently). */
    public static JavaRDD<RawRows> text(JavaSparkContext sc, String path, int minPartitions, TextFormat format,
                                        LabelCheck check) {
        @SuppressWarnings("unchecked")
        JavaHadoopRDD<LongWritable, Text> lines = (JavaHadoopRDD<LongWritable, Text>) sc.hadoopFile(path,
                TextInputFormat.class, LongWritable.class, Text.class, minPartitions);
        return lines.mapPartitionsWithInputSplit((split, it) -> parseSplit(split, it, format, check), false);
    }

    private static Iterator<RawRows> parseSplit(InputSplit split, Iterator<Tuple2<LongWritable, Text>> it,
                                                TextFormat format, LabelCheck check) {
        FileSplit fs = (FileSplit) split;
        RawRows raw = new RawRows(fs.getPath().toString(), fs.getStart());
        if (format.fixedFeatures() > 0) {
            raw.dense(format.fixedFeatures());
        }
        TextFormat.LineParser parser = format.newParser();
        CheckedSink sink = new CheckedSink(raw, check);
        int line = 0;
        try {
            while (it.hasNext()) {
                String s = it.next()._2().toString();
                if (line == 0 && fs.getStart() == 0) {
                    s = io.ember.config.Settings.stripBom(s);
                }
                boolean header = format.hasHeader() && fs.getStart() == 0 && line == 0;
                if (!header && !format.skippable(s)) {
                    String error = sink.parse(parser, s, line);
                    if (error != null) {
                        raw.bad(line, error);
                    }
                }
                line++;
            }
        } catch (Exception e) { // the record reader's IOException (a truncated .gz), thrown undeclared by Scala
            raw.fatal = "the file cannot be read past this line (" + io.ember.io.FileIO.reason(e) + "): truncated "
                    + "or corrupt";
        }
        raw.lines = line;
        raw.setWidth(format.fixedFeatures());
        return Collections.singletonList(raw).iterator();
    }

    /** MNIST IDX images with their labels ({@link IdxFormat#imagesAndLabels}), in {@code partitions} row ranges. */
    public static JavaRDD<RawRows> idx(JavaSparkContext sc, String spec, int partitions, LabelCheck check) {
        String[] files = IdxFormat.imagesAndLabels(spec);
        IdxFormat.Header header;
        try {
            header = IdxFormat.header(files[0], sc.hadoopConfiguration());
        } catch (IOException e) {
            throw new DataException(e.getMessage(), e);
        }
        int n = header.count();
        List<int[]> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(new int[] {(int) ((long) p * n / partitions), (int) ((long) (p + 1) * n / partitions)});
        }
        String images = files[0];
        String labels = files[1];
        return sc.parallelize(ranges, partitions).map(r -> readIdxRange(images, labels, r[0], r[1], check));
    }

    private static RawRows readIdxRange(String images, String labels, int from, int to, LabelCheck check)
            throws IOException {
        RawRows raw = new RawRows(images, from);
        raw.unit = "image";
        raw.firstRowId = from;
        try {
            IdxFormat.read(images, labels, from, to, new Configuration(), (r, label, pixels) -> {
                if (r == 0) {
                    raw.dense(pixels.length).reserve(to - from, pixels.length);
                }
                String problem = check.problem(label);
                if (problem != null) {
                    raw.bad(r, problem);
                } else {
                    raw.row(label, null, pixels, pixels.length, r);
                }
                raw.lines = r + 1;
            });
        } catch (IOException | RuntimeException e) { // reported by the driver with the image number, not thrown here
            raw.fatal = "cannot be read past this image: " + io.ember.io.FileIO.reason(e);
        }
        return raw;
    }

    /** A DataFrame with a numeric label column and an MLlib vector column. */
    public static JavaRDD<RawRows> dataFrame(Dataset<Row> df, String labelColumn, String featuresColumn,
                                             LabelCheck check) {
        return dataFrame(df, labelColumn, featuresColumn, "", "", check);
    }

    /**
     * A DataFrame with a numeric label column, an MLlib vector column and, when named (non-empty),
     * a numeric weight column (values >= 0) and a boolean validation indicator column.
     */
    public static JavaRDD<RawRows> dataFrame(Dataset<Row> df, String labelColumn, String featuresColumn,
                                             String weightColumn, String indicatorColumn, LabelCheck check) {
        List<String> columns = Arrays.asList(df.columns());
        List<String> wanted = new ArrayList<>(List.of(labelColumn, featuresColumn));
        boolean weighted = !weightColumn.isEmpty();
        boolean marked = !indicatorColumn.isEmpty();
        if (weighted) {
            wanted.add(weightColumn);
        }
        if (marked) {
            wanted.add(indicatorColumn);
        }
        for (String c : wanted) {
            if (!columns.contains(c)) {
                throw new DataException("DataFrame has no column '" + c + "'; its columns are " + columns);
            }
        }
        org.apache.spark.sql.types.StructType schema = df.schema();
        requireType(schema, labelColumn, "a number (the label)", t -> t instanceof org.apache.spark.sql.types.NumericType);
        requireType(schema, featuresColumn, "an MLlib vector (org.apache.spark.ml.linalg.Vector)",
                t -> t instanceof org.apache.spark.ml.linalg.VectorUDT);
        if (weighted) {
            requireType(schema, weightColumn, "a number (the weight)",
                    t -> t instanceof org.apache.spark.sql.types.NumericType);
        }
        if (marked) {
            requireType(schema, indicatorColumn, "a boolean (the validation indicator)",
                    t -> t instanceof org.apache.spark.sql.types.BooleanType);
        }
        int weightAt = weighted ? 2 : -1;
        int markAt = marked ? wanted.size() - 1 : -1;
        return df.select(wanted.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).javaRDD().mapPartitionsWithIndex((p, rows) ->
                vectorRows("DataFrame", p, rows, check, (sink, r) -> {
                    for (int i = 0; i < r.size(); i++) {
                        if (r.isNullAt(i)) {
                            return "null " + wanted.get(i);
                        }
                    }
                    double w = weightAt < 0 ? 1 : ((Number) r.get(weightAt)).doubleValue();
                    if (!(w >= 0) || Double.isInfinite(w)) {
                        return "weight " + w + " in column " + weightColumn + " is not a finite number >= 0";
                    }
                    String problem = sink.vector(((Number) r.get(0)).doubleValue(), (Vector) r.get(1));
                    if (problem == null) {
                        sink.weight((float) w);
                        if (markAt >= 0) {
                            sink.mark(r.getBoolean(markAt));
                        }
                    }
                    return problem;
                }), false);
    }

    private static void requireType(org.apache.spark.sql.types.StructType schema, String column, String what,
                                    java.util.function.Predicate<org.apache.spark.sql.types.DataType> ok) {
        org.apache.spark.sql.types.DataType t = schema.apply(column).dataType();
        if (!ok.test(t)) {
            throw new DataException("DataFrame column '" + column + "' is " + t.simpleString() + ", not " + what);
        }
    }

    /** An RDD of MLlib labelled points. */
    public static JavaRDD<RawRows> labeledPoints(JavaRDD<LabeledPoint> points, LabelCheck check) {
        return points.mapPartitionsWithIndex((p, it) ->
                vectorRows("RDD", p, it, check, (sink, lp) -> sink.vector(lp.label(), lp.features())), false);
    }

    /** One partition of labelled vectors, checked row by row; {@code add} returns a row's problem or null. */
    private static <T> Iterator<RawRows> vectorRows(String source, int partition, Iterator<T> rows, LabelCheck check,
                                                    BiFunction<CheckedSink, T, String> add) {
        RawRows raw = new RawRows(source, partition);
        raw.unit = "row";
        CheckedSink sink = new CheckedSink(raw, check);
        int n = 0;
        while (rows.hasNext()) {
            sink.line = n;
            String error = add.apply(sink, rows.next());
            if (error != null) {
                raw.bad(n, error);
            }
            n++;
        }
        raw.lines = n;
        return Collections.singletonList(raw).iterator();
    }

    /** The first line of the first file under {@code path} (a file, directory or glob), decompressed. */
    public static String firstLine(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches == null || matches.length == 0) {
                throw new DataException(path + ": no such file");
            }
            List<Path> files = new ArrayList<>();
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    for (FileStatus f : fs.listStatus(m.getPath())) {
                        String name = f.getPath().getName();
                        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                            files.add(f.getPath());
                        }
                    }
                } else {
                    files.add(m.getPath());
                }
            }
            if (files.isEmpty()) {
                throw new DataException(path + ": no data files");
            }
            Collections.sort(files);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(files.get(0));
            try (InputStream raw = fs.open(files.get(0));
                 InputStream in = codec == null ? raw : codec.createInputStream(raw);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line = r.readLine();
                if (line == null) {
                    throw new DataException(files.get(0) + ": empty file");
                }
                return io.ember.config.Settings.stripBom(line);
            }
        } catch (IOException e) {
            throw new DataException(path + ": " + e.getMessage(), e);
        }
    }

    /** Appends rows that pass the label check; reports label problems as the row's error. */
    private static final class CheckedSink implements RowSink {
        private final RawRows raw;
        private final LabelCheck check;
        private String problem;
        /** The record being parsed (0-based within the split). */
        int line;
        private int[] idx = new int[16];
        private float[] val = new float[16];

        CheckedSink(RawRows raw, LabelCheck check) {
            this.raw = raw;
            this.check = check;
        }

        @Override
        public void row(double label, int[] indices, float[] values, int count) {
            problem = check.problem(label);
            if (problem == null) {
                raw.row(label, indices, values, count, line);
            }
        }

        @Override
        public void weight(float w) {
            if (problem == null) {
                raw.weightLast(w);
            }
        }

        /** Marks the row just added for validation (or not). */
        void mark(boolean validation) {
            if (problem == null) {
                raw.markLast(validation);
            }
        }

        String parse(TextFormat.LineParser parser, String text, int lineNumber) {
            problem = null;
            line = lineNumber;
            String error = parser.parse(text, this);
            return error != null ? error : problem;
        }

        String vector(double label, Vector v) {
            if (!Double.isFinite(label)) {
                return "label " + label + " is not finite";
            }
            int[] indices = v instanceof SparseVector ? ((SparseVector) v).indices() : null;
            double[] values = v instanceof SparseVector ? ((SparseVector) v).values() : v.toArray();
            int n = values.length;
            if (raw.declaredWidth() == 0) {
                raw.declareWidth(v.size());
            } else if (v.size() != raw.declaredWidth()) {
                return "features vector of size " + v.size() + " after vectors of size " + raw.declaredWidth()
                        + ": every row must have the same width";
            }
            if (idx.length < n) {
                idx = new int[n];
                val = new float[n];
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(values[i])) {
                    return "feature " + (indices == null ? i : indices[i]) + " is " + values[i];
                }
                idx[i] = indices == null ? i : indices[i];
                val[i] = (float) values[i];
            }
            problem = null;
            row(label, idx, val, n);
            return problem;
        }
    }
}
