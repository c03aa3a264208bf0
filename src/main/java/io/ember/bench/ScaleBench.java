package io.ember.bench;

import io.ember.data.DataBlock;
import io.ember.spark.CachedBlocks;
import io.ember.spark.SparkCallSite;
import io.ember.spark.SparkGradients;
import io.ember.spark.SparkSetup;
import io.ember.step.BatchGradient;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * scripts/bench-scale's Spark application: on a standalone cluster of N one-core executors, one
 * cached block per executor, it times the communication-only step (a step's Spark path with its
 * payload and no compute: {@link SparkFloor.Echo} through {@link SparkGradients#partSums} and
 * {@link SparkGradients#sumInOrder}) and its parts, and counts per step the driver's CPU, the
 * executors' CPU, the task results the driver received and the driver's bytes through read and
 * write system calls. One tab-separated line per case goes to {@code --out} (see {@link ScaleRow}).
 */
@Command(name = "bench-scale-driver", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The communication-only step on a standalone cluster (run by scripts/bench-scale).")
final class ScaleBench implements Callable<Integer> {
    private static final String CASE = "ember.scale.case";

    @Option(names = "--executors", required = true, description = "executors to wait for (one block each)")
    int executors;

    @Option(names = "--parameters", split = ",", description = "parameter counts (default: ${DEFAULT-VALUE})")
    List<Integer> parameters = List.of(50_890, 235_146, 2_000_000);

    @Option(names = "--depths", split = ",", description = "tree depths of the step case (default: ${DEFAULT-VALUE})")
    List<Integer> depths = List.of(1, 2);

    @Option(names = "--no-parts", description = "only the step, not also the broadcast-only, result-only and empty jobs")
    boolean noParts;

    @Option(names = "--steps", description = "measured steps per case at most (default: ${DEFAULT-VALUE})")
    int steps = 200;

    @Option(names = "--min-steps", description = "measured steps per case at least (default: ${DEFAULT-VALUE})")
    int minSteps = 10;

    @Option(names = "--seconds", description = "stop measuring a case after this long, once it has --min-steps "
            + "(default: ${DEFAULT-VALUE})")
    double seconds = 15;

    @Option(names = "--warmup", description = "steps of every case before any is measured, and a third of that "
            + "again right before each, each time for --seconds at most (default: ${DEFAULT-VALUE})")
    int warmup = 30;

    @Option(names = "--wide-warmup", description = "first warm up the smallest cases over this many cached blocks per "
            + "executor, so that every executor JVM runs that many tasks per job (0: skip; default: ${DEFAULT-VALUE})")
    int wideWarmup = 20;

    @Option(names = "--register-seconds", description = "wait this long for the executors to register (default: "
            + "${DEFAULT-VALUE})")
    int registerSeconds = 600;

    @Option(names = "--link", description = "label of the driver's link in the output (default: ${DEFAULT-VALUE})")
    String link = "loopback";

    @Option(names = "--count-interface", description = "also count this network interface's bytes (the driver's "
            + "end of a link of its own)")
    String countInterface;

    @Option(names = "--out", description = "append one line per case to this file (default: ${DEFAULT-VALUE})")
    Path out = Path.of("target/bench-scale/results.tsv");

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SparkConf conf = SparkSetup.withEmberDefaults(new SparkConf(true)).setIfMissing("spark.app.name",
                "ember bench-scale " + executors);
        JavaSparkContext sc = new JavaSparkContext(conf);
        ExecutorService destroyer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ember-broadcast-destroyer");
            t.setDaemon(true);
            return t;
        });
        try {
            awaitExecutors(sc, executors, registerSeconds);
            JavaRDD<DataBlock> blocks = oneBlockPerExecutor(sc, executors);
            CachedBlocks view = new CachedBlocks(blocks);
            ScaleMeter meter = new ScaleMeter(CASE);
            sc.sc().addSparkListener(meter);
            List<Case> cases = cases();
            System.out.printf(Locale.ROOT, "bench-scale: %d executors, one cached block each; %d cases, warm-up %d "
                    + "steps each%n", executors, cases.size(), warmup);
            if (wideWarmup > 0) {
                warmWide(sc, destroyer, cases);
            }
            for (Case c : cases) {
                c.run(sc, view, destroyer, warmup, seconds);
            }
            System.out.println(ScaleRow.header());
            for (Case c : cases) {
                ScaleRow row = measure(sc, view, destroyer, meter, c);
                System.out.println(row.format());
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, row.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            sc.sc().removeSparkListener(meter);
            return 0;
        } finally {
            destroyer.shutdown();
            destroyer.awaitTermination(1, TimeUnit.MINUTES);
            sc.stop();
        }
    }

    /**
     * A JIT warm-up for the executors, which otherwise run one task per step: the cases of the smallest
     * parameter count over {@code wideWarmup} cached blocks per executor, so that each executor JVM runs
     * that many tasks of the same code per job.
     */
    private void warmWide(JavaSparkContext sc, ExecutorService destroyer, List<Case> cases) {
        JavaRDD<DataBlock> wide = sc.parallelize(tinyBlocks(executors * wideWarmup), executors * wideWarmup)
                .persist(StorageLevel.MEMORY_ONLY());
        wide.count();
        CachedBlocks view = new CachedBlocks(wide);
        int smallest = cases.stream().filter(c -> c.parameters > 0).mapToInt(c -> c.parameters).min().orElse(0);
        for (Case c : cases) {
            if (c.parameters == 0 || c.parameters == smallest) {
                c.run(sc, view, destroyer, warmup, seconds);
            }
        }
        wide.unpersist(true);
    }

    private static List<DataBlock> tinyBlocks(int n) {
        List<DataBlock> list = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            list.add(new DataBlock(new float[1], new float[1], 1, 1, 1, p));
        }
        return list;
    }

    /** The cases in measuring order: per parameter count its parts at depth 1, then the step at each depth. */
    private List<Case> cases() {
        List<Case> list = new ArrayList<>();
        if (!noParts) {
            list.add(new Case("empty", 0, 1));
        }
        for (int p : parameters) {
            if (!noParts) {
                list.add(new Case("bcast", p, 1));
                list.add(new Case("result", p, 1));
            }
            for (int d : depths) {
                list.add(new Case("step", p, d));
            }
        }
        return list;
    }

    private ScaleRow measure(JavaSparkContext sc, CachedBlocks view, ExecutorService destroyer, ScaleMeter meter,
                             Case c) throws Exception {
        c.run(sc, view, destroyer, Math.max(1, warmup / 3), seconds / 3);
        drain(destroyer);
        long[] cpuBefore = executorCpu(sc, view);
        Snapshot before = Snapshot.take(countInterface);
        String id = link + "/" + executors + "/" + c.name + "/" + c.parameters + "/" + c.depth;
        sc.setLocalProperty(CASE, id);
        List<Double> ms = new ArrayList<>();
        long start = System.nanoTime();
        while (ms.size() < steps && (ms.size() < minSteps || System.nanoTime() - start < seconds * 1e9)) {
            long t = System.nanoTime();
            c.step(sc, view, destroyer);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        sc.setLocalProperty(CASE, null);
        drain(destroyer);
        Snapshot after = Snapshot.take(countInterface);
        long[] cpuAfter = executorCpu(sc, view);
        sc.sc().listenerBus().waitUntilEmpty();
        ScaleMeter.Sums sums = meter.take(id);
        int n = ms.size();
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double executorCpuMs = (Arrays.stream(cpuAfter).sum() - Arrays.stream(cpuBefore).sum()) / 1e6 / n;
        double elapsed = (after.nanos - before.nanos) / 1e9;
        double machineCores = after.machineBusyCores(before);
        double ours = (after.driverCpuNanos - before.driverCpuNanos) / 1e9 / elapsed + executorCpuMs * n / 1e3 / elapsed;
        return new ScaleRow(link, executors, c.name, c.parameters, c.depth, n, Benchmark.median(sorted),
                sorted[(int) Math.floor(0.1 * (n - 1))], sorted[(int) Math.ceil(0.9 * (n - 1))],
                (double) sums.tasks() / n, (double) sums.resultTasks() / n, (double) sums.jobs() / n,
                (after.driverCpuNanos - before.driverCpuNanos) / 1e6 / n, executorCpuMs,
                sums.resultBytes() / 1e6 / n, sums.shuffleBytes() / 1e6 / n,
                (after.readBytes - before.readBytes) / 1e6 / n, (after.writtenBytes - before.writtenBytes) / 1e6 / n,
                after.interfaceRx < 0 ? -1 : (after.interfaceRx - before.interfaceRx) / 1e6 / n,
                after.interfaceTx < 0 ? -1 : (after.interfaceTx - before.interfaceTx) / 1e6 / n,
                machineCores, Math.max(0, machineCores - ours));
    }

    /** Waits until the broadcast destroys queued so far are done, so that their cost lands in their case. */
    private static void drain(ExecutorService destroyer) throws InterruptedException, ExecutionException {
        destroyer.submit(() -> { }).get();
    }

    private static void awaitExecutors(JavaSparkContext sc, int n, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (sc.sc().statusTracker().getExecutorInfos().length - 1 < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (sc.sc().statusTracker().getExecutorInfos().length - 1)
                        + " of " + n + " executors registered within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    /** n one-row blocks cached on n distinct executor JVMs (checked by their process ids), as a run's are. */
    private static JavaRDD<DataBlock> oneBlockPerExecutor(JavaSparkContext sc, int n) {
        List<DataBlock> list = tinyBlocks(n);
        for (int attempt = 1; ; attempt++) {
            JavaRDD<DataBlock> blocks = sc.parallelize(list, n).persist(StorageLevel.MEMORY_ONLY());
            blocks.count();
            long[][] probe = probe(sc, new CachedBlocks(blocks));
            Set<Long> pids = new HashSet<>();
            for (long[] p : probe) {
                pids.add(p[0]);
            }
            if (pids.size() == n) {
                return blocks;
            }
            blocks.unpersist(true);
            if (attempt == 5) {
                throw new IllegalStateException(n + " blocks landed on " + pids.size() + " executors in 5 attempts");
            }
        }
    }

    /** Each executor's process CPU time in nanoseconds, in partition order (one block per executor). */
    private static long[] executorCpu(JavaSparkContext sc, CachedBlocks view) {
        return Arrays.stream(probe(sc, view)).mapToLong(p -> p[1]).toArray();
    }

    private static long[][] probe(JavaSparkContext sc, CachedBlocks view) {
        return (long[][]) sc.sc().runJob(view, new CpuProbe(), ClassTag$.MODULE$.apply(long[].class));
    }

    /** (process id, process CPU nanoseconds) of the executor JVM running the task. */
    private static final class CpuProbe extends AbstractFunction2<TaskContext, Iterator<DataBlock>, long[]>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public long[] apply(TaskContext context, Iterator<DataBlock> blocks) {
            return new long[] {ProcessHandle.current().pid(), Snapshot.processCpuNanos()};
        }
    }

    /**
     * One kind of communication-only job: {@code empty} (no broadcast, an empty result), {@code bcast}
     * (the parameters broadcast and read, an empty result), {@code result} (an empty broadcast read, a
     * gradient-sized result), {@code step} (both, as a step without compute).
     */
    private static final class Case {
        final String name;
        final int parameters;
        final int depth;
        private final float[] params;
        private final BatchGradient total;

        Case(String name, int parameters, int depth) {
            this.name = name;
            this.parameters = parameters;
            this.depth = depth;
            this.params = SparkFloor.noise(name.equals("bcast") || name.equals("step") ? parameters : 0);
            this.total = new BatchGradient(new float[parameters], 0, 0, 0);
        }

        /** {@code times} steps, or fewer (at least one) when they take longer than {@code maxSeconds}. */
        void run(JavaSparkContext sc, CachedBlocks view, ExecutorService destroyer, int times, double maxSeconds) {
            long start = System.nanoTime();
            for (int i = 0; i < times && (i == 0 || System.nanoTime() - start < maxSeconds * 1e9); i++) {
                step(sc, view, destroyer);
            }
        }

        /** As {@code SparkGradients.compute}: broadcast without a copy, the job, the driver's sum, destroy later. */
        void step(JavaSparkContext sc, CachedBlocks view, ExecutorService destroyer) {
            SparkCallSite.named(sc, "ember payload step", () -> {
                if (name.equals("empty")) {
                    return SparkGradients.sumInOrder(total, SparkGradients.partSums(sc, view,
                            new SparkFloor.Echo(null, 0), depth));
                }
                Broadcast<float[]> b = sc.broadcast(params);
                try {
                    int result = name.equals("bcast") ? 0 : parameters;
                    return SparkGradients.sumInOrder(total, SparkGradients.partSums(sc, view,
                            new SparkFloor.Echo(b, result), depth));
                } finally {
                    destroyer.execute(b::destroy);
                }
            });
        }
    }

    /** Process-wide counters of the driver JVM (and the machine) at one moment; Linux /proc where available. */
    private static final class Snapshot {
        final long nanos = System.nanoTime();
        long driverCpuNanos;
        long readBytes = -1;
        long writtenBytes = -1;
        long machineBusy;
        long machineTotal;
        long interfaceRx = -1;
        long interfaceTx = -1;

        static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        static Snapshot take(String iface) throws IOException {
            Snapshot s = new Snapshot();
            s.driverCpuNanos = processCpuNanos();
            Path io = Path.of("/proc/self/io");
            if (Files.isReadable(io)) {
                for (String l : Files.readAllLines(io)) {
                    if (l.startsWith("rchar:")) {
                        s.readBytes = Long.parseLong(l.substring(6).strip());
                    } else if (l.startsWith("wchar:")) {
                        s.writtenBytes = Long.parseLong(l.substring(6).strip());
                    }
                }
            }
            Path stat = Path.of("/proc/stat");
            if (Files.isReadable(stat)) {
                String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+");
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                long total = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                s.machineBusy = total - idle;
                s.machineTotal = total;
            }
            if (iface != null) {
                Path dir = Path.of("/sys/class/net", iface, "statistics");
                s.interfaceRx = Long.parseLong(Files.readString(dir.resolve("rx_bytes")).strip());
                s.interfaceTx = Long.parseLong(Files.readString(dir.resolve("tx_bytes")).strip());
            }
            return s;
        }

        /** Cores busy on the whole machine (any process) on average since {@code before}. */
        double machineBusyCores(Snapshot before) {
            long total = machineTotal - before.machineTotal;
            return total <= 0 ? -1 : (double) (machineBusy - before.machineBusy) / total
                    * Runtime.getRuntime().availableProcessors();
        }
    }
}
