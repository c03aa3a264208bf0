package io.ember.train;

import io.ember.config.Config;
import io.ember.data.DataBlock;
import io.ember.data.TargetEncoding;
import io.ember.eval.BlockEvaluator;
import io.ember.linalg.Blas;
import io.ember.linalg.Gemm;
import io.ember.nn.Initializer;
import io.ember.nn.NetworkSpec;
import io.ember.spark.SparkSettings;

import java.util.List;

/**
 * The single-JVM reference trainer: the {@link Trainer} loop over {@link LocalGradients}. Pass
 * the same blocks a Spark run has as partitions (and the same task-threads) and it reproduces
 * that run bit for bit. task-threads = 0 (auto) means 1 here.
 */
public final class LocalTrainer {
    private LocalTrainer() {
    }

    /**
     * Trains {@code spec} from a seeded initialization (or {@code init} when not null) on
     * {@code train}; validates each epoch on {@code validation} when it is not null.
     */
    public static TrainResult train(Config config, NetworkSpec spec, List<DataBlock> train,
                                    List<DataBlock> validation, TargetEncoding encoding, float[] init,
                                    TrainingListener listener) {
        Gemm gemm = Blas.gemm(SparkSettings.blas(config));
        try (LocalGradients source = new LocalGradients(spec, gemm, train, config.get(LoopSettings.SEED), config.get(LoopSettings.SHUFFLE),
                Math.max(1, config.get(SparkSettings.TASK_THREADS)))) {
            BlockEvaluator validator = validation == null ? null
                    : new BlockEvaluator(spec, gemm, encoding, validation);
            Trainer trainer = new Trainer(config, spec, source, validator, listener);
            float[] start = init != null ? init : Initializer.initialize(spec, config.get(LoopSettings.SEED));
            return trainer.run(trainer.newState(start));
        }
    }
}
