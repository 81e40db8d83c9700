package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.Supplier;

/**
 * DL4J's convolution layers recompute their forward output in backprop only to pass it to the activation's backprop,
 * which for the identity activation reads nothing but its shape. This holds the incoming gradient (the same shape)
 * during backprop, to stand in for that recomputation.
 */
final class GradientInFlight {
    private INDArray gradient;

    /** Only layers without an activation may skip the recomputation. */
    static void requireIdentity(BaseLayer layer) {
        if (!(layer.getActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException(layer.getClass().getSimpleName() + " " + layer.getLayerName()
                    + " needs the identity activation, got " + layer.getActivationFn());
        }
    }

    Pair<Gradient, INDArray> during(INDArray epsilon, Supplier<Pair<Gradient, INDArray>> backprop) {
        gradient = epsilon;
        try {
            return backprop.get();
        } finally {
            gradient = null;
        }
    }

    /** The stand-in for a recomputed forward output, or null where the real one is needed. */
    Pair<INDArray, INDArray> standIn(boolean forBackprop) {
        return forBackprop && gradient != null ? new Pair<>(gradient, null) : null;
    }
}
