package io.ember.train;

import io.ember.config.Config;
import io.ember.eval.Evaluation;
import io.ember.eval.Evaluator;
import io.ember.linalg.Kernels;
import io.ember.nn.NetworkSpec;
import io.ember.optim.LearningRate;
import io.ember.optim.Optimizers;
import io.ember.optim.Regularization;
import io.ember.step.BatchGradient;
import io.ember.step.StepCoordinates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver loop, the same for the single-JVM and the Spark trainer: per step, get the summed
 * gradient from the {@link GradientSource}, divide by the examples' summed weight (their count when
 * unweighted: the weighted mean), clip, add L1/L2, apply
 * the optimizer with the scheduled learning rate; per epoch, validate and track early stopping.
 */
public final class Trainer {
    private final Config config;
    private final NetworkSpec spec;
    private final GradientSource source;
    private final Evaluator validator;
    private final TrainingListener listener;

    /** {@code validator} may be null (no validation data). */
    public Trainer(Config config, NetworkSpec spec, GradientSource source, Evaluator validator,
                   TrainingListener listener) {
        spec.checkTrainable();
        this.config = config;
        this.spec = spec;
        this.source = source;
        this.validator = validator;
        this.listener = listener == null ? new TrainingListener() { } : listener;
    }

    /** A fresh state: {@code initialParams} (copied) and a new optimizer. */
    public TrainingState newState(float[] initialParams) {
        if (initialParams.length != spec.parameterCount()) {
            throw new IllegalArgumentException("initial parameters have " + initialParams.length
                    + " values, the network needs " + spec.parameterCount());
        }
        return new TrainingState(initialParams.clone(), Optimizers.create(config, spec));
    }

    public TrainingPlan plan() {
        return TrainingPlan.of(config, source.exampleCount(), source.nonEmptyPartitions());
    }

    /** Runs from {@code state} (fresh or restored) to the end; modifies it as it goes. */
    public TrainResult run(TrainingState state) {
        TrainingPlan plan = plan();
        LearningRate schedule = plan.schedule();
        Regularization regularization = Regularization.of(config, spec);
        List<EpochReport> reports = new ArrayList<>();
        listener.onStart(plan, state);
        String stop = "completed " + plan.epochs() + " epochs";
        boolean interrupted = false;
        while (state.epoch < plan.epochs() && !interrupted) {
            int steps = plan.steps(state.epoch);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            double seenWeight = 0;
            double rate = schedule.at(state.globalStep);
            while (state.stepInEpoch < steps && state.globalStep < plan.totalSteps) {
                StepCoordinates at = new StepCoordinates(state.epoch, state.stepInEpoch, steps, state.globalStep);
                long stepStart = System.nanoTime();
                rate = schedule.at(state.globalStep);
                listener.beforeStep(at);
                long gradientStart = System.nanoTime();
                BatchGradient g = source.compute(state.params, at);
                long gradientNanos = System.nanoTime() - gradientStart;
                double norm = meanGradient(g, at, state);
                regularization.addGradient(state.params, g.gradient);
                state.optimizer.step(state.params, g.gradient, rate);
                state.globalStep++;
                state.stepInEpoch++;
                lossSum += g.lossSum;
                seen += g.count;
                seenWeight += g.weight;
                listener.onStep(new StepReport(at, rate, g.lossSum / g.weight, g.count, norm,
                        System.nanoTime() - stepStart, gradientNanos, g.computeNanos), state);
                if (listener.interruptRequested()) {
                    interrupted = true;
                    stop = "interrupted after step " + state.globalStep + " (" + at + ")";
                    listener.onInterrupted(state);
                    break;
                }
            }
            if (interrupted) {
                break;
            }
            if (state.stepInEpoch < steps) {
                stop = "reached max-steps = " + config.get(LoopSettings.MAX_STEPS);
                break;
            }
            long validationStart = System.nanoTime();
            if (validator != null) {
                listener.beforeValidation(state.epoch, plan.epochs());
            }
            Evaluation validation = validator == null ? null : validator.evaluate(state.params);
            long validationNanos = System.nanoTime() - validationStart;
            boolean best = trackBest(validation, state);
            EpochReport report = new EpochReport(state.epoch, plan.epochs(), steps, seen == 0 ? Double.NaN
                    : lossSum / seenWeight, validation, rate, System.nanoTime() - epochStart, validationNanos, seen, best);
            state.epoch++;
            state.stepInEpoch = 0;
            reports.add(report);
            listener.onEpoch(report, state);
            if (listener.stopRequested()) {
                stop = "stopped by request after epoch " + state.epoch;
                break;
            }
            int patience = config.get(LoopSettings.PATIENCE);
            if (patience > 0 && state.epochsSinceBest >= patience) {
                stop = String.format(Locale.ROOT, "early stopping: validation %s did not improve for %d epochs "
                        + "(best %.6g at epoch %d)", config.get(LoopSettings.EARLY_STOP_METRIC), patience,
                        state.bestMetric, state.bestEpoch);
                break;
            }
        }
        float[] keep = config.get(LoopSettings.PATIENCE) > 0 && state.bestParams != null ? state.bestParams
                : state.params;
        return new TrainResult(keep.clone(), state, reports, stop, interrupted);
    }

