package io.ember.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run's folder, owned by one run: {@code run.json} (the run's id), {@code config.conf} (the
 * resolved configuration, usable as --config), {@code metrics.jsonl}, {@code evaluation.json},
 * {@code model/}, {@code checkpoints/}, {@code report.html}. Files are written whole (temporary
 * name, then rename).
 *
 * <p>A training run claims its folder before it reads any data: a new or empty folder, its own
 * run's folder with {@code --resume}, or an earlier run's folder with {@code --overwrite}; anything
 * else is refused. While the run works, a lock file names its process, so two runs never share a
 * folder; leftovers of a killed run (temporary directories, a lock whose process is gone) are
 * cleaned up under that lock. A folder this run created but never started training in is removed
 * again on close, so a run that fails its checks leaves nothing behind.
 */
public final class RunFolder implements Closeable {
    public static final String RUN = "run.json";
    public static final String FORMAT = "ember-run";
    public static final String CONFIG = "config.conf";
    public static final String METRICS = "metrics.jsonl";
    public static final String EVALUATION = "evaluation.json";
    public static final String MODEL = "model";
    public static final String LAST_GOOD_MODEL = "last-good-model";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String REPORT = "report.html";
    static final String LOCK = ".ember.lock";
    /** Everything a run writes in its folder: nothing else in it is ever changed. */
    public static final Set<String> OWN_FILES = Set.of(RUN, CONFIG, METRICS, EVALUATION, MODEL, LAST_GOOD_MODEL,
            CHECKPOINTS, REPORT, LOCK);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How a training run may use an existing folder. */
    public enum Mode { FRESH, OVERWRITE, RESUME }

    private final Path dir;
    private final FileSystem fs;
    private boolean created;
    private boolean locked;
    private boolean started;

    private RunFolder(Path dir, FileSystem fs) {
        this.dir = dir;
        this.fs = fs;
    }

    /**
     * An existing run folder, for reading it or (re)writing its report; nothing is locked.
     *
     * @param dir the folder
     * @return the folder
     * @throws IOException when {@code dir} is not a run folder
     */
    public static RunFolder existing(String dir) throws IOException {
        Path p = new Path(dir);
        FileSystem fs = FileIO.fileSystem(p, new Configuration());
        OutputGuard.Kind kind = OutputGuard.kindOf(fs, p);
        if (kind != OutputGuard.Kind.RUN_FOLDER) {
            throw new IOException(dir + " is not an Ember run folder (it holds " + kind + ")");
        }
        return new RunFolder(p, fs);
    }

    /**
     * Claims {@code dir} for a training run before anything is read: checks what it holds against
     * {@code mode}, creates it when missing and takes its lock (which also proves it writable).
     *
     * @param dir    the run folder ({@code output})
     * @param mode   fresh run, {@code --overwrite} or {@code --resume}
     * @param inputs the run's input paths, which the folder must not overlap
     * @param conf   Hadoop configuration
     * @return the claimed folder; close it when the run ends
     * @throws OutputGuard.UnsafeOutputException when the folder may not be used this way, naming why
     * @throws IOException                       when the file system fails
     */
    public static RunFolder claim(String dir, Mode mode, Collection<String> inputs, Configuration conf)
            throws IOException {
        Path p = new Path(dir);
        FileSystem fs = FileIO.fileSystem(p, conf);
        OutputGuard.Kind now = OutputGuard.kindOf(fs, p);
        if (mode == Mode.RESUME && now != OutputGuard.Kind.RUN_FOLDER) {
            throw new OutputGuard.UnsafeOutputException("--resume: " + dir + " is not a run folder (it holds "
                    + now + "); --output must name the folder of the run to continue");
        }
        if (mode == Mode.FRESH && now == OutputGuard.Kind.RUN_FOLDER) {
            throw new OutputGuard.UnsafeOutputException("--output " + dir + " holds an earlier run; give --resume "
                    + "to continue it, --overwrite to replace it, or choose another --output");
        }
        OutputGuard.Kind kind = OutputGuard.check("--output", dir, OutputGuard.Kind.RUN_FOLDER, mode != Mode.FRESH,
                inputs, conf);
        RunFolder run = new RunFolder(p, fs);
        try {
            run.created = kind == OutputGuard.Kind.MISSING;
            if (!fs.mkdirs(p)) {
                throw new IOException("cannot create " + dir);
            }
            run.lock();
        } catch (IOException | RuntimeException e) {
            run.close();
            if (e instanceof OutputGuard.UnsafeOutputException) {
                throw e;
            }
            throw new OutputGuard.UnsafeOutputException("--output " + dir + " cannot be written: " + FileIO.reason(e));
        }
        run.cleanLeftovers();
        return run;
    }

