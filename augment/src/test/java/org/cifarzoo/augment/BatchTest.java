package org.cifarzoo.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchTest {

    @ParameterizedTest(name = "{0} images, {1} label floats, size {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "3072 | 10 | 0 | size must be >= 1, got 0",
            "3071 | 10 | 1 | images has 3071 floats, expected size 1 × 3 × 32 × 32 = 3072",
            "6144 | 10 | 1 | images has 6144 floats, expected size 1 × 3 × 32 × 32 = 3072",
            "6144 | 10 | 2 | labels has 10 floats, expected size 2 × 10 = 20",
    })
    void rejectsMismatchedLengths(int imageFloats, int labelFloats, int size, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Batch(new float[imageFloats], new float[labelFloats], size));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "image {0} channel {1} ({2},{3}) at {4}")
    @CsvSource({"0,0,0,0,0", "0,0,0,31,31", "0,0,1,0,32", "0,1,0,0,1024", "0,2,31,31,3071", "1,0,0,0,3072",
            "2,1,3,4,7268"})
    void pixelIndexIsNchw(int image, int channel, int y, int x, int index) {
        assertEquals(index, Batch.pixelIndex(image, channel, y, x));
    }

    @Test
    void copyIsDeep() {
        Batch batch = TestBatches.coordinates(2);
        Batch copy = batch.copy();
        assertNotSame(batch.images(), copy.images());
        assertNotSame(batch.labels(), copy.labels());
        assertArrayEquals(batch.images(), copy.images());
        assertArrayEquals(batch.labels(), copy.labels());
        assertEquals(2, copy.size());
    }
}
