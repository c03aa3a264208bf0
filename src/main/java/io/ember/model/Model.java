package io.ember.model;

import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.nn.NetworkSpec;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained model's parts, checked to fit together: the network, its flat parameters, the class
 * labels and how they were encoded (classification), the feature scaling, the resolved training
 * configuration and the facts of the run. What training produces, what model files hold
 * ({@code io.ModelFormat}) and what the public {@code EmberModel} wraps.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 * @param spec     the architecture
 * @param params   the flat parameters (kept, not copied)
 * @param labels   class labels, or null for regression
 * @param encoding how labels became targets
 * @param scaler   the feature scaling, or null
 * @param config   the resolved training settings, key to value
 * @param facts    free-form facts of the run: metrics, stop reason, timings
 */
public record Model(NetworkSpec spec, float[] params, LabelMapping labels, TargetEncoding encoding,
                    FeatureScaler scaler, Map<String, String> config, Map<String, Object> facts) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks that the parts fit together; throws IllegalArgumentException saying which do not. */
    public Model {
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
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** True for a classifier, false for a regression. */
    public boolean isClassifier() {
        return labels != null;
    }

    /** The same model with other facts (e.g. final metrics added). */
    public Model withFacts(Map<String, Object> newFacts) {
        return new Model(spec, params, labels, encoding, scaler, config, newFacts);
    }
}
