package org.cifarzoo.backend;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OneDnnActivation against the definitions, element by element (no rounding is involved: the results are the inputs,
 * the bounds or zero): on random values spanning both kinks and on the kinks themselves, in an NHWC-shaped array.
 */
class OneDnnActivationTest {

    @BeforeAll
    static void start() {
        Backend.start(true);
        Nd4j.getRandom().setSeed(3);
    }

    @ParameterizedTest
    @EnumSource(OneDnnActivation.Kind.class)
    void forwardAndBackwardAreTheDefinitions(OneDnnActivation.Kind kind) {
        double upper = kind == OneDnnActivation.Kind.RELU6 ? 6 : Double.POSITIVE_INFINITY;
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5, 5, 24).subi(0.5).muli(16); // [-8, 8): below, between, above
        x.putScalar(0, 0f);
        x.putScalar(1, 6f);
        x.putScalar(2, -0f);
        INDArray gradOut = Nd4j.rand(DataType.FLOAT, x.shape()).addi(1);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
        INDArray gradIn = Nd4j.createUninitialized(DataType.FLOAT, x.shape());

        OneDnnActivation activation = new OneDnnActivation(kind);
        activation.forward(x, out);
        activation.backward(x, gradOut, gradIn);

        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            assertEquals(Math.min(Math.max(v, 0), upper), out.getDouble(i), 0, "f(" + v + ")");
            double slope = v > 0 && v <= upper ? 1 : 0;
            assertEquals(slope * gradOut.getDouble(i), gradIn.getDouble(i), 0, "f'(" + v + ") · dy");
        }
        assertTrue(x.cond(Conditions.greaterThan(upper)).any() || kind == OneDnnActivation.Kind.RELU,
                "the sample covers the upper kink");
    }

    @Test
    void takesDenseFloatArraysOnly() {
        INDArray dense = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        assertTrue(OneDnnActivation.supports(dense, dense.permute(2, 1, 0).dup('c')));
        assertFalse(OneDnnActivation.supports(dense.permute(2, 1, 0)), "a strided view");
        assertFalse(OneDnnActivation.supports(dense.castTo(DataType.DOUBLE)));
    }
}
