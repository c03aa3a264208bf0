package io.ember;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds the Java API documentation into target/apidocs with every doclint check on, and fails
 * on any warning: every public type and member of the API a Spark application uses is documented.
 */
class JavadocTest {
    /** The API of Ember for Spark applications; the other packages are its implementation. */
    static final List<String> API = List.of("io/ember/Ember.java", "io/ember/EmberModel.java",
            "io/ember/BatchPredictor.java", "io/ember/TrainingSummary.java", "io/ember/EpochSummary.java",
            "io/ember/TrainingProgress.java", "io/ember/config/Settings.java", "io/ember/eval/Evaluation.java",
            "io/ember/eval/ClassificationEvaluation.java", "io/ember/eval/RegressionEvaluation.java",
            "io/ember/spark/SparkSetup.java");

    @Test
    void theApiDocumentationBuildsWithoutWarnings() throws Exception {
        DocumentationTool tool = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = Path.of("target/apidocs");
        Files.createDirectories(out);
        try (StandardJavaFileManager files = tool.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<File> sources = new ArrayList<>();
            API.forEach(f -> sources.add(new File("src/main/java/" + f)));
            List<String> options = List.of("-d", out.toString(), "-quiet", "-Xdoclint:all", "-public",
                    "--add-modules", "jdk.incubator.vector", "-sourcepath", "src/main/java",
                    "-classpath", System.getProperty("java.class.path"), "-doctitle", "Ember Java API");
            boolean ok = tool.getTask(null, files, diagnostics, null, options, files.getJavaFileObjectsFromFiles(sources))
                    .call();
            List<String> problems = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                String message = d.getMessage(Locale.ROOT);
                boolean incubating = message.contains("incubating module"); // the Vector API's standing notice
                if (d.getKind() != Diagnostic.Kind.NOTE && !incubating) {
                    problems.add(d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName() + ":"
                            + d.getLineNumber()) + " " + message);
                }
            }
            assertTrue(ok && problems.isEmpty(), String.join("\n", problems));
            assertTrue(Files.exists(out.resolve("io/ember/Ember.html")));
        }
    }
}
