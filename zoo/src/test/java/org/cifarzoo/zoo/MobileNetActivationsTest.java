package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.PaperHardSigmoid;
import org.cifarzoo.zoo.layers.PaperHardSwish;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The activations the MobileNets use: DL4J's ReLU6, ReLU, swish and sigmoid (the reference network) and the papers'
 * hard swish / hard sigmoid (an option). Exact values of the hard ones at their knots, and for all of them backprop
 * equal to ε · f'(x) by central differences in double precision.
 */
class MobileNetActivationsTest {
    private static final double[] X = {-4, -3, -1.5, 0, 1.5, 3, 4};

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    private static double[] apply(IActivation f, double[] x) {
        return f.getActivation(Nd4j.createFromArray(x), false).toDoubleVector();
    }

    @Test
    void hardSigmoidIsRelu6OfXPlus3Over6NotDl4jsHardSigmoid() {
        assertArrayEquals(new double[]{0, 0, 0.25, 0.5, 0.75, 1, 1}, apply(new PaperHardSigmoid(), X), 1e-15);
    }

    @Test
    void hardSwishIsXTimesHardSigmoid() {
        assertArrayEquals(new double[]{0, 0, -0.375, 0, 1.125, 3, 4}, apply(new PaperHardSwish(), X), 1e-15);
    }

    /** Each activation with the points where it has a kink (excluded from the finite-difference comparison). */
    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of(Activation.RELU6.getActivationFunction(), new double[]{0, 6}),
                Arguments.of(Activation.RELU.getActivationFunction(), new double[]{0}),
                Arguments.of(Activation.SWISH.getActivationFunction(), new double[]{}),
                Arguments.of(Activation.SIGMOID.getActivationFunction(), new double[]{}),
                Arguments.of(new PaperHardSigmoid(), new double[]{-3, 3}),
                Arguments.of(new PaperHardSwish(), new double[]{-3, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void backpropIsEpsilonTimesDerivative(IActivation f, double[] kinks) {
        int n = 400;
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.DOUBLE, n).subi(0.5).muli(16); // (−8, 8): every piece of every function
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, n).subi(0.5);
        double h = 1e-6;
        INDArray numeric = f.getActivation(x.add(h), false).subi(f.getActivation(x.sub(h), false))
                .divi(2 * h).muli(epsilon);
        INDArray analytic = f.backprop(x.dup(), epsilon).getFirst();
        int checked = 0;
        for (int i = 0; i < n; i++) {
            double xi = x.getDouble(i);
            if (Arrays.stream(kinks).allMatch(k -> Math.abs(xi - k) > 1e-3)) {
                assertEquals(numeric.getDouble(i), analytic.getDouble(i), 1e-7, f + " at " + xi);
                checked++;
            }
        }
        assertTrue(checked > n - 10);
    }
}
