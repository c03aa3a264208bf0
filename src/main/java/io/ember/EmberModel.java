package io.ember;

import io.ember.config.Settings;
import io.ember.eval.Predictor;
import io.ember.io.ModelFormat;
import io.ember.io.OutputGuard;
import io.ember.linalg.Blas;
import io.ember.model.Model;
import io.ember.onnx.OnnxExport;
import io.ember.onnx.OnnxFile;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
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

    private final Model model;
    private final transient TrainingSummary summary;
    /** One predictor per thread for single rows, built on first use: predicting a row allocates nothing after that. */
    private transient volatile ThreadLocal<Predictor> rowPredictor;

    /** A model from its checked parts (training builds them; so does loading). */
    EmberModel(Model model) {
        this(model, null);
    }

    /** A model just trained, with what its training did. */
    EmberModel(Model model, TrainingSummary summary) {
        this.model = model;
        this.summary = summary;
    }

    /**
     * What the training that produced this model did: every epoch's figures, why it stopped, the
     * run folder. Present on a model returned by {@link Ember#train}; a loaded model has its final
     * facts in {@link #training()} instead.
     *
     * @return the summary, or empty
     */
    public java.util.Optional<TrainingSummary> summary() {
        return java.util.Optional.ofNullable(summary);
    }

    /** The parts, for Ember's own packages. */
    Model model() {
        return model;
    }

    /**
     * Loads a model directory, checking format version, sizes, checksums and values.
     *
     * @param path a local path, file:// or hdfs:// (anything Hadoop's FileSystem API reads)
     * @return the model
     * @throws IOException naming the file and field that is missing, inconsistent or corrupted
     */
    public static EmberModel load(String path) throws IOException {
        return new EmberModel(ModelFormat.read(path));
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
            OutputGuard.check("model path", path, OutputGuard.Kind.MODEL, overwrite, List.of(),
                    new org.apache.hadoop.conf.Configuration());
        } catch (OutputGuard.UnsafeOutputException e) {
            throw new IOException(e.getMessage(), e);
        }
        ModelFormat.write(model, path);
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
            OnnxFile.write(OnnxExport.of(model.spec(), model.params(), model.labels(), model.encoding(),
                    model.scaler()), path, overwrite, "ONNX path",
                    java.util.List.of());
        } catch (io.ember.io.OutputGuard.UnsafeOutputException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The number of features a row has.
     *
     * @return the input width
     */
    public int inputSize() {
        return model.spec().inputSize();
    }

    /**
     * Output values per row: one per class for 3+ classes or a softmax output, one for a single
     * sigmoid or tanh unit or a regression.
     *
     * @return the output width
     */
    public int outputSize() {
        return model.spec().outputSize();
    }

    /**
     * The network, e.g. {@code 784 -> 256:relu -> 10:softmax, cross_entropy, 203530 parameters}.
     *
     * @return its description
     */
    public String network() {
        return model.spec().toString();
    }

    /**
     * The flat parameter vector, in the layout of the model file.
     *
     * @return a copy
     */
    public float[] parameters() {
        return model.params().clone();
    }

    /**
     * Whether this model classifies (else it regresses).
     *
     * @return true for a classifier
     */
    public boolean isClassifier() {
        return model.isClassifier();
    }

    /**
     * The class labels as they were in the training data, in class-index order (ascending).
     *
     * @return a copy; empty for a regression
     */
    public double[] classLabels() {
        return model.isClassifier() ? model.labels().labels() : new double[0];
    }

    /**
     * Whether the model scales its raw features (fitted on the training data) before the network.
     *
     * @return true with feature scaling
     */
    public boolean scalesFeatures() {
        return model.scaler() != null;
    }

    /**
     * The resolved training configuration.
     *
     * @return every key with its value
     */
    public Map<String, String> config() {
        return model.config();
    }

    /**
     * The training configuration as settings (origin "model config"), e.g. to reuse its data
     * settings: the keys set to other values than their defaults, as a user would have written them.
     *
     * @return the settings
     */
    public Settings configAsSettings() {
        return Keys.asSettings(model.config(), "model config");
    }

    /**
     * Facts of the training run: stop reason, epochs, steps, metrics, timings.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> training() {
        return model.facts();
    }

    /**
     * A copy with other training facts (e.g. with final metrics added).
     *
     * @param facts the new facts
     * @return the copy
     */
    public EmberModel withTraining(Map<String, Object> facts) {
        return new EmberModel(model.withFacts(facts));
    }

    /**
     * A batched predictor that reuses its buffers: the path every scoring in Ember takes (one per
     * thread).
     *
     * @return a new predictor, with this model's scaling
     */
    public BatchPredictor newPredictor() {
        return new BatchPredictor(predictor());
    }

    private Predictor predictor() {
        return new Predictor(model.spec(), model.params(), model.scaler(), Blas.gemm(Blas.AUTO));
    }

    /**
     * Network outputs for one example, written into {@code out}: allocates nothing once this thread
     * has predicted before.
     *
     * @param features raw (unscaled) features, the model's input width
     * @param out      receives the outputs (class probabilities or values); at least the output width
     */
    public void predict(float[] features, float[] out) {
        Predictor p = predictOne(features);
        System.arraycopy(p.output(), 0, out, 0, model.spec().outputSize());
    }

    /**
     * Network outputs for one example (class probabilities or values).
     *
     * @param features raw (unscaled) features, the model's input width
     * @return a new array of the outputs
     */
    public float[] predict(float[] features) {
        float[] out = new float[model.spec().outputSize()];
        predict(features, out);
        return out;
    }

    /**
     * The prediction for one example; allocates nothing once this thread has predicted before.
     *
     * @param features raw (unscaled) features, the model's input width
     * @return the predicted class label (classification) or value (regression)
     */
    public double predictLabel(float[] features) {
        Predictor p = predictOne(features);
        return model.isClassifier() ? model.labels().label(model.encoding().decodeClass(p.output(), 0)) : p.output()[0];
    }

    private Predictor predictOne(float[] features) {
        if (features.length != model.spec().inputSize()) {
            throw new IllegalArgumentException("expected " + model.spec().inputSize() + " features, got "
                    + features.length);
        }
        ThreadLocal<Predictor> local = rowPredictor;
        if (local == null) {
            synchronized (this) {
                if (rowPredictor == null) {
                    rowPredictor = ThreadLocal.withInitial(this::predictor);
                }
                local = rowPredictor;
            }
        }
        Predictor p = local.get();
        System.arraycopy(features, 0, p.input(), 0, features.length);
        p.predict(1);
        return p;
    }
}
