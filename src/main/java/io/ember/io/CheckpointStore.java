package io.ember.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.nn.NetworkSpec;
import io.ember.optim.OptimizerState;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints of a run under {@code <run>/checkpoints/step-NNNNNNNNNNNN/}: {@code checkpoint.json}
 * (format and version, position, early-stopping state, optimizer kind and step, the run's layout
 * and configuration, SHA-256 of every binary file) and little-endian float32 files for the
 * parameters, the optimizer buffers and the best parameters so far. Each checkpoint is written
 * under a temporary name and renamed; the newest {@code keep} are kept. Reading skips, with a
 * warning, any checkpoint that is partial, corrupted or of another version.
 */
public final class CheckpointStore {
    public static final String FORMAT = "ember-checkpoint";
    public static final int VERSION = 1;
    static final String JSON = "checkpoint.json";

    private final Path dir;
    private final FileSystem fs;

    public CheckpointStore(String directory) throws IOException {
        this.dir = new Path(directory);
        this.fs = FileIO.fileSystem(dir, new Configuration());
    }

    /** A saved run position: everything {@link io.ember.train.TrainingState} holds, plus how the run was laid out. */
    public record Checkpoint(String location, NetworkSpec spec, float[] params, OptimizerState optimizer, int epoch,
                             int stepInEpoch, long globalStep, double bestMetric, int bestEpoch, float[] bestParams,
                             int epochsSinceBest, int partitions, int taskThreads, String blas,
                             Map<String, String> config) {
    }

    /** Writes {@code c} (its location is ignored) and deletes all but the newest {@code keep} checkpoints. */
    public String write(Checkpoint c, int keep) throws IOException {
        String name = String.format("step-%012d", c.globalStep());
        Path target = new Path(dir, name);
        FileIO.publishDirectory(target.toString(), fs.getConf(), (fs2, tmp) -> {
            fs2.mkdirs(tmp);
            ObjectNode root = ModelFormat.JSON_MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("format_version", VERSION);
            root.put("ember_version", Version.EMBER);
            root.put("created", Instant.now().toString());
            ObjectNode pos = root.putObject("position");
            pos.put("epoch", c.epoch());
            pos.put("step_in_epoch", c.stepInEpoch());
            pos.put("global_step", c.globalStep());
            ObjectNode es = root.putObject("early_stopping");
            if (!Double.isNaN(c.bestMetric())) {
                es.put("best_metric", c.bestMetric());
            }
            es.put("best_epoch", c.bestEpoch());
            es.put("epochs_since_best", c.epochsSinceBest());
            ObjectNode layout = root.putObject("layout");
            layout.put("partitions", c.partitions());
            layout.put("task_threads", c.taskThreads());
            layout.put("blas", c.blas());
            root.set("network", ModelFormat.network(c.spec()));
            ObjectNode files = root.putObject("files");
            files.put("params.bin", FileIO.writeFloats(fs2, new Path(tmp, "params.bin"), c.params()));
            if (c.bestParams() != null) {
                files.put("best-params.bin", FileIO.writeFloats(fs2, new Path(tmp, "best-params.bin"), c.bestParams()));
            }
            ObjectNode opt = root.putObject("optimizer");
            opt.put("kind", c.optimizer().kind());
            opt.put("step", c.optimizer().step());
            opt.put("slots", c.optimizer().slotCount());
            for (int i = 0; i < c.optimizer().slotCount(); i++) {
                float[] slot = c.optimizer().slot(i);
                opt.put("slot_" + i + "_length", slot.length);
                files.put("optimizer-" + i + ".bin", FileIO.writeFloats(fs2, new Path(tmp, "optimizer-" + i + ".bin"), slot));
            }
            ObjectNode cfg = root.putObject("config");
            c.config().forEach(cfg::put);
            FileIO.writeBytes(fs2, new Path(tmp, JSON), ModelFormat.JSON_MAPPER.writeValueAsBytes(root));
        });
        List<Path> all = checkpointDirs();
        for (int i = 0; i < all.size() - keep; i++) {
            fs.delete(all.get(i), true);
        }
        return target.toString();
    }

