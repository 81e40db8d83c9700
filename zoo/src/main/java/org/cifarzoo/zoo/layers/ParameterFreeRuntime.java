package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime side of our vertices without parameters, written directly against ND4J ops (not SameDiff, whose layers
 * back-propagate twice the true gradient in M2.1): no layer, no gradient view, the first input's mask.
 */
abstract class ParameterFreeRuntime extends BaseGraphVertex {

    ParameterFreeRuntime(ComputationGraph graph, String name, int idx, DataType dataType) {
        super(graph, name, idx, (VertexIndices[]) null, (VertexIndices[]) null, dataType);
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("Vertex " + vertexName + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
        return new Pair<>(masks == null ? null : masks[0], state);
    }
}
