package io.ember.eval;

import io.ember.data.TargetEncoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Confusion matrix (rows: actual class, columns: predicted) and the metrics derived from it.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class ClassificationEvaluation extends Evaluation {
    private static final long serialVersionUID = 1L;

    private final TargetEncoding encoding;
    private final long[][] confusion;

    ClassificationEvaluation(TargetEncoding encoding) {
        this.encoding = encoding;
        this.confusion = new long[encoding.classes()][encoding.classes()];
    }

    @Override
    protected void addRows(float[] outputs, float[] targets, int rows) {
        int u = encoding.units();
        for (int r = 0; r < rows; r++) {
            confusion[encoding.decodeClass(targets, r * u)][encoding.decodeClass(outputs, r * u)]++;
        }
    }

    @Override
    protected void mergeRest(Evaluation other) {
        long[][] o = ((ClassificationEvaluation) other).confusion;
        for (int i = 0; i < confusion.length; i++) {
            for (int j = 0; j < confusion.length; j++) {
                confusion[i][j] += o[i][j];
            }
        }
    }

    /**
     * The confusion matrix.
     *
     * @return a copy: rows are actual classes, columns predicted classes
     */
    public long[][] confusion() {
        long[][] c = new long[confusion.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    /**
     * Fraction of examples predicted right.
     *
     * @return the accuracy in [0, 1], NaN before any example
     */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        return count == 0 ? Double.NaN : (double) right / count;
    }

    /**
     * Of the examples predicted as a class, the fraction that belong to it.
     *
     * @param cls a class index
     * @return the precision, 0 when the class was never predicted
     */
    public double precision(int cls) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[cls];
        }
        return predicted == 0 ? 0 : (double) confusion[cls][cls] / predicted;
    }

    /**
     * Of the examples of a class, the fraction predicted as such.
     *
     * @param cls a class index
     * @return the recall, 0 when the class has no examples
     */
    public double recall(int cls) {
        long actual = 0;
        for (long v : confusion[cls]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[cls][cls] / actual;
    }

    /**
     * The harmonic mean of a class's precision and recall.
     *
     * @param cls a class index
     * @return the F1 score, 0 when precision and recall are both 0
     */
    public double f1(int cls) {
        double p = precision(cls);
        double r = recall(cls);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Unweighted mean of the per-class F1 scores.
     *
     * @return the macro-averaged F1
     */
    public double macroF1() {
        double s = 0;
        for (int c = 0; c < confusion.length; c++) {
            s += f1(c);
        }
        return s / confusion.length;
    }

    @Override
    public double metric(String name) {
        switch (name) {
            case "loss": return loss();
            case "accuracy": return accuracy();
            case "f1": return macroF1();
            default: throw new IllegalArgumentException("'" + name + "' is not a classification metric "
                    + "(loss, accuracy, f1)");
        }
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", count);
        m.put("loss", loss());
        m.put("accuracy", accuracy());
        m.put("macro_f1", macroF1());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            Map<String, Object> pc = new LinkedHashMap<>();
            pc.put("class", c);
            pc.put("precision", precision(c));
            pc.put("recall", recall(c));
            pc.put("f1", f1(c));
            perClass.add(pc);
        }
        m.put("per_class", perClass);
        m.put("confusion", confusion());
        return m;
    }

    @Override
    public String oneLine() {
        return String.format(Locale.ROOT, "loss %.4f  accuracy %.2f%%  macro-F1 %.4f", loss(), 100 * accuracy(), macroF1());
    }
}