    /**
     * The newest checkpoint that reads back whole; each one skipped is described in
     * {@code warnings}. Null when there is none.
     */
    public Checkpoint latestValid(List<String> warnings) throws IOException {
        List<Path> all = checkpointDirs();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return read(all.get(i));
            } catch (IOException | RuntimeException e) {
                warnings.add("skipping checkpoint " + all.get(i) + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Checkpoint directories, oldest first (temporary and moved-aside directories excluded). */
    List<Path> checkpointDirs() throws IOException {
        if (!fs.exists(dir)) {
            return new ArrayList<>();
        }
        List<Path> out = new ArrayList<>();
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && s.getPath().getName().startsWith("step-")) {
                out.add(s.getPath());
            }
        }
        out.sort(Comparator.comparing(Path::getName));
        return out;
    }

    static Checkpoint read(Path cp) throws IOException {
        FileSystem fs = FileIO.fileSystem(cp, new Configuration());
        Path json = new Path(cp, JSON);
        if (!fs.exists(json)) {
            throw new IOException("no " + JSON + " (partial checkpoint)");
        }
        JsonNode root;
        try {
            root = ModelFormat.JSON_MAPPER.readTree(FileIO.readSmallFile(fs, json, ModelFormat.MAX_JSON_BYTES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(json + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        ModelFormat.Fields f = new ModelFormat.Fields(json, root);
        if (!FORMAT.equals(f.text(root, "format"))) {
            throw new IOException(json + ": not an Ember checkpoint");
        }
        int version = f.integer(root, "format_version");
        if (version != VERSION) {
            throw new IOException(json + ": checkpoint format version " + version + "; this Ember reads " + VERSION);
        }
        NetworkSpec spec = ModelFormat.readNetwork(f, f.object(root, "network"));
        JsonNode files = f.object(root, "files");
        int n = spec.parameterCount();
        float[] params = FileIO.readFloats(fs, new Path(cp, "params.bin"), n, f.text(files, "params.bin"));
        float[] best = files.has("best-params.bin")
                ? FileIO.readFloats(fs, new Path(cp, "best-params.bin"), n, f.text(files, "best-params.bin")) : null;
        JsonNode opt = f.object(root, "optimizer");
        int slots = f.integer(opt, "slots");
        if (slots > 2) {
            throw new IOException(json + ": " + slots + " optimizer buffers, at most 2 expected");
        }
        float[][] buffers = new float[slots][];
        for (int i = 0; i < slots; i++) {
            int length = f.integer(opt, "slot_" + i + "_length");
            if (length != 0 && length != n) {
                throw new IOException(json + ": optimizer buffer " + i + " has " + length + " values, the network "
                        + n + " parameters");
            }
            buffers[i] = FileIO.readFloats(fs, new Path(cp, "optimizer-" + i + ".bin"), length,
                    f.text(files, "optimizer-" + i + ".bin"));
        }
        JsonNode pos = f.object(root, "position");
        JsonNode es = f.object(root, "early_stopping");
        JsonNode layout = f.object(root, "layout");
        Map<String, String> config = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = f.object(root, "config").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            config.put(e.getKey(), e.getValue().asText());
        }
        return new Checkpoint(cp.toString(), spec, params,
                new OptimizerState(f.text(opt, "kind"), f.longValue(opt, "step"), buffers),
                f.integer(pos, "epoch"), f.integer(pos, "step_in_epoch"), f.longValue(pos, "global_step"),
                es.has("best_metric") ? es.get("best_metric").asDouble() : Double.NaN, f.integer(es, "best_epoch"),
                best, f.integer(es, "epochs_since_best"), f.integer(layout, "partitions"),
                f.integer(layout, "task_threads"), f.text(layout, "blas"), config);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
