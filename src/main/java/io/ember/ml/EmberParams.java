package io.ember.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The training Params Ember's pipeline stages share: one per Ember setting, with a Param accessor
 * (for {@code ParamGridBuilder}), a typed getter and a setter. Generated from the settings'
 * declarations ({@code io.ember.Keys}); EmberParamsTest fails when this file is stale. Names are
 * the camelCase of the conf keys, or Spark's standard names ({@code weightCol},
 * {@code validationIndicatorCol}; the run folder, conf key {@code output}, is {@code runFolder}).
 *
 * @param <T> the stage's own type, returned by the setters
 */
public interface EmberParams<T extends EmberParams<T>> extends Params {

    /**
     * Param {@code validationFraction} (conf key {@code validation-fraction}): fraction of the training data held out for validation by a seeded split when no validation file is given, in [0, 1); default 0.
     *
     * @return the param
     */
    default DoubleParam validationFraction() {
        return ParamDeclarations.param(this, "validation-fraction");
    }

    /**
     * The value of {@link #validationFraction()}.
     *
     * @return the value
     */
    default double getValidationFraction() {
        return (Double) getOrDefault(validationFraction());
    }

    /**
     * Sets {@link #validationFraction()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setValidationFraction(double value) {
        return ParamDeclarations.set(this, validationFraction(), value);
    }

    /**
     * Param {@code inputFormat} (conf key {@code input-format}): how cached rows keep their features: auto (sparse when under 5% of the values are non-zero and scale = none), dense (float32 rows x features) or sparse (compressed sparse rows; the first layer reads only the non-zero features' weights); default auto.
     *
     * @return the param
     */
    default Param<String> inputFormat() {
        return ParamDeclarations.param(this, "input-format");
    }

    /**
     * The value of {@link #inputFormat()}.
     *
     * @return the value
     */
    default String getInputFormat() {
        return (String) getOrDefault(inputFormat());
    }

    /**
     * Sets {@link #inputFormat()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setInputFormat(String value) {
        return ParamDeclarations.set(this, inputFormat(), value);
    }

    /**
     * Param {@code weightCol} (conf key {@code weight-column}): instance weights: a CSV column (name or 0-based index) or a DataFrame column of numbers &gt;= 0; the loss and its gradient are the weighted mean over each batch (empty: every row weighs 1); unset by default.
     *
     * @return the param
     */
    default Param<String> weightCol() {
        return ParamDeclarations.param(this, "weight-column");
    }

    /**
     * The value of {@link #weightCol()}.
     *
     * @return the value, or null when unset
     */
    default String getWeightCol() {
        return ParamDeclarations.getOrNull(this, weightCol());
    }

    /**
     * Sets {@link #weightCol()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setWeightCol(String value) {
        return ParamDeclarations.set(this, weightCol(), value);
    }

    /**
     * Param {@code validationIndicatorCol} (conf key {@code validation-indicator-column}): DataFrame: a boolean column marking the validation rows, instead of a validation file or fraction; unset by default.
     *
     * @return the param
     */
    default Param<String> validationIndicatorCol() {
        return ParamDeclarations.param(this, "validation-indicator-column");
    }

    /**
     * The value of {@link #validationIndicatorCol()}.
     *
     * @return the value, or null when unset
     */
    default String getValidationIndicatorCol() {
        return ParamDeclarations.getOrNull(this, validationIndicatorCol());
    }

    /**
     * Sets {@link #validationIndicatorCol()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setValidationIndicatorCol(String value) {
        return ParamDeclarations.set(this, validationIndicatorCol(), value);
    }

    /**
     * Param {@code scale} (conf key {@code scale}): feature scaling fitted on the training data: none, standardize or minmax; default none.
     *
     * @return the param
     */
    default Param<String> scale() {
        return ParamDeclarations.param(this, "scale");
    }

    /**
     * The value of {@link #scale()}.
     *
     * @return the value
     */
    default String getScale() {
        return (String) getOrDefault(scale());
    }

    /**
     * Sets {@link #scale()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setScale(String value) {
        return ParamDeclarations.set(this, scale(), value);
    }

    /**
     * Param {@code skipBadRows} (conf key {@code skip-bad-rows}): skip malformed input rows (reported with file and line) instead of failing; default false.
     *
     * @return the param
     */
    default BooleanParam skipBadRows() {
        return ParamDeclarations.param(this, "skip-bad-rows");
    }

