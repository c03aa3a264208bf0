package io.ember.cli;

import io.ember.Keys;
import io.ember.config.ConfigException;
import io.ember.data.DataException;
import io.ember.io.Version;
import io.ember.train.ResourceException;
import io.ember.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ember}: the command-line tool. Exit codes: 0 success, 1 training failed (diverged or an
 * unexpected error), 2 bad input (configuration, data or model files), with a message naming
 * the file, line, key or value.
 */
@Command(name = "ember", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Train feed-forward neural networks on Apache Spark.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InspectCommand.class,
                ReportCommand.class, ExportCommand.class})
public final class Main {
    public static final int BAD_INPUT = 2;
    public static final int FAILED = 1;

    public static void main(String[] args) {
        Interrupts.install(System.err);
        System.exit(run(System.out, System.err, args));
    }

    /** Runs a command line; returns the exit code (for tests, in-process). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Interrupts.reset();
        CommandLine cmd = new CommandLine(new Main());
        TrainCommand.addConfigOptions(cmd.getSubcommands().get("train"));
        EvaluateCommand.addConfigOptions(cmd.getSubcommands().get("evaluate"));
        PredictCommand.addConfigOptions(cmd.getSubcommands().get("predict"));
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (sub.getCommand() instanceof OutputAware) {
                ((OutputAware) sub.getCommand()).setOutput(out);
            }
        }
        cmd.setExecutionExceptionHandler((e, line, parsed) -> handle(e, err));
        cmd.setParameterExceptionHandler((e, a) -> {
            String hint = "";
            if (e instanceof CommandLine.UnmatchedArgumentException) {
                hint = suggestion((CommandLine.UnmatchedArgumentException) e);
            }
            err.println("ember: " + e.getMessage() + hint + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cmd.execute(args);
    }

    /**
     * One line for every failure Ember understands, with its exit code: 2 for bad input (found before
     * anything is written), 1 for a failed run (diverged, a write that failed), 128 + N for a signal.
     * Only failures nobody foresaw print a stack trace.
     */
    static int handle(Exception e, PrintStream err) {
        if (Interrupts.requested()) {
            err.println("ember: " + (e instanceof Interrupts.Stopped ? e.getMessage()
                    : Interrupts.name() + ": stopped; nothing of this run was kept"));
            return Interrupts.exitCode();
        }
        if (e instanceof TrainingDivergedException) {
            err.println("ember: " + e.getMessage());
            return FAILED;
        }
        Throwable write = find(e, io.ember.io.WriteException.class);
        if (write != null) {
            err.println("ember: error: " + write.getMessage() + "; what was written before is unchanged");
            return FAILED;
        }
        if (find(e, OutOfMemoryError.class) != null) {
            err.println("ember: failed: out of memory (" + io.ember.io.FileIO.reason(e) + "); give the JVM more heap "
                    + "(EMBER_MEMORY for scripts/ember, --driver-memory / --executor-memory for spark-submit)");
            return FAILED;
        }
        if (e instanceof ConfigException || e instanceof DataException || e instanceof IOException
                || e instanceof IllegalArgumentException || e instanceof ResourceException) {
            err.println("ember: error: " + e.getMessage());
            return BAD_INPUT;
        }
        Throwable cause = rootCause(e);
        if (cause instanceof DataException || cause instanceof ResourceException
                || (cause instanceof IOException && !(cause instanceof java.io.ObjectStreamException))) {
            err.println("ember: error: " + cause.getMessage());
            return BAD_INPUT;
        }
        err.println("ember: failed: " + e);
        e.printStackTrace(err);
        return FAILED;
    }

    /** The first throwable of {@code type} in {@code t}'s cause chain, or null. */
    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /** " (did you mean --lr?)" for a mistyped option, from picocli's suggestions or the nearest configuration key. */
    private static String suggestion(CommandLine.UnmatchedArgumentException e) {
        for (String arg : e.getUnmatched()) {
            if (arg.startsWith("--")) {
                String key = Keys.ALL.closest(arg.substring(2).split("=", 2)[0]);
                if (key != null) {
                    return " (did you mean --" + key + "?)";
                }
            }
        }
        List<String> s = e.getSuggestions();
        return s != null && !s.isEmpty() ? " (did you mean " + s.get(0) + "?)" : "";
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** Commands that print to the tool's output stream. */
    interface OutputAware {
        void setOutput(PrintStream out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ember " + Version.EMBER};
        }
    }
}
