package io.ember.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a run trained on, cheap to recompute: every input file's path, size and a hash of its first
 * and last 64 KB (so a copied or touched file still matches), and the data's row counts, feature
 * count and class labels. Checkpoints keep it; {@code --resume} compares it with the data given now.
 *
 * @param files          the input files, in listing order
 * @param trainRows      training examples
 * @param validationRows validation examples
 * @param features       input width
 * @param labels         class labels, or null for regression
 */
public record DataFingerprint(List<FileEntry> files, long trainRows, long validationRows, int features,
                              List<Double> labels) {
    private static final int SAMPLE = 64 * 1024;

    /**
     * One input file.
     *
     * @param path   its qualified path
     * @param bytes  its length
     * @param sample SHA-256 of its length, first and last 64 KB
     */
    public record FileEntry(String path, long bytes, String sample) {
    }

    /**
     * The files named by input options (files, directories, globs, {@code IMAGES,LABELS} pairs);
     * empty specs are skipped.
     *
     * @param specs the input options' values
     * @param conf  Hadoop configuration
     * @return the files with their size and sample hash
     * @throws IOException when a file cannot be read
     */
    public static List<FileEntry> files(List<String> specs, Configuration conf) throws IOException {
        List<FileEntry> out = new ArrayList<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Path p = new Path(part.trim());
                FileSystem fs = p.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(p);
                if (matches == null) {
                    continue;
                }
                for (FileStatus m : matches) {
                    for (FileStatus f : m.isDirectory() ? fs.listStatus(m.getPath()) : new FileStatus[] {m}) {
                        String name = f.getPath().getName();
                        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                            out.add(new FileEntry(f.getPath().toString(), f.getLen(), sample(fs, f)));
                        }
                    }
                }
            }
        }
        out.sort((a, b) -> a.path.compareTo(b.path));
        return out;
    }

    private static String sample(FileSystem fs, FileStatus f) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(Long.toString(f.getLen()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] buf = new byte[(int) Math.min(SAMPLE, f.getLen())];
        try (FSDataInputStream in = fs.open(f.getPath())) {
            in.readFully(0, buf);
            sha.update(buf);
            if (f.getLen() > SAMPLE) {
                in.readFully(f.getLen() - buf.length, buf);
                sha.update(buf);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * How the files given now differ from the recorded ones, one phrase per difference.
     *
     * @param now the current files
     * @return the differences (empty when the same)
     */
    public List<String> fileDifferences(List<FileEntry> now) {
        Map<String, FileEntry> before = new LinkedHashMap<>();
        files.forEach(f -> before.put(f.path, f));
        List<String> out = new ArrayList<>();
        for (FileEntry f : now) {
            FileEntry b = before.remove(f.path);
            if (b == null) {
                out.add("new file " + f.path);
            } else if (b.bytes != f.bytes) {
                out.add(String.format(Locale.ROOT, "%s has %,d bytes, was %,d", f.path, f.bytes, b.bytes));
            } else if (!b.sample.equals(f.sample)) {
                out.add(f.path + " has other content");
            }
        }
        before.keySet().forEach(p -> out.add("file " + p + " is gone"));
        return out;
    }

    /**
     * How the prepared data differs from the recorded data (rows, features, labels).
     *
     * @param now the data as read now
     * @return the differences (empty when the same)
     */
    public List<String> dataDifferences(DataFingerprint now) {
        List<String> out = new ArrayList<>();
        if (now.trainRows != trainRows) {
            out.add(String.format(Locale.ROOT, "%,d training examples, was %,d", now.trainRows, trainRows));
        }
        if (now.validationRows != validationRows) {
            out.add(String.format(Locale.ROOT, "%,d validation examples, was %,d", now.validationRows, validationRows));
        }
        if (now.features != features) {
            out.add(now.features + " features, was " + features);
        }
        if (!Objects.equals(now.labels, labels)) {
            out.add("labels " + now.labels + ", were " + labels);
        }
        return out;
    }

    /** This fingerprint with the files given. */
    public DataFingerprint withFiles(List<FileEntry> f) {
        return new DataFingerprint(f, trainRows, validationRows, features, labels);
    }

    ObjectNode toJson() {
        ObjectNode n = ModelFormat.JSON_MAPPER.createObjectNode();
        ArrayNode fs = n.putArray("files");
        for (FileEntry f : files) {
            ObjectNode e = fs.addObject();
            e.put("path", f.path);
            e.put("bytes", f.bytes);
            e.put("sample_sha256", f.sample);
        }
        n.put("train_rows", trainRows);
        n.put("validation_rows", validationRows);
        n.put("features", features);
        if (labels != null) {
            ArrayNode l = n.putArray("labels");
            labels.forEach(l::add);
        }
        return n;
    }

    static DataFingerprint fromJson(ModelFormat.Fields f, JsonNode n) throws IOException {
        List<FileEntry> files = new ArrayList<>();
        for (JsonNode e : f.array(n, "files")) {
            files.add(new FileEntry(f.text(e, "path"), f.longValue(e, "bytes"), f.text(e, "sample_sha256")));
        }
        List<Double> labels = null;
        if (n.has("labels")) {
            labels = new ArrayList<>();
            for (JsonNode l : f.array(n, "labels")) {
                labels.add(l.asDouble());
            }
        }
        return new DataFingerprint(files, f.longValue(n, "train_rows"), f.longValue(n, "validation_rows"),
                f.integer(n, "features"), labels);
    }
}
