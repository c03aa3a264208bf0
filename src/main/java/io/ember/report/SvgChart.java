package io.ember.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG: titled, with labelled axes at round tick values, one polyline per
 * series and a legend. Plain SVG 1.1, no scripts or external resources, so a report opens
 * offline in any browser.
 */
public final class SvgChart {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 48;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<String> names = new ArrayList<>();
    private final List<double[][]> series = new ArrayList<>();
    private boolean logY;
    private boolean integerX;

    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series of (x, y) points; non-finite values are skipped. */
    public SvgChart series(String name, double[] x, double[] y) {
        names.add(name);
        series.add(new double[][] {x, y});
        return this;
    }

    /** Ticks x only at whole numbers (epochs). */
    public SvgChart integerX() {
        integerX = true;
        return this;
    }

    /** Plots y on a log10 scale (for learning rates spanning decades). */
    public SvgChart logY() {
        logY = true;
        return this;
    }

    public boolean isEmpty() {
        for (double[][] s : series) {
            if (s[0].length > 0) {
                return false;
            }
        }
        return true;
    }

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
        double[] yt = ticks(yMin, yMax, logY);
        double x0 = Math.min(xMin, xt[0]);
        double x1 = Math.max(xMax, xt[xt.length - 1]);
        double y0 = Math.min(yMin, yt[0]);
        double y1 = Math.max(yMax, yt[yt.length - 1]);
        if (x1 == x0) {
            x1 = x0 + 1;
        }
        if (y1 == y0) {
            y1 = y0 + 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT,
                escape(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>",
                LEFT, escape(title)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>", LEFT, TOP, plotW, plotH));
        for (double t : xt) {
            double px = LEFT + (t - x0) / (x1 - x0) * plotW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>", px, TOP, px,
                    TOP + plotH, px, TOP + plotH + 15, format(t, false)));
        }
        for (double t : yt) {
            double py = TOP + plotH - (t - y0) / (y1 - y0) * plotH;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", LEFT, py,
                    LEFT + plotW, py, LEFT - 6, py + 4, format(t, logY)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                LEFT + plotW / 2, HEIGHT - 10, escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %d)\">%s</text>", TOP + plotH / 2, TOP + plotH / 2,
                escape(yLabel + (logY ? " (log scale)" : ""))));
        for (int s = 0; s < series.size(); s++) {
            double[][] d = series.get(s);
            StringBuilder pts = new StringBuilder();
            int n = 0;
            for (int i = 0; i < d[0].length; i++) {
                double y = y(d[1][i]);
                if (Double.isFinite(d[0][i]) && Double.isFinite(y)) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (d[0][i] - x0) / (x1 - x0) * plotW,
                            TOP + plotH - (y - y0) / (y1 - y0) * plotH));
                    n++;
                }
            }
            String color = COLORS[s % COLORS.length];
            sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\" points=\"%s\"/>", color, pts.toString().trim()));
            if (n <= 40) {
                for (String p : pts.toString().trim().split(" ")) {
                    if (!p.isEmpty()) {
                        String[] xy = p.split(",");
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>",
                                xy[0], xy[1], color));
                    }
                }
            }
            // legend in the title row, right-aligned, so it never covers the data
            int lx = WIDTH - RIGHT - 120 * (series.size() - s);
            int ly = 16;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"3\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", lx, ly, lx + 20, ly,
                    color, lx + 26, ly + 4, escape(names.get(s))));
        }
        return sb.append("</svg>").toString();
    }

    private double y(double v) {
        return logY ? (v > 0 ? Math.log10(v) : Double.NaN) : v;
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

    private static String format(double v, boolean logScale) {
        if (logScale) {
            return String.format(Locale.ROOT, "1e%d", Math.round(v));
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
