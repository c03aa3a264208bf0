package io.ember.cli;

import io.ember.data.DataException;
import io.ember.io.Version;
import io.ember.train.ConfigException;
import io.ember.train.TrainingDivergedException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code ember}: the command-line tool. Exit codes: 0 success, 1 training failed (diverged or an
 * unexpected error), 2 bad input (configuration, data or model files), with a message naming
 * the file, line, key or value.
 */
@Command(name = "ember", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Train feed-forward neural networks on Apache Spark.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InspectCommand.class,
                ReportCommand.class})
public final class Main {
    public static final int BAD_INPUT = 2;
    public static final int FAILED = 1;

    /**
     * {@code --verbose}, on the tool or any subcommand: Spark's INFO logs. The launcher scripts see
     * it too and then also pass the JVM's startup notices through (they hide the incubator-module one).
     */
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "show Spark's INFO logs and "
            + "the JVM's startup notices")
    void verbose(boolean on) {
        if (on) {
            Configurator.setRootLevel(Level.INFO);
        }
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs a command line; returns the exit code (for tests, in-process). */
    public static int run(PrintStream out, PrintStream err, String... args) {
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
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException || e instanceof DataException || e instanceof IOException
                    || e instanceof IllegalArgumentException) {
                err.println("ember: error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof TrainingDivergedException) {
                err.println("ember: " + e.getMessage());
                return FAILED;
            }
            Throwable cause = rootCause(e);
            if (cause instanceof DataException
                    || (cause instanceof IOException && !(cause instanceof java.io.ObjectStreamException))) {
                err.println("ember: error: " + cause.getMessage());
                return BAD_INPUT;
            }
            err.println("ember: failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        cmd.setParameterExceptionHandler((e, a) -> {
            err.println("ember: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            return BAD_INPUT;
        });
        return cmd.execute(args);
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
