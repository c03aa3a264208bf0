package io.ember.spark;

import io.ember.step.StepCoordinates;
import io.ember.train.TrainingListener;
import io.ember.train.TrainingPlan;
import io.ember.train.TrainingState;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.Locale;

/**
 * Names Ember's Spark jobs for the Spark UI: every step's job reads like
 * {@code ember train epoch 3/10 step 45/59 (step 1225 of 590)}, every validation like
 * {@code ember validation after epoch 3/10}, all in one job group per run.
 */
public final class SparkJobLabels implements TrainingListener {
    private final JavaSparkContext sc;
    private final String group;
    private TrainingPlan plan;

    public SparkJobLabels(JavaSparkContext sc, String runName) {
        this.sc = sc;
        this.group = "ember " + runName;
    }

    /** Labels the jobs that follow, outside training (data loading, test evaluation). */
    public static void label(JavaSparkContext sc, String description) {
        sc.sc().setJobDescription(description);
    }

    @Override
    public void onStart(TrainingPlan p, TrainingState state) {
        plan = p;
    }

    @Override
    public void beforeStep(StepCoordinates at) {
        set(String.format(Locale.ROOT, "ember train epoch %d/%d step %d/%d (step %d of %d)", at.epoch + 1,
                plan.epochs(), at.stepInEpoch + 1, at.stepsInEpoch, at.globalStep + 1, plan.totalSteps));
    }

    @Override
    public void beforeValidation(int epoch, int epochs) {
        set(String.format(Locale.ROOT, "ember validation after epoch %d/%d", epoch + 1, epochs));
    }

    private void set(String description) {
        sc.setJobGroup(group, description, false);
        sc.sc().setJobDescription(description);
    }
}
