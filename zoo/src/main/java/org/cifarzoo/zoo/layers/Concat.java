package org.cifarzoo.zoo.layers;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.KnownStatistics;
import org.cifarzoo.backend.OneDnnChannelConcat;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;

/**
 * Concatenation of CNN maps along the channel axis, the inputs' channels in the order given: DL4J's MergeVertex for
 * activations, on oneDNN's copies where its helpers are on ({@link OneDnnChannelConcat}: DenseNet52k12's joins
 * 11 % → 6 % of the main thread's time in training; in four interleaved pairs training 1.00-1.07×, inference
 * 1.03-1.14×), else as ND4J copies into and out of channel-range views. In training on oneDNN it records which
 * inputs its output joins, so that the batch norm reading it measures only the channels no batch norm has measured
 * ({@link KnownStatistics}).
 */
public class Concat extends ParameterFreeVertexConf {
    /** The maps' layout, taken from the input types when the graph is built. */
    private CNN2DFormat format = CNN2DFormat.NCHW;

    public CNN2DFormat getFormat() {
        return format;
    }

    public void setFormat(CNN2DFormat format) {
        this.format = format;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        long channels = 0;
        for (InputType input : inputs) {
            if (!(input instanceof InputType.InputTypeConvolutional map)
                    || !(inputs[0] instanceof InputType.InputTypeConvolutional first)
                    || map.getHeight() != first.getHeight() || map.getWidth() != first.getWidth()
                    || map.getFormat() != first.getFormat()) {
                throw new InvalidInputTypeException("Concat (vertex " + layerIndex + ") needs convolutional inputs of "
                        + "one height, width and layout, got " + Arrays.toString(inputs));
            }
            channels += map.getChannels();
        }
        InputType.InputTypeConvolutional first = (InputType.InputTypeConvolutional) inputs[0];
        format = first.getFormat();
        return InputType.convolutional(first.getHeight(), first.getWidth(), channels, format);
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray params, boolean init,
                                                                       DataType dataType) {
        return new Impl(graph, name, idx, dataType, format);
    }

    @Override
    public Concat clone() {
        Concat c = new Concat();
        c.format = format;
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Concat c && c.format == format;
    }

    @Override
    public int hashCode() {
        return format.hashCode();
    }

    @Override
    public String toString() {
        return "Concat(" + format + ")";
    }

    static final class Impl extends ParameterFreeRuntime {
        private final int channelAxis;
        /** Null where oneDNN's helpers are off. */
        private final OneDnnChannelConcat oneDnn;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, CNN2DFormat format) {
            super(graph, name, idx, dataType);
            channelAxis = SpatialVertexConf.channelAxis(format);
            oneDnn = FastPath.enabled() && Backend.oneDnnHelpers() ? new OneDnnChannelConcat(format) : null;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
            if (!canDoForward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": inputs not set");
            }
            long[] shape = inputs[0].shape().clone();
            shape[channelAxis] = Arrays.stream(inputs).mapToLong(in -> in.size(channelAxis)).sum();
            INDArray joint = mgr.createUninitialized(ArrayType.ACTIVATIONS, inputs[0].dataType(), shape, 'c');
            if (oneDnn != null && OneDnnChannelConcat.supports(inputs) && OneDnnChannelConcat.supports(joint)) {
                oneDnn.concat(inputs, joint);
                if (training) {
                    KnownStatistics.concatenated(joint, inputs); // the batch norm that reads it measures less
                }
                return joint;
            }
            long offset = 0;
            for (INDArray in : inputs) {
                channels(joint, offset, in.size(channelAxis)).assign(in);
                offset += in.size(channelAxis);
            }
            return joint;
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
            if (!canDoBackward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": epsilon not set");
            }
            INDArray[] grads = new INDArray[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), inputs[i].shape(),
                        'c');
            }
            if (oneDnn != null && OneDnnChannelConcat.supports(grads) && OneDnnChannelConcat.supports(epsilon)) {
                oneDnn.split(epsilon, grads);
                return new Pair<>(null, grads);
            }
            long offset = 0;
            for (INDArray grad : grads) {
                grad.assign(channels(epsilon, offset, grad.size(channelAxis)));
                offset += grad.size(channelAxis);
            }
            return new Pair<>(null, grads);
        }

        /** Channels [offset, offset + count) of {@code map}, a view. */
        private INDArray channels(INDArray map, long offset, long count) {
            INDArrayIndex[] index = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
            index[channelAxis] = NDArrayIndex.interval(offset, offset + count);
            return map.get(index);
        }

        @Override
        public String toString() {
            return "Concat(" + vertexName + ")";
        }
    }
}