    /** The lock file: {@code host pid time}; a lock whose process is gone (on this host) is taken over. */
    private void lock() throws IOException {
        Path lock = new Path(dir, LOCK);
        String host = InetAddress.getLocalHost().getHostName();
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; attempt < 2; attempt++) {
            try (FSDataOutputStream out = fs.create(lock, false)) {
                out.write((host + " " + pid + " " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
                locked = true;
                return;
            } catch (FileAlreadyExistsException e) {
                String[] holder = new String(FileIO.readSmallFile(fs, lock, 4096), StandardCharsets.UTF_8).trim()
                        .split(" ");
                boolean stale = holder.length >= 2 && holder[0].equals(host)
                        && ProcessHandle.of(parsePid(holder[1])).map(h -> !h.isAlive()).orElse(true);
                if (!stale) {
                    throw new OutputGuard.UnsafeOutputException("--output " + dir + " is in use by another ember run"
                            + " (process " + String.join(" ", holder) + "); if no such process runs any more, "
                            + "delete " + lock);
                }
                fs.delete(lock, false);
            }
        }
        throw new IOException("cannot take the lock " + lock);
    }

    private static long parsePid(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Removes temporary copies a killed run left, and puts back a version that was moved aside but not replaced. */
    private void cleanLeftovers() throws IOException {
        FileIO.cleanTemporaries(fs, dir);
        Path checkpoints = new Path(dir, CHECKPOINTS);
        if (fs.exists(checkpoints)) {
            FileIO.cleanTemporaries(fs, checkpoints);
        }
    }

    /**
     * Starts a new run here: with {@code --overwrite} the earlier run's files are deleted first (and
     * nothing else in the folder); then {@code run.json} records the new run's id.
     *
     * @return the new run's id
     * @throws IOException when the file system fails
     */
    public String startNewRun() throws IOException {
        for (String name : OWN_FILES) {
            if (!name.equals(LOCK)) {
                fs.delete(new Path(dir, name), true);
            }
        }
        String id = UUID.randomUUID().toString();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", 1);
        root.put("run_id", id);
        root.put("ember_version", Version.EMBER);
        root.put("created", Instant.now().toString());
        writeJson(RUN, root);
        started = true;
        return id;
    }

    /**
     * The id of the run in this folder, for {@code --resume}; a folder from before run ids existed
     * answers {@code legacy}.
     *
     * @return the run id
     * @throws IOException when run.json is unreadable
     */
    public String existingRunId() throws IOException {
        started = true;
        Path p = new Path(dir, RUN);
        if (!fs.exists(p)) {
            return "legacy";
        }
        JsonNode n = JSON.readTree(FileIO.readSmallFile(fs, p, 1 << 20));
        String id = n.path("run_id").asText("");
        if (id.isEmpty()) {
            throw new IOException(p + ": no run_id");
        }
        return id;
    }

    public String path(String name) {
        return new Path(dir, name).toString();
    }

    public FileSystem fs() {
        return fs;
    }

    /** True when {@code name} exists in the folder. */
    public boolean has(String name) throws IOException {
        return fs.exists(new Path(dir, name));
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

    /** Writes one of the run's files under a temporary name and renames it into place. */
    public void writeWhole(String name, byte[] data) throws IOException {
        FileIO.writeFileAtomically(fs, new Path(dir, name), data);
    }

    /** Releases the lock; removes the folder again when this run created it and never started training. */
    @Override
    public void close() throws IOException {
        if (locked) {
            fs.delete(new Path(dir, LOCK), false);
            locked = false;
        }
        if (created && !started && fs.exists(dir)) {
            FileStatus[] left = fs.listStatus(dir);
            if (left.length == 0 || List.of(left).stream().allMatch(s -> s.getPath().getName().startsWith("."))) {
                fs.delete(dir, true);
            }
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
