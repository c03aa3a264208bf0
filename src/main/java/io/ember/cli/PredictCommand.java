package io.ember.cli;

import io.ember.EmberModel;
import io.ember.data.DataBlock;
import io.ember.data.LabelMapping;
import io.ember.io.FileIO;
import io.ember.linalg.Blas;
import io.ember.nn.Activation;
import io.ember.nn.ForwardBackward;
import io.ember.nn.LayerSpec;
import io.ember.nn.NetworkSpec;
import io.ember.nn.Workspace;
import io.ember.spark.SparkSetup;
import io.ember.train.TrainConfig;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "ember predict --model DIR --data FILE --predictions DIR [--output-activation ACT] [--KEY VALUE]...",
        description = "Score a data set on Spark and write CSV part files (part-00000.csv ...) to a directory "
                + "(written whole, then renamed): label,prediction and, for classifiers, one probability column per "
                + "class (p_<label>). The first part file starts with the header line.")
final class PredictCommand extends ModelCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "data to score (same format as "
            + "for training; the label column is echoed)")
    String data;

    @Option(names = "--predictions", required = true, paramLabel = "DIR", description = "output directory")
    String predictions;

    @Option(names = "--output-activation", paramLabel = "ACT", description = "replace the output activation for "
            + "prediction only, e.g. threshold(0) on a model trained with a tanh output")
    String outputActivation;

    @Override
    public Integer call() throws Exception {
        EmberModel m = loadModel();
        TrainConfig config = config(m);
        NetworkSpec net = m.spec();
        if (outputActivation != null) {
            List<LayerSpec> layers = new ArrayList<>(net.layers());
            layers.set(layers.size() - 1, net.output().withActivation(Activation.parse(outputActivation)));
            net = net.withLayers(layers);
        }
        SparkSession spark = SparkSetup.session(config.master, "ember predict");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<DataBlock> blocks = DataFiles.blocksFor(sc, m, config, data, out);
            NetworkSpec scoring = net;
            float[] params = m.parameters();
            String header = header(m);
            String blas = config.blas;
            JavaRDD<String> lines = blocks.mapPartitionsWithIndex((p, it) -> lines(p == 0 ? header : null, it, m,
                    scoring, params, blas), true);
            FileIO.publishDirectory(predictions, sc.hadoopConfiguration(), (fs, tmp) -> {
                lines.saveAsTextFile(tmp.toString());
                addCsvExtension(fs, tmp);
            });
            long n = blocks.map(b -> (long) b.rows()).reduce(Long::sum);
            blocks.unpersist(false);
            out.printf(Locale.ROOT, "wrote %,d predictions to %s%n", n, predictions);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** saveAsTextFile names its files part-00000 ...: renamed part-00000.csv ... before the directory is published. */
    private static void addCsvExtension(FileSystem fs, Path dir) throws IOException {
        for (FileStatus f : fs.listStatus(dir, p -> p.getName().startsWith("part-"))) {
            Path csv = f.getPath().suffix(".csv");
            if (!fs.rename(f.getPath(), csv)) {
                throw new IOException("cannot rename " + f.getPath() + " to " + csv);
            }
        }
    }

    private static String header(EmberModel m) {
        StringBuilder sb = new StringBuilder("label,prediction");
        if (m.isClassifier()) {
            for (int k = 0; k < m.labels().classes(); k++) {
                sb.append(",p_").append(Reports.label(m, k));
            }
        }
        return sb.toString();
    }

    /** CSV lines for the rows of {@code blocks} (already scaled by packing). */
    private static Iterator<String> lines(String header, Iterator<DataBlock> blocks, EmberModel m, NetworkSpec net,
                                          float[] params, String blas) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            out.add(header);
        }
        ForwardBackward fb = new ForwardBackward(net, Blas.gemm(blas));
        Workspace ws = new Workspace(net, 512);
        int k = net.outputSize();
        float[] probs = new float[Math.max(2, k)];
        while (blocks.hasNext()) {
            DataBlock b = blocks.next();
            for (int from = 0; from < b.rows(); from += ws.capacity()) {
                int to = Math.min(b.rows(), from + ws.capacity());
                b.gather(null, from, to, ws.input(), ws.target(), ws.exampleIds());
                fb.predict(params, ws, to - from);
                for (int r = 0; r < to - from; r++) {
                    StringBuilder sb = new StringBuilder();
                    if (m.isClassifier()) {
                        LabelMapping labels = m.labels();
                        sb.append(LabelMapping.format(labels.label(m.encoding().decodeClass(ws.target(), r * k))))
                                .append(',')
                                .append(LabelMapping.format(labels.label(m.encoding().decodeClass(ws.output(), r * k))));
                        m.encoding().classScores(ws.output(), r * k, probs);
                        for (int c = 0; c < m.labels().classes(); c++) {
                            sb.append(',').append(probs[c]);
                        }
                    } else {
                        sb.append(ws.target()[r * k]).append(',').append(ws.output()[r * k]);
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out.iterator();
    }
}
