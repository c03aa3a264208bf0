package io.ember.train;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.management.ObjectName;

/**
 * Bytes a round of training steps allocates once the JIT has compiled it. Until C2 has compiled
 * the Vector API kernels they box every vector, and a loaded machine delays that, so rounds
 * repeat until one stays under the tolerance or the time budget runs out. On failure,
 * {@link #vectorKernelTiers()} tells the two known causes apart: a kernel not yet at tier 4, or
 * every kernel at tier 4 and C2 code that lacks some Vector API intrinsics (README, Performance).
 */
public final class SteadyStateAllocation {
    private static final long BUDGET_NANOS = 60_000_000_000L;

    private SteadyStateAllocation() {
    }

    /**
     * Runs {@code round} until it allocates at most {@code toleranceBytes} on this thread and the
     * threads {@code helperIds} together, or the budget is spent; returns the last round's bytes.
     */
    public static long lastRound(Runnable round, long[] helperIds, long toleranceBytes) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + BUDGET_NANOS;
        long allocated;
        do {
            long helpers = allocated(mx, helperIds);
            long mine = mx.getCurrentThreadAllocatedBytes();
            round.run();
            allocated = mx.getCurrentThreadAllocatedBytes() - mine + allocated(mx, helperIds) - helpers;
        } while (allocated > toleranceBytes && System.nanoTime() < deadline);
        return allocated;
    }

    /** Bytes allocated so far by the threads {@code ids} (read one by one: no array is allocated). */
    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
        long s = 0;
        for (long id : ids) {
            s += Math.max(0, mx.getThreadAllocatedBytes(id));
        }
        return s;
    }

    /**
     * The compilation tiers (4 = C2) of the code the JVM holds for each Vector API kernel, OSR
     * compilations included, from the same list {@code jcmd <pid> Compiler.codelist} prints.
     */
    public static String vectorKernelTiers() {
        try {
            String list = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Map<String, TreeSet<Integer>> tiers = new TreeMap<>();
            for (String line : list.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length >= 4 && f[3].startsWith("io.ember.linalg.Vector")) {
                    tiers.computeIfAbsent(f[3].substring(0, f[3].indexOf('(')), k -> new TreeSet<>())
                            .add(Integer.parseInt(f[1]));
                }
            }
            return "compiled tiers of the Vector API kernels: " + tiers;
        } catch (Exception e) {
            return "compiled tiers unavailable: " + e;
        }
    }
}
