package io.ember.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.ember.EmberModel;
import io.ember.TestModels;
import io.ember.BatchPredictor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an exported model in ONNX Runtime and, for comparison, the same rows through Ember's own
 * predictor and target encoding (what {@code ember predict} writes).
 */
public final class OnnxRuntimeCheck {
    private OnnxRuntimeCheck() {
    }

    /** One batch's outputs: probabilities and labels for classifiers, prediction for regression. */
    public static final class Outputs {
        public final float[] probabilities;
        public final double[] labels;
        public final float[] prediction;

        Outputs(float[] probabilities, double[] labels, float[] prediction) {
            this.probabilities = probabilities;
            this.labels = labels;
            this.prediction = prediction;
        }
    }

    /** A session on one thread (the machine is shared), default graph optimizations. */
    public static OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            return OrtEnvironment.getEnvironment().createSession(model, options);
        }
    }

    /** ONNX Runtime's outputs for {@code rows} rows of raw features, row-major. */
    public static Outputs run(OrtSession session, float[] features, int rows) throws OrtException {
        int d = features.length / rows;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[] {rows, d});
             OrtSession.Result r = session.run(Map.of(OnnxExport.FEATURES, x))) {
            return new Outputs(floats(r.get(OnnxExport.PROBABILITIES)), doubles(r.get(OnnxExport.LABEL)),
                    floats(r.get(OnnxExport.PREDICTION)));
        }
    }

    private static float[] floats(Optional<OnnxValue> v) {
        if (v.isEmpty()) {
            return null;
        }
        FloatBuffer b = ((OnnxTensor) v.get()).getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static double[] doubles(Optional<OnnxValue> v) {
        if (v.isEmpty()) {
            return null;
        }
        DoubleBuffer b = ((OnnxTensor) v.get()).getDoubleBuffer();
        double[] a = new double[b.remaining()];
        b.get(a);
        return a;
    }

    /** The network's raw outputs for {@code rows} rows of raw features, by Ember's batched predictor. */
    public static float[] emberOutputs(EmberModel m, float[] features, int rows) {
        int d = TestModels.parts(m).spec().inputSize();
        int k = TestModels.parts(m).spec().outputSize();
        float[] out = new float[rows * k];
        BatchPredictor p = m.newPredictor();
        for (int from = 0; from < rows; from += p.capacity()) {
            int n = Math.min(p.capacity(), rows - from);
            System.arraycopy(features, from * d, p.input(), 0, n * d);
            System.arraycopy(p.predict(n), 0, out, from * k, n * k);
        }
        return out;
    }

    /** What Ember's predictor and target encoding give ({@code ember predict}'s columns). */
    public static Outputs ember(EmberModel m, float[] features, int rows) {
        float[] y = emberOutputs(m, features, rows);
        int k = TestModels.parts(m).spec().outputSize();
        if (!m.isClassifier()) {
            return new Outputs(null, null, y);
        }
        int classes = TestModels.parts(m).labels().classes();
        float[] probabilities = new float[rows * classes];
        double[] labels = new double[rows];
        float[] scores = new float[classes];
        for (int r = 0; r < rows; r++) {
            TestModels.parts(m).encoding().classScores(y, r * k, scores);
            System.arraycopy(scores, 0, probabilities, r * classes, classes);
            labels[r] = TestModels.parts(m).labels().label(TestModels.parts(m).encoding().decodeClass(y, r * k));
        }
        return new Outputs(probabilities, labels, null);
    }
}
