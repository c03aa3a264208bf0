package io.ember.report;

import io.ember.cli.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run report: what it contains, that it needs no network, and that a real browser lays its charts out. */
class ReportTest {
    @TempDir
    static Path dir;
    private static String html;

    @BeforeAll
    static void trainAClassifier() throws IOException {
        int exit = CliRunner.exit("train", "--data", "data/mnist-train-images-idx3-ubyte.gz", "--test",
                "data/mnist-t10k-images-idx3-ubyte.gz", "--layers", "32:relu", "--epochs", "3", "--batch-size", "500",
                "--validation-fraction", "0.1", "--master", "local[2]", "--output", dir.resolve("run").toString());
        assertEquals(0, exit);
        html = Files.readString(dir.resolve("run/report.html"));
    }

    @Test
    void hasTheChartsTablesAndConfiguration() {
        assertEquals(5, count(html, "<svg class=\"chart\""), "loss, validation metrics, learning rate, step time, batch loss");
        for (String title : List.of("Loss per epoch", "Validation metrics per epoch", "Learning rate over steps",
                "Step time", "Training loss over steps")) {
            assertTrue(html.contains(">" + title + "</text>"), title);
        }
        Matcher points = Pattern.compile("<polyline class=\"series\"[^>]* points=\"([^\"]*)\"").matcher(html);
        int series = 0;
        while (points.find()) {
            assertFalse(points.group(1).isBlank(), "every series has points");
            series++;
        }
        assertEquals(8, series, "training+validation loss, accuracy+F1, lr, step+compute time, batch loss");
        assertTrue(html.contains("Confusion matrix (test: rows actual, columns predicted)"));
        assertEquals(10 * 10, count(html, "<td style=\"background:"), "a 10 x 10 heat map");
        assertTrue(html.contains("<td class=\"k\">layers</td><td class=\"k set\">32:relu</td>"));
        assertTrue(html.contains("classes 0 1 2 3 4 5 6 7 8 9"));
    }

    @Test
    void needsNoNetwork() {
        assertFalse(Pattern.compile("(src|href)\\s*=").matcher(html).find(), "no linked resources");
        assertEquals(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""), "only SVG namespaces");
    }

    @Test
    void regeneratesFromTheRunFolder() throws IOException {
        Path report = dir.resolve("run/report.html");
        Files.delete(report);
        assertEquals(0, CliRunner.exit("report", dir.resolve("run").toString()));
        assertEquals(html.replaceAll("[0-9.]+ s", ""), Files.readString(report).replaceAll("[0-9.]+ s", ""));
        assertEquals(2, CliRunner.exit("report", dir.resolve("nothing-here").toString()));
    }

    /** Debian's Chromium, headless, lays the report out; the page's own script counts the charts it drew. */
    @Test
    void rendersInHeadlessChromium() throws IOException, InterruptedException {
        String chromium = Chromium.ensureInstalled();
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> flags = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,2400");
        List<String> dump = new java.util.ArrayList<>(flags);
        dump.addAll(List.of("--dump-dom", dir.resolve("run/report.html").toUri().toString()));
        Process p = new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertTrue(dom.contains("data-rendered-charts=\"5\""), "all 5 charts laid out with their lines; the DOM was:\n"
                + dom.substring(0, Math.min(400, dom.length())));
        List<String> shot = new java.util.ArrayList<>(flags);
        shot.addAll(List.of("--screenshot=" + Path.of("target/report-screenshot.png").toAbsolutePath(),
                dir.resolve("run/report.html").toUri().toString()));
        Process s = new ProcessBuilder(shot).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(s.waitFor(120, TimeUnit.SECONDS));
        assertTrue(Files.size(Path.of("target/report-screenshot.png")) > 50_000, "a screenshot with content");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
