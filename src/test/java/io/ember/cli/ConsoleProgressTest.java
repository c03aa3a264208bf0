package io.ember.cli;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.step.StepCoordinates;
import io.ember.train.EpochReport;
import io.ember.train.StepReport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress on a terminal redraws one line in place; in a log it is one plain line per epoch. */
class ConsoleProgressTest {

    private static String drive(boolean terminal) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        io.ember.train.TrainingPlan plan = planOf();
        p.onStart(plan, new io.ember.train.TrainingState(new float[0], null));
        for (int s = 0; s < 10; s++) {
            Thread.sleep(30);
            p.onStep(new StepReport(new StepCoordinates(0, s, 10, s), 1e-3, 0.5, 128, 1.0, 5_000_000L, 4_000_000L,
                    3_000_000L), null);
        }
        p.onEpoch(new EpochReport(0, 2, 10, 0.4321, null, 1e-3, 2_000_000_000L, 0, 1280, false), null);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static io.ember.train.TrainingPlan planOf() {
        return io.ember.train.TrainingPlan.of(Keys.parse(Settings.of("epochs", "2", "batch-size", "128")), 1280, 1);
    }

    @Test
    void aLogGetsPlainLinesOnly() throws InterruptedException {
        String out = drive(false);
        assertFalse(out.contains("\r") || out.contains("\u001b"), "no control characters: " + out);
        assertEquals(2, out.lines().count(), out); // the plan, then the epoch
        assertTrue(out.startsWith("plan: 2 epochs of 10 steps (global batch 128), 20 steps in all; schedule "
                + "constant(lr=0.001)"), out);
        assertTrue(out.contains("epoch 1/2  train loss 0.4321  lr 1.00e-03  2.0 s  640 ex/s"), out);
    }

    @Test
    void aTerminalGetsALineRedrawnInPlace() throws InterruptedException {
        String out = drive(true);
        assertTrue(out.contains("\r\u001b[Kepoch 1/2 ["), out);
        assertTrue(out.matches("(?s).*ex/s  loss 0\\.5000  lr 1\\.00e-03  ETA \\d\\d:\\d\\d.*"), out);
        assertTrue(out.endsWith("640 ex/s\n"), out);
    }
}
