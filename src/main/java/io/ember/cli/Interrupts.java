package io.ember.cli;

import io.ember.train.TrainingListener;
import sun.misc.Signal;

import java.io.PrintStream;

/**
 * Ctrl-C (SIGINT) and SIGTERM for a command-line run. The first signal asks the run to stop: a
 * training run finishes its current step, writes a checkpoint and says how to resume; before or
 * after training, the running Spark jobs are cancelled. A second signal stops the JVM at once.
 * Without this, the JVM's shutdown would stop Spark under a running job and print its traces.
 */
final class Interrupts {
    private static volatile Signal received;
    private static volatile boolean training;
    private static volatile Runnable cancel = () -> { };
    private static volatile PrintStream err = System.err;

    private Interrupts() {
    }

    /** Takes over SIGINT and SIGTERM for this JVM (command-line runs only). */
    static void install(PrintStream errors) {
        err = errors;
        received = null;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), Interrupts::handle);
            } catch (IllegalArgumentException e) {
                // the signal is reserved on this platform (or by the JVM's -Xrs): leave the default
            }
        }
    }

    private static void handle(Signal s) {
        if (received != null) {
            err.println("ember: " + s.getName() + " again: stopping now");
            Runtime.getRuntime().halt(exitCode(s));
        }
        received = s;
        if (training) {
            err.println("ember: SIG" + s.getName() + ": stopping after the current step and saving a checkpoint "
                    + "(send it again to stop at once)");
        } else {
            err.println("ember: SIG" + s.getName() + ": stopping (send it again to stop at once)");
            cancel.run();
        }
    }

    /** Forgets an earlier signal (each in-process command starts afresh). */
    static void reset() {
        received = null;
        training = false;
    }

    /** What cancels the running Spark work outside training (all jobs of the context). */
    static void onCancel(Runnable action) {
        cancel = action;
    }

    /** Whether a signal asked the command to stop. */
    static boolean requested() {
        return received != null;
    }

    /** The exit code for the signal received: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
    static int exitCode() {
        Signal s = received;
        return s == null ? Main.FAILED : exitCode(s);
    }

    private static int exitCode(Signal s) {
        return 128 + s.getNumber();
    }

    /** The signal's name, e.g. {@code SIGINT}. */
    static String name() {
        Signal s = received;
        return s == null ? "" : "SIG" + s.getName();
    }

    /** For tests: behave as if {@code signal} had been received once. */
    static void simulate(String signal) {
        handle(new Signal(signal));
    }

    /** A listener that interrupts training at the next step boundary once a signal came. */
    static TrainingListener duringTraining() {
        return new TrainingListener() {
            @Override
            public void onStart(io.ember.train.TrainingPlan plan, io.ember.train.TrainingState state) {
                training = true;
            }

            @Override
            public boolean interruptRequested() {
                return received != null;
            }
        };
    }

    /** Training ended (whatever way): signals cancel Spark work again. */
    static void trainingEnded() {
        training = false;
    }

    /** Throws when a signal asked to stop: called between the phases of a command. */
    static void checkpoint(String whatIsLost) {
        if (received != null) {
            throw new Stopped(name() + ": stopped " + whatIsLost);
        }
    }

    /** A command stopped by a signal; the message says what was (not) written. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message);
        }
    }
}
