package io.ember.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each schedule against its formula evaluated by hand at chosen steps. */
class ScheduleTest {
    private static final double EPS = 1e-12;

    @Test
    void constant() {
        LearningRate s = Schedules.constant(0.1);
        assertEquals(0.1, s.at(0), EPS);
        assertEquals(0.1, s.at(123456), EPS);
    }

    @Test
    void stepDecayLikeStepLR() {
        LearningRate s = Schedules.step(0.1, 0.5, 10);
        assertEquals(0.1, s.at(0), EPS);
        assertEquals(0.1, s.at(9), EPS);
        assertEquals(0.05, s.at(10), EPS);
        assertEquals(0.025, s.at(25), EPS);
    }

    @Test
    void exponentialLikeExponentialLR() {
        LearningRate s = Schedules.exponential(0.1, 0.9);
        assertEquals(0.1, s.at(0), EPS);
        assertEquals(0.081, s.at(2), EPS);
        assertEquals(0.1 * Math.pow(0.9, 50), s.at(50), EPS);
    }

    @Test
    void triangularRisesAndFallsLinearly() {
        // Smith 2017, stepsize 4: lr at 0, peak at 4, back at 8; x = |t/4 - 2*cycle + 1|
        LearningRate s = Schedules.cyclical(0.01, 0.05, 4, Schedules.CyclicalMode.TRIANGULAR, 1);
        assertEquals(0.01, s.at(0), EPS);
        assertEquals(0.02, s.at(1), EPS);
        assertEquals(0.05, s.at(4), EPS);
        assertEquals(0.03, s.at(6), EPS);
        assertEquals(0.01, s.at(8), EPS);
        assertEquals(0.05, s.at(12), EPS);
    }

    @Test
    void triangular2HalvesTheAmplitudeEachCycle() {
        LearningRate s = Schedules.cyclical(0.01, 0.05, 4, Schedules.CyclicalMode.TRIANGULAR2, 1);
        assertEquals(0.05, s.at(4), EPS);
        assertEquals(0.03, s.at(12), EPS); // cycle 2: amplitude 0.04 / 2
        assertEquals(0.02, s.at(20), EPS); // cycle 3: amplitude 0.04 / 4
    }

    @Test
    void expRangeScalesByGammaToTheStep() {
        LearningRate s = Schedules.cyclical(0.01, 0.05, 4, Schedules.CyclicalMode.EXP_RANGE, 0.99);
        assertEquals(0.01 + 0.04 * Math.pow(0.99, 4), s.at(4), EPS);
        assertEquals(0.01 + 0.04 * 0.5 * Math.pow(0.99, 14), s.at(14), EPS); // x = 0.5 at t = 14
    }

    @Test
    void cosineAnnealsThenHolds() {
        LearningRate s = Schedules.cosine(0.1, 0.01, 100);
        assertEquals(0.1, s.at(0), EPS);
        assertEquals(0.055, s.at(50), EPS);
        assertEquals(0.01 + 0.09 * (1 + Math.cos(Math.PI * 0.25)) / 2, s.at(25), EPS);
        assertEquals(0.01, s.at(100), EPS);
        assertEquals(0.01, s.at(250), EPS);
    }

    @Test
    void warmupMultipliesAnySchedule() {
        LearningRate s = Schedules.warmup(Schedules.step(0.1, 0.5, 10), 4);
        assertEquals(0.025, s.at(0), EPS);
        assertEquals(0.075, s.at(2), EPS);
        assertEquals(0.1, s.at(3), EPS);
        assertEquals(0.05, s.at(10), EPS);
        assertEquals(Schedules.cosine(0.1, 0, 50).at(1) * 2 / 5,
                Schedules.warmup(Schedules.cosine(0.1, 0, 50), 5).at(1), EPS);
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Schedules.constant(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Schedules.step(0.1, 0.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Schedules.cyclical(0.1, 0.05, 4, Schedules.CyclicalMode.TRIANGULAR, 1));
        assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(0.1, 0.2, 10));
        assertThrows(IllegalArgumentException.class, () -> Schedules.warmup(Schedules.constant(0.1), -1));
    }
}
