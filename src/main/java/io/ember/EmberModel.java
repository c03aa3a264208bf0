package io.ember;

import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.io.ModelFormat;
import io.ember.linalg.Blas;
import io.ember.nn.NetworkSpec;
import io.ember.onnx.OnnxExport;
import io.ember.onnx.OnnxFile;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network and everything needed to use it: architecture, parameters, feature scaling,
 * label mapping, target encoding, the training configuration and the final metrics. Saved as a
 * directory ({@link ModelFormat}): JSON plus little-endian float32 parameters.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class EmberModel implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NetworkSpec spec;
    private final float[] params;
    private final LabelMapping labels;
    private final TargetEncoding encoding;
    private final FeatureScaler scaler;
    private final Map<String, String> config;
    private final Map<String, Object> training;

    /**
     * A model from its parts (training builds it; so can tests and converters).
     *
     * @param spec     the architecture
     * @param params   the flat parameters (kept, not copied)
     * @param labels   class labels, or null for regression
     * @param encoding how labels became targets
     * @param scaler   the feature scaling, or null
     * @param config   the resolved training settings
     * @param training free-form facts: metrics, stop reason, timings
     */
    public EmberModel(NetworkSpec spec, float[] params, LabelMapping labels, TargetEncoding encoding,
                      FeatureScaler scaler, Map<String, String> config, Map<String, Object> training) {
        if (params.length != spec.parameterCount()) {
            throw new IllegalArgumentException("model has " + params.length + " parameters, its network needs "
                    + spec.parameterCount());
        }
        if (encoding.units() != spec.outputSize()) {
            throw new IllegalArgumentException("target encoding has " + encoding.units() + " units, the network "
                    + spec.outputSize());
        }
        if (scaler != null && scaler.features() != spec.inputSize()) {
            throw new IllegalArgumentException("scaler has " + scaler.features() + " features, the network "
                    + spec.inputSize());
        }
        if (encoding.isClassification() != (labels != null)
                || (labels != null && labels.classes() != encoding.classes())) {
            throw new IllegalArgumentException("label mapping " + labels + " does not match the target encoding");
        }
        this.spec = spec;
        this.params = params;
        this.labels = labels;
        this.encoding = encoding;
        this.scaler = scaler;
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        this.training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    /**
     * Loads a model directory, checking format version, sizes, checksum and values.
     *
     * @param path a local path, file:// or hdfs:// (anything Hadoop's FileSystem API reads)
     * @return the model
     * @throws IOException naming the file and field that is missing, inconsistent or corrupted
     */
    public static EmberModel load(String path) throws IOException {
        return ModelFormat.read(path);
    }

    /**
     * Saves as a new model directory, atomically: a reader never sees it half-written. An existing
     * path is refused (see {@link #save(String, boolean)}).
     *
     * @param path a local path, file:// or hdfs://
     * @throws IOException when the path exists or the file system refuses
     */
    public void save(String path) throws IOException {
        save(path, false);
    }

    /**
     * Saves as a model directory, atomically. With {@code overwrite} an existing Ember model at
     * {@code path} is replaced (only once the new one is written whole); anything else that exists
     * there (another directory, a file, a run folder) is never replaced, and nothing is written
     * inside a run folder, another model or a checkpoint.
     *
     * @param path      a local path, file:// or hdfs://
     * @param overwrite whether an existing model may be replaced
     * @throws IOException when the path may not be written or the file system refuses; the message
     *                     names the path and what it holds
     */
    public void save(String path, boolean overwrite) throws IOException {
        try {
            io.ember.io.OutputGuard.check("model path", path, io.ember.io.OutputGuard.Kind.MODEL, overwrite,
                    java.util.List.of(), new org.apache.hadoop.conf.Configuration());
        } catch (io.ember.io.OutputGuard.UnsafeOutputException e) {
            throw new IOException(e.getMessage(), e);
        }
        ModelFormat.write(this, path);
    }

    /**
     * Writes this model as a new ONNX file (opset 13) that computes what {@code ember predict} does:
     * scaling, layers, class scores and labels or regression outputs. An existing path is refused
     * (see {@link #exportOnnx(String, boolean)}).
     *
     * @param path the file: a local path, file:// or hdfs://
     * @throws IOException when the path exists, may not be written or the file system refuses
     */
    public void exportOnnx(String path) throws IOException {
        exportOnnx(path, false);
    }

    /**
     * Writes this model as an ONNX file, atomically (temporary name, then renamed) through Hadoop's
     * FileSystem API. With {@code overwrite} an existing file there is replaced; a directory, a
     * path inside a model or a checkpoint, or a run folder's own file never.
     *
     * @param path      the file: a local path, file:// or hdfs://
     * @param overwrite whether an existing file may be replaced
     * @throws IOException when the path may not be written or the file system refuses; the message
     *                     names the path and why (nothing is left half-written)
     */
    public void exportOnnx(String path, boolean overwrite) throws IOException {
        try {
            OnnxFile.write(OnnxExport.of(spec, params, labels, encoding, scaler), path, overwrite, "ONNX path",
                    java.util.List.of());
        } catch (io.ember.io.OutputGuard.UnsafeOutputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The architecture.
     *
     * @return the network spec
     */
    public NetworkSpec spec() {
        return spec;
    }

    /**
     * The flat parameter vector, in the layout of the model file.
     *
     * @return a copy
     */
    public float[] parameters() {
        return params.clone();
    }

    float[] parametersView() {
        return params;
    }

    /**
     * Whether this model classifies (else it regresses).
     *
     * @return true for a classifier
     */
    public boolean isClassifier() {
        return labels != null;
    }

    /**
     * The class labels, in class-index order.
     *
     * @return the mapping, or null for regression
     */
    public LabelMapping labels() {
        return labels;
    }

    /**
     * How labels were encoded as targets.
     *
     * @return the encoding
     */
    public TargetEncoding encoding() {
        return encoding;
    }

    /**
     * The feature scaling fitted on the training data.
     *
     * @return the scaler, or null without scaling
     */
    public FeatureScaler scaler() {
        return scaler;
    }

    /**
     * The resolved training configuration.
     *
     * @return every key with its value
     */
    public Map<String, String> config() {
        return config;
    }

    /**
     * The training configuration as settings (origin "model config"), e.g. to reuse its data
     * settings: the keys set to other values than their defaults, as a user would have written them.
     *
     * @return the settings
     */
    public io.ember.train.Settings configAsSettings() {
        io.ember.train.Settings s = io.ember.train.Settings.empty();
        for (Map.Entry<String, String> e : config.entrySet()) {
            io.ember.train.ConfigKey key = io.ember.train.ConfigKey.byName(e.getKey());
            if (key != null && !key.defaultValue().equals(e.getValue())) {
                s = s.with(e.getKey(), e.getValue(), "model config");
            }
        }
        return s;
    }

    /**
     * Facts of the training run: stop reason, epochs, steps, metrics, timings.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> training() {
        return training;
    }

    /**
     * A copy with other training facts (e.g. with final metrics added).
     *
     * @param facts the new facts
     * @return the copy
     */
    public EmberModel withTraining(Map<String, Object> facts) {
        return new EmberModel(spec, params, labels, encoding, scaler, config, facts);
    }

    /**
     * A batched predictor that reuses its buffers (one per thread).
     *
     * @return a new predictor
     */
    public Predictor newPredictor() {
        return new Predictor(this, Blas.AUTO);
    }

    /**
     * Network outputs for one example (convenient; {@link #newPredictor()} is faster for many).
     *
     * @param features raw (unscaled) features, the model's input width
     * @return class probabilities or regression values
     */
    public float[] predict(float[] features) {
        if (features.length != spec.inputSize()) {
            throw new IllegalArgumentException("expected " + spec.inputSize() + " features, got " + features.length);
        }
        Predictor p = newPredictor();
        System.arraycopy(features, 0, p.input(), 0, features.length);
        return java.util.Arrays.copyOf(p.predict(1), spec.outputSize());
    }

    /**
     * The prediction for one example.
     *
     * @param features raw (unscaled) features, the model's input width
     * @return the predicted class label (classification) or value (regression)
     */
    public double predictLabel(float[] features) {
        float[] out = predict(features);
        return labels != null ? labels.label(encoding.decodeClass(out, 0)) : out[0];
    }
}
