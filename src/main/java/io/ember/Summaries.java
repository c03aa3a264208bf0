package io.ember;

import io.ember.train.EpochReport;
import io.ember.train.StepReport;
import io.ember.train.TrainResult;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The training loop's events as an application sees them: {@link TrainingProgress} and {@link TrainingSummary}. */
final class Summaries implements TrainingListener {
    private final TrainingProgress progress;

    Summaries(TrainingProgress progress) {
        this.progress = progress;
    }

    @Override
    public void onStep(StepReport r, TrainingState state) {
        progress.onStep(r.at().globalStep, r.at().epoch + 1, r.loss(), r.learningRate());
    }

    @Override
    public void onEpoch(EpochReport e, TrainingState state) {
        progress.onEpoch(epoch(e));
    }

    static EpochSummary epoch(EpochReport e) {
        Map<String, Double> validation = new LinkedHashMap<>();
        if (e.validation() != null) {
            e.validation().summary().forEach((k, v) -> {
                if (v instanceof Number) {
                    validation.put(k, ((Number) v).doubleValue());
                }
            });
        }
        return new EpochSummary(e.epoch() + 1, e.trainLoss(), Map.copyOf(validation), e.nanos() / 1e9, e.examples(),
                e.best());
    }

    static TrainingSummary of(TrainResult r, double trainSeconds, String runFolder) {
        List<EpochSummary> epochs = new ArrayList<>();
        r.epochs().forEach(e -> epochs.add(epoch(e)));
        return new TrainingSummary(List.copyOf(epochs), r.stopReason(), r.state().globalStep, r.state().bestEpoch,
                trainSeconds, Optional.ofNullable(runFolder));
    }
}
