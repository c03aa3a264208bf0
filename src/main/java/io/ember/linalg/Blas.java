package io.ember.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that chooses a float32 GEMM backend by name.
 *
 * <ul>
 *   <li>{@code ember-vector}: Ember's allocation-free Vector API kernel ({@link VectorGemm}); needs the JVM
 *       flag {@code --add-modules jdk.incubator.vector}.</li>
 *   <li>{@code netlib-native}: netlib's JNI binding to the system {@code libblas.so.3} (OpenBLAS, MKL...).</li>
 *   <li>{@code netlib-java}: netlib's pure-Java BLAS; its Vector API flavour when the JVM runs with
 *       {@code --add-modules jdk.incubator.vector}.</li>
 *   <li>{@code auto}: the faster of native (when it loads) and ember-vector (when the Vector API is
 *       present), measured once per JVM; else netlib-java.</li>
 * </ul>
 */
public final class Blas {
    public static final String AUTO = "auto";
    public static final List<String> NAMES = List.of(AUTO, "ember-vector", "netlib-native", "netlib-java");

    /**
     * The backend a name chooses: one of {@link #NAMES}, or a name as {@link Gemm#name()} prints it
     * ({@code ember-vector(512-bit)}, recorded in checkpoints). The one place backend names are parsed.
     *
     * @param name the name
     * @return one of {@link #NAMES}
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static String backend(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (String known : NAMES) {
            if (n.equals(known) || n.startsWith(known + "(")) {
                return known;
            }
        }
        throw new IllegalArgumentException("expected one of " + String.join(", ", NAMES));
    }

    /** The backend deterministic runs use everywhere: ember-vector, or netlib-java without the Vector API. */
    public static String fixedBackend() {
        return vectorApiAvailable() ? "ember-vector" : "netlib-java";
    }

    private static final Map<String, Gemm> CACHE = new ConcurrentHashMap<>();

    private Blas() {
    }

    /** The backend for {@code name}; throws IllegalArgumentException naming the value if unknown or unavailable. */
    public static Gemm gemm(String name) {
        return CACHE.computeIfAbsent(backend(name), Blas::create);
    }

    private static Gemm create(String name) {
        switch (name) {
            case AUTO:
                if (nativeAvailable() && vectorApiAvailable()) {
                    return faster(create("netlib-native"), create("ember-vector"));
                }
                if (nativeAvailable()) {
                    return create("netlib-native");
                }
                return vectorApiAvailable() ? create("ember-vector") : create("netlib-java");
            case "ember-vector":
                if (!vectorApiAvailable()) {
                    throw new IllegalArgumentException("blas 'ember-vector' needs the JVM flag "
                            + "--add-modules jdk.incubator.vector");
                }
                return new VectorGemm();
            case "netlib-native":
                if (!nativeAvailable()) {
                    throw new IllegalArgumentException(
                            "blas 'netlib-native' requested but no native libblas.so.3 could be loaded");
                }
                return new NetlibGemm(NativeBLAS.getInstance(), "netlib-native");
            case "netlib-java": {
                BLAS java = JavaBLAS.getInstance();
                return new NetlibGemm(java, "netlib-java(" + java.getClass().getSimpleName() + ")");
            }
            default:
                throw new AssertionError(name);
        }
    }

    /**
     * The faster of two backends on a layer-sized product (256 x 256 x 256, forward and backward
     * forms), timed for about 0.1 s each after a warm-up: a native BLAS is used when it wins.
     */
    static Gemm faster(Gemm a, Gemm b) {
        return rate(a) >= rate(b) ? a : b;
    }

    private static double rate(Gemm g) {
        int n = 256;
        float[] x = new float[n * n];
        float[] y = new float[n * n];
        float[] z = new float[n * n];
        java.util.Arrays.fill(x, 0.5f);
        java.util.Arrays.fill(y, 0.25f);
        long calls = 0;
        long start = 0;
        long deadline = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < deadline) {
            if (start == 0 && deadline - System.nanoTime() < 100_000_000L) {
                start = System.nanoTime(); // the first half warms up
                calls = 0;
            }
            g.sgemm(false, true, n, n, n, 1f, x, 0, n, y, 0, n, 0f, z, 0, n);
            g.sgemm(false, false, n, n, n, 1f, x, 0, n, y, 0, n, 0f, z, 0, n);
            calls += 2;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    /** True when the JVM runs with the incubating Vector API module. */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** True when netlib's JNI binding loaded a system BLAS. */
    public static boolean nativeAvailable() {
        try {
            return NativeBLAS.getInstance() != null;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
