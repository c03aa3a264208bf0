package io.ember.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ember.Keys;
import io.ember.config.Config;
import io.ember.config.ConfigException;
import io.ember.config.Settings;
import io.ember.data.DataSettings;
import io.ember.eval.ClassificationEvaluation;
import io.ember.io.Version;
import io.ember.linalg.Blas;
import io.ember.linalg.Gemm;
import io.ember.optim.Optimizers;
import io.ember.optim.Schedules;
import io.ember.spark.BackendChoice;
import io.ember.spark.DataPipeline;
import io.ember.spark.DataReader;
import io.ember.spark.PreparedData;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkSetup;
import io.ember.spark.SparkTrainer;
import io.ember.train.EpochReport;
import io.ember.train.LoopSettings;
import io.ember.train.StepReport;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingState;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * scripts/bench: Ember against the machine's GEMM rate and against Spark MLlib's
 * MultilayerPerceptronClassifier on MNIST, in one Spark application. Prints a table, writes JSON
 * and ends with one key=value summary line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark Ember on full MNIST (fetch it first: scripts/fetch-mnist).")
public final class Benchmark implements Callable<Integer> {
    /** The recipe that reaches 97% fastest here; see the README's performance section for why. */
    static final String[] RECIPE = {
            "layers", "256:relu, 128:relu", "optimizer", "adam", "lr", "0.011", "warmup", "50", "batch-size", "2048",
            "seed", "1"};

    @Option(names = "--data", paramLabel = "DIR", description = "folder with the MNIST IDX files (default: ${DEFAULT-VALUE})")
    String data = ".cache/mnist";

    @Option(names = "--cores", description = "Spark local[N] cores (default: ${DEFAULT-VALUE})")
    int cores = 2;

    @Option(names = "--partitions", description = "training partitions (default: 1, one task per step using every "
            + "core)")
    int partitions = 1;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a recipe setting (any ember train key)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--target", description = "test accuracy to reach (default: ${DEFAULT-VALUE})")
    double target = 0.97;

    @Option(names = "--max-epochs", description = "give up after this many epochs (default: ${DEFAULT-VALUE})")
    int maxEpochs = 15;

    @Option(names = "--mllib-iterations", description = "l-bfgs iterations for MLlib's MLP, 0 to skip it "
            + "(default: ${DEFAULT-VALUE})")
    int mllibIterations = 100;

    @Option(names = "--runs", description = "Ember training runs: the first in a cold JVM, the others warm "
            + "(default: ${DEFAULT-VALUE})")
    int runs = 2;

    @Option(names = "--heap-steps", description = "also run this many steps and report driver and executor heap "
            + "(0: skip; default: ${DEFAULT-VALUE})")
    int heapSteps = 0;

    @Option(names = "--json", paramLabel = "FILE", description = "write every figure here (default: ${DEFAULT-VALUE})")
    Path json = Path.of("runs/bench/bench.json");

    /** As ember's --verbose: Spark's INFO logs (scripts/bench then also passes the JVM's startup notices). */
    @Option(names = "--verbose", description = "show Spark's INFO logs and the JVM's startup notices")
    void verbose(boolean on) {
        if (on) {
            Configurator.setRootLevel(Level.INFO);
        }
    }

