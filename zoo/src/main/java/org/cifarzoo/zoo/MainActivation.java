package org.cifarzoo.zoo;

import org.nd4j.linalg.activations.Activation;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A model's main activation, named as in the seed's results table ({@code seed-results.csv}). Families that mix
 * activations (MobileNetV3's ReLU + swish, TResNet's two leaky slopes) read the name and place them per block;
 * {@link #dl4j()} is the activation a plain block uses.
 */
public enum MainActivation {
    RELU("relu", Activation.RELU),
    MISH("mish", Activation.MISH),
    RELU6("relu6", Activation.RELU6),
    /** MobileNetV3: ReLU in early blocks, swish (the original's "hswish" is plain x·sigmoid(x)) later. */
    RELU_SWISH("relu+swish", Activation.SWISH),
    /** TResNet: leaky ReLU, slope 0.01 in the stem and 0.001 inside blocks. */
    LEAKY_RELU("leaky_relu", Activation.LEAKYRELU);

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
