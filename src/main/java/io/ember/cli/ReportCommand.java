package io.ember.cli;

import io.ember.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write (or rewrite) RUN_DIR/report.html: a self-contained page with the run's loss and metric "
                + "charts, learning rate and step time, confusion matrix, configuration and timings.")
final class ReportCommand extends PrintingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run folder (the output of ember train)")
    String runDir;

    @Override
    public Integer call() throws Exception {
        out.println("report written to " + RunReport.write(runDir, io.ember.Keys.defaults()));
        return 0;
    }
}
