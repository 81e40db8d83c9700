package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.DepthwiseConv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Objects;

/**
 * {@code Blur2}: the parameter-free anti-alias downsampler (models.md §0): the depthwise 3×3 filter
 * {@code [1,2,1]ᵀ·[1,2,1] / 16} on every channel, stride 2, TF-SAME zero padding (for even sizes: nothing
 * before, one row/column after). A frozen depthwise layer would add 9·C parameters to the count; this adds none.
 */
public class BlurDownsample extends SpatialVertexConf {
    private static final int KERNEL = 3;
    private static final int STRIDE = 2;
    private static final double[] BINOMIAL = {1, 2, 1};

    @Override
    InputType.InputTypeConvolutional outputFor(long channels, long height, long width, CNN2DFormat format) {
        return (InputType.InputTypeConvolutional) InputType.convolutional(ceilHalf(height), ceilHalf(width), channels,
                format);
    }

    private static long ceilHalf(long size) {
        return (size + STRIDE - 1) / STRIDE;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray params, boolean init,
                                   DataType dataType) {
        return new Impl(graph, name, idx, dataType, getFormat());
    }

    @Override
    public BlurDownsample clone() {
        BlurDownsample copy = new BlurDownsample();
        copy.setFormat(getFormat());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlurDownsample b && b.getFormat() == getFormat();
    }

    @Override
    public int hashCode() {
        return Objects.hash(BlurDownsample.class, getFormat());
    }

    @Override
    public String toString() {
        return "BlurDownsample(3x3 binomial, stride 2, " + getFormat() + ")";
    }

    /** The filter in ND4J's depthwise layout [kH, kW, channels, 1]. */
    static INDArray filter(DataType type, long channels) {
        INDArray w = Nd4j.create(type, KERNEL, KERNEL, channels, 1);
        for (int y = 0; y < KERNEL; y++) {
            for (int x = 0; x < KERNEL; x++) {
                w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(y), org.nd4j.linalg.indexing.NDArrayIndex.point(x))
                        .assign(BINOMIAL[y] * BINOMIAL[x] / 16.0);
            }
        }
        return w;
    }

    static final class Impl extends ParameterFreeVertex {
        private final CNN2DFormat format;
        private final Conv2DConfig config;
        private INDArray weights;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, CNN2DFormat format) {
            super(graph, name, idx, dataType);
            this.format = format;
            this.config = Conv2DConfig.builder().kH(KERNEL).kW(KERNEL).sH(STRIDE).sW(STRIDE)
                    .paddingMode(PaddingMode.SAME).dataFormat(format.name()).build();
        }

        /** Built once per channel count and kept outside every workspace. */
        private INDArray weights(INDArray in) {
            long channels = in.size(channelAxis(format));
            if (weights == null || weights.size(2) != channels || weights.dataType() != in.dataType()) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    weights = filter(in.dataType(), channels);
                }
            }
            return weights;
        }

        @Override
        protected INDArray forward(INDArray in, LayerWorkspaceMgr mgr) {
            int h = heightAxis(format);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), shape(format, in.size(0),
                    in.size(channelAxis(format)), ceilHalf(in.size(h)), ceilHalf(in.size(h + 1))));
            Nd4j.exec(new DepthwiseConv2D(in, weights(in), null, out, config));
            return out;
        }

        @Override
        protected INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr) {
            INDArray w = weights(in);
            INDArray gradIn = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape());
            INDArray gradW = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, w.dataType(), w.shape()); // unused
            Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp")
                    .addInputs(in, w, epsilon)
                    .addOutputs(gradIn, gradW)
                    // kH, kW, sH, sW, pH, pW, dH, dW, same-mode, 0 = NCHW / 1 = NHWC, 0 = weights [kH, kW, iC, mC]
                    .addIntegerArguments(KERNEL, KERNEL, STRIDE, STRIDE, 0, 0, 1, 1, 1,
                            format == CNN2DFormat.NCHW ? 0 : 1, 0)
                    .build());
            return gradIn;
        }
    }
}
