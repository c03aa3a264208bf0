package io.ember.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * scripts/bench-scale's model: fits the README's per-step cost model to the measured loopback rows
 * (non-negative least squares; relative errors for times), prints the constants and every row's
 * residual, checks the link-limited rows against the bytes they moved, and projects the step time
 * and the weak-scaling efficiency to N = 16 ... 256 executors, with the compute term from the
 * benchmark's measured rate. The projection is a model, not a measurement, and says so.
 *
 * <p>The terms, per step: a constant; a broadcast created (any kind but the empty job); each task
 * launched; each MB of parameters delivered to an executor (N x parameter MB); each MB of results
 * reaching the driver; each extra tree level (a shuffle stage); each MB through the shuffle.
 */
@Command(name = "bench-scale-model", mixinStandardHelpOptions = true,
        description = "Fit and project the step cost model from scripts/bench-scale's results.")
final class ScaleModel implements Callable<Integer> {
    /** README, Performance: warm compute 13.4 and 14.0 ms per step (batch 2048, 2 threads, 784-256-128-10). */
    static final double COMPUTE_MS = (13.4 + 14.0) / 2;
    /** Parameters of that network. */
    static final int COMPUTE_PARAMETERS = 235_146;

    static final String[] TERMS = {"per step", "per broadcast created", "per task", "per MB broadcast to an executor",
            "per MB of results at the driver", "per extra tree level", "per MB through the shuffle"};

    @Option(names = "--results", description = "scripts/bench-scale's results (default: ${DEFAULT-VALUE})")
    Path results = Path.of("target/bench-scale/results.tsv");

