package org.cifarzoo.harness.data;

/** Per-channel standardisation on the 0–255 scale (training.md §4.2), identical for train and test images. */
public final class Normalization {
    static final double[] MEAN = {125.306918046875, 122.950394140625, 113.86538318359375};
    static final double[] STD = {62.99321927813685, 62.088707640014405, 66.70489964063101};
    private static final int PLANE = Split.SIDE * Split.SIDE;
    private static final float[][] LOOKUP = new float[Split.CHANNELS][256];

    static {
        for (int c = 0; c < Split.CHANNELS; c++) {
            for (int v = 0; v < 256; v++) {
                LOOKUP[c][v] = (float) ((v - MEAN[c]) / STD[c]);
            }
        }
    }

    private Normalization() {
    }

    /** Writes image {@code index} of {@code split} as normalised CHW floats at {@code dst[dstOffset…]}. */
    public static void normalize(Split split, int index, float[] dst, int dstOffset) {
        byte[] px = split.pixels();
        int src = index * Split.PIXELS;
        for (int c = 0; c < Split.CHANNELS; c++) {
            float[] lut = LOOKUP[c];
            for (int p = 0; p < PLANE; p++) {
                dst[dstOffset + c * PLANE + p] = lut[px[src + c * PLANE + p] & 0xFF];
            }
        }
    }
}
