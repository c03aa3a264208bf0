package io.ember.ml;

import io.ember.EmberModel;
import io.ember.FrameScoring;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link EmberRegressor}: a Spark ML transformer that adds {@code prediction}, streaming
 * each partition through one batched predictor. {@link #emberModel()} gives Ember's model (ONNX
 * export, {@code ember} commands).
 *
 * <p>Serializable as Spark ML stages are (closures, copies); saved only as Spark metadata and
 * Ember's model directory.
 *
 * @serial exclude
 */
public final class EmberRegressionModel extends RegressionModel<Vector, EmberRegressionModel>
        implements EmberParams<EmberRegressionModel>, MLWritable, FittedEmberStage {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final EmberModel model;

    EmberRegressionModel(String uid, EmberModel model) {
        this(StageUid.hold(uid), model, 0);
    }

    // held: the uid, held by StageUid before super() runs (Spark's constructors ask for it)
    private EmberRegressionModel(String held, EmberModel model, int unused) {
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
     * Ember's model: network, parameters, scaling.
     *
     * @return the model
     */
    @Override
    public EmberModel emberModel() {
        return model;
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
     * The prediction for one row.
     *
     * @param features the row's features
     * @return the predicted value
     */
    @Override
    public double predict(Vector features) {
        float[] input = new float[model.inputSize()];
        io.ember.spark.VectorRows.read(features, input.length, input, 0);
        return model.predictLabel(input);
    }

    /**
     * Scores {@code dataset}, streaming each partition through one batched predictor.
     *
     * @param dataset rows with the features column
     * @return the rows with the prediction column (unless its name is empty)
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema(), true);
        boolean prediction = !getPredictionCol().isEmpty();
        return FrameScoring.transform(dataset, schema, model, getFeaturesCol(), (p, outputs, offset, values) -> {
            if (prediction) {
                values.add((double) outputs[offset]);
            }
        });
    }

    /**
     * Checks the input columns and adds the output one; refuses a features column whose vectors have
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
     * A copy with {@code extra}'s Params set on it.
     *
     * @param extra Params to set on the copy
     * @return the copy
     */
    @Override
    public EmberRegressionModel copy(ParamMap extra) {
        return copyValues(new EmberRegressionModel(uid(), model), extra).setParent(parent());
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
    public static MLReader<EmberRegressionModel> read() {
        return StageIO.reader(EmberRegressionModel.class, false, EmberRegressionModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path the directory
     * @return the model
     */
    public static EmberRegressionModel load(String path) {
        return read().load(path);
    }
}
