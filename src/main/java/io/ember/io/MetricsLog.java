package io.ember.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.train.EpochReport;
import io.ember.train.StepReport;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingPlan;
import io.ember.train.TrainingState;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, {@code "type":"step"} (loss, learning rate,
 * step and compute time) and {@code "type":"epoch"} (train loss, every validation metric, time,
 * throughput). Flushed after each epoch so a running job can be watched.
 */
public final class MetricsLog implements TrainingListener, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FSDataOutputStream out;
    private final Path file;

    public MetricsLog(RunFolder run) throws IOException {
        this(run, -1, 0);
    }

    /**
     * When resuming at {@code fromStep} (>= 0) after {@code epochsDone} finished epochs, the lines of
     * the interrupted run up to that point are kept and the new ones follow.
     */
    public MetricsLog(RunFolder run, long fromStep, int epochsDone) throws IOException {
        this.file = new Path(run.path(RunFolder.METRICS));
        List<String> kept = new ArrayList<>();
        if (fromStep >= 0 && run.fs().exists(file)) {
            String text = new String(FileIO.readSmallFile(run.fs(), file, 1L << 30), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank() && keep(line, fromStep, epochsDone)) {
                    kept.add(line);
                }
            }
        }
        FSDataOutputStream[] created = new FSDataOutputStream[1];
        FileIO.writing(file, () -> {
            created[0] = run.fs().create(file, true);
            for (String line : kept) {
                created[0].write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        this.out = created[0];
    }

    private static boolean keep(String line, long fromStep, int epochsDone) throws IOException {
        JsonNode n = JSON.readTree(line);
        switch (n.path("type").asText()) {
            case "step": return n.path("step").asLong() < fromStep;
            case "epoch": return n.path("epoch").asInt() <= epochsDone;
            default: return true;
        }
    }

    @Override
    public void onStart(TrainingPlan plan, TrainingState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "start");
        m.put("examples", plan.examples);
        m.put("partitions", plan.partitions);
        m.put("epochs", plan.epochs());
        m.put("total_steps", plan.totalSteps);
        m.put("start_step", state.globalStep);
        write(m);
    }

    @Override
    public void onStep(StepReport r, TrainingState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "step");
        m.put("step", r.at().globalStep);
        m.put("epoch", r.at().epoch + 1);
        m.put("loss", r.loss());
        m.put("lr", r.learningRate());
        m.put("examples", r.examples());
        m.put("gradient_norm", r.gradientNorm());
        m.put("step_ms", r.stepNanos() / 1e6);
        m.put("gradient_ms", r.gradientNanos() / 1e6);
        m.put("compute_ms", r.computeNanos() / 1e6);
        write(m);
    }

    @Override
    public void onEpoch(EpochReport e, TrainingState state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "epoch");
        m.put("epoch", e.epoch() + 1);
        m.put("steps", e.steps());
        m.put("train_loss", e.trainLoss());
        m.put("lr", e.learningRate());
        m.put("seconds", e.nanos() / 1e9);
        m.put("train_seconds", e.trainNanos() / 1e9);
        m.put("validation_seconds", e.validationNanos() / 1e9);
        m.put("examples_per_second", e.examplesPerSecond());
        if (e.validation() != null) {
            m.put("validation", e.validation().summary());
        }
        m.put("best", e.best());
        write(m);
        try {
            FileIO.writing(file, out::hflush);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void write(Map<String, Object> m) {
        try {
            byte[] line = JSON.writeValueAsBytes(m);
            FileIO.writing(file, () -> {
                out.write(line);
                out.write('\n');
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        FileIO.writing(file, out::close);
    }
}