    /**
     * The value of {@link #skipBadRows()}.
     *
     * @return the value
     */
    default boolean getSkipBadRows() {
        return (Boolean) getOrDefault(skipBadRows());
    }

    /**
     * Sets {@link #skipBadRows()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setSkipBadRows(boolean value) {
        return ParamDeclarations.set(this, skipBadRows(), value);
    }

    /**
     * Param {@code layers} (conf key {@code layers}): hidden layers as units:activation[:dropout], comma separated, e.g. '256:relu, 128:relu:0.2'; activations identity, sigmoid, tanh, relu, leaky_relu[(slope)]; unset by default.
     *
     * @return the param
     */
    default Param<String> layers() {
        return ParamDeclarations.param(this, "layers");
    }

    /**
     * The value of {@link #layers()}.
     *
     * @return the value, or null when unset
     */
    default String getLayers() {
        return ParamDeclarations.getOrNull(this, layers());
    }

    /**
     * Sets {@link #layers()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setLayers(String value) {
        return ParamDeclarations.set(this, layers(), value);
    }

    /**
     * Param {@code outputActivation} (conf key {@code output-activation}): output activation: auto (softmax for 3+ classes, sigmoid for 2, identity for regression), identity, sigmoid, tanh, relu, leaky_relu, softmax; default auto.
     *
     * @return the param
     */
    default Param<String> outputActivation() {
        return ParamDeclarations.param(this, "output-activation");
    }

    /**
     * The value of {@link #outputActivation()}.
     *
     * @return the value
     */
    default String getOutputActivation() {
        return (String) getOrDefault(outputActivation());
    }

    /**
     * Sets {@link #outputActivation()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setOutputActivation(String value) {
        return ParamDeclarations.set(this, outputActivation(), value);
    }

    /**
     * Param {@code loss} (conf key {@code loss}): auto (cross_entropy with softmax, binary_cross_entropy with sigmoid, else squared_error), squared_error (mse), binary_cross_entropy (bce), cross_entropy (ce); default auto.
     *
     * @return the param
     */
    default Param<String> loss() {
        return ParamDeclarations.param(this, "loss");
    }

    /**
     * The value of {@link #loss()}.
     *
     * @return the value
     */
    default String getLoss() {
        return (String) getOrDefault(loss());
    }

    /**
     * Sets {@link #loss()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setLoss(String value) {
        return ParamDeclarations.set(this, loss(), value);
    }

    /**
     * Param {@code dropout} (conf key {@code dropout}): dropout probability for hidden layers that do not set their own, in [0, 1); default 0.
     *
     * @return the param
     */
    default DoubleParam dropout() {
        return ParamDeclarations.param(this, "dropout");
    }

    /**
     * The value of {@link #dropout()}.
     *
     * @return the value
     */
    default double getDropout() {
        return (Double) getOrDefault(dropout());
    }

    /**
     * Sets {@link #dropout()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setDropout(double value) {
        return ParamDeclarations.set(this, dropout(), value);
    }

    /**
     * Param {@code freeze} (conf key {@code freeze}): 0-based indices of layers whose parameters stay fixed, comma separated; unset by default.
     *
     * @return the param
     */
    default Param<String> freeze() {
        return ParamDeclarations.param(this, "freeze");
    }

    /**
     * The value of {@link #freeze()}.
     *
     * @return the value, or null when unset
     */
    default String getFreeze() {
        return ParamDeclarations.getOrNull(this, freeze());
    }

    /**
     * Sets {@link #freeze()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setFreeze(String value) {
        return ParamDeclarations.set(this, freeze(), value);
    }

    /**
     * Param {@code init} (conf key {@code init}): start from this model's weights instead of a random initialization; unset by default.
     *
     * @return the param
     */
    default Param<String> init() {
        return ParamDeclarations.param(this, "init");
    }

    /**
     * The value of {@link #init()}.
     *
     * @return the value, or null when unset
     */
    default String getInit() {
        return ParamDeclarations.getOrNull(this, init());
    }

