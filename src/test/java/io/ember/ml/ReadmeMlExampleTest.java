package io.ember.ml;

import io.ember.TestJavac;
import io.ember.spark.SparkTests;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

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
        SparkSession spark = SparkTests.forPipelines();
        double accuracy;
        try (URLClassLoader loader = TestJavac.compile(dir, "PipelineExample", source)) {
            accuracy = (double) loader.loadClass("PipelineExample").getMethod("run", SparkSession.class, String.class,
                    String.class).invoke(null, spark, "data/auto-mpg.csv", dir.resolve("saved").toString());
        }
        // 62% of the cars are American: predicting the majority class scores about that
        assertTrue(accuracy > 0.7, "test accuracy " + accuracy);
        assertTrue(Files.isDirectory(dir.resolve("saved/stages")), "the pipeline was saved");
    }
}
