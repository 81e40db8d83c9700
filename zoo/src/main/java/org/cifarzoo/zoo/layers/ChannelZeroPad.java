package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Objects;

/**
 * {@code Pad0(c→n)}: the parameter-free shortcut that grows c channels to n by appending (n−c)/2 all-zero
 * channels before and (n−c)/2 after the existing ones (models.md §0). Backward passes the gradient of the
 * original channels through and drops the rest.
 */
public class ChannelZeroPad extends SpatialVertexConf {
    private int outChannels;

    /** For JSON deserialisation. */
    public ChannelZeroPad() {
    }

    public ChannelZeroPad(int outChannels) {
        this.outChannels = outChannels;
    }

    public int getOutChannels() {
        return outChannels;
    }

    @Override
    InputType.InputTypeConvolutional outputFor(long channels, long height, long width) {
        checkPad(channels, outChannels, "?");
        return (InputType.InputTypeConvolutional) InputType.convolutional(height, width, outChannels, CNN2DFormat.NCHW);
    }

    static long checkPad(long in, long out, String vertex) {
        if (out < in || (out - in) % 2 != 0) {
            throw new IllegalArgumentException("ChannelZeroPad " + vertex + ": cannot pad " + in + " channels to " + out
                    + " (needs out >= in and an even difference)");
        }
        return (out - in) / 2;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray params, boolean init,
                                   DataType dataType) {
        return new Impl(graph, name, idx, dataType, outChannels);
    }

    @Override
    public ChannelZeroPad clone() {
        return new ChannelZeroPad(outChannels);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelZeroPad p && p.outChannels == outChannels;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ChannelZeroPad.class, outChannels);
    }

    @Override
    public String toString() {
        return "ChannelZeroPad(out=" + outChannels + ")";
    }

    static final class Impl extends ParameterFreeVertex {
        private final int outChannels;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, int outChannels) {
            super(graph, name, idx, dataType);
            this.outChannels = outChannels;
        }

        private INDArrayIndex[] original(INDArray in) {
            long before = checkPad(in.size(1), outChannels, vertexName);
            return new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.interval(before, before + in.size(1)),
                    NDArrayIndex.all(), NDArrayIndex.all()};
        }

        @Override
        protected INDArray forward(INDArray in, LayerWorkspaceMgr mgr) {
            INDArray out = mgr.create(ArrayType.ACTIVATIONS, in.dataType(), in.size(0), outChannels, in.size(2),
                    in.size(3));
            out.get(original(in)).assign(in);
            return out;
        }

        @Override
        protected INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr) {
            return mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon.get(original(in)), 'c');
        }
    }
}