    /**
     * Sets {@link #init()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setInit(String value) {
        return ParamDeclarations.set(this, init(), value);
    }

    /**
     * Param {@code optimizer} (conf key {@code optimizer}): sgd, adam or adamw; default adam.
     *
     * @return the param
     */
    default Param<String> optimizer() {
        return ParamDeclarations.param(this, "optimizer");
    }

    /**
     * The value of {@link #optimizer()}.
     *
     * @return the value
     */
    default String getOptimizer() {
        return (String) getOrDefault(optimizer());
    }

    /**
     * Sets {@link #optimizer()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setOptimizer(String value) {
        return ParamDeclarations.set(this, optimizer(), value);
    }

    /**
     * Param {@code lr} (conf key {@code lr}): base learning rate; default 0.001.
     *
     * @return the param
     */
    default DoubleParam lr() {
        return ParamDeclarations.param(this, "lr");
    }

    /**
     * The value of {@link #lr()}.
     *
     * @return the value
     */
    default double getLr() {
        return (Double) getOrDefault(lr());
    }

    /**
     * Sets {@link #lr()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setLr(double value) {
        return ParamDeclarations.set(this, lr(), value);
    }

    /**
     * Param {@code momentum} (conf key {@code momentum}): sgd: momentum factor, in [0, 1); default 0.
     *
     * @return the param
     */
    default DoubleParam momentum() {
        return ParamDeclarations.param(this, "momentum");
    }

    /**
     * The value of {@link #momentum()}.
     *
     * @return the value
     */
    default double getMomentum() {
        return (Double) getOrDefault(momentum());
    }

    /**
     * Sets {@link #momentum()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setMomentum(double value) {
        return ParamDeclarations.set(this, momentum(), value);
    }

    /**
     * Param {@code dampening} (conf key {@code dampening}): sgd: dampening for momentum, in [0, 1]; default 0.
     *
     * @return the param
     */
    default DoubleParam dampening() {
        return ParamDeclarations.param(this, "dampening");
    }

    /**
     * The value of {@link #dampening()}.
     *
     * @return the value
     */
    default double getDampening() {
        return (Double) getOrDefault(dampening());
    }

    /**
     * Sets {@link #dampening()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setDampening(double value) {
        return ParamDeclarations.set(this, dampening(), value);
    }

    /**
     * Param {@code nesterov} (conf key {@code nesterov}): sgd: Nesterov momentum; default false.
     *
     * @return the param
     */
    default BooleanParam nesterov() {
        return ParamDeclarations.param(this, "nesterov");
    }

    /**
     * The value of {@link #nesterov()}.
     *
     * @return the value
     */
    default boolean getNesterov() {
        return (Boolean) getOrDefault(nesterov());
    }

    /**
     * Sets {@link #nesterov()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setNesterov(boolean value) {
        return ParamDeclarations.set(this, nesterov(), value);
    }

    /**
     * Param {@code beta1} (conf key {@code beta1}): adam/adamw: first-moment decay, in [0, 1); default 0.9.
     *
     * @return the param
     */
    default DoubleParam beta1() {
        return ParamDeclarations.param(this, "beta1");
    }

    /**
     * The value of {@link #beta1()}.
     *
     * @return the value
     */
    default double getBeta1() {
        return (Double) getOrDefault(beta1());
    }

    /**
     * Sets {@link #beta1()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setBeta1(double value) {
        return ParamDeclarations.set(this, beta1(), value);
    }

    /**
     * Param {@code beta2} (conf key {@code beta2}): adam/adamw: second-moment decay, in [0, 1); default 0.999.
     *
     * @return the param
     */
    default DoubleParam beta2() {
        return ParamDeclarations.param(this, "beta2");
    }

    /**
     * The value of {@link #beta2()}.
     *
     * @return the value
     */
    default double getBeta2() {
        return (Double) getOrDefault(beta2());
    }

    /**
     * Sets {@link #beta2()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setBeta2(double value) {
        return ParamDeclarations.set(this, beta2(), value);
    }

    /**
     * Param {@code eps} (conf key {@code eps}): adam/adamw: term added to the denominator, &gt; 0; default 1e-8.
     *
     * @return the param
     */
    default DoubleParam eps() {
        return ParamDeclarations.param(this, "eps");
    }

