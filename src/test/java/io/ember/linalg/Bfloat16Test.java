package io.ember.linalg;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bfloat16 narrowing against known bit patterns and against an independent reference that uses no bit
 * manipulation: the float, in double (exact), scaled by a power of two to its bfloat16 quantum (8 significant
 * bits; the subnormal quantum 2^-133 below 2^-126), rounded half to even by {@link Math#rint} and scaled back;
 * at or above 2^128 an infinity. Each step is exact in double. A sample is also checked with BigDecimal.
 */
class Bfloat16Test {
    /** The reference: {@code x} (finite) rounded to 8 significant bits, half to even, as a float32 value. */
    private static float reference(float x) {
        int e = Math.max(Math.getExponent(x), -126);
        double rounded = Math.scalb(Math.rint(Math.scalb((double) x, 7 - e)), e - 7);
        if (Math.abs(rounded) >= 0x1p128) {
            return x > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        return (float) rounded; // exact: 8 significant bits in float32's range; rint keeps the sign of zero
    }

    /** The same rounding in exact decimal arithmetic. */
    private static float decimalReference(float x) {
        int e = Math.max(Math.getExponent(x), -126);
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal quantum = e - 7 >= 0 ? two.pow(e - 7) : BigDecimal.ONE.divide(two.pow(7 - e));
        BigDecimal rounded = new BigDecimal(x).divide(quantum).setScale(0, RoundingMode.HALF_EVEN).multiply(quantum);
        if (rounded.abs().compareTo(two.pow(128)) >= 0) {
            return x > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        return rounded.signum() == 0 ? Math.copySign(0f, x) : rounded.floatValue();
    }

    private static void assertRoundsLikeTheReference(float x) {
        float expected = reference(x);
        float actual = Bfloat16.widen(Bfloat16.narrow(x));
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                () -> String.format("%s (0x%08x): expected %s, got %s", x, Float.floatToRawIntBits(x), expected,
                        actual));
    }

    private static void assertTheReferencesAgree(float x) {
        assertEquals(Float.floatToRawIntBits(decimalReference(x)), Float.floatToRawIntBits(reference(x)),
                () -> "the two references disagree on " + x);
    }

    private static short bf16(int floatBits) {
        return Bfloat16.narrow(Float.intBitsToFloat(floatBits));
    }

    @Test
    void knownBitPatterns() {
        assertEquals((short) 0x3f80, bf16(0x3f800000), "1");
        assertEquals((short) 0xc000, bf16(0xc0000000), "-2");
        assertEquals((short) 0x3f80, bf16(0x3f807fff), "just under half a unit: down");
        assertEquals((short) 0x3f81, bf16(0x3f808001), "just over half a unit: up (truncation: 0x3f80)");
        assertEquals((short) 0x3f80, bf16(0x3f808000), "tie, 0x3f80 even: stays");
        assertEquals((short) 0x3f82, bf16(0x3f818000), "tie, 0x3f81 odd: up to even");
        assertEquals((short) 0xbf82, bf16(0xbf818000), "negative tie: magnitude to even");
        assertEquals((short) 0x4000, bf16(0x3fffc000), "a carry into the exponent: 1.99... rounds to 2");
        assertEquals((short) 0x0000, bf16(0x00000000), "+0");
        assertEquals((short) 0x8000, bf16(0x80000000), "-0 keeps its sign");
        assertEquals((short) 0x3ea9, Bfloat16.narrow(0.33f), "0.33f = 0x3ea8f5c3 rounds up (truncation: 0x3ea8)");
    }

    @Test
    void subnormals() {
        assertEquals((short) 0x0000, bf16(0x00000001), "the smallest float32 subnormal rounds to 0");
        assertEquals((short) 0x0000, bf16(0x00008000), "half the smallest bfloat16 subnormal: tie to even 0");
        assertEquals((short) 0x0001, bf16(0x00008001), "just over half: the smallest bfloat16 subnormal");
        assertEquals((short) 0x0002, bf16(0x00018000), "tie, 0x0001 odd: up to 0x0002");
        assertEquals((short) 0x0080, bf16(0x007fffff), "the largest float32 subnormal rounds up to the smallest "
                + "normal");
        assertEquals((short) 0x8001, bf16(0x80010000), "a negative subnormal is exact");
        assertEquals(0x1p-133f, Bfloat16.widen((short) 0x0001), "the smallest bfloat16 subnormal");
    }

    @Test
    void infinitiesNanAndOverflow() {
        assertEquals((short) 0x7f80, Bfloat16.narrow(Float.POSITIVE_INFINITY));
        assertEquals((short) 0xff80, Bfloat16.narrow(Float.NEGATIVE_INFINITY));
        assertEquals((short) 0x7f80, Bfloat16.narrow(Float.MAX_VALUE), "float32's largest rounds to infinity");
        assertEquals((short) 0xff80, Bfloat16.narrow(-Float.MAX_VALUE));
        assertEquals((short) 0x7f7f, bf16(0x7f7f7fff), "just under the overflow threshold: bfloat16's largest");
        assertEquals((short) 0x7f80, bf16(0x7f7f8000), "the threshold is a tie with an odd largest: infinity");
        assertEquals(0x1.fep127f, Bfloat16.widen((short) 0x7f7f), "bfloat16's largest");
        for (int bits : new int[] {0x7fc00000, 0x7f800001, 0x7fbfffff, 0x7f80ffff, 0x7fffffff, 0xff800001, 0xffc00000,
                0xffffffff, 0x7f808000}) {
            short b = bf16(bits);
            assertTrue(Float.isNaN(Bfloat16.widen(b)), String.format("NaN 0x%08x became 0x%04x", bits, b));
            assertEquals(bits < 0, (b & 0x8000) != 0, "sign kept");
        }
        assertEquals((short) 0x7fc0, Bfloat16.narrow(Float.NaN), "Java's NaN stays the canonical quiet NaN");
    }

    @Test
    void everyBfloat16RoundTrips() {
        for (int b = 0; b < 0x10000; b++) {
            float f = Bfloat16.widen((short) b);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(Bfloat16.widen(Bfloat16.narrow(f))));
            } else {
                assertEquals((short) b, Bfloat16.narrow(f), Integer.toHexString(b));
                assertEquals(b << 16, Float.floatToRawIntBits(f), "widening appends 16 zero bits");
            }
        }
    }

    /** Every tie between neighbouring bfloat16 values and the floats just beside it, and random floats. */
    @Test
    void roundsLikeTheReferences() {
        for (int b = 0; b < 0x10000; b++) {
            int tie = (b << 16) | 0x8000;
            for (int bits : new int[] {tie - 1, tie, tie + 1, b << 16}) {
                float x = Float.intBitsToFloat(bits);
                if (!Float.isNaN(x) && !Float.isInfinite(x)) {
                    assertRoundsLikeTheReference(x);
                    if (b % 61 == 0) {
                        assertTheReferencesAgree(x);
                    }
                }
            }
        }
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 2_000; i++) {
            float x = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(x) && !Float.isInfinite(x)) {
                assertTheReferencesAgree(x);
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            float x = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(x) && !Float.isInfinite(x)) {
                assertRoundsLikeTheReference(x);
                float r = Bfloat16.widen(Bfloat16.narrow(x));
                if (Math.abs(x) >= 0x1p-126f && !Float.isInfinite(r)) {
                    assertTrue(Math.abs(r - (double) x) <= Bfloat16.UNIT_ROUNDOFF * Math.abs(x), "relative error");
                }
            }
        }
    }

    @Test
    void arrayKernelsApplyTheScalarOnesWithOffsets() {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[37];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 100);
        }
        short[] narrow = new short[40];
        Bfloat16.narrow(x, 2, narrow, 1, 33);
        float[] widened = new float[36];
        Bfloat16.widen(narrow, 1, widened, 3, 33);
        float[] acc = new float[35];
        java.util.Arrays.fill(acc, 0.5f);
        Bfloat16.addWidened(acc, 2, narrow, 1, 33);
        for (int i = 0; i < 33; i++) {
            assertEquals(Bfloat16.narrow(x[2 + i]), narrow[1 + i]);
            assertEquals(Bfloat16.widen(narrow[1 + i]), widened[3 + i]);
            assertEquals(0.5f + Bfloat16.widen(narrow[1 + i]), acc[2 + i]);
        }
        assertEquals(0, narrow[0]);
        assertEquals(0, narrow[34]);
        assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOf(widened, 3));
        assertEquals(0.5f, acc[0]);
        assertEquals(0.5f, acc[1]);
    }
}
