package io.ember.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.nn.NetworkSpec;
import io.ember.optim.Optimizer;
import io.ember.optim.OptimizerState;
import io.ember.train.TrainingState;
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
    public static final int VERSION = 2;
    static final String JSON = "checkpoint.json";
    /** The run id read from checkpoints written before run ids existed (format version 1). */
    public static final String LEGACY_RUN = "legacy";
    /** More optimizer buffers than any optimizer keeps: a bound checked before allocating. */
    private static final int MAX_SLOTS = 8;

    private final Path dir;
    private final FileSystem fs;
    private final String runId;

    /** The checkpoints of run {@code runId} under {@code directory}; other runs' checkpoints are left alone. */
    public CheckpointStore(String directory, String runId) throws IOException {
        this.dir = new Path(directory);
        this.fs = FileIO.fileSystem(dir, new Configuration());
        this.runId = runId;
    }

    /**
     * A saved run position: everything {@link io.ember.train.TrainingState} holds, plus the run's id,
     * how it was laid out and what data it trained on ({@code data} is null in version-1 checkpoints).
     */
    public record Checkpoint(String location, String runId, NetworkSpec spec, float[] params, OptimizerState optimizer,
                             int epoch, int stepInEpoch, long globalStep, double bestMetric, int bestEpoch,
                             float[] bestParams, int epochsSinceBest, double referenceLoss, int partitions,
                             int taskThreads, String blas, Map<String, String> config, DataFingerprint data) {

        /** The training state to continue from, with {@code fresh} (a new optimizer) restored to this one's state. */
        public TrainingState toState(Optimizer fresh) {
            TrainingState s = new TrainingState(params.clone(), fresh);
            fresh.restore(optimizer);
            s.epoch = epoch;
            s.stepInEpoch = stepInEpoch;
            s.globalStep = globalStep;
            s.bestMetric = bestMetric;
            s.bestEpoch = bestEpoch;
            s.bestParams = bestParams == null ? null : bestParams.clone();
            s.epochsSinceBest = epochsSinceBest;
            s.referenceLoss = referenceLoss;
            return s;
        }
    }

    /**
     * Writes {@code c} (its location and run id are ignored: it belongs to this store's run) and deletes
     * all but the newest {@code keep} checkpoints of this run, by step.
     */
    public String write(Checkpoint c, int keep) throws IOException {
        String name = String.format("step-%012d", c.globalStep());
        Path target = new Path(dir, name);
        if (fs.exists(target) && !runId.equals(runIdOf(target))) {
            throw new IOException(target + " belongs to another run; not replacing it");
        }
        FileIO.publishDirectory(target.toString(), fs.getConf(), (fs2, tmp) -> {
            fs2.mkdirs(tmp);
            ObjectNode root = ModelFormat.JSON_MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("format_version", VERSION);
            root.put("ember_version", Version.EMBER);
            root.put("run_id", runId);
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
            if (Double.isFinite(c.referenceLoss())) {
                root.putObject("divergence").put("reference_loss", c.referenceLoss());
            }
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
            if (c.data() != null) {
                root.set("data", c.data().toJson());
            }
            FileIO.writeBytes(fs2, new Path(tmp, JSON), SealedJson.seal(root));
        });
        List<Path> own = new ArrayList<>();
        for (Path p : checkpointDirs()) {
            if (runId.equals(runIdOf(p))) {
                own.add(p);
            }
        }
        for (int i = 0; i < own.size() - keep; i++) {
            fs.delete(own.get(i), true);
        }
        return target.toString();
    }

    /** The run id a checkpoint directory declares (LEGACY_RUN for version 1), or null when unreadable. */
    private String runIdOf(Path cp) {
        try {
            JsonNode root = ModelFormat.JSON_MAPPER.readTree(FileIO.readSmallFile(fs, new Path(cp, JSON),
                    ModelFormat.MAX_JSON_BYTES));
            return root.path("format_version").asInt() == 1 ? LEGACY_RUN : root.path("run_id").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The newest checkpoint of this store's run that reads back whole; each one skipped (partial,
     * corrupted, another version or another run's) is described in {@code warnings}. Null when there
     * is none.
     */
    public Checkpoint latestValid(List<String> warnings) throws IOException {
        List<Path> all = checkpointDirs();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                Checkpoint c = read(all.get(i));
                if (!c.runId().equals(runId)) {
                    warnings.add("skipping checkpoint " + all.get(i) + ": it belongs to run " + c.runId()
                            + ", not to this folder's run " + runId);
                    continue;
                }
                return c;
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
        byte[] bytes = FileIO.readSmallFile(fs, json, ModelFormat.MAX_JSON_BYTES);
        JsonNode root;
        try {
            root = ModelFormat.JSON_MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(json + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        ModelFormat.Fields f = new ModelFormat.Fields(json, root);
        if (!FORMAT.equals(f.text(root, "format"))) {
            throw new IOException(json + ": not an Ember checkpoint");
        }
        int version = f.integer(root, "format_version");
        if (version != 1 && version != VERSION) {
            throw new IOException(json + ": checkpoint format version " + version + "; this Ember reads 1 and "
                    + VERSION);
        }
        SealedJson.verify(json, bytes, version >= 2);
        NetworkSpec spec = ModelFormat.readNetwork(f, f.object(root, "network"));
        JsonNode files = f.object(root, "files");
        int n = spec.parameterCount();
        float[] params = FileIO.readFloats(fs, new Path(cp, "params.bin"), n, f.text(files, "params.bin"));
        float[] best = files.has("best-params.bin")
                ? FileIO.readFloats(fs, new Path(cp, "best-params.bin"), n, f.text(files, "best-params.bin")) : null;
        JsonNode opt = f.object(root, "optimizer");
        int slots = f.integer(opt, "slots");
        if (slots > MAX_SLOTS) {
            throw new IOException(json + ": " + slots + " optimizer buffers, at most " + MAX_SLOTS + " expected");
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
        String run = version == 1 ? LEGACY_RUN : f.text(root, "run_id");
        double reference = root.path("divergence").path("reference_loss").asDouble(Double.NaN);
        DataFingerprint data = root.has("data") ? DataFingerprint.fromJson(f, f.object(root, "data")) : null;
        return new Checkpoint(cp.toString(), run, spec, params,
                new OptimizerState(f.text(opt, "kind"), f.longValue(opt, "step"), buffers),
                f.integer(pos, "epoch"), f.integer(pos, "step_in_epoch"), f.longValue(pos, "global_step"),
                es.has("best_metric") ? es.get("best_metric").asDouble() : Double.NaN, f.integer(es, "best_epoch"),
                best, f.integer(es, "epochs_since_best"), reference, f.integer(layout, "partitions"),
                f.integer(layout, "task_threads"), f.text(layout, "blas"), config, data);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
