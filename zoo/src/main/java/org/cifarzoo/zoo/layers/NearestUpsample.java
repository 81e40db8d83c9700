package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Objects;

/**
 * {@code Up(f)}: nearest-neighbour upsampling by f, NCHW or NHWC, on libnd4j's ops as DL4J's Upsampling2D layer runs
 * them. A vertex rather than that layer so that, reading the data, it passes a null gradient on
 * ({@link InputGradients}): at 96 px its backward pass was 0.6 % of MobileNetV2's training step for a gradient no one
 * reads.
 */
public class NearestUpsample extends SpatialVertexConf {
    private int factor;

    /** For JSON deserialisation. */
    public NearestUpsample() {
    }

    public NearestUpsample(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upsampling factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    public int getFactor() {
        return factor;
    }

    @Override
    InputType.InputTypeConvolutional outputFor(long channels, long height, long width, CNN2DFormat format) {
        return (InputType.InputTypeConvolutional) InputType.convolutional(height * factor, width * factor, channels,
                format);
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray params, boolean init,
                                   DataType dataType) {
        return new Impl(graph, name, idx, dataType, factor, getFormat() == CNN2DFormat.NCHW);
    }

    @Override
    public NearestUpsample clone() {
        NearestUpsample copy = new NearestUpsample(factor);
        copy.setFormat(getFormat());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NearestUpsample u && u.factor == factor && u.getFormat() == getFormat();
    }

    @Override
    public int hashCode() {
        return Objects.hash(NearestUpsample.class, factor, getFormat());
    }

    @Override
    public String toString() {
        return "NearestUpsample(factor=" + factor + ", " + getFormat() + ")";
    }

    static final class Impl extends ParameterFreeVertex {
        private final int factor;
        private final boolean nchw;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, int factor, boolean nchw) {
            super(graph, name, idx, dataType);
            this.factor = factor;
            this.nchw = nchw;
        }

        @Override
        protected INDArray forward(INDArray in, LayerWorkspaceMgr mgr) {
            long[] shape = in.shape().clone();
            shape[nchw ? 2 : 1] *= factor;
            shape[nchw ? 3 : 2] *= factor;
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), shape, 'c');
            Nd4j.exec(DynamicCustomOp.builder("upsampling2d").addIntegerArguments(factor, factor, nchw ? 1 : 0)
                    .addInputs(in).addOutputs(out).callInplace(false).build());
            return out;
        }

        @Override
        protected INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr) {
            INDArray gradIn = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
            Nd4j.exec(DynamicCustomOp.builder("upsampling_bp").addIntegerArguments(nchw ? 1 : 0)
                    .addInputs(in, epsilon).addOutputs(gradIn).callInplace(false).build());
            return gradIn;
        }
    }
}