    /**
     * The value of {@link #eps()}.
     *
     * @return the value
     */
    default double getEps() {
        return (Double) getOrDefault(eps());
    }

    /**
     * Sets {@link #eps()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setEps(double value) {
        return ParamDeclarations.set(this, eps(), value);
    }

    /**
     * Param {@code weightDecay} (conf key {@code weight-decay}): adamw: decoupled weight decay, &gt;= 0 with lr x weight-decay &lt; 1 (use l2 for sgd and adam); default 0.01.
     *
     * @return the param
     */
    default DoubleParam weightDecay() {
        return ParamDeclarations.param(this, "weight-decay");
    }

    /**
     * The value of {@link #weightDecay()}.
     *
     * @return the value
     */
    default double getWeightDecay() {
        return (Double) getOrDefault(weightDecay());
    }

    /**
     * Sets {@link #weightDecay()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setWeightDecay(double value) {
        return ParamDeclarations.set(this, weightDecay(), value);
    }

    /**
     * Param {@code l1} (conf key {@code l1}): L1 penalty: adds l1 * sign(w) to the gradient of each weight; default 0.
     *
     * @return the param
     */
    default DoubleParam l1() {
        return ParamDeclarations.param(this, "l1");
    }

    /**
     * The value of {@link #l1()}.
     *
     * @return the value
     */
    default double getL1() {
        return (Double) getOrDefault(l1());
    }

    /**
     * Sets {@link #l1()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setL1(double value) {
        return ParamDeclarations.set(this, l1(), value);
    }

    /**
     * Param {@code l2} (conf key {@code l2}): L2 penalty: adds l2 * w to the gradient of each weight (PyTorch's weight_decay); default 0.
     *
     * @return the param
     */
    default DoubleParam l2() {
        return ParamDeclarations.param(this, "l2");
    }

    /**
     * The value of {@link #l2()}.
     *
     * @return the value
     */
    default double getL2() {
        return (Double) getOrDefault(l2());
    }

    /**
     * Sets {@link #l2()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setL2(double value) {
        return ParamDeclarations.set(this, l2(), value);
    }

    /**
     * Param {@code decayBias} (conf key {@code decay-bias}): apply l1, l2 and adamw decay to biases too; default false.
     *
     * @return the param
     */
    default BooleanParam decayBias() {
        return ParamDeclarations.param(this, "decay-bias");
    }

    /**
     * The value of {@link #decayBias()}.
     *
     * @return the value
     */
    default boolean getDecayBias() {
        return (Boolean) getOrDefault(decayBias());
    }

    /**
     * Sets {@link #decayBias()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setDecayBias(boolean value) {
        return ParamDeclarations.set(this, decayBias(), value);
    }

    /**
     * Param {@code clipNorm} (conf key {@code clip-norm}): clip the gradient to this global L2 norm (0: off); default 0.
     *
     * @return the param
     */
    default DoubleParam clipNorm() {
        return ParamDeclarations.param(this, "clip-norm");
    }

    /**
     * The value of {@link #clipNorm()}.
     *
     * @return the value
     */
    default double getClipNorm() {
        return (Double) getOrDefault(clipNorm());
    }

    /**
     * Sets {@link #clipNorm()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setClipNorm(double value) {
        return ParamDeclarations.set(this, clipNorm(), value);
    }

    /**
     * Param {@code divergenceFactor} (conf key {@code divergence-factor}): stop as diverged when a step's mean loss exceeds this many times max(1, the first step's loss); a non-finite loss or gradient always stops (0: off); default 10000.
     *
     * @return the param
     */
    default DoubleParam divergenceFactor() {
        return ParamDeclarations.param(this, "divergence-factor");
    }

    /**
     * The value of {@link #divergenceFactor()}.
     *
     * @return the value
     */
    default double getDivergenceFactor() {
        return (Double) getOrDefault(divergenceFactor());
    }

    /**
     * Sets {@link #divergenceFactor()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setDivergenceFactor(double value) {
        return ParamDeclarations.set(this, divergenceFactor(), value);
    }

    /**
     * Param {@code schedule} (conf key {@code schedule}): learning-rate schedule: constant, step, exponential, cyclical, cosine; default constant.
     *
     * @return the param
     */
    default Param<String> schedule() {
        return ParamDeclarations.param(this, "schedule");
    }

