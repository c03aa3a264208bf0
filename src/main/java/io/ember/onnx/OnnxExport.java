package io.ember.onnx;

import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.io.Version;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.NetworkSpec;
import io.ember.onnx.proto.OnnxProto.ModelProto;
import io.ember.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.ember.onnx.proto.OnnxProto.StringStringEntryProto;
import io.ember.onnx.proto.OnnxProto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ember.onnx.GraphBuilder.BATCH;
import static io.ember.onnx.GraphBuilder.in;

/**
 * A trained network as an ONNX model that computes what {@code ember predict} does: the feature
 * scaling ({@code Sub}, {@code Mul}), every dense layer ({@code Gemm}) with its activation, and
 * the output head: for a classifier {@code probabilities} (float [N, classes], Ember's class
 * scores) and {@code label} (double [N], the predicted class's original label, by {@code ArgMax}
 * or the single unit's decision level and a constant {@code Gather}); for regression
 * {@code prediction} (float [N, outputs]). The input is {@code features} (float [N, inputs], raw
 * features); N is symbolic. Dropout is absent (inference). Opset {@value #OPSET}.
 *
 * <p>Built from a model's parts, with no Spark and no file system: {@link #toBytes} is the file's
 * content, wherever the caller publishes it.
 */
public final class OnnxExport {
    /** The ONNX operator set the graph uses (the default domain). */
    public static final int OPSET = 13;
    /** IR version 7: ONNX 1.8, the release that introduced opset 13. */
    public static final long IR_VERSION = 7;
    /** The input: raw features, float [N, inputs]. */
    public static final String FEATURES = "features";
    /** Classifier output: Ember's class scores, float [N, classes]. */
    public static final String PROBABILITIES = "probabilities";
    /** Classifier output: the predicted class's original label, double [N]. */
    public static final String LABEL = "label";
    /** Regression output: the network's outputs, float [N, outputs]. */
    public static final String PREDICTION = "prediction";
    /** The name of the symbolic batch dimension. */
    public static final String BATCH_DIMENSION = "N";
    /** Protobuf refuses messages of 2 GiB; beyond this ONNX needs external data files, which Ember does not write. */
    static final long MAX_BYTES = 2_000_000_000L;

    private final NetworkSpec spec;
    private final float[] params;
    private final LabelMapping labels;
    private final TargetEncoding encoding;
    private final FeatureScaler scaler;
    private final Activation outputActivation;

