package io.ember.cli;

import io.ember.Keys;
import io.ember.config.Setting;
import io.ember.io.ModelFormat;
import io.ember.model.Model;
import io.ember.nn.LayerSpec;
import io.ember.nn.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a model's architecture, parameter counts, training configuration and metrics.")
final class InspectCommand extends PrintingCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    String model;

    @Override
    public Integer call() throws Exception {
        Model m = ModelFormat.read(model);
        NetworkSpec spec = m.spec();
        out.printf(Locale.ROOT, "model %s: %s, %d inputs, loss %s, %,d parameters%n", model,
                m.isClassifier() ? "classifier with " + m.labels().classes() + " classes " + m.labels() : "regression",
                spec.inputSize(), spec.loss(), spec.parameterCount());
        out.printf(Locale.ROOT, "%-6s %-18s %-8s %-10s %-14s %12s%n", "layer", "activation", "dropout", "trainable",
                "weights", "parameters");
        for (int l = 0; l < spec.layerCount(); l++) {
            LayerSpec s = spec.layer(l);
            out.printf(Locale.ROOT, "%-6d %-18s %-8s %-10s %-14s %,12d%n", l, s.activation(), s.dropout(), s.trainable(),
                    s.units() + " x " + spec.fanIn(l), spec.layerParameterCount(l));
        }
        out.println("feature scaling: " + (m.scaler() == null ? "none" : m.scaler().kind()));
        out.println("training configuration (non-default values):");
        for (Map.Entry<String, String> e : m.config().entrySet()) {
            Setting<?> k = Keys.ALL.byKey(e.getKey());
            if (k != null && !k.defaultText().equals(e.getValue())) {
                out.printf(Locale.ROOT, "  %s = %s%n", e.getKey(), e.getValue());
            }
        }
        out.println("training:");
        for (Map.Entry<String, Object> e : m.facts().entrySet()) {
            out.printf(Locale.ROOT, "  %s: %s%n", e.getKey(), brief(e.getValue()));
        }
        return 0;
    }

    /** Metric maps without their bulky parts (confusion matrix, per-class lists). */
    private static String brief(Object v) {
        if (v instanceof Map) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (e.getValue() instanceof Number || e.getValue() instanceof String) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(number(e.getValue()));
                }
            }
            return sb.toString();
        }
        return number(v);
    }

    private static String number(Object v) {
        return v instanceof Double || v instanceof Float ? String.format(Locale.ROOT, "%.6g", ((Number) v).doubleValue())
                : String.valueOf(v);
    }
}
