package org.cifarzoo.harness.pictures;

import org.cifarzoo.harness.data.Normalization;
import org.cifarzoo.harness.data.Split;

import java.util.Arrays;

/**
 * The inverse of {@link Normalization}, for display: normalised float → 0–255. The per-channel mean and std are
 * not copied here; they are recovered from {@link Normalization#normalize} itself (it maps 0 to −mean/std and 255
 * to (255 − mean)/std), so the pictures can never disagree with what training feeds the network.
 */
public final class Denormalization {
    private static final int MAX = 255;
    private static final double[] MEAN = new double[Split.CHANNELS];
    private static final double[] STD = new double[Split.CHANNELS];

    static {
        byte[] pixels = new byte[2 * Split.PIXELS];
        Arrays.fill(pixels, Split.PIXELS, 2 * Split.PIXELS, (byte) MAX);
        Split blackAndWhite = new Split(pixels, new byte[2]);
        float[] normalised = new float[2 * Split.PIXELS];
        Normalization.normalize(blackAndWhite, 0, normalised, 0);
        Normalization.normalize(blackAndWhite, 1, normalised, Split.PIXELS);
        int plane = Split.SIDE * Split.SIDE;
        for (int c = 0; c < Split.CHANNELS; c++) {
            double atBlack = normalised[c * plane];
            double atWhite = normalised[Split.PIXELS + c * plane];
            STD[c] = MAX / (atWhite - atBlack);
            MEAN[c] = -atBlack * STD[c];
        }
    }

    private Denormalization() {
    }

    /** The 0–255 value of a normalised value of {@code channel}, rounded and clipped to the byte range. */
    public static int toByte(int channel, float normalised) {
        long value = Math.round(normalised * STD[channel] + MEAN[channel]);
        return (int) Math.max(0, Math.min(MAX, value));
    }
}