    private OnnxExport(NetworkSpec spec, float[] params, LabelMapping labels, TargetEncoding encoding,
                       FeatureScaler scaler, Activation outputActivation) {
        if (params.length != spec.parameterCount()) {
            throw new IllegalArgumentException(params.length + " parameters for a network of "
                    + spec.parameterCount());
        }
        if ((labels != null) != encoding.isClassification()) {
            throw new IllegalArgumentException("labels " + labels + " do not match the target encoding");
        }
        long bytes = 4L * params.length + (scaler == null ? 0 : 8L * scaler.features());
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the network's %,d parameters take %,d "
                    + "bytes: an ONNX file holds at most %,d without external data files, which Ember does not "
                    + "write", params.length, bytes, MAX_BYTES));
        }
        this.spec = spec;
        this.params = params;
        this.labels = labels;
        this.encoding = encoding;
        this.scaler = scaler;
        this.outputActivation = outputActivation;
        inferenceSpec(); // a network the spec refuses is refused here, naming why
    }

    /**
     * The export of a model given by its parts (as {@code io.ember.model.Model} holds them).
     *
     * @param spec     the architecture
     * @param params   the flat parameters (read, not copied)
     * @param labels   the class labels, or null for regression
     * @param encoding how classes were encoded on the output units
     * @param scaler   the feature scaling, or null
     * @return the export
     */
    public static OnnxExport of(NetworkSpec spec, float[] params, LabelMapping labels, TargetEncoding encoding,
                                FeatureScaler scaler) {
        return new OnnxExport(spec, params, labels, encoding, scaler, null);
    }

    /**
     * The same export with the output layer's activation replaced for inference, as
     * {@code ember predict --output-activation} does (e.g. {@code threshold(0)}).
     *
     * @param activation the output activation, or null to keep the trained one
     * @return the new export
     */
    public OnnxExport withOutputActivation(Activation activation) {
        return new OnnxExport(spec, params, labels, encoding, scaler, activation);
    }

    /** The network as inference runs it: no dropout, the output activation replaced if asked. */
    NetworkSpec inferenceSpec() {
        List<LayerSpec> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            layers.add(l.withDropout(0f));
        }
        if (outputActivation != null) {
            layers.set(layers.size() - 1, spec.output().withActivation(outputActivation));
        }
        return spec.withLayers(layers);
    }

    /**
     * The model's protobuf bytes: an {@code .onnx} file's content.
     *
     * @return the serialized model
     */
    public byte[] toBytes() {
        return model().toByteArray();
    }

    /**
     * The ONNX model.
     *
     * @return the model protobuf
     */
    public ModelProto model() {
        NetworkSpec net = inferenceSpec();
        GraphBuilder g = new GraphBuilder("ember", BATCH_DIMENSION);
        int d = net.inputSize();
        g.input(FEATURES, TensorProto.DataType.FLOAT_VALUE, "raw (unscaled) features", BATCH, d);
        String h = FEATURES;
        if (scaler != null) {
            String offset = g.floats("scaling.offset", scaler.offset(), d);
            String scale = g.floats("scaling.scale", scaler.scale(), d);
            h = g.node("Sub", "scaling.sub", "scaling.centered", in(h, offset));
            h = g.node("Mul", "scaling.mul", "scaling.scaled", in(h, scale));
        }
        for (int l = 0; l < net.layerCount(); l++) {
            String layer = "layer" + l;
            int units = net.layer(l).units();
            String w = g.floats(layer + ".weight", params, net.weightOffset(l), units * net.fanIn(l), units,
                    net.fanIn(l));
            String b = g.floats(layer + ".bias", params, net.biasOffset(l), units, units);
            h = g.node("Gemm", layer + ".gemm", layer + ".linear", in(h, w, b), GraphBuilder.intAttribute("transB", 1));
            h = activation(g, net.layer(l).activation(), h, layer);
        }
        int k = net.outputSize();
        if (labels == null) {
            g.node("Identity", "prediction", PREDICTION, in(h));
            g.output(PREDICTION, TensorProto.DataType.FLOAT_VALUE, "the network's outputs", BATCH, k);
        } else {
            classifierHead(g, h, k);
        }
        Map<String, String> metadata = metadata();
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("Ember")
                .setProducerVersion(Version.EMBER)
                .setDomain("io.ember")
                .setModelVersion(1)
                .setDocString(docString())
                .setGraph(g.build("Ember network " + net));
        metadata.forEach((key, value) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key)
                .setValue(value)));
        return m.build();
    }

    /** Applies {@code a} to {@code v}; returns the output's name ({@code v} itself for identity). */
    private static String activation(GraphBuilder g, Activation a, String v, String layer) {
        switch (a.kind()) {
            case IDENTITY:
                return v;
            case SIGMOID:
                return g.node("Sigmoid", layer + ".sigmoid", layer + ".out", in(v));
            case TANH:
                return g.node("Tanh", layer + ".tanh", layer + ".out", in(v));
            case RELU:
                return g.node("Relu", layer + ".relu", layer + ".out", in(v));
            case LEAKY_RELU:
                return g.node("LeakyRelu", layer + ".leaky_relu", layer + ".out", in(v),
                        GraphBuilder.floatAttribute("alpha", a.param()));
            case SOFTMAX:
                return g.node("Softmax", layer + ".softmax", layer + ".out", in(v), GraphBuilder.intAttribute("axis", 1));
            case THRESHOLD: {
                // +1 where v > level, else -1
                String level = g.floats(layer + ".threshold_level", new float[] {a.param()});
                String above = g.node("Greater", layer + ".threshold_compare", layer + ".above", in(v, level));
                String plus = g.floats(layer + ".plus_one", new float[] {1f});
                String minus = g.floats(layer + ".minus_one", new float[] {-1f});
                return g.node("Where", layer + ".threshold", layer + ".out", in(above, plus, minus));
            }
            default:
                throw new IllegalArgumentException("activation " + a + " has no ONNX form here");
        }
    }

    /**
     * probabilities and label from the output y [N, k], as {@link TargetEncoding#classScores} and
     * {@link TargetEncoding#decodeClass} compute them (the same float operations).
     */
    private void classifierHead(GraphBuilder g, String y, int k) {
        String classIndex;
        if (k == 1) {
            float[] t = new float[1];
            encoding.encodeClass(0, t, 0);
            float off = t[0];
            encoding.encodeClass(1, t, 0);
            float on = t[0];
            // p = (y - off) / (on - off); probabilities = [1 - p, p]
            String shifted = g.node("Sub", "head.shift", "head.shifted", in(y, g.floats("head.off", new float[] {off})));
            String p = g.node("Div", "head.p", "head.p", in(shifted, g.floats("head.range", new float[] {on - off})));
            String q = g.node("Sub", "head.q", "head.q", in(g.floats("head.one", new float[] {1f}), p));
            g.node("Concat", "head.probabilities", PROBABILITIES, in(q, p), GraphBuilder.intAttribute("axis", 1));
            // class 1 where y > (on + off) / 2
            String above = g.node("Greater", "head.decide", "head.above",
                    in(y, g.floats("head.level", new float[] {(on + off) / 2})));
            String index = g.node("Cast", "head.cast", "head.index", in(above),
                    GraphBuilder.intAttribute("to", TensorProto.DataType.INT64_VALUE));
            classIndex = g.node("Reshape", "head.flatten", "head.class", in(index, g.longs("head.shape",
                    new long[] {-1}, 1)));
        } else {
            g.node("Identity", "head.probabilities", PROBABILITIES, in(y));
            classIndex = g.node("ArgMax", "head.argmax", "head.class", in(y), GraphBuilder.intAttribute("axis", 1),
                    GraphBuilder.intAttribute("keepdims", 0));
        }
        String table = g.doubles("head.labels", labels.labels(), labels.classes());
        g.node("Gather", "head.label", LABEL, in(table, classIndex), GraphBuilder.intAttribute("axis", 0));
        g.output(PROBABILITIES, TensorProto.DataType.FLOAT_VALUE, "class scores in label order " + labels, BATCH,
                labels.classes());
        g.output(LABEL, TensorProto.DataType.DOUBLE_VALUE, "the predicted class's label", BATCH);
    }

    /** The model's metadata properties. */
    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ember_version", Version.EMBER);
        m.put("network", spec.toString());
        m.put("task", labels != null ? "classification" : "regression");
        m.put("labels", labels != null ? labels.toString() : "none");
        m.put("scaling", scaler != null ? scaler.kind() : "none");
        if (outputActivation != null) {
            m.put("output_activation", outputActivation.toString());
        }
        m.put("params_sha256", sha256(params));
        return m;
    }

    private String docString() {
        return "Ember " + Version.EMBER + " " + (labels != null ? "classifier of labels " + labels : "regression")
                + ": " + inferenceSpec() + (scaler != null ? ", " + scaler.kind() + " scaling inside" : "")
                + ". " + signature();
    }

    /**
     * The graph's inputs and outputs, e.g. {@code input features [N, 784]; outputs probabilities [N, 10], label [N]}.
     *
     * @return one line
     */
    public String signature() {
        String input = "input " + FEATURES + " float [N, " + spec.inputSize() + "]; ";
        if (labels == null) {
            return input + "output " + PREDICTION + " float [N, " + spec.outputSize() + "]";
        }
        return input + "outputs " + PROBABILITIES + " float [N, " + labels.classes() + "], " + LABEL + " double [N]";
    }

    /** The SHA-256 (hex) of the parameters as little-endian float32 bytes: the checksum of the model's params.bin. */
    static String sha256(float[] values) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; ) {
            int n = Math.min(values.length - i, buf.capacity() / 4);
            buf.clear();
            buf.asFloatBuffer().put(values, i, n);
            sha.update(buf.array(), 0, 4 * n);
            i += n;
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
