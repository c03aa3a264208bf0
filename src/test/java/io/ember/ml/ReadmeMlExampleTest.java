package io.ember.ml;

import io.ember.spark.SparkTests;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's Spark ML example, compiled and run exactly as it is written there. */
class ReadmeMlExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmesPipelineExampleRuns() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("\n## Spark ML pipelines\n");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```\n", start));
        assertTrue(source.contains("public class PipelineExample"), source);
        Path src = Files.createDirectories(dir.resolve("src")).resolve("PipelineExample.java");
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, errors.toString());

        SparkSession spark = SparkTests.forPipelines();
        double accuracy;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            accuracy = (double) loader.loadClass("PipelineExample").getMethod("run", SparkSession.class, String.class,
                    String.class).invoke(null, spark, "data/auto-mpg.csv", dir.resolve("saved").toString());
        }
        // 62% of the cars are American: predicting the majority class scores about that
        assertTrue(accuracy > 0.7, "test accuracy " + accuracy);
        assertTrue(Files.isDirectory(dir.resolve("saved/stages")), "the pipeline was saved");
    }
}