    /**
     * The value of {@link #schedule()}.
     *
     * @return the value
     */
    default String getSchedule() {
        return (String) getOrDefault(schedule());
    }

    /**
     * Sets {@link #schedule()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setSchedule(String value) {
        return ParamDeclarations.set(this, schedule(), value);
    }

    /**
     * Param {@code gamma} (conf key {@code gamma}): in (0, 1]; step: factor per step-size (default 0.1); exponential: factor per step (default 0.999); cyclical exp_range: factor per step (default 0.9999); unset by default.
     *
     * @return the param
     */
    default DoubleParam gamma() {
        return ParamDeclarations.param(this, "gamma");
    }

    /**
     * The value of {@link #gamma()}.
     *
     * @return the value, or null when unset
     */
    default Double getGamma() {
        return ParamDeclarations.getOrNull(this, gamma());
    }

    /**
     * Sets {@link #gamma()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setGamma(double value) {
        return ParamDeclarations.set(this, gamma(), value);
    }

    /**
     * Param {@code stepSize} (conf key {@code step-size}): step: steps between decays; cyclical: steps per half cycle (a number of steps, or 'N epochs'); default 1 epochs.
     *
     * @return the param
     */
    default Param<String> stepSize() {
        return ParamDeclarations.param(this, "step-size");
    }

    /**
     * The value of {@link #stepSize()}.
     *
     * @return the value
     */
    default String getStepSize() {
        return (String) getOrDefault(stepSize());
    }

    /**
     * Sets {@link #stepSize()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setStepSize(String value) {
        return ParamDeclarations.set(this, stepSize(), value);
    }

    /**
     * Param {@code maxLr} (conf key {@code max-lr}): cyclical: upper learning rate (default 10 x lr); unset by default.
     *
     * @return the param
     */
    default DoubleParam maxLr() {
        return ParamDeclarations.param(this, "max-lr");
    }

    /**
     * The value of {@link #maxLr()}.
     *
     * @return the value, or null when unset
     */
    default Double getMaxLr() {
        return ParamDeclarations.getOrNull(this, maxLr());
    }

    /**
     * Sets {@link #maxLr()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setMaxLr(double value) {
        return ParamDeclarations.set(this, maxLr(), value);
    }

    /**
     * Param {@code cycleMode} (conf key {@code cycle-mode}): cyclical: triangular, triangular2 or exp_range; default triangular.
     *
     * @return the param
     */
    default Param<String> cycleMode() {
        return ParamDeclarations.param(this, "cycle-mode");
    }

    /**
     * The value of {@link #cycleMode()}.
     *
     * @return the value
     */
    default String getCycleMode() {
        return (String) getOrDefault(cycleMode());
    }

    /**
     * Sets {@link #cycleMode()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setCycleMode(String value) {
        return ParamDeclarations.set(this, cycleMode(), value);
    }

    /**
     * Param {@code minLr} (conf key {@code min-lr}): cosine: final learning rate; default 0.
     *
     * @return the param
     */
    default DoubleParam minLr() {
        return ParamDeclarations.param(this, "min-lr");
    }

    /**
     * The value of {@link #minLr()}.
     *
     * @return the value
     */
    default double getMinLr() {
        return (Double) getOrDefault(minLr());
    }

    /**
     * Sets {@link #minLr()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setMinLr(double value) {
        return ParamDeclarations.set(this, minLr(), value);
    }

    /**
     * Param {@code period} (conf key {@code period}): cosine: steps to anneal over, or 'N epochs' (default: the whole run); unset by default.
     *
     * @return the param
     */
    default Param<String> period() {
        return ParamDeclarations.param(this, "period");
    }

    /**
     * The value of {@link #period()}.
     *
     * @return the value, or null when unset
     */
    default String getPeriod() {
        return ParamDeclarations.getOrNull(this, period());
    }

    /**
     * Sets {@link #period()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setPeriod(String value) {
        return ParamDeclarations.set(this, period(), value);
    }

    /**
     * Param {@code warmup} (conf key {@code warmup}): linear warm-up length in steps, or 'N epochs'; multiplies any schedule; default 0.
     *
     * @return the param
     */
    default Param<String> warmup() {
        return ParamDeclarations.param(this, "warmup");
    }

