package io.ember.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.data.FeatureScaler;
import io.ember.data.LabelMapping;
import io.ember.data.TargetEncoding;
import io.ember.model.Model;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.Loss;
import io.ember.nn.NetworkSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model directory: {@code model.json} (format name and version, architecture, labels,
 * scaling, training configuration and metrics) and {@code params.bin} (the flat parameters as
 * little-endian float32, SHA-256 recorded in the JSON). From format version 2, {@code model.json}
 * carries the SHA-256 of its own bytes too ({@code integrity_sha256}), so an edited activation,
 * label or scaling offset is refused like a changed parameter. Every field read is used or
 * verified. No Java serialization anywhere.
 */
public final class ModelFormat {
    public static final String FORMAT = "ember-model";
    public static final int VERSION = 2;
    public static final String JSON = "model.json";
    public static final String PARAMS = "params.bin";
    /** Largest model.json accepted (feature scaling arrays make it grow with the input width). */
    static final long MAX_JSON_BYTES = 256L << 20;
    /** Largest parameter count accepted (4 GiB of float32 would not fit a Java array anyway). */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE - 16;

    static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFormat() {
    }

    /**
     * Writes {@code model} to {@code path}, atomically, replacing what is there: callers decide
     * beforehand that it may be replaced ({@link OutputGuard}, or a run folder writing its own model).
     */
    public static void write(Model model, String path) throws IOException {
        FileIO.publishDirectory(path, new Configuration(), (fs, dir) -> {
            fs.mkdirs(dir);
            String sha = FileIO.writeFloats(fs, new Path(dir, PARAMS), model.params());
            FileIO.writeBytes(fs, new Path(dir, JSON), SealedJson.seal(toJson(model, sha)));
        });
    }

    static ObjectNode toJson(Model model, String sha) {
        ObjectNode root = JSON_MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", VERSION);
        root.put("ember_version", Version.EMBER);
        root.put("created", Instant.now().toString());
        root.put("task", model.isClassifier() ? "classification" : "regression");
        root.set("network", network(model.spec()));
        ObjectNode p = root.putObject("parameters");
        p.put("file", PARAMS);
        p.put("dtype", "float32");
        p.put("byte_order", "little_endian");
        p.put("count", model.spec().parameterCount());
        p.put("sha256", sha);
        p.put("layout", "layers in order; each: weights [units][fan_in] row-major (as torch.nn.Linear.weight), "
                + "then biases [units]");
        if (model.labels() != null) {
            ArrayNode labels = root.putArray("labels");
            for (double l : model.labels().labels()) {
                labels.add(l);
            }
        }
        ObjectNode enc = root.putObject("target_encoding");
        enc.put("units", model.encoding().units());
        enc.put("classes", model.encoding().classes());
        if (model.scaler() != null) {
            ObjectNode sc = root.putObject("scaling");
            sc.put("kind", model.scaler().kind());
            sc.put("formula", "x' = (x - offset) * scale");
            ArrayNode off = sc.putArray("offset");
            for (float v : model.scaler().offset()) {
                off.add(v);
            }
            ArrayNode scale = sc.putArray("scale");
            for (float v : model.scaler().scale()) {
                scale.add(v);
            }
        }
        ObjectNode cfg = root.putObject("config");
        model.config().forEach(cfg::put);
        root.set("training", JSON_MAPPER.valueToTree(model.facts()));
        return root;
    }

    /** The architecture as JSON (also used by checkpoints). */
    public static ObjectNode network(NetworkSpec spec) {
        ObjectNode net = JSON_MAPPER.createObjectNode();
        net.put("input_size", spec.inputSize());
        ArrayNode layers = net.putArray("layers");
        for (int l = 0; l < spec.layerCount(); l++) {
            LayerSpec s = spec.layer(l);
            ObjectNode layer = layers.addObject();
            layer.put("units", s.units());
            layer.put("activation", s.activation().toString());
            layer.put("dropout", s.dropout());
            layer.put("trainable", s.trainable());
            layer.put("weight_offset", spec.weightOffset(l));
            layer.put("bias_offset", spec.biasOffset(l));
        }
        net.put("loss", spec.loss().toString());
        net.put("parameter_count", spec.parameterCount());
        return net;
    }

