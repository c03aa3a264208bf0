package io.ember.train;

import io.ember.nn.LayerSpec;
import io.ember.nn.NetworkSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run will hold in memory, estimated from its shapes before anything big is allocated, and
 * compared with the heaps it has. A run that cannot fit stops in seconds with the figures and what
 * to change, instead of an OutOfMemoryError deep inside Spark.
 *
 * <p>The model (bytes; P parameters, F features, K outputs, float32 everywhere):
 * <ul>
 *   <li>an executor caches its partitions' blocks, {@code rows x (F + K) x 4} each, in Spark's
 *       unified memory, {@code (heap - 300 MB) x spark.memory.fraction}; while they are packed the
 *       parsed rows are cached there too, and Spark reserves up to 1.5 times a block's size while it
 *       stores it (its unroll memory grows by that factor);</li>
 *   <li>while the data is prepared a partition holds its parsed rows, a copy when ranges are joined,
 *       and the packed block ({@code 3 x} the parsed size, dense);</li>
 *   <li>a step's task holds per thread a workspace (its rows times the input, every layer's
 *       activations, dropout buffers and two deltas) and a gradient (4P), plus the partition's sum,
 *       the broadcast parameters and the serialized result (3 x 4P);</li>
 *   <li>the driver holds the parameters, the gradient sum, the optimizer's buffers, the best
 *       parameters under early stopping, the serialized broadcast, each partition's result
 *       (serialized and read back) and, while a checkpoint is written, copies of the optimizer's
 *       buffers.</li>
 * </ul>
 * In local mode driver and executor share one JVM, so their needs add up.
 */
public final class MemoryEstimate {
    /** Spark's fixed reservation in every JVM (UnifiedMemoryManager's RESERVED_SYSTEM_MEMORY_BYTES). */
    public static final long SPARK_RESERVED = 300L << 20;

    /**
     * The memory a run has.
     *
     * @param driverHeap       the driver JVM's max heap
     * @param executorHeap     an executor's heap (the driver's in local mode)
     * @param memoryFraction   spark.memory.fraction (0.6 by default)
     * @param local            one JVM for driver and executor
     * @param executors        executors sharing the partitions
     * @param executorHeapFrom where the executor figure comes from, for messages
     */
    public record Budget(long driverHeap, long executorHeap, double memoryFraction, boolean local, int executors,
                         String executorHeapFrom) {
        long cacheable() {
            return (long) ((executorHeap - SPARK_RESERVED) * memoryFraction);
        }
    }

    /** One line of the estimate: what, how many bytes, on the driver or on each executor. */
    record Item(String what, long bytes, boolean driver) {
    }

    private final List<Item> items = new ArrayList<>();
    private long cachedPerExecutor;
    private long parsedPerExecutor;
    private long preparePerExecutor;

    /**
     * The estimate of a training run.
     *
     * @param spec            the network
     * @param trainRows       training examples
     * @param validationRows  validation examples
     * @param rawBytesPerRow  bytes a parsed row takes before packing
     * @param partitions      training partitions
     * @param executors       executors they are spread over (1 in local mode)
     * @param threads         threads per step task
     * @param maxGlobalBatch  the largest global batch of the run
     * @param optimizerSlots  parameter-sized buffers the optimizer keeps
     * @param keepBest        whether early stopping keeps the best parameters
     * @param treeDepth       aggregation levels (1: every partition's result reaches the driver)
     * @return the estimate
     */
    public static MemoryEstimate training(NetworkSpec spec, long trainRows, long validationRows, double rawBytesPerRow,
                                          int partitions, int executors, int threads, int maxGlobalBatch,
                                          int optimizerSlots, boolean keepBest, int treeDepth) {
        return training(spec, trainRows, validationRows, rawBytesPerRow, partitions, executors, threads,
                maxGlobalBatch, optimizerSlots, keepBest, treeDepth, -1, false);
    }

