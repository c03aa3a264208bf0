package io.ember.train;

import io.ember.Keys;
import io.ember.config.Settings;
import io.ember.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executor's parameter-sized buffers of a step, with float32 and with bfloat16 transport. */
class MemoryEstimateTest {
    private static final NetworkSpec SPEC = Networks.of(Keys.parse(Settings.of("layers", "256:relu")), 784, 10);

    private static String estimate(boolean bf16) {
        return MemoryEstimate.training(SPEC, 10_000, 0, 3136, 1, 1, 2, 256, 2, false, 1, -1, bf16).toString();
    }

    @Test
    void bf16TransportAddsTheWidenedParametersAndItsAnswerPerPartition() {
        long p4 = 4L * SPEC.parameterCount();
        // float32: per thread a gradient, plus the partition's sum, the broadcast and the serialized result
        String f32 = estimate(false);
        assertTrue(f32.contains("step gradients and parameters: (2 + 3) x " + MemoryEstimate.mb(p4) + " "
                + MemoryEstimate.mb(5 * p4) + ";"), f32);
        // bf16: the float32 copy of the parameters (4P) and the kept bfloat16 answer (2P) for a broadcast and
        // a serialized result of 2P each
        String bf16 = estimate(true);
        assertTrue(bf16.contains("step gradients and parameters: (2 + 3.5, bfloat16 transport) x "
                + MemoryEstimate.mb(p4) + " " + MemoryEstimate.mb(5 * p4 + p4 / 2) + ";"), bf16);
    }
}
