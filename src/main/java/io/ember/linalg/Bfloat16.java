package io.ember.linalg;

/**
 * bfloat16 conversions: a bfloat16 is the top 16 bits of a float32 (sign, the same 8-bit exponent, 7 of
 * the 23 fraction bits), so it has float32's range with 8 significant bits. Narrowing rounds to nearest,
 * ties to even (not truncation); a finite value at least half a unit beyond bfloat16's largest
 * (3.3895e38, so from about 3.3962e38) rounds to an infinity of its sign, infinities stay infinities and NaN stays NaN (made quiet, sign kept). Widening
 * is exact. Each array method names the array it modifies; nothing is checked.
 */
public final class Bfloat16 {
    /**
     * The unit roundoff, 2^-8: a float32 whose bfloat16 is a normal number narrows with a relative error of
     * at most this (half a unit in the last of 8 significant bits); in bfloat16's subnormal range the error
     * is at most 2^-134.
     */
    public static final double UNIT_ROUNDOFF = 0x1p-8;

    private Bfloat16() {
    }

    /** {@code x} rounded to the nearest bfloat16, ties to even, as its 16 bits. */
    public static short narrow(float x) {
        int bits = Float.floatToRawIntBits(x);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            // NaN: rounding could carry its fraction into the exponent (an infinity) or drop it (also an
            // infinity); keep the sign and the top fraction bits and set the quiet bit instead
            return (short) ((bits >>> 16) | 0x0040);
        }
        // add just under half a unit of the kept bits, plus one when the kept part is odd: a tie then
        // carries exactly when rounding to even needs it; a carry into the exponent is the correct result,
        // up to infinity
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }

    /** The float32 value of the bfloat16 {@code b} (exact). */
    public static float widen(short b) {
        return Float.intBitsToFloat(b << 16);
    }

    /** Modifies {@code dst}: {@code dst[dOff + i] = narrow(src[sOff + i])} for {@code i < len}. */
    public static void narrow(float[] src, int sOff, short[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = narrow(src[sOff + i]);
        }
    }

    /** Modifies {@code dst}: {@code dst[dOff + i] = widen(src[sOff + i])} for {@code i < len}. */
    public static void widen(short[] src, int sOff, float[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = Float.intBitsToFloat(src[sOff + i] << 16);
        }
    }

    /** Modifies {@code acc}: {@code acc[aOff + i] += widen(x[xOff + i])} for {@code i < len}, in float32. */
    public static void addWidened(float[] acc, int aOff, short[] x, int xOff, int len) {
        for (int i = 0; i < len; i++) {
            acc[aOff + i] += Float.intBitsToFloat(x[xOff + i] << 16);
        }
    }
}
