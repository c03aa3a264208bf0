package io.ember.onnx;

import io.ember.EmberModel;
import io.ember.TestJavac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java lines for running an export, compiled and run as they are: only the file name
 * is the test's, and two lines after them hand their two variables back.
 */
class ReadmeJavaTest {
    private static final String FILE = "runs/default/model.onnx";

    @TempDir
    Path dir;

    @Test
    void theReadmesJavaLinesPredictWhatTheModelDoes() throws Exception {
        List<String> lines = snippet();
        assertTrue(lines.get(0).contains("// import ai.onnxruntime.*;"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).equals("}"), lines.toString());

        OnnxExportTest.Case c = new OnnxExportTest.Case("readme", 784, "16:relu", "softmax", 10,
                new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, "standardize", null);
        EmberModel m = c.model();
        Path file = dir.resolve("model.onnx");
        m.exportOnnx(file.toString());

        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\"" + FILE + "\"", "\"" + file.toString().replace("\\", "\\\\") + "\"");
            if (i == lines.size() - 1) {
                body.append("    out.put(\"label\", label);\n    out.put(\"probabilities\", probabilities);\n");
            }
            body.append("        ").append(line).append('\n');
        }
        String source = "import ai.onnxruntime.*;\n\npublic class ReadmeJava {\n"
                + "    public static void run(float[] features, java.util.Map<String, Object> out) throws Exception {\n"
                + body + "    }\n}\n";
        float[] features = c.features(1, 5);
        Map<String, Object> out = new HashMap<>();
        try (URLClassLoader loader = TestJavac.compile(dir, "ReadmeJava", source)) {
            loader.loadClass("ReadmeJava").getMethod("run", float[].class, Map.class).invoke(null, features, out);
        }
        assertEquals(m.predictLabel(features), (double) out.get("label"));
        float[] want = m.predict(features);
        float[] got = (float[]) out.get("probabilities");
        assertEquals(10, got.length);
        for (int k = 0; k < 10; k++) {
            assertEquals(want[k], got[k], 1e-5 * want[k] + 1e-6, "class " + k);
        }
    }

    /** The lines of the first java block after the README's ONNX export heading. */
    static List<String> snippet() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## ONNX export\n");
        assertTrue(section > 0, "README has an ONNX export section");
        int open = readme.indexOf("```java\n", section);
        int close = readme.indexOf("```", open + 8);
        assertTrue(open > 0 && readme.indexOf("\n## ", section + 1) > close, "its java block is in the section");
        return readme.substring(open + 8, close).stripTrailing().lines().toList();
    }
}