    private final Map<String, Object> report = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the benchmark; a bad option or setting is reported in one line with exit code 2. */
    static int run(String... args) {
        return new CommandLine(new Benchmark()).setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException) {
                line.getErr().println("bench: error: " + e.getMessage());
                return 2;
            }
            throw e;
        }).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        double jvmSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        int parts = partitions;
        Settings settings = Settings.of(RECIPE).with("data", data + "/train-images-idx3-ubyte", "bench")
                .with("validation", data + "/t10k-images-idx3-ubyte", "bench")
                .with("epochs", Integer.toString(maxEpochs), "bench")
                .with("partitions", Integer.toString(parts), "bench");
        for (Map.Entry<String, String> kv : overrides.entrySet()) {
            settings = settings.with(kv.getKey().trim(), kv.getValue().trim(), "--set");
        }
        Config config = Keys.parse(settings);
        if (!Files.exists(Path.of(data, "train-images-idx3-ubyte"))) {
            System.err.println("bench: no MNIST in " + data + "; run scripts/fetch-mnist first");
            return 2;
        }
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().config(SparkSetup.withEmberDefaults(new SparkConf(true))
                .setMaster("local[" + cores + "]").setAppName("ember bench")
                .set("spark.ui.enabled", "false")).getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        double sparkSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            section("machine");
            String cpu = cpuModel();
            line("%s, %d cores available, Java %s, Spark %s local[%d]", cpu,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), spark.version(),
                    cores);
            report.put("cpu", cpu);
            report.put("cores", cores);
            report.put("partitions", parts);
            report.put("java", System.getProperty("java.version"));
            report.put("spark", spark.version());
            report.put("ember", Version.EMBER);
            report.put("recipe", config.resolved());

            long t1 = System.nanoTime();
            PreparedData prepared = DataPipeline.prepare(sc, config, DataReader.readTraining(sc,
                    config.get(DataSettings.DATA), config, DataReader.labelCheck(config, null)), DataReader.read(sc,
                    config.get(DataSettings.VALIDATION), config, cores, DataReader.labelCheck(config, null)), null);
            int threads = io.ember.spark.SparkResources.taskThreads(sc, config, parts);
            double dataSeconds = (System.nanoTime() - t1) / 1e9;
            long cachedBytes = cachedBytes(sc, prepared.train.id());
            long rawBytes = 4L * prepared.trainCount() * (prepared.spec.inputSize() + prepared.spec.outputSize());
            line("JVM start %.1f s, Spark start %.1f s, data read, checked and cached %.1f s", jvmSeconds, sparkSeconds,
                    dataSeconds);
            line("training data cached: %.1f MB for %.1f MB of float32 features and targets (ratio %.3f)",
                    cachedBytes / 1e6, rawBytes / 1e6, (double) cachedBytes / rawBytes);
            report.put("jvm_start_s", jvmSeconds);
            report.put("spark_start_s", sparkSeconds);
            report.put("data_s", dataSeconds);
            report.put("cached_mb", cachedBytes / 1e6);
            report.put("raw_float32_mb", rawBytes / 1e6);

            line("%d training partition(s), each step's task computing on %d threads", parts, threads);
            report.put("task_threads", threads);
            // blas = auto: the whole step timed with each backend at the run's shapes, on the executors
            BackendChoice choice = BackendChoice.resolve(sc, config, prepared, threads);
            Gemm gemm = Blas.gemm(choice.backend());
            line("%s", choice.line());
            report.put("backend", gemm.name());
            report.put("backend_choice", choice.facts());
            int rowsPerThread = LoopSettings.globalBatch(config, 1, parts) / parts / threads;
            List<Map<String, Object>> emberRuns = new ArrayList<>();
            List<double[]> computes = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                emberRuns.add(emberRun(sc, config, prepared, choice, run, rowsPerThread, computes));
            }
            // measured after the runs, with the JIT warm, like the steady-state steps it is compared with
            GemmRoofline.Rates roofline = roofline(prepared, rowsPerThread, gemm);
            // 6 x parameters per example (the count of the achieved GFLOP/s above) includes the first
            // layer's input gradient, which no pass computes: the fraction compares the GEMM flops a
            // pass performs with the roofline's rate over the same products.
            double sixP = 6.0 * prepared.spec.parameterCount();
            double performed = roofline.shapes().stream().mapToDouble(GemmRoofline.Shape::flops).sum() / rowsPerThread;
            line("GEMM flops per example: %.3f M performed by a pass (the products above), against 6 x parameters = "
                    + "%.3f M", performed / 1e6, sixP / 1e6);
            for (int run = 0; run < runs; run++) {
                double perSecond = rowsPerThread / (median(computes.get(run)) / 1e3) / 1e9;
                double fraction = performed * perSecond / roofline.pass();
                emberRuns.get(run).put("roofline_gflops_per_thread", roofline.pass());
                emberRuns.get(run).put("in_task_gemm_gflops_per_thread_last_epoch", performed * perSecond);
                emberRuns.get(run).put("gemm_fraction", fraction);
                // the time the GEMM work alone would take at the roofline's rate on every thread
                double bound = (Long) emberRuns.get(run).get("examples") * performed / (threads * roofline.pass() * 1e9);
                double toTarget = (Double) emberRuns.get(run).get("time_to_target_s");
                emberRuns.get(run).put("roofline_bound_s", bound);
                emberRuns.get(run).put("vs_roofline_bound", toTarget / bound);
                line("run %d: %.2f s to %.1f%% = %.2f x the GEMM-roofline bound of %.2f s (%,d examples x %.3f MFLOP / "
                        + "(%d threads x %.1f GFLOP/s))", run + 1, toTarget, 100 * target, toTarget / bound, bound,
                        (Long) emberRuns.get(run).get("examples"), performed / 1e6, threads, roofline.pass());
                line("run %d: in-task %.1f GFLOP/s per thread of GEMM work (last epoch; %.1f counted as 6 x parameters) "
                        + "= %.2f of the roofline's %.1f GFLOP/s per thread with all cores busy", run + 1,
                        performed * perSecond, sixP * perSecond, fraction, roofline.pass());
            }
            Map<String, Object> ember = emberRuns.get(0);
            report.put("ember_runs", emberRuns);
            if (mllibIterations > 0) {
                report.put("mllib", MllibRival.run(spark, prepared, cores, mllibIterations, target, this::line));
            }
            if (heapSteps > 0) {
                report.put("heap", HeapRun.run(sc, config, prepared, heapSteps, this::line));
            }
            summary(ember);
            prepared.unpersist();
        } finally {
            spark.stop();
        }
        Files.createDirectories(json.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        System.out.println("(all figures in " + json + ")");
        return 0;
    }

    private GemmRoofline.Rates roofline(PreparedData prepared, int rows, Gemm used) throws Exception {
        System.gc();
        section("GEMM roofline at the benchmark's shapes (" + rows + " rows per thread), GFLOP/s per thread");
        List<GemmRoofline.Shape> shapes = GemmRoofline.shapes(prepared.spec, rows);
        List<String> names = new ArrayList<>(List.of("ember-vector", "netlib-java"));
        if (Blas.nativeAvailable()) {
            names.add("netlib-native");
        }
        Map<String, Object> all = new LinkedHashMap<>();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s", "product (m x n x k)"));
        List<GemmRoofline.Rates[]> rates = new ArrayList<>();
        for (String n : names) {
            Gemm g = Blas.gemm(n);
            GemmRoofline.Rates alone = GemmRoofline.measure(g, shapes, 1, 0.25);
            GemmRoofline.Rates busy = GemmRoofline.measure(g, shapes, cores, 0.25);
            rates.add(new GemmRoofline.Rates[] {alone, busy});
            head.append(String.format(Locale.ROOT, "%30s", g.name() + " 1/" + cores + " thr"));
            all.put(g.name(), Map.of("one_thread", alone.pass(), "all_threads_each", busy.pass(),
                    "per_shape_one_thread", alone.perShape()));
        }
        line("%s", head);
        for (int i = 0; i < shapes.size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s", shapes.get(i).name()));
            for (GemmRoofline.Rates[] r : rates) {
                row.append(String.format(Locale.ROOT, "%30s", String.format(Locale.ROOT, "%.1f / %.1f",
                        r[0].perShape()[i], r[1].perShape()[i])));
            }
            line("%s", row);
        }
        StringBuilder pass = new StringBuilder(String.format(Locale.ROOT, "%-28s", "whole pass"));
        for (GemmRoofline.Rates[] r : rates) {
            pass.append(String.format(Locale.ROOT, "%30s", String.format(Locale.ROOT, "%.1f / %.1f", r[0].pass(),
                    r[1].pass())));
        }
        line("%s", pass);
        line("Ember uses %s", used.name());
        if (names.contains("netlib-native")) {
            GemmRoofline.Rates[] own = rates.get(names.indexOf("ember-vector"));
            GemmRoofline.Rates[] nat = rates.get(names.indexOf("netlib-native"));
            double oneThread = own[0].pass() / nat[0].pass();
            double busy = own[1].pass() / nat[1].pass();
            line("ember-vector's GEMM reaches %.2f of the native BLAS's rate on one thread, %.2f with all cores busy",
                    oneThread, busy);
            all.put("ember_vector_fraction_of_native", Map.of("one_thread", oneThread, "all_threads_each", busy));
            report.put("ember_vector_fraction_of_native", busy);
        }
        report.put("roofline", all);
        return rates.get(names.indexOf(Blas.backend(used.name())))[1];
    }

    private Map<String, Object> emberRun(JavaSparkContext sc, Config config, PreparedData prepared,
                                         BackendChoice choice, int run,
                                         int rowsPerShard, List<double[]> steadyComputes) {
        section("Ember run " + run + (run == 1 ? " (cold JVM)" : " (warm JVM)") + ": " + prepared.spec + ", "
                + Optimizers.describe(config) + ", global batch " + config.get(LoopSettings.BATCH_SIZE) + ", lr "
                + config.get(Schedules.LR) + ", warm-up " + config.get(Schedules.WARMUP) + " steps");
        List<StepReport> steps = new ArrayList<>();
        List<EpochReport> epochs = new ArrayList<>();
        double[] reachedAfter = {Double.NaN};
        int[] reachedEpoch = {0};
        double[] trainSeconds = {0};
        line("%5s %10s %9s %6s %8s %11s %8s %10s", "epoch", "train-loss", "test-acc", "steps", "epoch-s", "training-s",
                "step-ms", "compute-ms");
        TrainingListener collect = new TrainingListener() {
            @Override
            public void onStep(StepReport r, TrainingState s) {
                steps.add(r);
            }

            @Override
            public void onEpoch(EpochReport e, TrainingState s) {
                epochs.add(e);
                trainSeconds[0] += e.trainNanos() / 1e9;
                double acc = ((ClassificationEvaluation) e.validation()).accuracy();
                List<StepReport> last = steps.subList(steps.size() - (int) e.steps(), steps.size());
                line("%5d %10.4f %8.2f%% %6d %8.2f %11.2f %8.2f %10.2f", e.epoch() + 1, e.trainLoss(), 100 * acc,
                        e.steps(), e.trainNanos() / 1e9, trainSeconds[0],
                        median(last.stream().mapToDouble(r -> r.gradientNanos() / 1e6).toArray()),
                        median(last.stream().mapToDouble(r -> r.computeNanos() / 1e6).toArray()));
                if (acc >= target && Double.isNaN(reachedAfter[0])) {
                    reachedAfter[0] = trainSeconds[0];
                    reachedEpoch[0] = e.epoch() + 1;
                }
            }

            @Override
            public boolean stopRequested() {
                return !Double.isNaN(reachedAfter[0]);
            }
        };
        SparkTrainer.fit(sc, config, prepared, choice, null, null, collect);
        double evalSeconds = epochs.stream().mapToDouble(e -> e.validationNanos() / 1e9).sum();
        double[] stepMs = steps.stream().mapToDouble(s -> s.gradientNanos() / 1e6).toArray();
        double[] computeMs = steps.stream().mapToDouble(s -> s.computeNanos() / 1e6).toArray();
        double[] sparkMs = steps.stream().mapToDouble(s -> (s.gradientNanos() - s.computeNanos()) / 1e6).toArray();
        // steady state: the last epoch's steps (the first epochs include JIT compilation)
        long lastEpochSteps = epochs.get(epochs.size() - 1).steps();
        double[] steadyComputeMs = Arrays.copyOfRange(computeMs, (int) (computeMs.length - lastEpochSteps),
                computeMs.length);
        double floorMs = SparkFloor.medianEmptyJobMs(sc, prepared.train, 300);
        SparkSettings.Transport transport = config.get(SparkSettings.TRANSPORT);
        double payloadMs = SparkFloor.medianPayloadJobMs(sc, prepared.train, prepared.spec.parameterCount(), 300,
                transport);
        long examples = epochs.stream().mapToLong(EpochReport::examples).sum();
        double params = prepared.spec.parameterCount();
        double achieved = 6 * params * examples / trainSeconds[0] / 1e9;
        // per thread: every shard of the global batch computes at once
        double inTask = 6 * params * rowsPerShard / (median(steadyComputeMs) / 1e3) / 1e9;
        double inTaskAll = 6 * params * rowsPerShard / (median(computeMs) / 1e3) / 1e9;
        steadyComputes.add(steadyComputeMs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reached", !Double.isNaN(reachedAfter[0]));
        m.put("time_to_target_s", reachedAfter[0]);
        m.put("epochs_to_target", reachedEpoch[0]);
        m.put("train_s", trainSeconds[0]);
        m.put("examples", examples);
        m.put("evaluation_s", evalSeconds);
        m.put("median_epoch_s", median(epochs.stream().mapToDouble(e -> e.trainNanos() / 1e9).toArray()));
        m.put("samples_per_s", examples / trainSeconds[0]);
        m.put("achieved_gflops", achieved);
        m.put("in_task_gflops_per_thread_last_epoch", inTask);
        m.put("in_task_gflops_per_thread_all_steps", inTaskAll);
        m.put("median_step_ms", median(stepMs));
        m.put("median_compute_ms", median(computeMs));
        m.put("median_spark_part_ms", median(sparkMs));
        m.put("floor_ms", floorMs);
        m.put("payload_floor_ms", payloadMs);
        m.put("final_test_accuracy", ((ClassificationEvaluation) epochs.get(epochs.size() - 1).validation()).accuracy());
        if (!Double.isNaN(reachedAfter[0])) {
            line("reached %.1f%% test accuracy after %d epochs: %.2f s of training (+%.2f s of test evaluation)",
                    100 * target, reachedEpoch[0], reachedAfter[0], evalSeconds);
        } else {
            line("did NOT reach %.1f%% in %d epochs", 100 * target, epochs.size());
        }
        line("median epoch %.2f s, %,.0f samples/s, achieved %.1f GFLOP/s (6 x %,.0f parameters x samples / training s)",
                m.get("median_epoch_s"), examples / trainSeconds[0], achieved, params);
        line("inside the tasks (6 x parameters per example): %.1f GFLOP/s per thread at %d rows in the last epoch "
                + "(%.1f over all steps, JIT warm-up included)", inTask, rowsPerShard, inTaskAll);
        line("step: median %.2f ms = compute %.2f ms + Spark %.2f ms; bare-job floor %.2f ms (Spark part - floor = %+.2f ms)",
                median(stepMs), median(computeMs), median(sparkMs), floorMs, median(sparkMs) - floorMs);
        line("payload floor (the empty job moving a step's %.2f MB of %s parameters in and gradient out) %.2f ms: "
                + "floor %+.2f ms; Spark part - payload floor = %+.2f ms",
                transport.bytesPerValue() * params / 1e6,
                transport.name().toLowerCase(Locale.ROOT), payloadMs, payloadMs - floorMs, median(sparkMs) - payloadMs);
        return m;
    }

    private void summary(Map<String, Object> ember) {
        section("summary (Ember: the cold-JVM run)");
        double e = (Double) ember.get("time_to_target_s");
        @SuppressWarnings("unchecked")
        Map<String, Object> mllib = (Map<String, Object>) report.get("mllib");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ember_time_to_97_s=%.2f", e));
        if (mllib != null) {
            double m = (Double) mllib.get("time_s");
            sb.append(String.format(Locale.ROOT, " mllib_time_to_97_s=%.1f speedup=%.1f", m, m / e));
            if (!(Boolean) mllib.get("reached")) {
                sb.append(" mllib_reached=false");
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) report.get("ember_runs");
        if (all.size() > 1) {
            Map<String, Object> warm = all.get(all.size() - 1);
            sb.append(String.format(Locale.ROOT, " warm_time_to_97_s=%.2f roofline_bound_s=%.2f warm_vs_bound=%.2f",
                    warm.get("time_to_target_s"), warm.get("roofline_bound_s"), warm.get("vs_roofline_bound")));
        }
        sb.append(String.format(Locale.ROOT, " gemm_fraction=%.2f step_overhead_ms=%.2f floor_ms=%.2f "
                        + "payload_floor_ms=%.2f backend=%s transport=%s", ember.get("gemm_fraction"),
                ember.get("median_spark_part_ms"), ember.get("floor_ms"), ember.get("payload_floor_ms"),
                ((String) report.get("backend")).replace(' ', '_'),
                ((Map<?, ?>) report.get("recipe")).get(SparkSettings.TRANSPORT.key())));
        @SuppressWarnings("unchecked")
        Map<String, Object> choice = (Map<String, Object>) report.get("backend_choice");
        if (choice.get("step_ms") instanceof Map<?, ?> steps) {
            StringBuilder each = new StringBuilder();
            steps.forEach((k, v) -> each.append(each.length() == 0 ? "" : ",").append(k)
                    .append(String.format(Locale.ROOT, ":%.1f", (Double) v)));
            sb.append(" auto_step_ms=").append(each);
        }
        if (report.get("ember_vector_fraction_of_native") instanceof Double f) {
            sb.append(String.format(Locale.ROOT, " gemm_vs_native=%.2f", f));
        }
        if (!(Boolean) ember.get("reached")) {
            sb.append(" ember_reached=false");
        }
        System.out.println(sb);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long cachedBytes(JavaSparkContext sc, int rddId) {
        for (org.apache.spark.storage.RDDInfo info : sc.sc().getRDDStorageInfo()) {
            if (info.id() == rddId) {
                return info.memSize() + info.diskSize();
            }
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).strip();
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
