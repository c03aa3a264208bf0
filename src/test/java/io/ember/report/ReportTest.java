package io.ember.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.cli.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run report: what it contains, that it needs no network, and how a real browser lays it out
 * (headless Chromium): no text box overlapping another or leaving its chart, the charts sharing the
 * page's width. Screenshots land in target/report-*.png for a human look.
 */
class ReportTest {
    @TempDir
    static Path dir;
    private static String html;
    private static String regressionHtml;

    @BeforeAll
    static void trainAClassifierAndARegression() throws IOException {
        // seed and shuffle are given at their default values: the report must still show them as set
        int exit = CliRunner.exit("train", "--data", "data/mnist-train-images-idx3-ubyte.gz", "--test",
                "data/mnist-t10k-images-idx3-ubyte.gz", "--layers", "32:relu", "--epochs", "3", "--batch-size", "500",
                "--validation-fraction", "0.1", "--seed", "1", "--shuffle", "true", "--master", "local[2]",
                "--output", dir.resolve("run").toString());
        assertEquals(0, exit);
        html = Files.readString(dir.resolve("run/report.html"));
        exit = CliRunner.exit("train", "--config", "conf/regression.conf", "--epochs", "25", "--patience", "0",
                "--master", "local[2]", "--output", dir.resolve("regression").toString());
        assertEquals(0, exit);
        regressionHtml = Files.readString(dir.resolve("regression/report.html"));
    }

    @Test
    void hasTheChartsTablesAndConfiguration() {
        assertEquals(List.of("Loss per epoch", "Validation accuracy and F1 per epoch", "Learning rate over steps",
                "Step time", "Training loss over steps"), titles(html));
        Matcher points = Pattern.compile("<polyline class=\"series\"[^>]* points=\"([^\"]*)\"").matcher(html);
        int series = 0;
        while (points.find()) {
            assertFalse(points.group(1).isBlank(), "every series has points");
            series++;
        }
        assertEquals(8, series, "training+validation loss, accuracy+F1, lr, step+compute time, batch loss");
        assertTrue(html.contains("Confusion matrix (test: rows actual, columns predicted)"));
        assertEquals(10 * 10, count(html, "<td style=\"background:"), "a 10 x 10 heat map");
        assertTrue(html.contains("classes 0 1 2 3 4 5 6 7 8 9"));
    }

    @Test
    void showsTheKeysGivenAsSetEvenAtTheirDefaultValue() {
        assertTrue(html.contains("Configuration (bold: set for this run)"));
        for (String key : List.of("layers", "epochs", "seed", "shuffle", "validation-fraction", "master")) {
            assertTrue(Pattern.compile("<td class=\"k\">" + key + "</td><td class=\"k set\">").matcher(html).find(),
                    key + " is shown as set");
        }
        for (String key : List.of("beta1", "optimizer", "lr")) {
            assertTrue(Pattern.compile("<td class=\"k\">" + key + "</td><td class=\"k\">").matcher(html).find(),
                    key + " (not given) is not shown as set");
        }
    }

    /** A run folder written before config.conf recorded the given keys: bold then means "not the default". */
    @Test
    void saysWhatBoldMeansForAnOlderRunFolder() throws IOException {
        Path old = dir.resolve("older-run");
        Files.createDirectories(old);
        Files.copy(dir.resolve("run/metrics.jsonl"), old.resolve("metrics.jsonl"));
        List<String> conf = Files.readAllLines(dir.resolve("run/config.conf"));
        assertTrue(conf.get(1).startsWith("# set for this run: "), conf.get(1));
        Files.write(old.resolve("config.conf"), conf.stream().filter(l -> !l.startsWith("# set for this run")).toList());
        assertEquals(0, CliRunner.exit("report", old.toString()));
        String report = Files.readString(old.resolve("report.html"));
        assertTrue(report.contains("Configuration (bold: not the default)"));
        assertTrue(report.contains("<td class=\"k\">layers</td><td class=\"k set\">"), "layers differs from the default");
        assertTrue(report.contains("<td class=\"k\">seed</td><td class=\"k\">"), "seed is at its default");
    }

    @Test
    void plotsLossesOnLogAxesAndMarksTheBestEpoch() {
        for (String report : List.of(html, regressionHtml)) {
            assertTrue(report.contains(">loss (log scale)</text>"), "per-epoch loss on a log axis");
            assertTrue(report.contains(">batch loss (log scale)</text>"), "batch loss on a log axis");
        }
        // the best epoch: the last one metrics.jsonl marks as best so far, drawn on every per-epoch chart
        assertEquals(2, count(html, "<line class=\"mark\""), "loss and accuracy/F1 charts");
        assertEquals(3, count(regressionHtml, "<line class=\"mark\""), "loss, RMSE/MAE and R² charts");
        assertTrue(regressionHtml.contains("(validation rmse)</text>"), "named after the early-stopping metric");
    }

    @Test
    void givesEachUnitItsOwnAxis() {
        assertEquals(List.of("Loss per epoch", "Validation RMSE and MAE per epoch", "Validation R\u00b2 per epoch",
                "Learning rate over steps", "Step time", "Training loss over steps"), titles(regressionHtml));
    }

    @Test
    void needsNoNetworkAndNoScript() {
        for (String report : List.of(html, regressionHtml)) {
            assertFalse(Pattern.compile("(src|href)\\s*=").matcher(report).find(), "no linked resources");
            assertFalse(report.contains("<script"), "no script");
            assertEquals(count(report, "http"), count(report, "xmlns=\"http://www.w3.org/2000/svg\""),
                    "only SVG namespaces");
        }
    }

