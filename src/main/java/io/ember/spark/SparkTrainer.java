package io.ember.spark;

import io.ember.config.Config;
import io.ember.eval.Evaluator;
import io.ember.linalg.Blas;
import io.ember.model.Model;
import io.ember.nn.Initializer;
import io.ember.train.EpochReport;
import io.ember.train.LoopSettings;
import io.ember.train.TrainResult;
import io.ember.train.Trainer;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Trains on prepared Spark data: the {@link Trainer} loop over {@link SparkGradients}, validated on Spark. */
public final class SparkTrainer {
    private SparkTrainer() {
    }

    /** A finished run: the model to keep and the run's result. */
    public record Outcome(Model model, TrainResult result) {
    }

    /**
     * Trains from {@code start} (null: a seeded initialization, or {@code init} weights when given).
     * {@code listener} may be null.
     */
    public static Outcome fit(JavaSparkContext sc, Config config, PreparedData data, float[] init,
                              TrainingState start, TrainingListener listener) {
        int threads = SparkResources.taskThreads(sc, config, data.trainRows.length);
        return fit(sc, config, data, BackendChoice.resolve(sc, config, data, threads), init, start, listener);
    }

    /** As {@link #fit(JavaSparkContext, Config, PreparedData, float[], TrainingState, TrainingListener)}, with the
     * BLAS backend already chosen ({@link BackendChoice#resolve}). */
    public static Outcome fit(JavaSparkContext sc, Config config, PreparedData data, BackendChoice backend,
                              float[] init, TrainingState start, TrainingListener listener) {
        String blas = backend.backend();
        long seed = config.get(LoopSettings.SEED);
        TaskSpec task = new TaskSpec(UUID.randomUUID().toString(), data.spec, seed, config.get(LoopSettings.SHUFFLE),
                blas, SparkResources.taskThreads(sc, config, data.trainRows.length),
                config.get(SparkSettings.TRANSPORT));
        try (SparkGradients gradients = new SparkGradients(sc, data.train, data.trainRows, task,
                config.get(SparkSettings.TREE_DEPTH))) {
            Evaluator validator = data.validation == null ? null
                    : new SparkEvaluator(sc, data.validation, data.spec, data.encoding, blas);
            Trainer trainer = new Trainer(config, data.spec, gradients, validator, listener);
            TrainingState state = start != null ? start
                    : trainer.newState(init != null ? init : Initializer.initialize(data.spec, seed));
            TrainResult result = trainer.run(state);
            Model model = new Model(data.spec, result.params(), data.labels, data.encoding, data.scaler,
                    config.resolved(), facts(result, data, backend));
            return new Outcome(model, result);
        }
    }

    private static Map<String, Object> facts(TrainResult r, PreparedData data, BackendChoice backend) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stop_reason", r.stopReason());
        m.put("epochs", r.epochs().size());
        m.put("steps", r.state().globalStep);
        m.put("train_examples", data.trainCount());
        m.put("validation_examples", data.validationRows);
        m.put("partitions", data.trainRows.length);
        m.put("blas", Blas.gemm(backend.backend()).name());
        m.put("blas_choice", backend.facts());
        if (!r.epochs().isEmpty()) {
            EpochReport last = r.epochs().get(r.epochs().size() - 1);
            m.put("final_train_loss", last.trainLoss());
            if (last.validation() != null) {
                m.put("final_validation", last.validation().summary());
            }
        }
        if (r.state().bestEpoch > 0) {
            m.put("best_epoch", r.state().bestEpoch);
            m.put("best_validation_metric", r.state().bestMetric);
        }
        return m;
    }
}
