package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
    InputType.InputTypeConvolutional outputFor(long channels, long height, long width, CNN2DFormat format) {
        checkPad(channels, outChannels, "?");
        return (InputType.InputTypeConvolutional) InputType.convolutional(height, width, outChannels, format);
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
        return new Impl(graph, name, idx, dataType, outChannels, channelAxis(getFormat()));
    }

    @Override
    public ChannelZeroPad clone() {
        ChannelZeroPad copy = new ChannelZeroPad(outChannels);
        copy.setFormat(getFormat());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelZeroPad p && p.outChannels == outChannels && p.getFormat() == getFormat();
    }

    @Override
    public int hashCode() {
        return Objects.hash(ChannelZeroPad.class, outChannels, getFormat());
    }

    @Override
    public String toString() {
        return "ChannelZeroPad(out=" + outChannels + ", " + getFormat() + ")";
    }

    static final class Impl extends ParameterFreeVertex {
        private final int outChannels;
        private final int channelAxis;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, int outChannels, int channelAxis) {
            super(graph, name, idx, dataType);
            this.outChannels = outChannels;
            this.channelAxis = channelAxis;
        }

        /** Where the input's channels sit in the output. */
        private INDArrayIndex[] original(INDArray in) {
            long channels = in.size(channelAxis);
            long before = checkPad(channels, outChannels, vertexName);
            INDArrayIndex[] index = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
            index[channelAxis] = NDArrayIndex.interval(before, before + channels);
            return index;
        }

        @Override
        protected INDArray forward(INDArray in, LayerWorkspaceMgr mgr) {
            long[] shape = in.shape().clone(); // ND4J hands out the array's own shape
            shape[channelAxis] = outChannels;
            INDArray out = mgr.create(ArrayType.ACTIVATIONS, in.dataType(), shape);
            out.get(original(in)).assign(in);
            return out;
        }

        @Override
        protected INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr) {
            return mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon.get(original(in)), 'c');
        }
    }
}