    @Test
    void regeneratesFromTheRunFolder() throws IOException {
        Path report = dir.resolve("run/report.html");
        Files.delete(report);
        assertEquals(0, CliRunner.exit("report", dir.resolve("run").toString()));
        assertEquals(html.replaceAll("[0-9.]+ s", ""), Files.readString(report).replaceAll("[0-9.]+ s", ""));
        assertEquals(2, CliRunner.exit("report", dir.resolve("nothing-here").toString()));
    }

    /** Chromium lays both reports out at two window widths: every chart drawn, no text overlapping, width used. */
    @Test
    void laysOutInHeadlessChromium() throws IOException, InterruptedException {
        String chromium = Chromium.ensureInstalled();
        for (String run : List.of("run", "regression")) {
            for (int width : new int[] {1400, 800}) {
                JsonNode layout = layout(chromium, dir.resolve(run + "/report.html"), width);
                String where = run + " report at " + width + " px: " + layout;
                int charts = run.equals("run") ? 5 : 6;
                assertEquals(charts, layout.get("charts").size(), where);
                for (JsonNode c : layout.get("charts")) {
                    assertTrue(c.get("width").asDouble() > 0 && c.get("height").asDouble() > 0, where);
                    assertTrue(c.get("series").asInt() > 0 && c.get("points").asInt() > 0, "lines drawn: " + where);
                }
                assertEquals(0, layout.get("overlaps").size(), "overlapping text: " + layout.get("overlaps"));
                assertEquals(0, layout.get("outside").size(), "text outside its chart: " + layout.get("outside"));
                double body = layout.get("bodyWidth").asDouble();
                double container = layout.get("containerWidth").asDouble();
                assertTrue(container >= 0.98 * body, "the charts get the page's width: " + where);
                // charts in rows (by their top edge): every full row spans the container; none is narrow
                TreeMap<Long, List<JsonNode>> rows = new TreeMap<>();
                for (JsonNode c : layout.get("charts")) {
                    rows.computeIfAbsent(Math.round(c.get("top").asDouble()), k -> new ArrayList<>()).add(c);
                }
                int columns = rows.firstEntry().getValue().size();
                assertEquals(width >= 1200 ? 2 : 1, columns, "charts side by side: " + where);
                for (List<JsonNode> row : rows.values()) {
                    for (JsonNode c : row) {
                        assertTrue(c.get("width").asDouble() >= 0.95 * (container - 16 * (columns - 1)) / columns,
                                "chart " + c.get("title") + " uses its column: " + where);
                    }
                }
            }
            screenshot(chromium, dir.resolve(run + "/report.html"), Path.of("target/report-" + run + ".png"));
        }
    }

    /**
     * What Chromium lays out, measured by a script added to a copy of the report (the report itself
     * has none): per chart its box, series and points; text boxes that overlap within a chart or
     * leave it; the body's and the chart container's widths.
     */
    private static JsonNode layout(String chromium, Path report, int width) throws IOException, InterruptedException {
        String probe = "<script>document.addEventListener('DOMContentLoaded',function(){"
                + "var out={charts:[],overlaps:[],outside:[],bodyWidth:document.body.clientWidth};"
                + "var box=document.querySelector('.charts');out.containerWidth=box?box.getBoundingClientRect().width:0;"
                + "document.querySelectorAll('svg.chart').forEach(function(svg){"
                + " var r=svg.getBoundingClientRect(),title=svg.getAttribute('aria-label'),points=0;"
                + " var lines=svg.querySelectorAll('polyline.series');lines.forEach(function(l){points+=l.points.length;});"
                + " out.charts.push({title:title,top:r.top,left:r.left,width:r.width,height:r.height,"
                + "  series:lines.length,points:points});"
                + " var t=Array.from(svg.querySelectorAll('text')).map(function(e){"
                + "  return {text:e.textContent,b:e.getBoundingClientRect()};});"
                + " t.forEach(function(a,i){"
                + "  if(a.b.left<r.left-0.5||a.b.right>r.right+0.5||a.b.top<r.top-0.5||a.b.bottom>r.bottom+0.5)"
                + "   out.outside.push(title+': '+a.text);"
                + "  for(var j=i+1;j<t.length;j++){var b=t[j].b;"
                + "   var ox=Math.min(a.b.right,b.right)-Math.max(a.b.left,b.left);"
                + "   var oy=Math.min(a.b.bottom,b.bottom)-Math.max(a.b.top,b.top);"
                + "   if(ox>0.5&&oy>0.5)out.overlaps.push(title+': \\''+a.text+'\\' and \\''+t[j].text+'\\'');}});});"
                + "var pre=document.createElement('pre');pre.id='layout';pre.textContent=JSON.stringify(out);"
                + "document.body.appendChild(pre);});</script>";
        Path probed = report.resolveSibling("report-probed-" + width + ".html");
        Files.writeString(probed, Files.readString(report).replace("</body>", probe + "</body>"));
        List<String> command = new ArrayList<>(flags(chromium, width, 2400));
        command.addAll(List.of("--dump-dom", probed.toUri().toString()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        Matcher m = Pattern.compile("<pre id=\"layout\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "the layout probe ran; the DOM was:\n" + dom.substring(0, Math.min(400, dom.length())));
        String json = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }

    private static void screenshot(String chromium, Path report, Path png) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(flags(chromium, 1400, 1500));
        command.addAll(List.of("--screenshot=" + png.toAbsolutePath(), report.toUri().toString()));
        Process s = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(s.waitFor(120, TimeUnit.SECONDS));
        assertTrue(Files.size(png) > 50_000, "a screenshot with content");
    }

    private static List<String> flags(String chromium, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        return List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=" + width + ","
                        + height);
    }

    private static List<String> titles(String report) {
        Matcher m = Pattern.compile("<svg class=\"chart\"[^>]* aria-label=\"([^\"]*)\"").matcher(report);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
