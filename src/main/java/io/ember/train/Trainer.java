package io.ember.train;

import io.ember.eval.Evaluation;
import io.ember.eval.Evaluator;
import io.ember.linalg.Kernels;
import io.ember.nn.NetworkSpec;
import io.ember.optim.LearningRate;
import io.ember.optim.Regularization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The driver loop, the same for the single-JVM and the Spark trainer: per step, get the summed
 * gradient from the {@link GradientSource}, divide by the example count, clip, add L1/L2, apply
 * the optimizer with the scheduled learning rate; per epoch, validate and track early stopping.
 */
public final class Trainer {
    private final TrainConfig config;
    private final NetworkSpec spec;
    private final GradientSource source;
    private final Evaluator validator;
    private final TrainingListener listener;

    /** {@code validator} may be null (no validation data). */
    public Trainer(TrainConfig config, NetworkSpec spec, GradientSource source, Evaluator validator,
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
        return new TrainingState(initialParams.clone(), config.newOptimizer(spec));
    }

    public TrainingPlan plan() {
        return new TrainingPlan(config, source.exampleCount(), source.nonEmptyPartitions());
    }

    /** Runs from {@code state} (fresh or restored) to the end; modifies it as it goes. */
    public TrainResult run(TrainingState state) {
        TrainingPlan plan = plan();
        LearningRate schedule = config.learningRate(plan.steps(0), plan.totalSteps);
        plan.schedule = schedule;
        Regularization regularization = config.regularization(spec);
        List<EpochReport> reports = new ArrayList<>();
        listener.onStart(plan, state);
        String stop = "completed " + plan.epochs() + " epochs";
        boolean interrupted = false;
        while (state.epoch < plan.epochs() && !interrupted) {
            int steps = plan.steps(state.epoch);
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
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
                listener.onStep(new StepReport(at, rate, g.lossSum / g.count, g.count, norm,
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
                stop = "reached max-steps = " + config.maxSteps;
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
                    : lossSum / seen, validation, rate, System.nanoTime() - epochStart, validationNanos, seen, best);
            state.epoch++;
            state.stepInEpoch = 0;
            reports.add(report);
            listener.onEpoch(report, state);
            if (listener.stopRequested()) {
                stop = "stopped by request after epoch " + state.epoch;
                break;
            }
            if (config.patience > 0 && state.epochsSinceBest >= config.patience) {
                stop = String.format(Locale.ROOT, "early stopping: validation %s did not improve for %d epochs "
                        + "(best %.6g at epoch %d)", config.earlyStopMetric, config.patience, state.bestMetric,
                        state.bestEpoch);
                break;
            }
        }
        float[] keep = config.patience > 0 && state.bestParams != null ? state.bestParams : state.params;
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
        float inv = (float) (1.0 / g.count);
        Kernels.scale(g.gradient, 0, g.gradient.length, inv);
        double norm = Math.sqrt(Kernels.sumOfSquares(g.gradient, 0, g.gradient.length));
        double loss = g.lossSum / g.count;
        if (!Double.isFinite(g.lossSum) || !Double.isFinite(norm)) {
            throw diverged(at, state, (Double.isFinite(g.lossSum) ? "gradient norm is " + norm : "loss is " + loss));
        }
        if (Double.isNaN(state.referenceLoss)) {
            state.referenceLoss = loss;
        } else if (config.divergenceFactor > 0 && loss > config.divergenceFactor * Math.max(1, state.referenceLoss)) {
            throw diverged(at, state, String.format(Locale.ROOT, "loss %.4g is more than divergence-factor = %s times "
                    + "the first step's %.4g", loss, config.divergenceFactor, Math.max(1, state.referenceLoss)));
        }
        if (config.clipNorm > 0 && norm > config.clipNorm) {
            Kernels.scale(g.gradient, 0, g.gradient.length, (float) (config.clipNorm / norm));
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
        double value = validation.metric(config.earlyStopMetric);
        boolean higher = Evaluation.higherIsBetter(config.earlyStopMetric);
        boolean better = Double.isNaN(state.bestMetric) || (higher ? value > state.bestMetric : value < state.bestMetric);
        if (better) {
            state.bestMetric = value;
            state.bestEpoch = state.epoch + 1;
            state.epochsSinceBest = 0;
            if (config.patience > 0) {
                state.bestParams = state.params.clone();
            }
        } else {
            state.epochsSinceBest++;
        }
        return better;
    }
}
