package io.ember.optim;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.Setting.Range;
import io.ember.config.SettingSet;

import java.util.List;

/**
 * The learning-rate schedules. Every length is in optimizer steps. Formulas (t = step, 0-based):
 * <ul>
 *   <li>constant: {@code lr}</li>
 *   <li>step: {@code lr * gamma^floor(t / stepSize)} (PyTorch StepLR)</li>
 *   <li>exponential: {@code lr * gamma^t} (PyTorch ExponentialLR)</li>
 *   <li>cyclical (Smith 2017): {@code cycle = floor(1 + t / (2 s))}, {@code x = |t / s - 2 cycle + 1|},
 *       {@code lr + (maxLr - lr) * max(0, 1 - x) * scale}, with scale 1 (triangular),
 *       {@code 1 / 2^(cycle - 1)} (triangular2) or {@code gamma^t} (exp_range)</li>
 *   <li>cosine: {@code minLr + (lr - minLr) * (1 + cos(pi * min(t, T) / T)) / 2}</li>
 *   <li>warm-up W composes with any of them: {@code inner(t) * min(1, (t + 1) / W)}</li>
 * </ul>
 */
public final class Schedules {
    private static final String GROUP = "schedule";

    private Schedules() {
    }

    /** The schedules there are. */
    public enum Kind { CONSTANT, STEP, EXPONENTIAL, CYCLICAL, COSINE }

    public enum CyclicalMode { TRIANGULAR, TRIANGULAR2, EXP_RANGE }

    public static final Setting<Double> LR = Setting.real("lr", "optimizer", "0.001", Range.positive(),
            "base learning rate", Schedules.class);
    public static final Setting<Kind> SCHEDULE = Setting.choice("schedule", GROUP, Kind.class, Kind.CONSTANT,
            "learning-rate schedule: constant, step, exponential, cyclical, cosine", Schedules.class);
    /** Null: the schedule's own default. */
    public static final Setting<Double> GAMMA = Setting.of("gamma", GROUP, "", Double.class,
            t -> t.isEmpty() ? null : gamma(t), "in (0, 1]; step: factor per step-size (default 0.1); exponential: "
                    + "factor per step (default 0.999); cyclical exp_range: factor per step (default 0.9999)",
            Schedules.class);
    public static final Setting<StepLength> STEP_SIZE = Setting.of("step-size", GROUP, "1 epochs", StepLength.class,
            StepLength::parse, "step: steps between decays; cyclical: steps per half cycle (a number of steps, or "
                    + "'N epochs')", Schedules.class);
    /** Null: 10 x lr. */
    public static final Setting<Double> MAX_LR = Setting.optionalReal("max-lr", GROUP, Range.positive(),
            "cyclical: upper learning rate (default 10 x lr)", Schedules.class);
    public static final Setting<CyclicalMode> CYCLE_MODE = Setting.choice("cycle-mode", GROUP, CyclicalMode.class,
            CyclicalMode.TRIANGULAR, "cyclical: triangular, triangular2 or exp_range", Schedules.class);
    public static final Setting<Double> MIN_LR = Setting.real("min-lr", GROUP, "0", Range.atLeast(0),
            "cosine: final learning rate", Schedules.class);
    /** Null: the whole run. */
    public static final Setting<StepLength> PERIOD = Setting.of("period", GROUP, "", StepLength.class,
            t -> t.isEmpty() ? null : StepLength.parse(t), "cosine: steps to anneal over, or 'N epochs' (default: "
                    + "the whole run)", Schedules.class);
    public static final Setting<StepLength> WARMUP = Setting.of("warmup", GROUP, "0", StepLength.class,
            StepLength::parse, "linear warm-up length in steps, or 'N epochs'; multiplies any schedule",
            Schedules.class);

    /** The schedule settings (lr with them), in table order, and their rules. */
    static final SettingSet ALL = SettingSet.of(List.of(SCHEDULE, GAMMA, STEP_SIZE, MAX_LR, CYCLE_MODE, MIN_LR, PERIOD,
            WARMUP), List.of(c -> {
                Double max = c.get(MAX_LR);
                if (max != null && max < c.get(LR)) {
                    throw c.fail(MAX_LR, "max-lr must be >= lr (" + c.get(LR) + ")");
                }
                if (c.get(MIN_LR) > c.get(LR)) {
                    throw c.fail(MIN_LR, "min-lr must be <= lr (" + c.get(LR) + ")");
                }
            }));

    private static double gamma(String t) {
        double g = Range.positive().parse(t);
        if (g > 1) {
            throw new IllegalArgumentException("must be in (0, 1]: a factor above 1 makes the learning rate grow "
                    + "without bound");
        }
        return g;
    }

    /** The highest learning rate the configured schedule reaches (cyclical: max-lr, else lr). */
    public static double peak(Config c) {
        if (c.get(SCHEDULE) != Kind.CYCLICAL) {
            return c.get(LR);
        }
        return c.get(MAX_LR) != null ? c.get(MAX_LR) : 10 * c.get(LR);
    }

