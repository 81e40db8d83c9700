package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * The last step of a squeeze-excitation: {@code y[n,c,h,w] = x[n,c,h,w] · gate[n,c]}. Two inputs, in this order:
 * the feature map x (NCHW) and the per-channel gate (a dense layer's output, [N, C]). Parameter-free.
 *
 * <p>Written against ND4J broadcast ops, not SameDiff (whose layers and vertices back-propagate twice the true
 * gradient in M2.1). Backward: {@code dx = ε·gate} (broadcast over H, W), {@code dgate = Σ_hw ε·x}.
 */
public class ChannelScale extends TwoInputVertex {
    /** Dimensions of x that the [N, C] gate runs along. */
    private static final int[] BATCH_AND_CHANNEL = {0, 1};
    private static final int[] SPATIAL = {2, 3};

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || !(inputs[0] instanceof InputType.InputTypeConvolutional x)
                || x.getFormat() != CNN2DFormat.NCHW || !(inputs[1] instanceof InputType.InputTypeFeedForward gate)) {
            throw new InvalidInputTypeException("ChannelScale (vertex " + layerIndex + ") needs an NCHW feature map "
                    + "and a feed-forward gate, got " + java.util.Arrays.toString(inputs));
        }
        if (gate.getSize() != x.getChannels()) {
            throw new InvalidInputTypeException("ChannelScale (vertex " + layerIndex + "): gate has " + gate.getSize()
                    + " values per example but the feature map has " + x.getChannels() + " channels");
        }
        return x;
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray params, boolean init,
                                   DataType dataType) {
        return new Impl(graph, name, idx, dataType);
    }

    @Override
    public ChannelScale clone() {
        return new ChannelScale();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelScale;
    }

    @Override
    public int hashCode() {
        return ChannelScale.class.hashCode();
    }

    @Override
    public String toString() {
        return "ChannelScale(x[N,C,H,W] * gate[N,C])";
    }

    static final class Impl extends ParameterFreeRuntime {

        Impl(ComputationGraph graph, String name, int idx, DataType dataType) {
            super(graph, name, idx, dataType);
        }

        private static void checkShapes(String vertex, INDArray x, INDArray gate) {
            if (x.rank() != 4 || gate.rank() != 2 || gate.size(0) != x.size(0) || gate.size(1) != x.size(1)) {
                throw new IllegalStateException("ChannelScale " + vertex + ": cannot scale "
                        + java.util.Arrays.toString(x.shape()) + " by " + java.util.Arrays.toString(gate.shape()));
            }
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
            if (!canDoForward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": inputs not set");
            }
            INDArray x = inputs[0];
            INDArray gate = inputs[1];
            checkShapes(vertexName, x, gate);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
            return Broadcast.mul(x, gate, out, BATCH_AND_CHANNEL);
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
            if (!canDoBackward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": epsilon not set");
            }
            INDArray x = inputs[0];
            INDArray gate = inputs[1];
            INDArray gradX = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
            Broadcast.mul(epsilon, gate, gradX, BATCH_AND_CHANNEL);

            INDArray product = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(), x.shape(), 'c');
            product.assign(epsilon).muli(x);
            INDArray gradGate = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, gate.dataType(), gate.shape(), 'c');
            product.sum(gradGate, SPATIAL);
            return new Pair<>(null, new INDArray[]{gradX, gradGate});
        }

        @Override
        public String toString() {
            return "ChannelScale(" + vertexName + ")";
        }
    }
}
