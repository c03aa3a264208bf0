package io.ember.cli;

import io.ember.eval.ClassificationEvaluation;
import io.ember.eval.Evaluation;
import io.ember.model.Model;

import java.io.PrintStream;
import java.util.Locale;

/** Plain-text tables for evaluations: per-class figures and the confusion matrix. */
final class Reports {
    private static final int MAX_CONFUSION_CLASSES = 20;

    private Reports() {
    }

    static void printDetails(PrintStream out, Evaluation e, Model model) {
        if (!(e instanceof ClassificationEvaluation)) {
            return;
        }
        ClassificationEvaluation c = (ClassificationEvaluation) e;
        long[][] m = c.confusion();
        out.println(String.format(Locale.ROOT, "%10s %10s %10s %10s %10s", "class", "precision", "recall", "f1",
                "support"));
        for (int k = 0; k < m.length; k++) {
            long support = 0;
            for (long v : m[k]) {
                support += v;
            }
            out.println(String.format(Locale.ROOT, "%10s %10.4f %10.4f %10.4f %10d", label(model, k), c.precision(k),
                    c.recall(k), c.f1(k), support));
        }
        if (m.length > MAX_CONFUSION_CLASSES) {
            return;
        }
        out.println("confusion matrix (rows: actual, columns: predicted):");
        StringBuilder head = new StringBuilder(String.format("%8s", ""));
        for (int k = 0; k < m.length; k++) {
            head.append(String.format("%8s", label(model, k)));
        }
        out.println(head);
        for (int i = 0; i < m.length; i++) {
            StringBuilder row = new StringBuilder(String.format("%8s", label(model, i)));
            for (long v : m[i]) {
                row.append(String.format("%8d", v));
            }
            out.println(row);
        }
    }

    /** A class's label as written in the data (0, 1, -1 ...). */
    static String label(Model model, int cls) {
        double l = model.labels().label(cls);
        return l == Math.rint(l) ? Long.toString((long) l) : Double.toString(l);
    }
}
