package io.ember.cli;

import io.ember.train.EpochReport;
import io.ember.train.StepReport;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingPlan;
import io.ember.train.TrainingState;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress for people: on a terminal one status line per epoch redrawn in place (steps, examples/s,
 * loss, learning rate, ETA) at most five times a second; in a log or CI only plain lines, one per
 * epoch, with no control characters. Each finished epoch prints its summary line.
 */
final class ConsoleProgress implements TrainingListener {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private TrainingPlan plan;
    private long epochStart;
    private long epochExamples;
    private long lastDraw;
    private double smoothLoss = Double.NaN;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** True when standard output is an interactive terminal. */
    static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void onStart(TrainingPlan p, TrainingState state) {
        plan = p;
        epochStart = System.nanoTime();
        out.printf(Locale.ROOT, "plan: %d epochs of %d steps (global batch %d), %d steps in all; schedule %s%n",
                p.epochs(), p.steps(0), p.batch(0), p.totalSteps, p.schedule());
        if (state.globalStep > 0) {
            out.printf(Locale.ROOT, "resuming at epoch %d, step %d (global step %d)%n", state.epoch + 1,
                    state.stepInEpoch + 1, state.globalStep);
        }
    }

    @Override
    public void onStep(StepReport r, TrainingState state) {
        if (r.at().stepInEpoch == 0) {
            epochStart = System.nanoTime() - r.stepNanos();
            epochExamples = 0;
            smoothLoss = Double.NaN;
        }
        epochExamples += r.examples();
        smoothLoss = Double.isNaN(smoothLoss) ? r.loss() : 0.9 * smoothLoss + 0.1 * r.loss();
        long now = System.nanoTime();
        boolean last = r.at().stepInEpoch + 1 == r.at().stepsInEpoch;
        if (!terminal || last || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - epochStart) / 1e9;
        int done = r.at().stepInEpoch + 1;
        double eta = elapsed / done * (r.at().stepsInEpoch - done);
        out.print(String.format(Locale.ROOT, "\r\033[Kepoch %d/%d %s %d/%d  %,.0f ex/s  loss %.4f  lr %.2e  ETA %s",
                r.at().epoch + 1, plan.epochs(), bar(done, r.at().stepsInEpoch), done, r.at().stepsInEpoch,
                epochExamples / elapsed, smoothLoss, r.learningRate(), clock(eta)));
        out.flush();
    }

    @Override
    public void onEpoch(EpochReport e, TrainingState state) {
        if (terminal) {
            out.print("\r\033[K");
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f",
                e.epoch() + 1, e.epochs(), e.trainLoss()));
        if (e.validation() != null) {
            line.append("  validation ").append(e.validation().oneLine()).append(e.best() ? " *" : "");
        }
        line.append(String.format(Locale.ROOT, "  lr %.2e  %.1f s  %,.0f ex/s", e.learningRate(), e.nanos() / 1e9,
                e.examplesPerSecond()));
        out.println(line);
        out.flush();
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = (int) ((long) width * done / total);
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
