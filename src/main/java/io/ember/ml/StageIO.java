package io.ember.ml;

import io.ember.EmberModel;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Saving and loading a fitted stage: Spark's standard metadata (class, uid, Params as JSON, read by
 * {@code PipelineModel.load}) and Ember's own model directory in {@code ember-model/} (JSON and
 * float32, readable by {@code ember evaluate} and numpy). Written under a temporary name and
 * renamed, so a stage directory is whole or absent; no Java serialization.
 */
final class StageIO {
    /** The Ember model directory inside a stage's directory. */
    static final String MODEL_DIR = "ember-model";

    private StageIO() {
    }

    /**
     * The writer of a stage: an estimator ({@code model} null: its Params only) or a fitted model.
     * Unlike Spark's writers, {@code overwrite()} replaces only a saved Ember stage, and only once
     * the new one is whole; any other existing path is refused.
     */
    static MLWriter writer(Params stage, EmberModel model) {
        return new MLWriter() {
            @Override
            public void save(String path) throws IOException {
                Path target = new Path(path);
                FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                boolean replacing = fs.exists(target);
                if (replacing && !shouldOverwrite()) {
                    throw new IOException("Path " + path + " already exists: use write().overwrite().save(path) to "
                            + "replace a saved Ember stage");
                }
                if (replacing && !isSavedStage(fs, target)) {
                    throw new IOException(path + " exists and is not a saved Ember stage (no metadata/ and, for "
                            + "a model, " + MODEL_DIR + "/ in it): overwrite() replaces only that, nothing else is "
                            + "deleted");
                }
                String hidden = "." + target.getName() + "." + UUID.randomUUID();
                Path temporary = new Path(target.getParent(), hidden + ".tmp");
                Path aside = new Path(target.getParent(), hidden + ".old");
                try {
                    saveImpl(temporary.toString());
                    if (replacing && !fs.rename(target, aside)) {
                        throw new IOException("could not move " + target + " aside to replace it");
                    }
                    if (!fs.rename(temporary, target)) {
                        if (replacing) {
                            fs.rename(aside, target);
                        }
                        throw new IOException("could not rename " + temporary + " to " + target);
                    }
                    fs.delete(aside, true);
                } finally {
                    fs.delete(temporary, true);
                }
            }

            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter.saveMetadata(stage, path, sc(), Option.empty(), Option.empty());
                if (model == null) {
                    return;
                }
                try {
                    model.save(new Path(path, MODEL_DIR).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException("saving " + stage.uid() + " to " + path + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** A saved Ember stage: Spark's metadata naming one of Ember's stage classes. */
    private static boolean isSavedStage(FileSystem fs, Path dir) throws IOException {
        Path metadata = new Path(dir, "metadata/part-00000");
        if (!fs.exists(metadata)) {
            return false;
        }
        try (var in = fs.open(metadata)) {
            String json = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            return json.contains("\"class\":\"io.ember.ml.");
        }
    }

    /**
     * The reader of a fitted stage of class {@code type}.
     *
     * @param classifier whether the stage holds a classifier (checked against the model read)
     * @param make       the stage from its uid and model
     */
    static <T extends Params> MLReader<T> reader(Class<T> type, boolean classifier, BiFunction<String, EmberModel, T> make) {
        return new MLReader<>() {
            @Override
            public T load(String path) {
                DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(), type.getName());
                String modelPath = new Path(path, MODEL_DIR).toString();
                EmberModel model;
                try {
                    model = EmberModel.load(modelPath);
                } catch (IOException e) {
                    throw new UncheckedIOException("loading " + type.getSimpleName() + " from " + path + ": "
                            + e.getMessage(), e);
                }
                if (model.isClassifier() != classifier) {
                    throw new IllegalArgumentException(modelPath + " holds a " + (model.isClassifier() ? "classifier"
                            : "regression") + " model, not what a " + type.getSimpleName() + " needs");
                }
                T stage = make.apply(metadata.uid(), model);
                metadata.getAndSetParams(stage, Option.empty());
                return stage;
            }
        };
    }
}
