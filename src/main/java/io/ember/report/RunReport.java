package io.ember.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.io.FileIO;
import io.ember.io.RunFolder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: a self-contained page for a run folder (no network access needed): loss
 * and metrics per epoch, learning rate and step time over steps, the confusion matrix as a heat
 * map, per-class figures, the configuration and the timings. Rebuilt from the folder's files
 * alone, so {@code ember report RUN_DIR} can regenerate it at any time.
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_FILE = 1L << 30;

    private final RunFolder run;
    private final String name;
    private final List<JsonNode> steps = new ArrayList<>();
    private final List<JsonNode> epochs = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private JsonNode model;
    private JsonNode evaluation;

    private final Map<String, String> defaults;

    private RunReport(String dir, Map<String, String> defaults) throws IOException {
        this.defaults = defaults;
        this.run = RunFolder.existing(dir);
        this.name = dir;
        FileSystem fs = run.fs();
        Path metrics = new Path(run.path(RunFolder.METRICS));
        if (!fs.exists(metrics)) {
            throw new IOException(dir + " is not an Ember run folder: " + metrics + " is missing");
        }
        for (String line : read(fs, metrics).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if ("step".equals(n.path("type").asText())) {
                steps.add(n);
            } else if ("epoch".equals(n.path("type").asText())) {
                epochs.add(n);
            }
        }
        Path conf = new Path(run.path(RunFolder.CONFIG));
        if (fs.exists(conf)) {
            for (String line : read(fs, conf).split("\n")) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    config.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        Path modelJson = new Path(run.path(RunFolder.MODEL + "/model.json"));
        model = fs.exists(modelJson) ? JSON.readTree(read(fs, modelJson)) : null;
        Path eval = new Path(run.path(RunFolder.EVALUATION));
        evaluation = fs.exists(eval) ? JSON.readTree(read(fs, eval)) : null;
    }

    /**
     * Writes {@code report.html} into the run folder and returns its path; {@code defaults} (key to
     * default value) tell which settings the run changed.
     */
    public static String write(String runDir, Map<String, String> defaults) throws IOException {
        RunReport r = new RunReport(runDir, defaults);
        r.run.writeWhole(RunFolder.REPORT, r.html().getBytes(StandardCharsets.UTF_8));
        return r.run.path(RunFolder.REPORT);
    }

    private static String read(FileSystem fs, Path p) throws IOException {
        return new String(FileIO.readSmallFile(fs, p, MAX_FILE), StandardCharsets.UTF_8);
    }

    String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Ember run ").append(SvgChart.escape(name)).append("</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1360px}")
                .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:16px}.charts svg{border:1px solid #ddd;background:#fff}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td.k{text-align:left;font-family:monospace}")
                .append("td.set{font-weight:bold}.heat td{min-width:34px;text-align:center}")
                .append(".summary td{text-align:left}</style></head><body>\n");
        b.append("<h1>Ember run <code>").append(SvgChart.escape(name)).append("</code></h1>\n");
        summary(b);
        b.append("<h2>Training</h2><div class=\"charts\">");
        for (SvgChart c : charts()) {
            if (!c.isEmpty()) {
                b.append(c.render());
            }
        }
        b.append("</div>\n");
        confusion(b);
        configuration(b);
        // Counts the charts the browser actually laid out: the report's own rendering check.
        b.append("<script>document.addEventListener('DOMContentLoaded',function(){var n=0;")
                .append("document.querySelectorAll('svg.chart').forEach(function(s){var r=s.getBoundingClientRect();")
                .append("var p=s.querySelector('polyline.series');if(r.width>0&&r.height>0&&p&&p.points.length>0)n++;});")
                .append("document.body.setAttribute('data-rendered-charts',n);});</script>\n");
        return b.append("</body></html>\n").toString();
    }

    private void summary(StringBuilder b) {
        b.append("<table class=\"summary\">");
        if (model != null) {
            JsonNode t = model.path("training");
            row(b, "network", network(model.path("network")));
            List<String> classes = new ArrayList<>();
            model.path("labels").forEach(l -> classes.add(label(l)));
            row(b, "task", model.path("task").asText() + (classes.isEmpty() ? "" : ", classes " + String.join(" ", classes)));
            row(b, "stopped", t.path("stop_reason").asText());
            row(b, "steps / epochs", t.path("steps").asText() + " / " + t.path("epochs").asText());
            row(b, "examples", t.path("train_examples").asText() + " training, " + t.path("validation_examples").asText()
                    + " validation");
            row(b, "time", String.format(Locale.ROOT, "data %.1f s, training %.1f s", t.path("data_seconds").asDouble(),
                    t.path("train_seconds").asDouble()));
            row(b, "layout", t.path("partitions").asText() + " partition(s) x " + t.path("task_threads").asText()
                    + " threads, BLAS " + t.path("blas").asText());
        }
        if (evaluation != null) {
            row(b, "test", figures(evaluation));
        }
        if (!epochs.isEmpty() && epochs.get(epochs.size() - 1).has("validation")) {
            row(b, "last validation", figures(epochs.get(epochs.size() - 1).get("validation")));
        }
        b.append("</table>\n");
    }

    private static String network(JsonNode net) {
        StringBuilder sb = new StringBuilder().append(net.path("input_size").asText());
        for (JsonNode l : net.path("layers")) {
            sb.append(" &rarr; ").append(l.path("units").asText()).append(' ').append(l.path("activation").asText());
            if (l.path("dropout").asDouble() > 0) {
                sb.append(" (dropout ").append(l.path("dropout").asText()).append(')');
            }
        }
        return sb.append(", ").append(net.path("loss").asText()).append(", ")
                .append(String.format(Locale.ROOT, "%,d", net.path("parameter_count").asLong())).append(" parameters")
                .toString();
    }

    private static String figures(JsonNode e) {
        StringBuilder sb = new StringBuilder();
        for (String k : new String[] {"examples", "loss", "accuracy", "macro_f1", "rmse", "mae", "r2"}) {
            if (e.has(k)) {
                double v = e.get(k).asDouble();
                sb.append(sb.length() == 0 ? "" : ", ").append(k.replace('_', ' ')).append(' ')
                        .append(k.equals("accuracy") ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                                : k.equals("examples") ? String.format(Locale.ROOT, "%,d", (long) v)
                                : String.format(Locale.ROOT, "%.4f", v));
            }
        }
        return sb.toString();
    }

    private List<SvgChart> charts() {
        List<SvgChart> out = new ArrayList<>();
        double[] ep = column(epochs, "epoch");
        SvgChart loss = new SvgChart("Loss per epoch", "epoch", "loss").integerX()
                .series("training", ep, column(epochs, "train_loss"));
        boolean validated = !epochs.isEmpty() && epochs.get(0).has("validation");
        if (validated) {
            loss.series("validation", ep, nested(epochs, "validation", "loss"));
        }
        out.add(loss);
        if (validated) {
            SvgChart metrics = new SvgChart("Validation metrics per epoch", "epoch", "value").integerX();
            for (String k : new String[] {"accuracy", "macro_f1", "rmse", "mae", "r2"}) {
                if (epochs.get(0).get("validation").has(k)) {
                    metrics.series(k.replace('_', ' '), ep, nested(epochs, "validation", k));
                }
            }
            out.add(metrics);
        }
        double[] st = column(steps, "step");
        out.add(new SvgChart("Learning rate over steps", "step", "learning rate").logY().series("lr", st,
                column(steps, "lr")));
        out.add(new SvgChart("Step time", "step", "milliseconds").series("step", st, column(steps, "step_ms"))
                .series("compute", st, column(steps, "compute_ms")));
        out.add(new SvgChart("Training loss over steps", "step", "batch loss").series("loss", st, column(steps, "loss")));
        return out;
    }

    private void confusion(StringBuilder b) {
        JsonNode e = evaluation != null ? evaluation
                : !epochs.isEmpty() && epochs.get(epochs.size() - 1).has("validation")
                ? epochs.get(epochs.size() - 1).get("validation") : null;
        if (e == null || !e.has("confusion")) {
            return;
        }
        JsonNode m = e.get("confusion");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            labels.add(model != null && model.has("labels") ? label(model.get("labels").get(i)) : Integer.toString(i));
        }
        long max = 1;
        for (JsonNode row : m) {
            for (JsonNode v : row) {
                max = Math.max(max, v.asLong());
            }
        }
        b.append("<h2>Confusion matrix (").append(evaluation != null ? "test" : "last validation")
                .append(": rows actual, columns predicted)</h2>\n<table class=\"heat\"><tr><th></th>");
        labels.forEach(l -> b.append("<th>").append(SvgChart.escape(l)).append("</th>"));
        b.append("</tr>");
        for (int i = 0; i < m.size(); i++) {
            b.append("<tr><th>").append(SvgChart.escape(labels.get(i))).append("</th>");
            for (int j = 0; j < m.get(i).size(); j++) {
                long v = m.get(i).get(j).asLong();
                double shade = v == 0 ? 0 : 0.1 + 0.9 * Math.sqrt((double) v / max);
                String bg = i == j ? String.format(Locale.ROOT, "rgba(31,119,180,%.2f)", shade)
                        : String.format(Locale.ROOT, "rgba(214,39,40,%.2f)", shade);
                b.append("<td style=\"background:").append(bg).append(shade > 0.6 ? ";color:#fff" : "").append("\">")
                        .append(v).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>\n<h2>Per class</h2>\n<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th></tr>");
        JsonNode per = e.path("per_class");
        for (int i = 0; i < per.size(); i++) {
            JsonNode c = per.get(i);
            b.append(String.format(Locale.ROOT, "<tr><th>%s</th><td>%.4f</td><td>%.4f</td><td>%.4f</td></tr>",
                    SvgChart.escape(labels.get(i)), c.path("precision").asDouble(), c.path("recall").asDouble(),
                    c.path("f1").asDouble()));
        }
        b.append("</table>\n");
    }

    private void configuration(StringBuilder b) {
        if (config.isEmpty()) {
            return;
        }
        b.append("<h2>Configuration (bold: set for this run)</h2>\n<table><tr><th>key</th><th>value</th></tr>");
        for (Map.Entry<String, String> e : config.entrySet()) {
            String def = defaults.get(e.getKey());
            boolean set = def != null && !def.equals(e.getValue());
            b.append("<tr><td class=\"k\">").append(SvgChart.escape(e.getKey())).append("</td><td class=\"k")
                    .append(set ? " set" : "").append("\">").append(SvgChart.escape(e.getValue())).append("</td></tr>");
        }
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(key).append("</th><td>").append(value).append("</td></tr>");
    }

    private static String label(JsonNode v) {
        double d = v.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static double[] column(List<JsonNode> rows, String field) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).path(field).asDouble(Double.NaN);
        }
        return out;
    }

    private static double[] nested(List<JsonNode> rows, String outer, String field) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).path(outer).path(field).asDouble(Double.NaN);
        }
        return out;
    }
}