    @Option(names = "--link-gbits", split = ",", description = "link rates of the projection, Gb/s (default: "
            + "${DEFAULT-VALUE})")
    List<Double> linkGbits = List.of(10.0, 1.0);

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleModel()).execute(args));
    }

    /** The tasks, results and levels of one step's job at {@code depth}, as TreeSum runs it. */
    record Shape(int tasks, int results, int levels, int shuffled, int fanIn) {
        static Shape of(int executors, int depth) {
            int fanIn = Math.max(2, (int) Math.ceil(Math.pow(executors, 1.0 / depth)));
            int groups = executors;
            int tasks = executors;
            int shuffled = 0;
            int levels = 0;
            for (int d = 1; d < depth && groups > 1; d++) {
                shuffled += groups;
                groups = (groups + fanIn - 1) / fanIn;
                tasks += groups;
                levels++;
            }
            return new Shape(tasks, groups, levels, shuffled, fanIn);
        }
    }

    /** The model's terms for one job: {@code kind} at {@code executors}, {@code mb} MB of parameters, {@code depth}. */
    static double[] terms(String kind, int executors, double mb, int depth) {
        Shape s = Shape.of(executors, depth);
        double broadcastMb = kind.equals("bcast") || kind.equals("step") ? mb : 0;
        double resultMb = kind.equals("result") || kind.equals("step") ? mb : 0;
        return new double[] {1, kind.equals("empty") ? 0 : 1, s.tasks, executors * broadcastMb,
                s.results * resultMb, s.levels, s.shuffled * resultMb};
    }

    /** A fit of one measured quantity: its coefficients (one per term) and the rows' fitted values. */
    record Fit(String name, double[] coefficients, double[] measured, double[] fitted) {
        static Fit of(String name, double[][] x, double[] y, boolean relative) {
            double[][] xw = new double[x.length][];
            double[] yw = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                double w = relative ? 1 / Math.max(Math.abs(y[i]), 1e-9) : 1;
                xw[i] = new double[x[i].length];
                for (int j = 0; j < x[i].length; j++) {
                    xw[i][j] = x[i][j] * w;
                }
                yw[i] = y[i] * w;
            }
            double[] b = NonNegativeLeastSquares.solve(xw, yw);
            return new Fit(name, b, y, NonNegativeLeastSquares.apply(x, b));
        }

        double predict(double[] terms) {
            double s = 0;
            for (int j = 0; j < terms.length; j++) {
                s += terms[j] * coefficients[j];
            }
            return s;
        }

        /** Root mean square of the relative residuals. */
        double rmsRelative() {
            double s = 0;
            for (int i = 0; i < measured.length; i++) {
                double r = (fitted[i] - measured[i]) / measured[i];
                s += r * r;
            }
            return Math.sqrt(s / measured.length);
        }
    }

    /** The five fits over the same rows. */
    record Model(List<ScaleRow> rows, Fit wall, Fit driverCpu, Fit executorCpu, Fit driverOut, Fit driverIn) {
        static Model fit(List<ScaleRow> rows) {
            double[][] x = rows.stream().map(r -> terms(r.kind(), r.executors(), r.megabytes(), r.depth()))
                    .toArray(double[][]::new);
            return new Model(rows,
                    Fit.of("wall ms", x, rows.stream().mapToDouble(ScaleRow::medianMs).toArray(), true),
                    Fit.of("driver CPU ms", x, rows.stream().mapToDouble(ScaleRow::driverCpuMs).toArray(), true),
                    Fit.of("executor CPU ms", x, rows.stream().mapToDouble(ScaleRow::executorCpuMs).toArray(), true),
                    Fit.of("driver out MB", x, rows.stream().mapToDouble(ScaleRow::writtenMb).toArray(), false),
                    Fit.of("driver in MB", x, rows.stream().mapToDouble(ScaleRow::readMb).toArray(), false));
        }
    }

    /** One projected step: its parts in ms and the weak-scaling efficiency against one executor. */
    record Projection(int executors, int depth, double computeMs, double executorMs, double driverCpuMs,
                      double linkMs, double efficiency) {
        double totalMs() {
            return computeMs + executorMs + driverCpuMs + linkMs;
        }

        double driverMs() {
            return driverCpuMs + linkMs;
        }
    }

    /**
     * A step on a cluster: executors of 2 cores computing 2048 examples each (weak scaling) at the
     * benchmark's rate, on links of {@code gbits}; the driver's CPU and bytes from the fits, the
     * executor's own CPU on the critical path (a map task, then a reduce task per level, each with its
     * share of the executor fit), and the transfers through the driver's link and each level's
     * reducer link, one after another.
     */
    static Projection project(Model m, int parameters, int executors, int depth, double gbits) {
        double mb = parameters * 4 / 1e6;
        Shape s = Shape.of(executors, depth);
        double[] t = terms("step", executors, mb, depth);
        double computeMs = COMPUTE_MS * parameters / COMPUTE_PARAMETERS;
        double[] e = m.executorCpu().coefficients();
        double map = e[2] + e[3] * mb + (s.levels == 0 ? e[4] * mb : e[6] * mb / 2);
        double reduce = s.levels == 0 ? 0 : s.levels * (e[5] + e[2] + e[6] * s.fanIn * mb / 2) + e[4] * mb
                + (s.levels - 1) * e[6] * mb / 2;
        double executorMs = e[0] + e[1] + map + reduce;
        double driverCpuMs = m.driverCpu().predict(t);
        double msPerMb = 8 / gbits;  // 1 MB at gbits Gb/s, in ms
        double linkMs = (m.driverOut().predict(t) + m.driverIn().predict(t)) * msPerMb
                + s.levels * s.fanIn * mb * msPerMb;
        double one = computeMs + oneExecutor(m, parameters, gbits);
        double total = computeMs + executorMs + driverCpuMs + linkMs;
        return new Projection(executors, depth, computeMs, executorMs, driverCpuMs, linkMs, one / total);
    }

    private static double oneExecutor(Model m, int parameters, double gbits) {
        double mb = parameters * 4 / 1e6;
        double[] t = terms("step", 1, mb, 1);
        double[] e = m.executorCpu().coefficients();
        return e[0] + e[1] + e[2] + e[3] * mb + e[4] * mb + m.driverCpu().predict(t)
                + (m.driverOut().predict(t) + m.driverIn().predict(t)) * 8 / gbits;
    }

    @Override
    public Integer call() throws Exception {
        List<ScaleRow> all = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (line.startsWith("#")) {
                System.out.println("model: run" + line.substring(1));
            } else if (!line.isBlank()) {
                all.add(ScaleRow.parse(line));
            }
        }
        List<ScaleRow> loopback = all.stream().filter(r -> r.link().equals("loopback")).toList();
        long sizes = loopback.stream().filter(r -> !r.kind().equals("empty")).map(ScaleRow::parameters).distinct()
                .count();
        long counts = loopback.stream().map(ScaleRow::executors).distinct().count();
        if (loopback.size() < 2 * TERMS.length || counts < 3 || sizes < 1) {
            System.out.printf(Locale.ROOT, "model: not fitted: %d loopback rows at %d executor counts (needs at least "
                    + "%d rows and 3 executor counts)%n", loopback.size(), counts, 2 * TERMS.length);
            return 0;
        }
        Model m = Model.fit(loopback);
        printShapes(loopback);
        printConstants(m);
        printResiduals(m);
        printBroadcastShare(loopback);
        printLinkCheck(m, all);
        for (double g : linkGbits) {
            printProjection(m, loopback, g);
        }
        return 0;
    }

    private static void printShapes(List<ScaleRow> rows) {
        for (ScaleRow r : rows) {
            Shape s = Shape.of(r.executors(), r.depth());
            if (Math.abs(r.tasks() - s.tasks) > 0.01 || Math.abs(r.results() - s.results) > 0.01) {
                System.out.printf(Locale.ROOT, "model: warning: N=%d depth %d ran %.2f tasks and %.2f results per step,"
                        + " the model counts %d and %d%n", r.executors(), r.depth(), r.tasks(), r.results(), s.tasks,
                        s.results);
            }
        }
    }

    private static void printConstants(Model m) {
        System.out.println();
        System.out.println("== fitted model (MEASURED on this machine: loopback rows, non-negative least squares; "
                + "times fitted by relative error)");
        System.out.printf(Locale.ROOT, "%-34s %10s %13s %15s %13s %12s%n", "term", "wall ms", "driver CPU ms",
                "executor CPU ms", "driver out MB", "driver in MB");
        Fit[] fits = {m.wall(), m.driverCpu(), m.executorCpu(), m.driverOut(), m.driverIn()};
        for (int j = 0; j < TERMS.length; j++) {
            System.out.printf(Locale.ROOT, "%-34s %10.4f %13.4f %15.4f %13.4f %12.4f%n", TERMS[j],
                    fits[0].coefficients()[j], fits[1].coefficients()[j], fits[2].coefficients()[j],
                    fits[3].coefficients()[j], fits[4].coefficients()[j]);
        }
        System.out.printf(Locale.ROOT, "%-34s %9.1f%% %12.1f%% %14.1f%% %12.1f%% %11.1f%%%n",
                "rms relative residual", 100 * fits[0].rmsRelative(), 100 * fits[1].rmsRelative(),
                100 * fits[2].rmsRelative(), 100 * fits[3].rmsRelative(), 100 * fits[4].rmsRelative());
    }

    private static void printResiduals(Model m) {
        System.out.println();
        System.out.println("== residuals (measured, fitted, relative residual)");
        System.out.printf(Locale.ROOT, "%3s %-6s %5s %2s | %25s | %25s | %25s | %15s | %15s%n", "N", "kind", "MB", "d",
                "wall ms", "driver CPU ms", "executor CPU ms", "driver out MB", "driver in MB");
        for (int i = 0; i < m.rows().size(); i++) {
            ScaleRow r = m.rows().get(i);
            System.out.printf(Locale.ROOT, "%3d %-6s %5.2f %2d | %s | %s | %s | %7.3f %7.3f | %7.3f %7.3f%n",
                    r.executors(), r.kind(), r.megabytes(), r.depth(), cell(m.wall(), i), cell(m.driverCpu(), i),
                    cell(m.executorCpu(), i), m.driverOut().measured()[i], m.driverOut().fitted()[i],
                    m.driverIn().measured()[i], m.driverIn().fitted()[i]);
        }
    }

    /**
     * The share of the executors' copies of the parameters that the driver sent itself (TorrentBroadcast lets
     * executors fetch pieces from each other): (driver's bytes out of the bcast job - the empty job's) / (N x MB).
     */
    private static void printBroadcastShare(List<ScaleRow> rows) {
        Map<Integer, ScaleRow> empty = new TreeMap<>();
        rows.stream().filter(r -> r.kind().equals("empty")).forEach(r -> empty.put(r.executors(), r));
        List<ScaleRow> bcast = rows.stream().filter(r -> r.kind().equals("bcast") && empty.containsKey(r.executors()))
                .toList();
        if (bcast.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("== share of the executors' parameter copies the driver sent (MEASURED: bcast job's "
                + "driver bytes out less the empty job's, over N x MB)");
        int[] sizes = bcast.stream().mapToInt(ScaleRow::parameters).distinct().sorted().toArray();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%4s", "N"));
        for (int p : sizes) {
            head.append(String.format(Locale.ROOT, " %9.2f MB", p * 4 / 1e6));
        }
        System.out.println(head);
        for (int n : empty.keySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d", n));
            for (int p : sizes) {
                ScaleRow r = bcast.stream().filter(b -> b.executors() == n && b.parameters() == p).findFirst()
                        .orElse(null);
                line.append(r == null ? String.format(Locale.ROOT, " %12s", "-") : String.format(Locale.ROOT,
                        " %11.0f%%", 100 * (r.writtenMb() - empty.get(n).writtenMb()) / (n * r.megabytes())));
            }
            System.out.println(line);
        }
    }

    private static String cell(Fit f, int i) {
        double y = f.measured()[i];
        double fit = f.fitted()[i];
        return String.format(Locale.ROOT, "%8.2f %8.2f %+6.0f%%", y, fit, 100 * (fit - y) / y);
    }

    /** The rate-limited rows against the loopback ones: does the time added match the bytes over the rate? */
    private static void printLinkCheck(Model m, List<ScaleRow> all) {
        List<ScaleRow> limited = all.stream().filter(r -> !r.link().equals("loopback")).toList();
        if (limited.isEmpty()) {
            return;
        }
        Map<String, ScaleRow> loopback = new TreeMap<>();
        for (ScaleRow r : m.rows()) {
            loopback.put(r.executors() + "/" + r.kind() + "/" + r.parameters() + "/" + r.depth(), r);
        }
        System.out.println();
        System.out.println("== driver link rate-limited (MEASURED): time added over loopback against the bytes "
                + "through the driver's interface at the link rate");
        System.out.printf(Locale.ROOT, "%-9s %3s %5s %2s %10s %10s %10s %9s %9s %12s%n", "link", "N", "MB", "d",
                "median ms", "loopback", "added", "if-tx MB", "if-rx MB", "bytes/rate");
        for (ScaleRow r : limited) {
            ScaleRow base = loopback.get(r.executors() + "/" + r.kind() + "/" + r.parameters() + "/" + r.depth());
            double gbits = Double.parseDouble(r.link().replaceAll("[mg]bit$", ""))
                    * (r.link().endsWith("mbit") ? 1e-3 : 1);
            double transfer = Math.max(r.ifaceTxMb(), 0) * 8 / gbits + Math.max(r.ifaceRxMb(), 0) * 8 / gbits;
            System.out.printf(Locale.ROOT, "%-9s %3d %5.2f %2d %10.2f %10s %10s %9.3f %9.3f %12.2f%n", r.link(),
                    r.executors(), r.megabytes(), r.depth(), r.medianMs(),
                    base == null ? "-" : String.format(Locale.ROOT, "%.2f", base.medianMs()),
                    base == null ? "-" : String.format(Locale.ROOT, "%+.2f", r.medianMs() - base.medianMs()),
                    r.ifaceTxMb(), r.ifaceRxMb(), transfer);
        }
    }

    private static void printProjection(Model m, List<ScaleRow> rows, double gbits) {
        System.out.println();
        System.out.printf(Locale.ROOT, "== PROJECTION (a model, not a measurement): executors of 2 cores computing 2048 "
                + "examples each (weak scaling) at the benchmark's rate (%.1f ms for %,d parameters), links of %s Gb/s%n",
                COMPUTE_MS, COMPUTE_PARAMETERS, fmt(gbits));
        System.out.printf(Locale.ROOT, "   (the driver sends %.0f%% of the executors' parameter copies and receives every "
                + "result of the last level, as fitted above; its CPU as fitted, taken as serial; an executor's CPU on "
                + "the critical path from the executor fit)%n", 100 * m.driverOut().coefficients()[3]);
        System.out.printf(Locale.ROOT, "%10s %5s %2s %4s %9s %8s %9s %10s %9s %6s%n", "params", "MB", "d", "N", "step ms",
                "compute", "executor", "driver-cpu", "drv-link", "eff");
        int[] sizes = rows.stream().filter(r -> !r.kind().equals("empty")).mapToInt(ScaleRow::parameters).distinct()
                .sorted().toArray();
        List<String> notes = new ArrayList<>();
        for (int p : sizes) {
            for (int d = 1; d <= 3; d++) {
                for (int n = 16; n <= 256; n *= 2) {
                    Projection q = project(m, p, n, d, gbits);
                    System.out.printf(Locale.ROOT, "%,10d %5.2f %2d %4d %9.1f %8.1f %9.1f %10.1f %9.1f %5.0f%%%n", p,
                            p * 4 / 1e6, d, n, q.totalMs(), q.computeMs, q.executorMs, q.driverCpuMs, q.linkMs,
                            100 * q.efficiency);
                }
            }
            notes.add(summary(m, p, gbits));
        }
        notes.forEach(System.out::println);
    }

    /** Where the driver's part passes the executors' part, and the best depth at each N. */
    private static String summary(Model m, int parameters, double gbits) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d parameters at %s Gb/s: ", parameters,
                fmt(gbits)));
        int bottleneck = -1;
        for (int n = 1; n <= 4096 && bottleneck < 0; n *= 2) {
            Projection best = bestDepth(m, parameters, n, gbits);
            if (best.driverMs() > best.computeMs + best.executorMs) {
                bottleneck = n;
            }
        }
        sb.append(bottleneck < 0 ? "the driver's part stays below the executors' up to 4096 executors"
                : "the driver's part (CPU + its link) exceeds the executors' (compute + overhead) from N = " + bottleneck
                + " at the best depth");
        sb.append("; best depth by N:");
        for (int n = 2; n <= 256; n *= 2) {
            Projection best = bestDepth(m, parameters, n, gbits);
            sb.append(String.format(Locale.ROOT, " %d:%d (%.0f%%)", n, best.depth, 100 * best.efficiency));
        }
        return sb.toString();
    }

    private static Projection bestDepth(Model m, int parameters, int n, double gbits) {
        Projection best = null;
        for (int d = 1; d <= 3; d++) {
            Projection q = project(m, parameters, n, d, gbits);
            if (best == null || q.totalMs() < best.totalMs() - 1e-9) {
                best = q;
            }
        }
        return best;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