    /**
     * Modifies {@code g.gradient}: divides by the count and clips to {@code clip-norm}; returns the
     * norm before clipping. Throws TrainingDivergedException on a non-finite loss or gradient.
     */
    private double meanGradient(BatchGradient g, StepCoordinates at, TrainingState state) {
        if (g.count == 0) {
            throw new IllegalStateException("step " + at + " drew no examples");
        }
        if (!(g.weight > 0)) {
            throw new TrainingDivergedException("step " + at + ": the batch's examples weigh " + g.weight
                    + " in all; a batch needs a positive total weight", state);
        }
        float inv = (float) (1.0 / g.weight);
        Kernels.scale(g.gradient, 0, g.gradient.length, inv);
        double norm = Math.sqrt(Kernels.sumOfSquares(g.gradient, 0, g.gradient.length));
        double loss = g.lossSum / g.weight;
        if (!Double.isFinite(g.lossSum) || !Double.isFinite(norm)) {
            throw diverged(at, state, (Double.isFinite(g.lossSum) ? "gradient norm is " + norm : "loss is " + loss));
        }
        double factor = config.get(LoopSettings.DIVERGENCE_FACTOR);
        if (Double.isNaN(state.referenceLoss)) {
            state.referenceLoss = loss;
        } else if (factor > 0 && loss > factor * Math.max(1, state.referenceLoss)) {
            throw diverged(at, state, String.format(Locale.ROOT, "loss %.4g is more than divergence-factor = %s times "
                    + "max(1, the first step's loss %.4g)", loss, factor, state.referenceLoss));
        }
        double clipNorm = config.get(LoopSettings.CLIP_NORM);
        if (clipNorm > 0 && norm > clipNorm) {
            Kernels.scale(g.gradient, 0, g.gradient.length, (float) (clipNorm / norm));
        }
        return norm;
    }

    private static TrainingDivergedException diverged(StepCoordinates at, TrainingState state, String what) {
        return new TrainingDivergedException(String.format(Locale.ROOT,
                "training diverged at step %d (%s): %s; parameters before this step are kept. "
                        + "Lower lr, add warmup or set clip-norm.", at.globalStep, at, what), state);
    }

    /** Updates early-stopping bookkeeping; true when this epoch is the best so far. */
    private boolean trackBest(Evaluation validation, TrainingState state) {
        if (validation == null) {
            return false;
        }
        String metric = config.get(LoopSettings.EARLY_STOP_METRIC);
        double value = validation.metric(metric);
        boolean higher = Evaluation.higherIsBetter(metric);
        boolean better = Double.isNaN(state.bestMetric) || (higher ? value > state.bestMetric : value < state.bestMetric);
        if (better) {
            state.bestMetric = value;
            state.bestEpoch = state.epoch + 1;
            state.epochsSinceBest = 0;
            if (config.get(LoopSettings.PATIENCE) > 0) {
                state.bestParams = state.params.clone();
            }
        } else {
            state.epochsSinceBest++;
        }
        return better;
    }
}