    /**
     * The estimate of a training run whose blocks are sparse when {@code nonZerosPerRow >= 0}: a row
     * then costs its CSR entries (4-byte index and value per non-zero, a 4-byte row pointer) and one
     * target value, and a step's workspace holds its rows' non-zeros and the touched columns of the
     * first weight matrix instead of a dense input; otherwise as
     * {@link #training(NetworkSpec, long, long, double, int, int, int, int, int, boolean, int)}, with
     * the transport's buffers.
     *
     * @param nonZerosPerRow non-zeros per row of sparse blocks, or -1 for dense blocks
     * @param bf16Transport  {@code transport = bf16}: a partition's worker also keeps the widened parameters
     *                       and its bfloat16 answer (2 bytes a parameter more than float32's buffers); the
     *                       driver's float32 figures stay as an upper bound
     * @return the estimate
     */
    public static MemoryEstimate training(NetworkSpec spec, long trainRows, long validationRows, double rawBytesPerRow,
                                          int partitions, int executors, int threads, int maxGlobalBatch,
                                          int optimizerSlots, boolean keepBest, int treeDepth, double nonZerosPerRow,
                                          boolean bf16Transport) {
        MemoryEstimate m = new MemoryEstimate();
        boolean sparse = nonZerosPerRow >= 0;
        long p4 = 4L * spec.parameterCount();
        int perExecutor = (partitions + executors - 1) / executors;
        long rowsPerPartition = (trainRows + partitions - 1) / partitions;
        long validationPerPartition = (validationRows + partitions - 1) / partitions;
        long rowBytes = sparse ? (long) Math.ceil(8 * nonZerosPerRow) + 8
                : 4L * (spec.inputSize() + spec.outputSize());
        long block = rowsPerPartition * rowBytes;
        m.cachedPerExecutor = perExecutor * (block + validationPerPartition * rowBytes);
        if (sparse) {
            m.add(String.format(Locale.ROOT, "training data packed as compressed sparse rows: %,d rows x %.1f "
                    + "non-zeros per partition, %d partition%s per executor", rowsPerPartition, nonZerosPerRow,
                    perExecutor, perExecutor == 1 ? "" : "s"), perExecutor * block, false);
        } else {
            m.add(String.format(Locale.ROOT, "training data packed as float32: %,d rows x (%,d features + %,d "
                    + "targets) per partition, %d partition%s per executor", rowsPerPartition, spec.inputSize(),
                    spec.outputSize(), perExecutor, perExecutor == 1 ? "" : "s"), perExecutor * block, false);
        }
        if (validationRows > 0) {
            m.add(sparse ? "validation data packed as compressed sparse rows" : "validation data packed as float32",
                    perExecutor * validationPerPartition * rowBytes, false);
        }
        long parsed = (long) ((rowsPerPartition + validationPerPartition) * rawBytesPerRow);
        m.parsedPerExecutor = perExecutor * parsed;
        m.preparePerExecutor = perExecutor * (2 * parsed) + m.cachedPerExecutor;
        int slice = (int) Math.min(rowsPerPartition, ((long) maxGlobalBatch + partitions - 1) / partitions + 1);
        int capacity = (slice + threads - 1) / threads + 1;
        m.add(String.format(Locale.ROOT, "step workspaces: %d thread%s x %,d rows", threads, threads == 1 ? "" : "s",
                capacity), perExecutor * threads * (sparse ? sparseWorkspaceBytes(spec, capacity, nonZerosPerRow)
                : workspaceBytes(spec, capacity)), false);
        m.add(String.format(Locale.ROOT, "step gradients and parameters: (%d + 3%s) x %s", threads,
                bf16Transport ? ".5, bfloat16 transport" : "", mb(p4)),
                perExecutor * ((threads + 3) * p4 + (bf16Transport ? p4 / 2 : 0)), false);
        int results = treeDepth == 1 ? partitions : (int) Math.ceil(Math.sqrt(partitions));
        m.add(String.format(Locale.ROOT, "driver: parameters, gradient sum, %d optimizer buffer%s%s, broadcast, %d "
                        + "result%s, checkpoint copies", optimizerSlots, optimizerSlots == 1 ? "" : "s",
                keepBest ? ", best parameters" : "", results, results == 1 ? "" : "s"),
                p4 * (3 + 3L * optimizerSlots + (keepBest ? 1 : 0) + 2L * results), true);
        return m;
    }

    /** Bytes of one {@link io.ember.nn.Workspace} for {@code capacity} rows. */
    static long workspaceBytes(NetworkSpec spec, int capacity) {
        long floats = (long) spec.inputSize() + spec.outputSize();
        int widest = 1;
        for (int l = 0; l < spec.layerCount(); l++) {
            LayerSpec s = spec.layer(l);
            floats += s.units() * (s.dropout() > 0 ? 3L : 1L);
            widest = Math.max(widest, Math.max(s.units(), l > 0 ? spec.fanIn(l) : 1));
        }
        floats += 2L * widest;
        return 4L * capacity * floats + 8L * capacity;
    }

