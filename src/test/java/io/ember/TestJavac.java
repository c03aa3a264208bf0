package io.ember;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compiles Java source a test took from the README against the test classpath, and loads it. */
public final class TestJavac {
    private TestJavac() {
    }

    /**
     * Compiles {@code source}, a public class {@code className}, under {@code dir}; fails the test
     * with the compiler's errors and the source if it does not compile.
     *
     * @return a class loader for the compiled class (close it after use)
     */
    public static URLClassLoader compile(Path dir, String className, String source) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src")).resolve(className + ".java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, errors + "\n" + source);
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, TestJavac.class.getClassLoader());
    }
}
