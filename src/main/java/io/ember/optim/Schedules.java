package io.ember.optim;

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
    private Schedules() {
    }

    public enum CyclicalMode { TRIANGULAR, TRIANGULAR2, EXP_RANGE }

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
