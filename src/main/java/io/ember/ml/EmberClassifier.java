package io.ember.ml;

import io.ember.EmberModel;
import io.ember.TrainingProgress;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML estimator that trains an Ember network classifier on a DataFrame with an ML vector
 * column ({@code featuresCol}) and a label column of class indices 0..k-1 (what
 * {@code StringIndexer} produces; the number of classes comes from the column's metadata, else
 * from the largest label). Every Ember training setting is a typed Param ({@link EmberParams});
 * the fitted {@link EmberClassificationModel} adds {@code rawPrediction}, {@code probability} and
 * {@code prediction}. Saved and loaded with {@code write()}/{@link #load(String)}, alone or in a
 * Pipeline.
 *
 * <p>Serializable as Spark ML stages are (closures, copies); saved only as Spark metadata and
 * Ember's model directory.
 *
 * @serial exclude
 */
public final class EmberClassifier extends ProbabilisticClassifier<Vector, EmberClassifier, EmberClassificationModel>
        implements EmberParams<EmberClassifier>, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private transient TrainingProgress progress;

    /** A classifier with a random uid and Ember's default settings. */
    public EmberClassifier() {
        this(StageUid.random("emberClassifier"));
    }

    /**
     * A classifier with the given uid (Spark's readers and copies use this).
     *
     * @param uid the uid
     */
    public EmberClassifier(String uid) {
        this(StageUid.hold(uid), 0);
    }

    // held: the uid, held by StageUid before super() runs (Spark's constructors ask for it)
    private EmberClassifier(String held, int unused) {
        super();
        this.uid = StageUid.release();
        ParamDeclarations.setDefaults(this);
    }

    /**
     * The stage's unique id.
     *
     * @return the uid
     */
    @Override
    public String uid() {
        return StageUid.of(uid);
    }

    /**
     * Reports every step and epoch of the next fits to {@code listener}, on the driver. Not a Param:
     * it is not saved; copies ({@link #copy(ParamMap)}, as tuning makes them) keep it.
     *
     * @param listener the listener
     * @return this estimator
     */
    public EmberClassifier setTrainingProgress(TrainingProgress listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Trains on {@code dataset}; Spark's {@code fit} calls it after checking the schema.
     *
     * @param dataset the training rows
     * @return the fitted model
     */
    @Override
    public EmberClassificationModel train(Dataset<?> dataset) {
        int classes = StageTraining.classCount(dataset, getLabelCol());
        EmberModel model = StageTraining.fit(this, getFeaturesCol(), getLabelCol(), dataset,
                StageTraining.indexed(classes), progress != null ? progress : new TrainingProgress() { });
        return new EmberClassificationModel(uid(), model);
    }

    /**
     * A copy with {@code extra}'s Params set on it, the same uid and the same progress listener.
     *
     * @param extra Params to set on the copy
     * @return the copy
     */
    @Override
    public EmberClassifier copy(ParamMap extra) {
        EmberClassifier copy = defaultCopy(extra);
        copy.progress = progress;
        return copy;
    }

    /**
     * Saves the Params as Spark's metadata, atomically; {@code overwrite()} replaces only a saved Ember
     * stage.
     *
     * @return the writer
     */
    @Override
    public MLWriter write() {
        return StageIO.writer(this, null);
    }

    /**
     * The reader of saved classifiers (Spark's Pipeline.load finds it by reflection).
     *
     * @return the reader
     */
    public static MLReader<EmberClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved with {@code write().save(path)}.
     *
     * @param path the directory
     * @return the classifier with its Params
     */
    public static EmberClassifier load(String path) {
        return read().load(path);
    }
}
