package io.ember.ml;

import io.ember.EmberModel;
import io.ember.TrainingSummary;

import java.io.IOException;
import java.util.NoSuchElementException;

/** What both fitted stages offer beyond Spark's model API: Ember's model, the fit's summary, ONNX export. */
public interface FittedEmberStage {
    /**
     * Ember's model: network, parameters, scaling, labels.
     *
     * @return the model
     */
    EmberModel emberModel();

    /**
     * Whether the training summary is here (on a model just fitted; not on a loaded one).
     *
     * @return true when {@link #summary()} has one
     */
    default boolean hasSummary() {
        return emberModel().summary().isPresent();
    }

    /**
     * What the fit did: per-epoch training loss and validation metrics, stop reason, times, notes,
     * run folder.
     *
     * @return the summary
     * @throws NoSuchElementException on a loaded model (its final facts are in {@code emberModel().training()})
     */
    default TrainingSummary summary() {
        return emberModel().summary().orElseThrow(() -> new NoSuchElementException("no training summary: this "
                + "model was loaded, not fitted here (emberModel().training() has its final facts)"));
    }

    /**
     * Writes the model as a new ONNX file computing what {@code transform} does from the features
     * vector (see {@link EmberModel#exportOnnx(String, boolean)}): scaling, layers and outputs.
     *
     * @param path      the file: a local path, file:// or hdfs://
     * @param overwrite whether an existing file may be replaced
     * @throws IOException when the path may not be written or the file system refuses
     */
    default void exportOnnx(String path, boolean overwrite) throws IOException {
        emberModel().exportOnnx(path, overwrite);
    }
}
