package io.ember;

import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.io.ModelFormat;
import io.ember.linalg.Blas;
import io.ember.nn.NetworkSpec;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained network and everything needed to use it: architecture, parameters, feature scaling,
 * label mapping, target encoding, the training configuration and the final metrics. Saved as a
 * directory ({@link ModelFormat}): JSON plus little-endian float32 parameters.
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
     * {@code labels} is null for regression; {@code scaler} null without scaling; {@code config}
     * the resolved training settings; {@code training} free-form facts (metrics, stop reason).
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

    /** Loads a model directory (local path, file:// or hdfs://), checking format version, sizes and values. */
    public static EmberModel load(String path) throws IOException {
        return ModelFormat.read(path);
    }

    /** Saves as a directory, atomically (a reader never sees it half-written). */
    public void save(String path) throws IOException {
        ModelFormat.write(this, path);
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The flat parameter vector (a copy). */
    public float[] parameters() {
        return params.clone();
    }

    float[] parametersView() {
        return params;
    }

    public boolean isClassifier() {
        return labels != null;
    }

    /** Class labels in class-index order, or null for regression. */
    public LabelMapping labels() {
        return labels;
    }

    public TargetEncoding encoding() {
        return encoding;
    }

    public FeatureScaler scaler() {
        return scaler;
    }

    public Map<String, String> config() {
        return config;
    }

    /**
     * The training configuration as settings (origin "model config"), e.g. to reuse its data
     * settings: the keys set to other values than their defaults, as a user would have written them.
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

    public Map<String, Object> training() {
        return training;
    }

    /** A copy with other training facts (e.g. final metrics added). */
    public EmberModel withTraining(Map<String, Object> facts) {
        return new EmberModel(spec, params, labels, encoding, scaler, config, facts);
    }

    /** A batched predictor (one per thread). */
    public Predictor newPredictor() {
        return new Predictor(this, Blas.AUTO);
    }

    /** Network outputs for one example of raw (unscaled) features: class probabilities or values. */
    public float[] predict(float[] features) {
        if (features.length != spec.inputSize()) {
            throw new IllegalArgumentException("expected " + spec.inputSize() + " features, got " + features.length);
        }
        Predictor p = newPredictor();
        System.arraycopy(features, 0, p.input(), 0, features.length);
        return java.util.Arrays.copyOf(p.predict(1), spec.outputSize());
    }

    /** The predicted label (classification) or value (regression) for one example. */
    public double predictLabel(float[] features) {
        float[] out = predict(features);
        return labels != null ? labels.label(encoding.decodeClass(out, 0)) : out[0];
    }
}
