package io.ember.spark;

import io.ember.config.Config;
import io.ember.data.DataException;
import io.ember.data.DataSettings;
import io.ember.data.DataSettings.Format;
import io.ember.data.LabelCheck;
import io.ember.data.RawRows;
import io.ember.data.TextFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;
import java.util.Locale;

/** Reads a data file named in the configuration, in its format, into parsed partitions. */
public final class DataReader {
    private DataReader() {
    }

    /** The format of {@code path}: the configured one, or guessed from the file name. */
    public static Format format(String path, Format configured) {
        if (configured != Format.AUTO) {
            return configured;
        }
        String name = path.toLowerCase(Locale.ROOT);
        if (name.contains("idx3")) {
            return Format.IDX;
        }
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv")) {
            return Format.CSV;
        }
        if (base.endsWith(".libsvm") || base.endsWith(".svm") || base.endsWith(".txt") || base.endsWith(".svmlight")) {
            return Format.LIBSVM;
        }
        throw new DataException("cannot tell the format of '" + path + "' from its name: set format = libsvm, "
                + "csv or idx");
    }

    /**
     * Checks, before Spark reads anything, that input {@code key} names something to read: files (a
     * file, a directory of files or a glob; both files of an IDX pair) or, for {@code init}, a model
     * directory.
     *
     * @param key   the configuration key, for messages
     * @param spec  its value
     * @param model whether it names a model directory
     * @param conf  Hadoop configuration
     * @throws DataException naming the key and path
     * @throws java.io.IOException when the file system cannot be asked
     */
    public static void checkExists(String key, String spec, boolean model, org.apache.hadoop.conf.Configuration conf)
            throws java.io.IOException {
        List<String> paths = new java.util.ArrayList<>();
        if (model) {
            paths.add(spec + "/" + io.ember.io.ModelFormat.JSON);
        } else if (spec.contains(",") || spec.toLowerCase(Locale.ROOT).contains("images-idx3")) {
            try {
                paths.addAll(List.of(io.ember.data.IdxFormat.imagesAndLabels(spec)));
            } catch (IllegalArgumentException e) {
                throw new DataException(key + " = " + spec + ": " + e.getMessage());
            }
        } else {
            paths.add(spec);
        }
        for (String p : paths) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(p);
            org.apache.hadoop.fs.FileStatus[] found = path.getFileSystem(conf).globStatus(path);
            if (found == null || found.length == 0) {
                throw new DataException(key + " = " + spec + ": " + (model ? spec + " is not a model directory (no "
                        + io.ember.io.ModelFormat.JSON + ")" : "no such file or directory" + (paths.size() > 1
                        ? ": " + p : "")));
            }
        }
    }

    /**
     * Reads training data: IDX images in the training partitions, whose blocks then take the read pixels
     * as they are (ranges read apart were joined by another copy of every pixel: MNIST prepared in 1.9-2.3
     * s instead of 2.2-2.9 s, README); text in as many splits as Spark has cores, parsed in parallel.
     */
    public static JavaRDD<RawRows> readTraining(JavaSparkContext sc, String path, Config config, LabelCheck check) {
        int partitions = format(path, config.get(DataSettings.FORMAT)) == Format.IDX
                ? SparkResources.partitions(sc, config) : sc.defaultParallelism();
        return read(sc, path, config, partitions, check);
    }

    /** Reads {@code path} in its format into at least {@code partitions} parsed partitions (text splits may add more). */
    public static JavaRDD<RawRows> read(JavaSparkContext sc, String path, Config config, int partitions,
                                        LabelCheck check) {
        Format format = format(path, config.get(DataSettings.FORMAT));
        if (!config.get(DataSettings.WEIGHT_COLUMN).isEmpty() && format != Format.CSV) {
            throw config.fail(DataSettings.WEIGHT_COLUMN, "weights come from a CSV column or a DataFrame column, "
                    + "and " + path + " is " + format.name().toLowerCase(Locale.ROOT));
        }
        if (!config.get(DataSettings.VALIDATION_INDICATOR_COLUMN).isEmpty()) {
            throw config.fail(DataSettings.VALIDATION_INDICATOR_COLUMN, "a validation indicator column marks rows "
                    + "of a DataFrame; with files give a validation file or a validation fraction");
        }
        switch (format) {
            case IDX:
                return RawSources.idx(sc, path, partitions, check);
            case CSV: {
                TextFormat csv;
                try {
                    csv = TextFormat.csv(RawSources.firstLine(path, sc.hadoopConfiguration()),
                            config.get(DataSettings.CSV_HEADER), config.get(DataSettings.LABEL_COLUMN),
                            config.get(DataSettings.WEIGHT_COLUMN));
                } catch (IllegalArgumentException e) {
                    throw new DataException(path + ": " + e.getMessage());
                }
                return RawSources.text(sc, path, partitions, csv, check);
            }
            case LIBSVM:
                return RawSources.text(sc, path, partitions, TextFormat.libsvm(config.get(DataSettings.NUM_FEATURES)),
                        check);
            default:
                throw new AssertionError(config.get(DataSettings.FORMAT));
        }
    }

    /** The label check for the configured task, with the classes when they are already known. */
    public static LabelCheck labelCheck(Config config, io.ember.data.LabelMapping known) {
        return config.get(DataSettings.TASK) == DataSettings.Task.CLASSIFICATION ? LabelCheck.classification(known)
                : LabelCheck.regression();
    }
}
