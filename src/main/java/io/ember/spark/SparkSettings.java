package io.ember.spark;

import io.ember.config.Config;
import io.ember.config.Setting;
import io.ember.config.SettingSet;
import io.ember.linalg.Blas;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a run computes and how: master, partitions, task threads, aggregation, BLAS, transport. One declaration
 * each.
 */
public final class SparkSettings {
    private static final String GROUP = "spark";
    private static final Pattern MASTER_URL = Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?]|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*]"
                    + "|spark://[^,/\\s]+:[0-9]+(,[^,/\\s]+:[0-9]+)*|yarn|(k8s|mesos)://\\S+");

    public static final Setting<String> MASTER = Setting.of("master", GROUP, "", String.class, SparkSettings::master,
            "Spark master: local[N], local[*], local[N,F], spark://HOST:PORT, yarn, k8s://URL (empty: spark-submit's, "
                    + "else local[*])", SparkSetup.class).resumable();
    public static final Setting<Integer> PARTITIONS = Setting.integer("partitions", GROUP, 0, 0, 1_000_000,
            "training data partitions, one task each per step (0: one per executor, so 1 in local mode)",
            SparkResources.class);
    public static final Setting<Integer> TASK_THREADS = Setting.integer("task-threads", GROUP, 0, 0, 4096,
            "threads a step's task computes with, each on its own shard of the batch (0: the cores of an executor: N "
                    + "for local[N], spark.executor.cores on a cluster)", SparkResources.class);
    public static final Setting<Integer> TREE_DEPTH = Setting.integer("tree-depth", GROUP, 0, 0, 16,
            "gradient aggregation levels: 1 sends every partition's gradient to the driver, 2 or more sum groups on "
                    + "the executors first (0: 1 up to 32 partitions, else 2)", TreeSum.class);
    public static final Setting<String> BLAS = Setting.of("blas", GROUP, "auto", String.class, Blas::backend,
            "GEMM backend: auto (the fastest whole training step, timed on the run's first batch; ember-vector "
                    + "unless another is over 10% faster), ember-vector, netlib-native, netlib-java", BackendChoice.class);
    public static final Setting<Boolean> DETERMINISTIC = Setting.flag("deterministic", GROUP, false,
            "bitwise reproducible runs: one fixed BLAS backend everywhere and gradients summed in partition order",
            SparkGradients.class);

    public static final Setting<Transport> TRANSPORT = Setting.choice("transport", GROUP, Transport.class,
            Transport.FLOAT32, "how a training step's values travel between the driver and the tasks: float32 "
                    + "(exact) or bf16 (bfloat16, half the bytes: the broadcast parameters and each partition's "
                    + "gradient sum rounded to 8 significant bits; the driver keeps float32 weights)",
            SparkGradients.class);

    /** Every Spark setting, in table order. */
    public static final SettingSet ALL = SettingSet.of(List.of(MASTER, PARTITIONS, TASK_THREADS, TREE_DEPTH, BLAS,
            DETERMINISTIC, TRANSPORT), List.of());

    /** The form of a step's values between driver and tasks ({@link #TRANSPORT}). */
    public enum Transport {
        /** Parameters and gradients as float32, exactly as computed. */
        FLOAT32,
        /**
         * Parameters broadcast as bfloat16 and widened once per task; each partition's gradient sum (dense
         * values and a sparse answer's column values) returned as bfloat16 and widened on the driver before
         * the sum in partition order; with executor levels ({@code tree-depth} >= 2) each group sum is
         * narrowed again on its way up.
         */
        BF16;

        /** Bytes a parameter or gradient value takes on the wire. */
        public int bytesPerValue() {
            return this == BF16 ? 2 : 4;
        }
    }

    private SparkSettings() {
    }

    /**
     * The BLAS backend to use: the configured one, except that deterministic runs pin one backend
     * everywhere ({@code auto} could pick native BLAS on some executors only).
     */
    public static String blas(Config c) {
        String chosen = c.get(BLAS);
        return c.get(DETERMINISTIC) && chosen.equals(Blas.AUTO) ? Blas.fixedBackend() : chosen;
    }

    private static String master(String t) {
        if (!t.isEmpty() && !MASTER_URL.matcher(t).matches()) {
            throw new IllegalArgumentException("not a Spark master: expected local, local[N], local[*], local[N,F], "
                    + "local-cluster[N,C,M], spark://HOST:PORT, yarn, k8s://URL or mesos://URL, with N >= 1");
        }
        return t;
    }
}
