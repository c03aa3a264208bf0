package io.ember.train;

import io.ember.Keys;
import io.ember.config.Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lengths given in epochs count each epoch's own steps: with a batch schedule the epochs differ in
 * length, and a cosine period of N epochs ends exactly where epoch N ends.
 */
class TrainingPlanTest {
    @Test
    void aCosinePeriodInEpochsEndsWithTheEpochWhenABatchScheduleChangesTheirLength() {
        TrainingPlan plan = TrainingPlan.of(Keys.parse(Settings.of("epochs", "4", "batch-size", "100",
                "batch-schedule", "3:200", "schedule", "cosine", "period", "3 epochs", "lr", "0.1", "min-lr", "0.01")),
                1000, 1);
        assertEquals(10, plan.steps(0));
        assertEquals(10, plan.steps(1));
        assertEquals(5, plan.steps(2));
        assertEquals(25, plan.stepsIn(3), "10 + 10 + 5 steps, not 3 x the first epoch's 10");
        assertEquals(30, plan.totalSteps);
        assertEquals(0.01, plan.schedule().at(25), 1e-12, "annealed to min-lr when epoch 3 ends");
        assertTrue(plan.schedule().at(24) > 0.01, "still annealing in the last step of epoch 3");
        double t12 = 0.01 + (0.1 - 0.01) * (1 + Math.cos(Math.PI * 12 / 25)) / 2;
        assertEquals(t12, plan.schedule().at(12), 1e-12, "the published formula with T = 25");
        assertEquals(15, plan.stepsIn(1.5), "a fraction counts that part of the next epoch");
    }

    @Test
    void warmUpInEpochsUsesTheRunsOwnEpochs() {
        TrainingPlan plan = TrainingPlan.of(Keys.parse(Settings.of("epochs", "3", "batch-size", "50",
                "batch-schedule", "2:250", "warmup", "2 epochs", "lr", "1")), 1000, 2);
        assertEquals(20 + 4, plan.stepsIn(2));
        assertEquals(1.0 / 24, plan.schedule().at(0), 1e-12);
        assertEquals(1.0, plan.schedule().at(23), 1e-12);
    }
}
