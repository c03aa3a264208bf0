package io.ember.onnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exported case passes the ONNX project's own checker (Debian's python3-onnx 1.12, installed
 * with apt-get when missing, as the report test does with chromium): {@code check_model} with
 * {@code full_check}, and strict shape inference giving the declared output shapes.
 */
class OnnxCheckerTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CHECK = String.join("\n",
            "import sys, onnx",
            "from onnx import checker, shape_inference",
            "for f in sys.argv[1:]:",
            "    m = onnx.load(f)",
            "    checker.check_model(m, full_check=True)",
            "    g = shape_inference.infer_shapes(m, strict_mode=True).graph",
            "    dims = lambda v: ','.join(d.dim_param or str(d.dim_value) for d in v.type.tensor_type.shape.dim)",
            "    types = onnx.TensorProto.DataType.Name",
            "    print(' '.join(o.name + ':' + types(o.type.tensor_type.elem_type) + '[' + dims(o) + ']'",
            "                   for o in g.output))");

    @TempDir
    Path dir;

    @Test
    void everyExportPassesTheOnnxChecker() throws Exception {
        ensureInstalled();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", CHECK));
        List<String> expected = new ArrayList<>();
        int i = 0;
        for (OnnxExportTest.Case c : OnnxExportTest.cases()) {
            Path f = dir.resolve("case" + i++ + ".onnx");
            Files.write(f, OnnxExportTest.bytes(c.export(c.model())));
            command.add(f.toString());
            expected.add(c.labels() == null ? "prediction:FLOAT[N," + c.units() + "]"
                    : "probabilities:FLOAT[N," + c.labels().length + "] label:DOUBLE[N]");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertEquals(expected, out.strip().lines().toList());
    }

    private static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (run(false, PYTHON, "-c", "import onnx")) {
            return;
        }
        run(true, "apt-get", "update", "-qq");
        run(true, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-onnx");
        if (!run(false, PYTHON, "-c", "import onnx")) {
            throw new IllegalStateException("could not install Debian's python3-onnx package");
        }
    }

    private static boolean run(boolean mustSucceed, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            if (mustSucceed) {
                throw e;
            }
            return false;
        }
        boolean ok = p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
        if (!ok && mustSucceed) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return ok;
    }
}