    /**
     * The value of {@link #warmup()}.
     *
     * @return the value
     */
    default String getWarmup() {
        return (String) getOrDefault(warmup());
    }

    /**
     * Sets {@link #warmup()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setWarmup(String value) {
        return ParamDeclarations.set(this, warmup(), value);
    }

    /**
     * Param {@code epochs} (conf key {@code epochs}): passes over the training data (at most 1,000,000); default 10.
     *
     * @return the param
     */
    default IntParam epochs() {
        return ParamDeclarations.param(this, "epochs");
    }

    /**
     * The value of {@link #epochs()}.
     *
     * @return the value
     */
    default int getEpochs() {
        return (Integer) getOrDefault(epochs());
    }

    /**
     * Sets {@link #epochs()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setEpochs(int value) {
        return ParamDeclarations.set(this, epochs(), value);
    }

    /**
     * Param {@code maxSteps} (conf key {@code max-steps}): stop after this many optimizer steps (0: no limit); default 0.
     *
     * @return the param
     */
    default LongParam maxSteps() {
        return ParamDeclarations.param(this, "max-steps");
    }

    /**
     * The value of {@link #maxSteps()}.
     *
     * @return the value
     */
    default long getMaxSteps() {
        return (Long) getOrDefault(maxSteps());
    }

    /**
     * Sets {@link #maxSteps()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setMaxSteps(long value) {
        return ParamDeclarations.set(this, maxSteps(), value);
    }

    /**
     * Param {@code batchSize} (conf key {@code batch-size}): global mini-batch size, split across partitions by their size; default 128.
     *
     * @return the param
     */
    default IntParam batchSize() {
        return ParamDeclarations.param(this, "batch-size");
    }

    /**
     * The value of {@link #batchSize()}.
     *
     * @return the value
     */
    default int getBatchSize() {
        return (Integer) getOrDefault(batchSize());
    }

    /**
     * Sets {@link #batchSize()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setBatchSize(int value) {
        return ParamDeclarations.set(this, batchSize(), value);
    }

    /**
     * Param {@code partitionBatchSize} (conf key {@code partition-batch-size}): mini-batch size per partition instead (global batch = this x non-empty partitions; 0: use batch-size); default 0.
     *
     * @return the param
     */
    default IntParam partitionBatchSize() {
        return ParamDeclarations.param(this, "partition-batch-size");
    }

    /**
     * The value of {@link #partitionBatchSize()}.
     *
     * @return the value
     */
    default int getPartitionBatchSize() {
        return (Integer) getOrDefault(partitionBatchSize());
    }

    /**
     * Sets {@link #partitionBatchSize()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setPartitionBatchSize(int value) {
        return ParamDeclarations.set(this, partitionBatchSize(), value);
    }

    /**
     * Param {@code batchSchedule} (conf key {@code batch-schedule}): grow the global batch at chosen epochs: 'epoch:size, ...' with 1-based epochs, e.g. '4:512, 8:1024'; unset by default.
     *
     * @return the param
     */
    default Param<String> batchSchedule() {
        return ParamDeclarations.param(this, "batch-schedule");
    }

    /**
     * The value of {@link #batchSchedule()}.
     *
     * @return the value, or null when unset
     */
    default String getBatchSchedule() {
        return ParamDeclarations.getOrNull(this, batchSchedule());
    }

    /**
     * Sets {@link #batchSchedule()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setBatchSchedule(String value) {
        return ParamDeclarations.set(this, batchSchedule(), value);
    }

    /**
     * Param {@code seed} (conf key {@code seed}): seed for initialization, shuffling, splits and dropout; default 1.
     *
     * @return the param
     */
    default LongParam seed() {
        return ParamDeclarations.param(this, "seed");
    }

    /**
     * The value of {@link #seed()}.
     *
     * @return the value
     */
    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    /**
     * Sets {@link #seed()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setSeed(long value) {
        return ParamDeclarations.set(this, seed(), value);
    }

    /**
     * Param {@code shuffle} (conf key {@code shuffle}): reshuffle each partition's examples every epoch; default true.
     *
     * @return the param
     */
    default BooleanParam shuffle() {
        return ParamDeclarations.param(this, "shuffle");
    }

