package io.ember.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run's folder: {@code config.conf} (the resolved configuration, usable as --config),
 * {@code metrics.jsonl}, {@code evaluation.json}, {@code model/}, {@code checkpoints/} and
 * {@code report.html}. Files are written whole (temporary name, then rename).
 *
 * <p>{@code config.conf} holds every key's resolved value, so a comment line records which keys
 * the user gave (config file or command line), whatever their value: the report shows those as set.
 */
public final class RunFolder {
    public static final String CONFIG = "config.conf";
    public static final String METRICS = "metrics.jsonl";
    public static final String EVALUATION = "evaluation.json";
    public static final String MODEL = "model";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String REPORT = "report.html";
    private static final String GIVEN_KEYS = "# set for this run: ";

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

    /**
     * Writes {@code key = value} lines, one per configuration key, after a comment line naming the
     * keys in {@code given}.
     */
    public void writeConfig(Map<String, String> resolved, Collection<String> given, String header)
            throws IOException {
        StringBuilder sb = new StringBuilder("# ").append(header).append('\n').append(GIVEN_KEYS);
        sb.append(String.join(", ", resolved.keySet().stream().filter(given::contains).toList())).append('\n');
        resolved.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        writeWhole(CONFIG, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keys {@code config.conf} records as given for the run, or null when it has no such line
     * (a folder written before Ember recorded them) or no {@code config.conf}.
     */
    public Set<String> readGivenKeys() throws IOException {
        Path conf = new Path(dir, CONFIG);
        if (!fs.exists(conf)) {
            return null;
        }
        return givenKeys(new String(FileIO.readSmallFile(fs, conf, 1L << 24), StandardCharsets.UTF_8));
    }

    /** The keys named by the given-keys line of a {@code config.conf} text, or null if it has none. */
    public static Set<String> givenKeys(String configText) {
        for (String line : configText.split("\n")) {
            if (line.startsWith(GIVEN_KEYS)) {
                Set<String> keys = new LinkedHashSet<>();
                for (String k : line.substring(GIVEN_KEYS.length()).split(",")) {
                    if (!k.isBlank()) {
                        keys.add(k.trim());
                    }
                }
                return keys;
            }
        }
        return null;
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
