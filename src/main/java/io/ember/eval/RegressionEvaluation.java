package io.ember.eval;

import io.ember.data.TargetEncoding;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Error sums for MSE, RMSE, MAE and R^2, pooled over all output values.
 *
 * <p>Serializable for Spark closures only; the form is not a file format.
 *
 * @serial exclude
 */
public final class RegressionEvaluation extends Evaluation {
    private static final long serialVersionUID = 1L;

    private final int outputs;
    private long values;
    private double sumSquaredError;
    private double sumAbsError;
    private double sumTarget;
    private double sumTargetSquared;

    RegressionEvaluation(TargetEncoding encoding) {
        this.outputs = encoding.units();
    }

    @Override
    protected void addRows(float[] out, float[] targets, int rows) {
        int n = rows * outputs;
        for (int i = 0; i < n; i++) {
            double t = targets[i];
            double e = out[i] - t;
            sumSquaredError += e * e;
            sumAbsError += Math.abs(e);
            sumTarget += t;
            sumTargetSquared += t * t;
        }
        values += n;
    }

    @Override
    protected void mergeRest(Evaluation other) {
        RegressionEvaluation o = (RegressionEvaluation) other;
        values += o.values;
        sumSquaredError += o.sumSquaredError;
        sumAbsError += o.sumAbsError;
        sumTarget += o.sumTarget;
        sumTargetSquared += o.sumTargetSquared;
    }

    /**
     * Mean squared error over all output values.
     *
     * @return the MSE
     */
    public double mse() {
        return sumSquaredError / values;
    }

    /**
     * Root mean squared error.
     *
     * @return the RMSE, in the target's unit
     */
    public double rmse() {
        return Math.sqrt(mse());
    }

    /**
     * Mean absolute error.
     *
     * @return the MAE, in the target's unit
     */
    public double mae() {
        return sumAbsError / values;
    }

    /**
     * The coefficient of determination, 1 - SSE / SST with SST the squared deviation of the targets
     * from their mean (pooled over outputs).
     *
     * @return R^2, NaN when the targets are constant
     */
    public double r2() {
        double sst = sumTargetSquared - sumTarget * sumTarget / values;
        return sst <= 0 ? Double.NaN : 1 - sumSquaredError / sst;
    }

    @Override
    public double metric(String name) {
        switch (name) {
            case "loss": return loss();
            case "mse": return mse();
            case "rmse": return rmse();
            case "mae": return mae();
            case "r2": return r2();
            default: throw new IllegalArgumentException("'" + name + "' is not a regression metric "
                    + "(loss, mse, rmse, mae, r2)");
        }
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", count);
        m.put("loss", loss());
        m.put("mse", mse());
        m.put("rmse", rmse());
        m.put("mae", mae());
        m.put("r2", r2());
        return m;
    }

    @Override
    public String oneLine() {
        return String.format(Locale.ROOT, "loss %.4f  RMSE %.4f  MAE %.4f  R^2 %.4f", loss(), rmse(), mae(), r2());
    }
}
