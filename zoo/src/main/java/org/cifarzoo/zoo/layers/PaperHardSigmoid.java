package org.cifarzoo.zoo.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The MobileNetV3 paper's hard sigmoid {@code relu6(x + 3) / 6} (slope 1/6 on (−3, 3)). Not DL4J's
 * {@code HARDSIGMOID}, which is {@code clip(0.2x + 0.5, 0, 1)}. The cifar-zoo reference network uses a true sigmoid;
 * this exists only for the papers' variant ({@code MobileNetV3.Mnv3Activations.PAPER}).
 */
public class PaperHardSigmoid extends BaseActivationFunction {
    static final double SHIFT = 3;
    static final double CAP = 6;

    /** {@code relu6(x + 3) / 6}, in place. */
    static INDArray hardSigmoidInPlace(INDArray x) {
        x.addi(SHIFT);
        Transforms.max(x, 0, false);
        Transforms.min(x, CAP, false);
        return x.divi(CAP);
    }

    /** 1 where {@code −3 < x < 3} (the slope-1/6 region), else 0; a new array of x's type. */
    static INDArray linearRegion(INDArray x) {
        return x.gt(-SHIFT).castTo(x.dataType()).muli(x.lt(SHIFT).castTo(x.dataType()));
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return hardSigmoidInPlace(in);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray slope = linearRegion(in).divi(CAP);
        return new Pair<>(in.assign(slope.muli(epsilon)), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaperHardSigmoid;
    }

    @Override
    public int hashCode() {
        return PaperHardSigmoid.class.hashCode();
    }

    @Override
    public String toString() {
        return "hardsigmoid(relu6(x+3)/6)";
    }
}
