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
 *   <li>{@code auto}: native when it loads, else ember-vector when the Vector API is present, else netlib-java.</li>
 * </ul>
 */
public final class Blas {
    public static final String AUTO = "auto";
    public static final List<String> NAMES = List.of(AUTO, "ember-vector", "netlib-native", "netlib-java");

    private static final Map<String, Gemm> CACHE = new ConcurrentHashMap<>();

    private Blas() {
    }

    /** The backend for {@code name}; throws IllegalArgumentException naming the value if unknown or unavailable. */
    public static Gemm gemm(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return CACHE.computeIfAbsent(key, Blas::create);
    }

    private static Gemm create(String name) {
        switch (name) {
            case AUTO:
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
                throw new IllegalArgumentException("unknown blas '" + name + "'; expected one of " + NAMES);
        }
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
