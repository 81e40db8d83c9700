package org.cifarzoo.harness.pictures;

import org.cifarzoo.harness.data.Normalization;
import org.cifarzoo.harness.data.Split;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DenormalizationTest {

    @Test
    void undoesTheNormalisationOfEveryByteOfEveryChannel() {
        byte[] pixels = new byte[256 * Split.PIXELS];
        for (int v = 0; v < 256; v++) {
            Arrays.fill(pixels, v * Split.PIXELS, (v + 1) * Split.PIXELS, (byte) v);
        }
        Split split = new Split(pixels, new byte[256]);
        float[] image = new float[Split.PIXELS];
        int plane = Split.SIDE * Split.SIDE;
        for (int v = 0; v < 256; v++) {
            Normalization.normalize(split, v, image, 0);
            for (int c = 0; c < Split.CHANNELS; c++) {
                assertEquals(v, Denormalization.toByte(c, image[c * plane + 5]), "channel " + c);
            }
        }
    }

    @Test
    void clipsValuesOutsideTheByteRange() {
        assertEquals(0, Denormalization.toByte(0, -10f));
        assertEquals(255, Denormalization.toByte(2, 10f));
    }
}
