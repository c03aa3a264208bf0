package io.ember.cli;

import io.ember.io.ModelFormat;
import io.ember.model.Model;
import io.ember.nn.Activation;
import io.ember.onnx.OnnxExport;
import io.ember.onnx.OnnxFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember export --model DIR --output FILE [--format onnx] [--overwrite] [--output-activation ACT]",
        description = "Write a model as an ONNX file (opset " + OnnxExport.OPSET + ") that computes what 'ember predict' "
                + "does: input 'features' (raw, float [N, inputs]); outputs 'probabilities' (float [N, classes]) and "
                + "'label' (double [N]) for a classifier, 'prediction' (float [N, outputs]) for regression. Written "
                + "whole (temporary name, then renamed); no Spark needed.")
final class ExportCommand extends PrintingCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "model directory")
    String model;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "the file to write (local, file://, "
            + "hdfs:// ...); not an input, nor inside a model, a checkpoint or in place of a run folder's files")
    String output;

    @Option(names = "--format", defaultValue = "onnx", paramLabel = "FORMAT", description = "onnx (the only format)")
    String format;

    @Option(names = "--overwrite", description = "replace an existing file at --output (never anything else)")
    boolean overwrite;

    @Option(names = "--output-activation", paramLabel = "ACT", description = "replace the output activation in the "
            + "export, e.g. threshold(0) on a model trained with a tanh output (as 'ember predict' does)")
    String outputActivation;

    @Override
    public Integer call() throws IOException {
        if (!"onnx".equals(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--format '" + format + "': the only export format is onnx");
        }
        Activation activation = null;
        if (outputActivation != null) {
            try {
                activation = Activation.parse(outputActivation);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--output-activation: " + e.getMessage());
            }
        }
        Model m = ModelFormat.read(model);
        OnnxExport export = OnnxExport.of(m.spec(), m.params(), m.labels(), m.encoding(), m.scaler());
        if (activation != null) {
            try {
                export = export.withOutputActivation(activation);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--output-activation " + activation + ": " + e.getMessage());
            }
        }
        OnnxFile.write(export, output, overwrite, "--output", List.of(model));
        FileSystem fs = new Path(output).getFileSystem(new Configuration());
        long bytes = fs.getFileStatus(new Path(output)).getLen();
        out.printf(Locale.ROOT, "wrote %s (%,d bytes): ONNX opset %d, %s%n", output, bytes, OnnxExport.OPSET,
                export.signature());
        return 0;
    }
}
