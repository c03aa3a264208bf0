package io.ember.cli;

import java.io.PrintStream;

/** A subcommand that prints to the tool's output stream (System.out, or a test's). */
abstract class PrintingCommand implements Main.OutputAware {
    PrintStream out = System.out;

    @Override
    public void setOutput(PrintStream out) {
        this.out = out;
    }
}
