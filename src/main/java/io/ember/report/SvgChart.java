package io.ember.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: a title, a legend row under it, labelled axes at round tick values
 * (linear, or 1-2-5 steps on a log scale), one polyline per series and optionally a marked x (the
 * best epoch). Plain SVG 1.1 with a viewBox, so the page can scale it to its width; no scripts or
 * external resources, so a report opens offline in any browser.
 *
 * <p>Text never overlaps: the left margin fits the widest tick label, the right margin half the
 * last x label, and the legend has its own row. Widths are estimated from the character count
 * (the report test measures the real boxes in Chromium).
 */
public final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    /** The viewBox; the page scales it to the width it gives the chart. */
    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    private static final int TITLE_BASELINE = 20;
    private static final int LEGEND_BASELINE = 42;
    private static final int TOP = 56;
    private static final int BOTTOM = 48;
    private static final int TICK_FONT = 11;
    private static final int LABEL_FONT = 12;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> series = new ArrayList<>();
    private boolean logY;
    private boolean integerX;
    private double markX = Double.NaN;
    private String markLabel;

    /**
     * An empty chart.
     *
     * @param title  the title, drawn at the top
     * @param xLabel the x axis label
     * @param yLabel the y axis label (its unit)
     */
    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Adds a series of (x, y) points; non-finite values (and non-positive ones on a log scale) are skipped.
     *
     * @param name the legend entry
     * @param x    x values
     * @param y    y values, as many as x
     * @return this chart
     */
    public SvgChart series(String name, double[] x, double[] y) {
        names.add(name);
        series.add(new double[][] {x, y});
        return this;
    }

    /**
     * Ticks x only at whole numbers (epochs).
     *
     * @return this chart
     */
    public SvgChart integerX() {
        integerX = true;
        return this;
    }

    /**
     * Plots y on a log10 scale (losses, learning rates: values spanning decades).
     *
     * @return this chart
     */
    public SvgChart logY() {
        logY = true;
        return this;
    }

    /**
     * Marks {@code x} with a dashed vertical line and a legend entry; NaN marks nothing.
     *
     * @param x     where, in x units
     * @param label the legend entry, e.g. "best epoch 7"
     * @return this chart
     */
    public SvgChart mark(double x, String label) {
        markX = x;
        markLabel = label;
        return this;
    }

    /**
     * Whether no series has a point.
     *
     * @return true when there is nothing to draw
     */
    public boolean isEmpty() {
        for (double[][] s : series) {
            if (s[0].length > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The chart as an {@code <svg class="chart">} element.
     *
     * @return SVG markup
     */
    public String render() {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[][] s : series) {
            for (int i = 0; i < s[0].length; i++) {
                double y = y(s[1][i]);
                if (Double.isFinite(s[0][i]) && Double.isFinite(y)) {
                    xMin = Math.min(xMin, s[0][i]);
                    xMax = Math.max(xMax, s[0][i]);
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
            }
        }
        if (!(xMin <= xMax)) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        double[] xt = ticks(xMin, xMax, integerX);
        double[] yt = logY ? logTicks(yMin, yMax) : ticks(yMin, yMax, false);
        String[] yText = new String[yt.length];
        int widest = 0;
        for (int i = 0; i < yt.length; i++) {
            yText[i] = logY ? format(Math.pow(10, yt[i])) : format(yt[i]);
            widest = Math.max(widest, textWidth(yText[i], TICK_FONT));
        }
        String lastX = format(xt[xt.length - 1]);
        int left = 34 + widest;                                          // axis title column, gap, tick labels
        int right = Math.max(16, textWidth(lastX, TICK_FONT) / 2 + 8);   // the last x label is centred on the edge
        // whole-number x (epochs) gets half a unit either side, so the first and last points and a
        // mark there stand clear of the frame
        double pad = integerX ? 0.5 : 0;
        double x0 = Math.min(xMin, xt[0]) - pad;
        double x1 = Math.max(xMax, xt[xt.length - 1]) + pad;
        double y0 = Math.min(yMin, yt[0]);
        double y1 = Math.max(yMax, yt[yt.length - 1]);
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        int plotW = WIDTH - left - right;
        int plotH = HEIGHT - TOP - BOTTOM;
        Frame f = new Frame(left, plotW, plotH, x0, x1, y0, y1);

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, escape(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"15\" font-weight=\"bold\">%s</text>",
                left, TITLE_BASELINE, escape(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>", left, TOP, plotW, plotH));
        for (double t : xt) {
            double px = f.px(t);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\">%s</text>", px, TOP, px,
                    TOP + plotH, px, TOP + plotH + 15, TICK_FONT, format(t)));
        }
        for (int i = 0; i < yt.length; i++) {
            double py = f.py(yt[i]);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"end\">%s</text>", left, py,
                    left + plotW, py, left - 6, py + 4, TICK_FONT, yText[i]));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\">%s</text>",
                left + plotW / 2, HEIGHT - 10, LABEL_FONT, escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %d)\">%s</text>", TOP + plotH / 2, LABEL_FONT, TOP + plotH / 2,
                escape(yLabel + (logY ? " (log scale)" : ""))));
        boolean marked = Double.isFinite(markX) && markX >= x0 && markX <= x1;
        if (marked) {
            double px = f.px(markX);
            sb.append(String.format(Locale.ROOT, "<line class=\"mark\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#444\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>", px, TOP, px, TOP + plotH));
        }
        int legendX = left;
        for (int s = 0; s < series.size(); s++) {
            String color = COLORS[s % COLORS.length];
            List<double[]> pts = points(series.get(s), f);
            StringBuilder attr = new StringBuilder();
            for (double[] p : pts) {
                attr.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
            }
            sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\" points=\"%s\"/>", color, attr.toString().trim()));
            if (pts.size() <= 40) {
                for (double[] p : pts) {
                    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", p[0],
                            p[1], color));
                }
            }
            legendX = legendEntry(sb, legendX, color, "", names.get(s));
        }
        if (marked) {
            legendEntry(sb, legendX, "#444", " stroke-dasharray=\"5 4\"", markLabel);
        }
        return sb.append("</svg>").toString();
    }

    /** Draws a legend entry (a line sample and its name) at {@code x}; returns where the next one starts. */
    private static int legendEntry(StringBuilder sb, int x, String color, String dash, String name) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-width=\"3\"%s/><text x=\"%d\" y=\"%d\" font-size=\"%d\">%s</text>", x, LEGEND_BASELINE - 4,
                x + 20, LEGEND_BASELINE - 4, color, dash, x + 26, LEGEND_BASELINE, LABEL_FONT, escape(name)));
        return x + 26 + textWidth(name, LABEL_FONT) + 22;
    }

    private List<double[]> points(double[][] d, Frame f) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < d[0].length; i++) {
            double y = y(d[1][i]);
            if (Double.isFinite(d[0][i]) && Double.isFinite(y)) {
                out.add(new double[] {f.px(d[0][i]), f.py(y)});
            }
        }
        return out;
    }

    private double y(double v) {
        return logY ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
    }

    /** The plot area and the data range it shows. */
    private static final class Frame {
        final int left;
        final int plotW;
        final int plotH;
        final double x0;
        final double x1;
        final double y0;
        final double y1;

        Frame(int left, int plotW, int plotH, double x0, double x1, double y0, double y1) {
            this.left = left;
            this.plotW = plotW;
            this.plotH = plotH;
            this.x0 = x0;
            this.x1 = x1;
            this.y0 = y0;
            this.y1 = y1;
        }

        double px(double x) {
            return left + (x - x0) / (x1 - x0) * plotW;
        }

        double py(double y) {
            return TOP + plotH - (y - y0) / (y1 - y0) * plotH;
        }
    }

    /** A generous estimate of a sans-serif text's width in pixels (digits and lower case are narrower). */
    static int textWidth(String text, int fontSize) {
        return (int) Math.ceil(text.length() * fontSize * 0.64);
    }

    /** About five round tick values covering [lo, hi], at least 1 apart when {@code whole}. */
    static double[] ticks(double lo, double hi, boolean whole) {
        if (hi <= lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        if (whole) {
            step = Math.max(1, Math.rint(step));
        }
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int n = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    /**
     * Log10 positions of round values covering [lo, hi] (given as log10): every decade (every few
     * when there are many), 1-2-5 within them over up to three decades, finer steps within one.
     */
    static double[] logTicks(double lo, double hi) {
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        int dLo = (int) Math.floor(lo + 1e-9);
        int dHi = (int) Math.ceil(hi - 1e-9);
        double[] mantissas = hi - lo <= 1 ? new double[] {1, 1.5, 2, 3, 5, 7} : hi - lo <= 3 ? new double[] {1, 2, 5}
                : new double[] {1};
        int decadeStep = Math.max(1, (int) Math.ceil((dHi - dLo) / 8.0));
        List<Double> all = new ArrayList<>();
        for (int d = dLo; ; d += decadeStep) {
            for (double m : mantissas) {
                all.add(d + Math.log10(m));
            }
            if (d >= dHi) {
                break;
            }
        }
        int first = 0;
        int last = all.size() - 1;
        while (first + 1 < all.size() && all.get(first + 1) <= lo + 1e-9) {
            first++;
        }
        while (last - 1 >= 0 && all.get(last - 1) >= hi - 1e-9) {
            last--;
        }
        double[] t = new double[last - first + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = all.get(first + i);
        }
        return t;
    }

    /** A tick value: plain for everyday magnitudes, else in exponent form. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e5)) {
            String s = String.format(Locale.ROOT, "%.1e", v);
            return s.replace(".0e", "e");
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }

    /**
     * Escapes text for HTML and SVG.
     *
     * @param s raw text
     * @return the text with {@code & < > "} escaped
     */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