    /**
     * Bytes of a sparse {@link io.ember.nn.Workspace}: the dense one without its input array, plus the
     * rows' non-zeros (index, value, local column, sort copy, column list: 20 bytes each) and the touched
     * columns' compact weights and gradient.
     */
    static long sparseWorkspaceBytes(NetworkSpec spec, int capacity, double nonZerosPerRow) {
        long nnz = (long) Math.ceil(capacity * nonZerosPerRow);
        long touched = Math.min(spec.inputSize(), nnz);
        return workspaceBytes(spec, capacity) - 4L * capacity * spec.inputSize() + 20 * nnz + 4L * capacity
                + 8L * touched * spec.layer(0).units();
    }

    private void add(String what, long bytes, boolean driver) {
        items.add(new Item(what, bytes, driver));
    }

    long driverBytes() {
        return items.stream().filter(Item::driver).mapToLong(Item::bytes).sum();
    }

    long executorBytes() {
        return items.stream().filter(i -> !i.driver()).mapToLong(Item::bytes).sum();
    }

    /**
     * Null when the run fits {@code budget}, else the message that stops it: the estimate, the
     * heaps, and what to change.
     *
     * @param budget the heaps the run has
     * @return null or the reason it cannot fit
     */
    public String problem(Budget budget) {
        long executorNeed = executorBytes() + (budget.local() ? driverBytes() : 0);
        long executorHas = budget.executorHeap() - SPARK_RESERVED;
        String where = budget.local() ? "the JVM (local mode: driver and executor in one heap)" : "each executor";
        String fix = budget.local()
                ? "raise the heap (scripts/ember: EMBER_MEMORY=8g; spark-submit: --driver-memory)"
                : "raise --executor-memory (spark.executor.memory), spread the data over more executors and "
                        + "partitions (partitions = N)";
        long caching = parsedPerExecutor + cachedPerExecutor + cachedPerExecutor / 2;
        if (caching > budget.cacheable()) {
            return String.format(Locale.ROOT, "not enough memory, estimated before allocating: %s caches %s of "
                    + "training data (%s with the parsed rows and Spark's reserve while it is packed) but can cache "
                    + "about %s (%s heap from %s; Spark caches in (heap - 300 MB) x spark.memory.fraction %.2f). %s. "
                    + "Then: %s, or use fewer features (num-features) or rows", where, mb(cachedPerExecutor),
                    mb(caching), mb(budget.cacheable()), mb(budget.executorHeap()), budget.executorHeapFrom(),
                    budget.memoryFraction(), details(false), fix);
        }
        if (Math.max(executorNeed, preparePerExecutor) > executorHas) {
            return String.format(Locale.ROOT, "not enough memory, estimated before allocating: %s needs about %s "
                    + "(%s while the data is prepared) but has %s (%s heap from %s, less Spark's 300 MB). %s. "
                    + "Then: %s, or use smaller layers or fewer features", where, mb(executorNeed),
                    mb(preparePerExecutor), mb(executorHas), mb(budget.executorHeap()), budget.executorHeapFrom(),
                    details(budget.local()), fix);
        }
        if (!budget.local() && driverBytes() > budget.driverHeap() - SPARK_RESERVED) {
            return String.format(Locale.ROOT, "not enough memory, estimated before allocating: the driver needs about "
                    + "%s but has %s (max heap %s, less Spark's 300 MB). %s. Then: raise --driver-memory, or use "
                    + "smaller layers", mb(driverBytes()), mb(budget.driverHeap() - SPARK_RESERVED),
                    mb(budget.driverHeap()), details(true));
        }
        return null;
    }

    private String details(boolean withDriver) {
        StringBuilder sb = new StringBuilder("Estimate:");
        for (Item i : items) {
            if (!i.driver() || withDriver) {
                sb.append(' ').append(i.what()).append(' ').append(mb(i.bytes())).append(';');
            }
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** e.g. {@code 190.6 MB}, {@code 8.0 GB}. */
    public static String mb(long bytes) {
        return bytes >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }

    /** The estimate, one item per line. */
    @Override
    public String toString() {
        return details(true);
    }
}
