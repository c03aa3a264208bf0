package io.ember.ml;

import io.ember.BatchPredictor;
import io.ember.EmberModel;
import io.ember.FrameScoring;
import io.ember.spark.VectorRows;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * A fitted {@link EmberClassifier}: a Spark ML transformer that adds {@code rawPrediction} (the
 * network's class scores: Ember's networks end in their output activation, so these are the class
 * probabilities), {@code probability} and {@code prediction} (the class index, after
 * {@code thresholds} when set, as Spark's classifiers do). Each partition streams through one
 * batched predictor. {@link #emberModel()} gives Ember's model (ONNX export, {@code ember}
 * commands).
 *
 * <p>Serializable as Spark ML stages are (closures, copies); saved only as Spark metadata and
 * Ember's model directory.
 *
 * @serial exclude
 */
public final class EmberClassificationModel
        extends ProbabilisticClassificationModel<Vector, EmberClassificationModel>
        implements EmberParams<EmberClassificationModel>, MLWritable, FittedEmberStage {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final EmberModel model;
    private transient ThreadLocal<BatchPredictor> rowPredictor;

    EmberClassificationModel(String uid, EmberModel model) {
        this(StageUid.hold(uid), model, 0);
    }

    // held: the uid, held by StageUid before super() runs (Spark's constructors ask for it)
    private EmberClassificationModel(String held, EmberModel model, int unused) {
        super();
        this.uid = StageUid.release();
        this.model = model;
        ParamDeclarations.setDefaults(this);
    }

    /**
     * The stage's unique id (its estimator's).
     *
     * @return the uid
     */
    @Override
    public String uid() {
        return StageUid.of(uid);
    }

    /**
     * Ember's model: network, parameters, scaling, labels.
     *
     * @return the model
     */
    @Override
    public EmberModel emberModel() {
        return model;
    }

    /**
     * The number of classes k (labels 0..k-1).
     *
     * @return k
     */
    @Override
    public int numClasses() {
        return model.classLabels().length;
    }

    /**
     * The width of the features vectors.
     *
     * @return the model's input size
     */
    @Override
    public int numFeatures() {
        return model.inputSize();
    }

    /**
     * The class scores of one row (the class probabilities).
     *
     * @param features the row's features
     * @return a vector of k scores
     */
    @Override
    public Vector predictRaw(Vector features) {
        if (rowPredictor == null) {
            rowPredictor = ThreadLocal.withInitial(model::newPredictor);
        }
        BatchPredictor p = rowPredictor.get();
        float[] input = p.input();
        Arrays.fill(input, 0, model.inputSize(), 0f);
        VectorRows.read(features, model.inputSize(), input, 0);
        double[] probabilities = new double[numClasses()];
        p.classProbabilities(p.predict(1), 0, probabilities);
        return Vectors.dense(probabilities);
    }

    /**
     * Class scores to probabilities: they already are.
     *
     * @param rawPrediction the scores
     * @return the same vector
     */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        return rawPrediction;
    }

    /**
     * Scores {@code dataset}, streaming each partition through one batched predictor.
     *
     * @param dataset rows with the features column
     * @return the rows with the output columns whose names are not empty
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType spark = transformSchema(dataset.schema(), true);
        boolean raw = !getRawPredictionCol().isEmpty();
        boolean probability = !getProbabilityCol().isEmpty();
        boolean prediction = !getPredictionCol().isEmpty();
        // the columns in the order Spark's own classifiers add them, with the metadata its schema gives them
        StructType schema = dataset.schema();
        for (String c : new String[] {getRawPredictionCol(), getProbabilityCol(), getPredictionCol()}) {
            if (!c.isEmpty()) {
                schema = schema.add(spark.apply(c));
            }
        }
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        int k = numClasses();
        if (thresholds != null && thresholds.length != k) {
            throw new IllegalArgumentException("thresholds has " + thresholds.length + " values, the model has "
                    + k + " classes");
        }
        return FrameScoring.transform(dataset, schema, model, getFeaturesCol(), (p, outputs, offset, values) -> {
            double[] probabilities = new double[k];
            p.classProbabilities(outputs, offset, probabilities);
            DenseVector v = new DenseVector(probabilities);
            if (raw) {
                values.add(v);
            }
            if (probability) {
                values.add(v);
            }
            if (prediction) {
                values.add(predict(probabilities, thresholds));
            }
        });
    }

    /** Spark's rule: the largest probability, or of probability / threshold when thresholds are set. */
    private static double predict(double[] probabilities, double[] thresholds) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < probabilities.length; c++) {
            double score = thresholds == null ? probabilities[c]
                    : thresholds[c] == 0 ? Double.POSITIVE_INFINITY : probabilities[c] / thresholds[c];
            if (score > bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Checks the input columns and adds the output ones; refuses a features column whose vectors have
     * another size than the model's input.
     *
     * @param schema the input schema
     * @return the output schema
     */
    @Override
    public StructType transformSchema(StructType schema) {
        StageScoring.checkWidth(schema, getFeaturesCol(), numFeatures());
        return super.transformSchema(schema);
    }

    /**
     * Spark's summaries look the model and its output columns up with this; two of Spark's classes
     * declare it, so Java needs it spelled out.
     *
     * @return this model, its probability and prediction columns
     */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        return new scala.Tuple3<>(this, getProbabilityCol(), getPredictionCol());
    }

    /**
     * A copy with {@code extra}'s Params set on it.
     *
     * @param extra Params to set on the copy
     * @return the copy
     */
    @Override
    public EmberClassificationModel copy(ParamMap extra) {
        return copyValues(new EmberClassificationModel(uid(), model), extra).setParent(parent());
    }

    /**
     * Saves Spark's metadata and Ember's model directory ({@code ember-model/}).
     *
     * @return the writer
     */
    @Override
    public MLWriter write() {
        return StageIO.writer(this, model);
    }

    /**
     * The reader of saved models (Spark's PipelineModel.load finds it by reflection).
     *
     * @return the reader
     */
    public static MLReader<EmberClassificationModel> read() {
        return StageIO.reader(EmberClassificationModel.class, true, EmberClassificationModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path the directory
     * @return the model
     */
    public static EmberClassificationModel load(String path) {
        return read().load(path);
    }
}
