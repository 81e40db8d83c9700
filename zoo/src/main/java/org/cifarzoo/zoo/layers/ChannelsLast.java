package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * NCHW images in, the same activations channels-last (NHWC) out: the first vertex of a network that runs
 * channels-last, so that its input, like every other model's, is the data set's NCHW batch.
 */
public class ChannelsLast extends SpatialVertexConf {

    @Override
    InputType.InputTypeConvolutional outputFor(long channels, long height, long width, CNN2DFormat format) {
        if (format != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("ChannelsLast takes NCHW input, got " + format);
        }
        return (InputType.InputTypeConvolutional) InputType.convolutional(height, width, channels, CNN2DFormat.NHWC);
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray params, boolean init,
                                   DataType dataType) {
        return new Impl(graph, name, idx, dataType);
    }

    @Override
    public ChannelsLast clone() {
        return new ChannelsLast();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelsLast;
    }

    @Override
    public int hashCode() {
        return ChannelsLast.class.hashCode();
    }

    @Override
    public String toString() {
        return "ChannelsLast(NCHW -> NHWC)";
    }

    static final class Impl extends ParameterFreeVertex {
        Impl(ComputationGraph graph, String name, int idx, DataType dataType) {
            super(graph, name, idx, dataType);
        }

        @Override
        protected INDArray forward(INDArray in, LayerWorkspaceMgr mgr) {
            return mgr.dup(ArrayType.ACTIVATIONS, in.permute(0, 2, 3, 1), 'c');
        }

        @Override
        protected INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr) {
            return mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon.permute(0, 3, 1, 2), 'c');
        }
    }
}