    /**
     * The value of {@link #shuffle()}.
     *
     * @return the value
     */
    default boolean getShuffle() {
        return (Boolean) getOrDefault(shuffle());
    }

    /**
     * Sets {@link #shuffle()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setShuffle(boolean value) {
        return ParamDeclarations.set(this, shuffle(), value);
    }

    /**
     * Param {@code patience} (conf key {@code patience}): early stopping: epochs without improvement of early-stop-metric before stopping, keeping the best model (0: off); default 0.
     *
     * @return the param
     */
    default IntParam patience() {
        return ParamDeclarations.param(this, "patience");
    }

    /**
     * The value of {@link #patience()}.
     *
     * @return the value
     */
    default int getPatience() {
        return (Integer) getOrDefault(patience());
    }

    /**
     * Sets {@link #patience()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setPatience(int value) {
        return ParamDeclarations.set(this, patience(), value);
    }

    /**
     * Param {@code earlyStopMetric} (conf key {@code early-stop-metric}): validation metric watched by early stopping: loss, accuracy, f1 (classification) or rmse, mae, r2 (regression); default loss.
     *
     * @return the param
     */
    default Param<String> earlyStopMetric() {
        return ParamDeclarations.param(this, "early-stop-metric");
    }

    /**
     * The value of {@link #earlyStopMetric()}.
     *
     * @return the value
     */
    default String getEarlyStopMetric() {
        return (String) getOrDefault(earlyStopMetric());
    }

    /**
     * Sets {@link #earlyStopMetric()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setEarlyStopMetric(String value) {
        return ParamDeclarations.set(this, earlyStopMetric(), value);
    }

    /**
     * Param {@code partitions} (conf key {@code partitions}): training data partitions, one task each per step (0: one per executor, so 1 in local mode); default 0.
     *
     * @return the param
     */
    default IntParam partitions() {
        return ParamDeclarations.param(this, "partitions");
    }

    /**
     * The value of {@link #partitions()}.
     *
     * @return the value
     */
    default int getPartitions() {
        return (Integer) getOrDefault(partitions());
    }

    /**
     * Sets {@link #partitions()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setPartitions(int value) {
        return ParamDeclarations.set(this, partitions(), value);
    }

    /**
     * Param {@code taskThreads} (conf key {@code task-threads}): threads a step's task computes with, each on its own shard of the batch (0: the cores of an executor: N for local[N], spark.executor.cores on a cluster); default 0.
     *
     * @return the param
     */
    default IntParam taskThreads() {
        return ParamDeclarations.param(this, "task-threads");
    }

    /**
     * The value of {@link #taskThreads()}.
     *
     * @return the value
     */
    default int getTaskThreads() {
        return (Integer) getOrDefault(taskThreads());
    }

    /**
     * Sets {@link #taskThreads()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setTaskThreads(int value) {
        return ParamDeclarations.set(this, taskThreads(), value);
    }

    /**
     * Param {@code treeDepth} (conf key {@code tree-depth}): gradient aggregation levels: 1 sends every partition's gradient to the driver, 2 or more sum groups on the executors first (0: 1 up to 32 partitions, else 2); default 0.
     *
     * @return the param
     */
    default IntParam treeDepth() {
        return ParamDeclarations.param(this, "tree-depth");
    }

    /**
     * The value of {@link #treeDepth()}.
     *
     * @return the value
     */
    default int getTreeDepth() {
        return (Integer) getOrDefault(treeDepth());
    }

    /**
     * Sets {@link #treeDepth()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setTreeDepth(int value) {
        return ParamDeclarations.set(this, treeDepth(), value);
    }

    /**
     * Param {@code blas} (conf key {@code blas}): GEMM backend: auto (the fastest whole training step, timed on the run's first batch; ember-vector unless another is over 10% faster), ember-vector, netlib-native, netlib-java; default auto.
     *
     * @return the param
     */
    default Param<String> blas() {
        return ParamDeclarations.param(this, "blas");
    }

    /**
     * The value of {@link #blas()}.
     *
     * @return the value
     */
    default String getBlas() {
        return (String) getOrDefault(blas());
    }

