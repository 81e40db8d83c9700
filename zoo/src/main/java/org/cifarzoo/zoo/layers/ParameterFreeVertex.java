package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime side of a parameter-free single-input vertex. Subclasses give the forward and backward maps. */
abstract class ParameterFreeVertex extends ParameterFreeRuntime {

    ParameterFreeVertex(ComputationGraph graph, String name, int idx, DataType dataType) {
        super(graph, name, idx, dataType);
    }

    /** Output in the ACTIVATIONS workspace. */
    protected abstract INDArray forward(INDArray in, LayerWorkspaceMgr mgr);

    /** Gradient with respect to the input, in the ACTIVATION_GRAD workspace. */
    protected abstract INDArray backward(INDArray in, INDArray epsilon, LayerWorkspaceMgr mgr);

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("Vertex " + vertexName + ": input not set");
        }
        return forward(inputs[0], mgr);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
        if (inputs == null || inputs[0] == null) {
            throw new IllegalStateException("Vertex " + vertexName + ": input not set");
        }
        // null where the layer after it handed on no input gradient (LinearConvolution.withoutInputGradient): none
        // is read before it either
        return new Pair<>(null, new INDArray[]{epsilon == null ? null : backward(inputs[0], epsilon, mgr)});
    }

    @Override
    public String toString() {
        return getClass().getEnclosingClass().getSimpleName() + "(" + vertexName + ")";
    }
}
