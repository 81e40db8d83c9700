package org.cifarzoo.harness.pictures;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftLabelTest {
    private static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    /** Label weights as "class=weight" pairs, and the caption they should give. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "cat=1;                      cat",
            "cat=0.62 dog=0.38;          cat .62 / dog .38",
            "dog=0.38 cat=0.62;          cat .62 / dog .38",
            "ship=0.5 truck=0.5;         ship .50 / truck .50",
            "frog=0.998 deer=0.002;      frog",
            "frog=0.99 deer=0.01;        frog .99 / deer .01",
            "bird=0.6 cat=0.3 deer=0.1;  bird .60 / cat .30"})
    void captionShowsTheTopTwoClassesWithWeights(String weights, String caption) {
        float[] labels = new float[2 * CLASSES.size()];
        labels[0] = 1; // row 0 is another image; the caption reads row 1
        for (String pair : weights.split(" ")) {
            String[] kv = pair.split("=");
            labels[CLASSES.size() + CLASSES.indexOf(kv[0])] = Float.parseFloat(kv[1]);
        }
        assertEquals(caption, SoftLabel.text(labels, 1, CLASSES));
    }
}
