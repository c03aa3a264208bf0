package io.ember.eval;

import io.ember.data.TargetEncoding;

/** Makes the evaluation that fits a model's outputs (kept out of the public {@link Evaluation}). */
public final class Evaluations {
    private Evaluations() {
    }

    /** A fresh, empty classification or regression evaluation for outputs encoded by {@code encoding}. */
    public static Evaluation create(TargetEncoding encoding) {
        return encoding.isClassification() ? new ClassificationEvaluation(encoding) : new RegressionEvaluation(encoding);
    }
}
