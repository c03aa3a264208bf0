package io.ember.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A run's folder: {@code config.conf} (the resolved configuration, usable as --config),
 * {@code metrics.jsonl}, {@code evaluation.json}, {@code model/}, {@code checkpoints/} and
 * {@code report.html}. Files are written whole (temporary name, then rename).
 */
public final class RunFolder {
    public static final String CONFIG = "config.conf";
    public static final String METRICS = "metrics.jsonl";
    public static final String EVALUATION = "evaluation.json";
    public static final String MODEL = "model";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String REPORT = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final FileSystem fs;

    public RunFolder(String dir) throws IOException {
        this.dir = new Path(dir);
        this.fs = FileIO.fileSystem(this.dir, new Configuration());
        fs.mkdirs(this.dir);
    }

    public String path(String name) {
        return new Path(dir, name).toString();
    }

    public FileSystem fs() {
        return fs;
    }

    /** Writes {@code key = value} lines, one per configuration key. */
    public void writeConfig(Map<String, String> resolved, String header) throws IOException {
        StringBuilder sb = new StringBuilder("# ").append(header).append('\n');
        resolved.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        writeWhole(CONFIG, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public void writeJson(String name, Object value) throws IOException {
        writeWhole(name, JSON.writeValueAsBytes(value));
    }

    /** Writes a file under a temporary name and renames it into place. */
    public void writeWhole(String name, byte[] data) throws IOException {
        Path target = new Path(dir, name);
        Path tmp = new Path(dir, "." + name + ".tmp-" + UUID.randomUUID());
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(data);
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }
}
