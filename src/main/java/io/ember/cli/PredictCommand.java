package io.ember.cli;

import io.ember.config.Config;
import io.ember.data.DataBlock;
import io.ember.eval.Predictor;
import io.ember.io.FileIO;
import io.ember.linalg.Blas;
import io.ember.model.Model;
import io.ember.nn.Activation;
import io.ember.nn.LayerSpec;
import io.ember.nn.NetworkSpec;
import io.ember.spark.DataReader;
import io.ember.spark.ScoringData;
import io.ember.spark.SparkSettings;
import io.ember.spark.SparkSetup;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember predict --model DIR --data FILE --predictions DIR [--output-activation ACT] [--KEY VALUE]...",
        description = "Score a data set on Spark and write CSV part files to a directory (written whole, then "
                + "renamed): label,prediction and, for classifiers, one probability column per class (p_<label>). "
                + "The first part file starts with the header line.")
final class PredictCommand extends ModelCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "data to score (same format as "
            + "for training; the label column is echoed)")
    String data;

    @Option(names = "--predictions", required = true, paramLabel = "DIR", description = "output directory")
    String predictions;

    @Option(names = "--output-activation", paramLabel = "ACT", description = "replace the output activation for "
            + "prediction only, e.g. threshold(0) on a model trained with a tanh output")
    String outputActivation;

    @Option(names = "--overwrite", description = "replace an existing predictions directory (only one that ember "
            + "predict wrote; nothing else is ever replaced)")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        io.ember.io.OutputGuard.check("--predictions", predictions, io.ember.io.OutputGuard.Kind.PREDICTIONS, overwrite,
                java.util.List.of(data, model), SparkSetup.hadoopConfiguration());
        Model m = loadModel();
        Config config = config(m);
        DataReader.checkExists("--data", data, false, SparkSetup.hadoopConfiguration());
        NetworkSpec net = m.spec();
        if (outputActivation != null) {
            List<LayerSpec> layers = new ArrayList<>(net.layers());
            layers.set(layers.size() - 1, net.output().withActivation(Activation.parse(outputActivation)));
            net = net.withLayers(layers);
        }
        SparkSession spark = SparkSetup.session(config.get(SparkSettings.MASTER), "ember predict");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<DataBlock> blocks = ScoringData.blocksFor(sc, m, config, data, n -> out.println("note: " + n));
            NetworkSpec scoring = net;
            String header = header(m);
            String blas = SparkSettings.blas(config);
            JavaRDD<String> lines = blocks.mapPartitionsWithIndex((p, it) -> lines(p == 0 ? header : null, it, m,
                    scoring, blas), true);
            String marker = "{\"format\": \"ember-predictions\", \"model\": " + quote(model) + ", \"data\": "
                    + quote(data) + "}\n";
            FileIO.publishDirectory(predictions, sc.hadoopConfiguration(), (fs, tmp) -> {
                lines.saveAsTextFile(tmp.toString());
                FileIO.writeBytes(fs, new org.apache.hadoop.fs.Path(tmp, io.ember.io.OutputGuard.PREDICTIONS_MARKER),
                        marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
            long n = blocks.map(b -> (long) b.rows()).reduce(Long::sum);
            blocks.unpersist(false);
            out.printf(Locale.ROOT, "wrote %,d predictions to %s%n", n, predictions);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static String header(Model m) {
        StringBuilder sb = new StringBuilder("label,prediction");
        if (m.isClassifier()) {
            for (int k = 0; k < m.labels().classes(); k++) {
                sb.append(",p_").append(Reports.label(m, k));
            }
        }
        return sb.toString();
    }

    /**
     * CSV lines for the rows of {@code blocks} (already scaled by packing), streamed through the one
     * predictor a chunk at a time: the partition's lines are never all in memory.
     */
    private static Iterator<String> lines(String header, Iterator<DataBlock> blocks, Model m, NetworkSpec net,
                                          String blas) {
        Predictor predictor = new Predictor(net, m.params(), null, Blas.gemm(blas));
        int k = net.outputSize();
        float[] probs = new float[Math.max(2, k)];
        Iterator<String> rows = predictor.streamBlocks(blocks, (targets, outputs, offset) -> {
            StringBuilder sb = new StringBuilder();
            if (m.isClassifier()) {
                sb.append(fmt(m.labels().label(m.encoding().decodeClass(targets, offset)))).append(',')
                        .append(fmt(m.labels().label(m.encoding().decodeClass(outputs, offset))));
                m.encoding().classScores(outputs, offset, probs);
                for (int c = 0; c < m.labels().classes(); c++) {
                    sb.append(',').append(probs[c]);
                }
            } else {
                sb.append(targets[offset]).append(',').append(outputs[offset]);
            }
            return sb.toString();
        });
        if (header == null) {
            return rows;
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(header),
                java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(rows, 0), false))
                .iterator();
    }

    private static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double label) {
        return label == Math.rint(label) ? Long.toString((long) label) : Double.toString(label);
    }
}
