package io.ember.bench;

import java.util.Locale;

/**
 * One measured case of scripts/bench-scale, per step: wall time (median, 10th and 90th percentile),
 * Spark's task, result and job counts, the driver's and the executors' CPU, the bytes the driver
 * received as task results (Spark's resultSize), the shuffle bytes written, the driver JVM's bytes
 * through read and write system calls (/proc/self/io rchar and wchar: sockets, and files if any),
 * the bytes through the driver's own network interface when it has one (else -1), and the
 * machine's busy cores, in all and not counting this application's driver and executors.
 *
 * @param link          label of the driver's link
 * @param executors     executors (one core, one cached block each)
 * @param kind          empty, bcast, result or step
 * @param parameters    floats broadcast and/or returned per task
 * @param depth         tree depth of the aggregation
 * @param steps         steps measured
 * @param medianMs      median step
 * @param p10Ms         10th percentile
 * @param p90Ms         90th percentile
 * @param tasks         tasks per step
 * @param results       result tasks per step (results the driver adds)
 * @param jobs          jobs per step
 * @param driverCpuMs   driver JVM CPU per step
 * @param executorCpuMs all executor JVMs' CPU per step
 * @param resultMb      task results received by the driver per step (MB = 10^6 bytes)
 * @param shuffleMb     shuffle bytes written per step
 * @param readMb        driver JVM's rchar per step
 * @param writtenMb     driver JVM's wchar per step
 * @param ifaceRxMb     bytes received on the driver's interface per step, -1 if none
 * @param ifaceTxMb     bytes sent on the driver's interface per step, -1 if none
 * @param busyCores     machine's busy cores, all processes
 * @param otherCores    machine's busy cores less this application's driver and executors
 */
record ScaleRow(String link, int executors, String kind, int parameters, int depth, int steps, double medianMs,
                double p10Ms, double p90Ms, double tasks, double results, double jobs, double driverCpuMs,
                double executorCpuMs, double resultMb, double shuffleMb, double readMb, double writtenMb,
                double ifaceRxMb, double ifaceTxMb, double busyCores, double otherCores) {

    /** Megabytes (10^6 bytes) of a float vector of this many parameters. */
    double megabytes() {
        return parameters * 4 / 1e6;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-9s %3s %-6s %9s %5s %2s %5s %8s %8s %8s %5s %4s %8s %8s %7s %7s %7s %7s "
                        + "%7s %7s %5s %5s", "link", "N", "kind", "params", "MB", "d", "steps", "median", "p10", "p90",
                "tasks", "res", "drv-cpu", "exe-cpu", "in-res", "shuffle", "rchar", "wchar", "if-rx", "if-tx", "busy",
                "other");
    }

    String format() {
        return String.format(Locale.ROOT, "%-9s %3d %-6s %,9d %5.2f %2d %5d %8.2f %8.2f %8.2f %5.1f %4.1f %8.2f %8.2f "
                        + "%7.3f %7.2f %7.3f %7.3f %7s %7s %5.2f %5.2f", link, executors, kind, parameters, megabytes(),
                depth, steps, medianMs, p10Ms, p90Ms, tasks, results, driverCpuMs, executorCpuMs, resultMb, shuffleMb,
                readMb, writtenMb, ifaceRxMb < 0 ? "-" : String.format(Locale.ROOT, "%.3f", ifaceRxMb),
                ifaceTxMb < 0 ? "-" : String.format(Locale.ROOT, "%.3f", ifaceTxMb), busyCores, otherCores);
    }

    String tsv() {
        return String.join("\t", link, Integer.toString(executors), kind, Integer.toString(parameters),
                Integer.toString(depth), Integer.toString(steps), d(medianMs), d(p10Ms), d(p90Ms), d(tasks), d(results),
                d(jobs), d(driverCpuMs), d(executorCpuMs), d(resultMb), d(shuffleMb), d(readMb), d(writtenMb),
                d(ifaceRxMb), d(ifaceTxMb), d(busyCores), d(otherCores));
    }

    static ScaleRow parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 22) {
            throw new IllegalArgumentException("expected 22 tab-separated fields, got " + f.length + ": " + line);
        }
        double[] v = new double[22];
        for (int i = 5; i < 22; i++) {
            v[i] = Double.parseDouble(f[i]);
        }
        return new ScaleRow(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                (int) v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18],
                v[19], v[20], v[21]);
    }

    private static String d(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