    /**
     * The configured schedule for a run: lengths given in epochs count that run's own steps per epoch.
     *
     * @param c   the configuration
     * @param run the run's steps per epoch and in all
     * @return the learning rate of every step
     */
    public static LearningRate of(Config c, StepLength.EpochSteps run) {
        double lr = c.get(LR);
        Double gamma = c.get(GAMMA);
        LearningRate base;
        switch (c.get(SCHEDULE)) {
            case CONSTANT:
                base = constant(lr);
                break;
            case STEP:
                base = step(lr, gamma != null ? gamma : 0.1, atLeastOne(c.get(STEP_SIZE).steps(run)));
                break;
            case EXPONENTIAL:
                base = exponential(lr, gamma != null ? gamma : 0.999);
                break;
            case CYCLICAL:
                base = cyclical(lr, peak(c), atLeastOne(c.get(STEP_SIZE).steps(run)), c.get(CYCLE_MODE),
                        gamma != null ? gamma : 0.9999);
                break;
            case COSINE:
                StepLength period = c.get(PERIOD);
                base = cosine(lr, c.get(MIN_LR), atLeastOne(period != null ? period.steps(run) : run.totalSteps()));
                break;
            default:
                throw new AssertionError(c.get(SCHEDULE));
        }
        return warmup(base, c.get(WARMUP).steps(run));
    }

    private static long atLeastOne(long steps) {
        return Math.max(1, steps);
    }

    public static LearningRate constant(double lr) {
        positive("lr", lr);
        return new LearningRate() {
            @Override
            public double at(long t) {
                return lr;
            }

            @Override
            public String toString() {
                return "constant(lr=" + lr + ")";
            }
        };
    }

    public static LearningRate step(double lr, double gamma, long stepSize) {
        positive("lr", lr);
        positive("gamma", gamma);
        atLeastOne("step size", stepSize);
        return new LearningRate() {
            @Override
            public double at(long t) {
                return lr * Math.pow(gamma, Math.floorDiv(t, stepSize));
            }

            @Override
            public String toString() {
                return "step(lr=" + lr + ", gamma=" + gamma + ", step_size=" + stepSize + ")";
            }
        };
    }

    public static LearningRate exponential(double lr, double gamma) {
        positive("lr", lr);
        positive("gamma", gamma);
        return new LearningRate() {
            @Override
            public double at(long t) {
                return lr * Math.pow(gamma, t);
            }

            @Override
            public String toString() {
                return "exponential(lr=" + lr + ", gamma=" + gamma + ")";
            }
        };
    }

    /** Smith's cyclical learning rate between {@code lr} and {@code maxLr}, half-cycle {@code stepSize}. */
    public static LearningRate cyclical(double lr, double maxLr, long stepSize, CyclicalMode mode, double gamma) {
        positive("lr", lr);
        if (!(maxLr >= lr)) {
            throw new IllegalArgumentException("cyclical schedule needs max-lr >= lr, got max-lr=" + maxLr
                    + " lr=" + lr);
        }
        atLeastOne("cycle step size", stepSize);
        positive("gamma", gamma);
        return new LearningRate() {
            @Override
            public double at(long t) {
                double cycle = Math.floor(1 + t / (2.0 * stepSize));
                double x = Math.abs((double) t / stepSize - 2 * cycle + 1);
                double scale;
                switch (mode) {
                    case TRIANGULAR: scale = 1; break;
                    case TRIANGULAR2: scale = 1 / Math.pow(2, cycle - 1); break;
                    default: scale = Math.pow(gamma, t);
                }
                return lr + (maxLr - lr) * Math.max(0, 1 - x) * scale;
            }

            @Override
            public String toString() {
                return "cyclical(mode=" + mode.name().toLowerCase() + ", lr=" + lr + ", max_lr=" + maxLr
                        + ", step_size=" + stepSize + (mode == CyclicalMode.EXP_RANGE ? ", gamma=" + gamma : "") + ")";
            }
        };
    }

    /** Cosine annealing from {@code lr} to {@code minLr} over {@code period} steps, then {@code minLr}. */
    public static LearningRate cosine(double lr, double minLr, long period) {
        positive("lr", lr);
        if (!(minLr >= 0 && minLr <= lr)) {
            throw new IllegalArgumentException("cosine schedule needs 0 <= min-lr <= lr, got min-lr=" + minLr);
        }
        atLeastOne("cosine period", period);
        return new LearningRate() {
            @Override
            public double at(long t) {
                double progress = Math.min(t, period) / (double) period;
                return minLr + (lr - minLr) * (1 + Math.cos(Math.PI * progress)) / 2;
            }

            @Override
            public String toString() {
                return "cosine(lr=" + lr + ", min_lr=" + minLr + ", period=" + period + ")";
            }
        };
    }

    /** Linear warm-up over {@code steps} steps multiplying {@code inner}; {@code steps = 0} returns inner. */
    public static LearningRate warmup(LearningRate inner, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + steps);
        }
        if (steps == 0) {
            return inner;
        }
        return new LearningRate() {
            @Override
            public double at(long t) {
                return inner.at(t) * Math.min(1.0, (t + 1) / (double) steps);
            }

            @Override
            public String toString() {
                return "warmup(steps=" + steps + ", then " + inner + ")";
            }
        };
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + v);
        }
    }

    private static void atLeastOne(String what, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 step, got " + v);
        }
    }
}