    public static Model read(String path) throws IOException {
        Path dir = new Path(path);
        FileSystem fs = FileIO.fileSystem(dir, new Configuration());
        Path jsonFile = new Path(dir, JSON);
        if (!fs.exists(jsonFile)) {
            throw new IOException(path + " is not an Ember model directory: " + jsonFile + " is missing");
        }
        byte[] bytes = FileIO.readSmallFile(fs, jsonFile, MAX_JSON_BYTES);
        JsonNode root;
        try {
            root = JSON_MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(jsonFile + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        Fields f = new Fields(jsonFile, root);
        if (!FORMAT.equals(f.text(root, "format"))) {
            throw new IOException(jsonFile + ": format is '" + root.path("format").asText() + "', not '" + FORMAT + "'");
        }
        int version = f.integer(root, "format_version");
        if (version != 1 && version != VERSION) {
            throw new IOException(jsonFile + ": model format version " + version + "; this Ember (" + Version.EMBER
                    + ") reads versions 1 and " + VERSION);
        }
        SealedJson.verify(jsonFile, bytes, version >= 2);
        NetworkSpec spec = readNetwork(f, f.object(root, "network"));
        JsonNode p = f.object(root, "parameters");
        f.expect(p, "file", PARAMS);
        f.expect(p, "dtype", "float32");
        f.expect(p, "byte_order", "little_endian");
        long count = f.integer(p, "count");
        if (count != spec.parameterCount()) {
            throw new IOException(jsonFile + ": parameters.count " + count + " does not match the architecture's "
                    + spec.parameterCount());
        }
        float[] params = FileIO.readFloats(fs, new Path(dir, PARAMS), spec.parameterCount(), f.text(p, "sha256"));
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw new IOException(new Path(dir, PARAMS) + ": parameter " + i + " is " + params[i]);
            }
        }
        String task = f.text(root, "task");
        if (!task.equals("classification") && !task.equals("regression")) {
            throw new IOException(jsonFile + ": task is '" + task + "', not classification or regression");
        }
        boolean classifier = task.equals("classification");
        LabelMapping labels = null;
        TargetEncoding encoding;
        if (classifier) {
            JsonNode arr = f.array(root, "labels");
            double[] l = new double[arr.size()];
            for (int i = 0; i < l.length; i++) {
                if (!arr.get(i).isNumber()) {
                    throw new IOException(jsonFile + ": labels[" + i + "] is not a number");
                }
                l[i] = arr.get(i).asDouble();
            }
            try {
                labels = new LabelMapping(l);
                encoding = TargetEncoding.classification(l.length, spec.outputSize(), spec.output().activation());
            } catch (IllegalArgumentException e) {
                throw new IOException(jsonFile + ": labels: " + e.getMessage());
            }
        } else {
            if (root.has("labels")) {
                throw new IOException(jsonFile + ": a regression model has no labels");
            }
            encoding = TargetEncoding.regression(spec.outputSize());
        }
        JsonNode enc = f.object(root, "target_encoding");
        if (f.integer(enc, "units") != encoding.units() || f.integer(enc, "classes") != encoding.classes()) {
            throw new IOException(jsonFile + ": target_encoding " + enc + " does not match the network and labels ("
                    + encoding.units() + " units, " + encoding.classes() + " classes)");
        }
        FeatureScaler scaler = null;
        JsonNode sc = root.get("scaling");
        if (sc != null && !sc.isNull()) {
            String kind = f.text(sc, "kind");
            if (!kind.equals("standardize") && !kind.equals("minmax")) {
                throw new IOException(jsonFile + ": scaling.kind is '" + kind + "', not standardize or minmax");
            }
            float[] off = f.floats(sc, "offset", spec.inputSize());
            float[] scale = f.floats(sc, "scale", spec.inputSize());
            scaler = new FeatureScaler(kind, off, scale);
        }
        Map<String, String> config = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = f.object(root, "config").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IOException(jsonFile + ": config." + e.getKey() + " is not text");
            }
            config.put(e.getKey(), e.getValue().asText());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> training = root.has("training")
                ? JSON_MAPPER.convertValue(root.get("training"), LinkedHashMap.class) : Map.of();
        try {
            return new Model(spec, params, labels, encoding, scaler, config, training);
        } catch (IllegalArgumentException e) {
            throw new IOException(jsonFile + ": " + e.getMessage());
        }
    }

    /** Reads and validates an architecture written by {@link #network}. */
    public static NetworkSpec readNetwork(Fields f, JsonNode net) throws IOException {
        int input = f.integer(net, "input_size");
        List<LayerSpec> layers = new ArrayList<>();
        JsonNode arr = f.array(net, "layers");
        NetworkSpec spec;
        try {
            for (JsonNode l : arr) {
                layers.add(new LayerSpec(f.integer(l, "units"), Activation.parse(f.text(l, "activation")),
                        (float) l.path("dropout").asDouble(0), l.path("trainable").asBoolean(true)));
            }
            spec = new NetworkSpec(input, layers, Loss.parse(f.text(net, "loss")));
        } catch (IllegalArgumentException e) {
            throw new IOException(f.file + ": network: " + e.getMessage());
        }
        for (int l = 0; l < spec.layerCount(); l++) {
            JsonNode layer = arr.get(l);
            if (layer.has("weight_offset") && (f.integer(layer, "weight_offset") != spec.weightOffset(l)
                    || f.integer(layer, "bias_offset") != spec.biasOffset(l))) {
                throw new IOException(f.file + ": network layer " + l + ": weight_offset/bias_offset "
                        + layer.get("weight_offset") + "/" + layer.get("bias_offset") + " do not match the layout "
                        + spec.weightOffset(l) + "/" + spec.biasOffset(l));
            }
        }
        if (net.has("parameter_count") && f.integer(net, "parameter_count") != spec.parameterCount()) {
            throw new IOException(f.file + ": network.parameter_count " + net.get("parameter_count")
                    + " does not match the layers' " + spec.parameterCount());
        }
        return spec;
    }

    /** Required-field access that names the file and field in its errors. */
    public static final class Fields {
        final Path file;

        public Fields(Path file, JsonNode root) throws IOException {
            this.file = file;
            if (root == null || !root.isObject()) {
                throw new IOException(file + ": not a JSON object");
            }
        }

        public JsonNode object(JsonNode n, String field) throws IOException {
            JsonNode v = n.get(field);
            if (v == null || !v.isObject()) {
                throw new IOException(file + ": missing object '" + field + "'");
            }
            return v;
        }

        public JsonNode array(JsonNode n, String field) throws IOException {
            JsonNode v = n.get(field);
            if (v == null || !v.isArray()) {
                throw new IOException(file + ": missing array '" + field + "'");
            }
            return v;
        }

        public String text(JsonNode n, String field) throws IOException {
            JsonNode v = n.get(field);
            if (v == null || !v.isTextual()) {
                throw new IOException(file + ": missing text field '" + field + "'");
            }
            return v.asText();
        }

        /** Throws unless text field {@code field} is {@code expected}. */
        public void expect(JsonNode n, String field, String expected) throws IOException {
            String v = text(n, field);
            if (!v.equals(expected)) {
                throw new IOException(file + ": '" + field + "' is '" + v + "', expected '" + expected + "'");
            }
        }

        public int integer(JsonNode n, String field) throws IOException {
            JsonNode v = n.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new IOException(file + ": field '" + field + "' must be an integer, got " + v);
            }
            if (v.asLong() < 0 || v.asLong() > MAX_PARAMETERS) {
                throw new IOException(file + ": field '" + field + "' = " + v + " is out of range");
            }
            return v.asInt();
        }

        public long longValue(JsonNode n, String field) throws IOException {
            JsonNode v = n.get(field);
            if (v == null || !v.isIntegralNumber()) {
                throw new IOException(file + ": field '" + field + "' must be an integer, got " + v);
            }
            return v.asLong();
        }

        public float[] floats(JsonNode n, String field, int expected) throws IOException {
            JsonNode arr = array(n, field);
            if (arr.size() != expected) {
                throw new IOException(file + ": '" + field + "' has " + arr.size() + " values, expected " + expected);
            }
            float[] out = new float[expected];
            for (int i = 0; i < expected; i++) {
                out[i] = (float) arr.get(i).asDouble();
                if (!arr.get(i).isNumber() || !Float.isFinite(out[i])) {
                    throw new IOException(file + ": '" + field + "'[" + i + "] is not a finite number");
                }
            }
            return out;
        }
    }
}
