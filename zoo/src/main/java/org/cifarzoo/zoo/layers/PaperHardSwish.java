package org.cifarzoo.zoo.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The MobileNetV3 paper's hard swish {@code x · relu6(x + 3) / 6}. The cifar-zoo reference network's "hswish" is
 * plain swish {@code x·sigmoid(x)} instead (models.md §0); this exists only for the papers' variant
 * ({@code MobileNetV3.Mnv3Activations.PAPER}).
 *
 * <p>Derivative: 0 for x ≤ −3, 1 for x ≥ 3, {@code (2x + 3) / 6} in between, i.e.
 * {@code hardSigmoid(x) + x · hardSigmoid'(x)}.
 */
public class PaperHardSwish extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray gate = PaperHardSigmoid.hardSigmoidInPlace(in.dup());
        return in.muli(gate);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray slope = PaperHardSigmoid.linearRegion(in).muli(in).divi(PaperHardSigmoid.CAP);
        INDArray derivative = PaperHardSigmoid.hardSigmoidInPlace(in.dup()).addi(slope);
        return new Pair<>(in.assign(derivative.muli(epsilon)), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaperHardSwish;
    }

    @Override
    public int hashCode() {
        return PaperHardSwish.class.hashCode();
    }

    @Override
    public String toString() {
        return "hardswish(x*relu6(x+3)/6)";
    }
}
