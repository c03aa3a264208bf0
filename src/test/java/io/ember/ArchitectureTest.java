package io.ember;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture the packages' documentation states, as rules the build checks: no cycles
 * between packages; the math, the data formats, the executor-side step, the driver loop and the
 * files free of Spark; each layer using only those below it; nothing depending on the command line,
 * the report or the benchmark.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.ember");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.ember.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheSparkGlueTheApiAndTheToolsUseSpark() {
        noClasses().that().resideInAnyPackage("io.ember.config..", "io.ember.linalg..", "io.ember.nn..",
                        "io.ember.optim..", "io.ember.data..", "io.ember.step..", "io.ember.eval..", "io.ember.model..",
                        "io.ember.train..", "io.ember.io..", "io.ember.onnx..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .check(MAIN);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        noClasses().that().resideInAnyPackage("io.ember.config..", "io.ember.linalg..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.nn..", "io.ember.optim..",
                        "io.ember.data..", "io.ember.step..", "io.ember.eval..", "io.ember.model..", "io.ember.train..",
                        "io.ember.io..", "io.ember.spark..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.ember.nn..", "io.ember.optim..", "io.ember.data..",
                        "io.ember.step..", "io.ember.eval..", "io.ember.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.train..", "io.ember.io..",
                        "io.ember.spark..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.ember.train..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.io..", "io.ember.spark..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.ember.io..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.spark..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.ember.config..", "io.ember.linalg..", "io.ember.nn..",
                        "io.ember.optim..", "io.ember.data..", "io.ember.step..", "io.ember.eval..", "io.ember.model..",
                        "io.ember.train..", "io.ember.io..", "io.ember.spark..")
                .should().dependOnClassesThat().resideInAPackage("io.ember")
                .check(MAIN);
    }

    @Test
    void nothingDependsOnTheToolsAtTheTop() {
        noClasses().that().resideOutsideOfPackages("io.ember.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.cli..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackages("io.ember.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.bench..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackages("io.ember.cli..", "io.ember.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ember.report..")
                .check(MAIN);
    }

    @Test
    void everyPackageSaysWhatItOwnsAndWhatItMayUse() throws Exception {
        for (String p : List.of("", "config", "linalg", "nn", "optim", "data", "step", "eval", "model", "train", "io",
                "onnx", "spark", "cli", "report", "bench")) {
            Path info = Path.of("src/main/java/io/ember", p, "package-info.java");
            assertTrue(Files.exists(info), info.toString());
            assertTrue(Files.readString(info).contains("Uses") || Files.readString(info).contains("uses")
                    || Files.readString(info).contains("Nothing depends"), info + " names what it uses");
        }
    }
}
