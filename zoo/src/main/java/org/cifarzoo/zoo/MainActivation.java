package org.cifarzoo.zoo;

import org.nd4j.linalg.activations.Activation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A model's main activation, named as in the seed's results table ({@code seed-results.csv}). */
public enum MainActivation {
    RELU("relu", Activation.RELU),
    MISH("mish", Activation.MISH);

    private final String csvName;
    private final Activation dl4j;

    MainActivation(String csvName, Activation dl4j) {
        this.csvName = csvName;
        this.dl4j = dl4j;
    }

    public String csvName() {
        return csvName;
    }

    public Activation dl4j() {
        return dl4j;
    }

    public static MainActivation parse(String name) {
        for (MainActivation a : values()) {
            if (a.csvName.equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown activation '" + name + "'; expected one of "
                + Arrays.stream(values()).map(MainActivation::csvName).collect(Collectors.joining(", ")));
    }
}