    /**
     * Sets {@link #blas()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setBlas(String value) {
        return ParamDeclarations.set(this, blas(), value);
    }

    /**
     * Param {@code deterministic} (conf key {@code deterministic}): bitwise reproducible runs: one fixed BLAS backend everywhere and gradients summed in partition order; default false.
     *
     * @return the param
     */
    default BooleanParam deterministic() {
        return ParamDeclarations.param(this, "deterministic");
    }

    /**
     * The value of {@link #deterministic()}.
     *
     * @return the value
     */
    default boolean getDeterministic() {
        return (Boolean) getOrDefault(deterministic());
    }

    /**
     * Sets {@link #deterministic()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setDeterministic(boolean value) {
        return ParamDeclarations.set(this, deterministic(), value);
    }

    /**
     * Param {@code transport} (conf key {@code transport}): how a training step's values travel between the driver and the tasks: float32 (exact) or bf16 (bfloat16, half the bytes: the broadcast parameters and each partition's gradient sum rounded to 8 significant bits; the driver keeps float32 weights); default float32.
     *
     * @return the param
     */
    default Param<String> transport() {
        return ParamDeclarations.param(this, "transport");
    }

    /**
     * The value of {@link #transport()}.
     *
     * @return the value
     */
    default String getTransport() {
        return (String) getOrDefault(transport());
    }

    /**
     * Sets {@link #transport()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setTransport(String value) {
        return ParamDeclarations.set(this, transport(), value);
    }

    /**
     * Param {@code runFolder} (conf key {@code output}): run folder: model, metrics, report, checkpoints; unset by default.
     *
     * @return the param
     */
    default Param<String> runFolder() {
        return ParamDeclarations.param(this, "output");
    }

    /**
     * The value of {@link #runFolder()}.
     *
     * @return the value, or null when unset
     */
    default String getRunFolder() {
        return ParamDeclarations.getOrNull(this, runFolder());
    }

    /**
     * Sets {@link #runFolder()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setRunFolder(String value) {
        return ParamDeclarations.set(this, runFolder(), value);
    }

    /**
     * Param {@code checkpointEverySteps} (conf key {@code checkpoint-every-steps}): write a checkpoint every N steps (0: off); default 0.
     *
     * @return the param
     */
    default LongParam checkpointEverySteps() {
        return ParamDeclarations.param(this, "checkpoint-every-steps");
    }

    /**
     * The value of {@link #checkpointEverySteps()}.
     *
     * @return the value
     */
    default long getCheckpointEverySteps() {
        return (Long) getOrDefault(checkpointEverySteps());
    }

    /**
     * Sets {@link #checkpointEverySteps()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setCheckpointEverySteps(long value) {
        return ParamDeclarations.set(this, checkpointEverySteps(), value);
    }

    /**
     * Param {@code checkpointEveryEpochs} (conf key {@code checkpoint-every-epochs}): write a checkpoint every N epochs (0: off); default 1.
     *
     * @return the param
     */
    default IntParam checkpointEveryEpochs() {
        return ParamDeclarations.param(this, "checkpoint-every-epochs");
    }

    /**
     * The value of {@link #checkpointEveryEpochs()}.
     *
     * @return the value
     */
    default int getCheckpointEveryEpochs() {
        return (Integer) getOrDefault(checkpointEveryEpochs());
    }

    /**
     * Sets {@link #checkpointEveryEpochs()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setCheckpointEveryEpochs(int value) {
        return ParamDeclarations.set(this, checkpointEveryEpochs(), value);
    }

    /**
     * Param {@code keepCheckpoints} (conf key {@code keep-checkpoints}): checkpoints kept (older ones are deleted); default 3.
     *
     * @return the param
     */
    default IntParam keepCheckpoints() {
        return ParamDeclarations.param(this, "keep-checkpoints");
    }

    /**
     * The value of {@link #keepCheckpoints()}.
     *
     * @return the value
     */
    default int getKeepCheckpoints() {
        return (Integer) getOrDefault(keepCheckpoints());
    }

    /**
     * Sets {@link #keepCheckpoints()}.
     *
     * @param value the value
     * @return this stage
     */
    default T setKeepCheckpoints(int value) {
        return ParamDeclarations.set(this, keepCheckpoints(), value);
    }
}
