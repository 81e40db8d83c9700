package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code a + b} for two inputs of the same shape: DL4J's {@code ElementWiseVertex(Add)} on faster kernels
 * ({@link ElementWise}). Each input's gradient is a copy of the output's: DL4J adds further gradients into an input's
 * array in place, so the two may not share one.
 */
public class Add extends SameShapeJoin {

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray params, boolean init,
                                                                       DataType dataType) {
        return new Impl(graph, name, idx, dataType);
    }

    @Override
    public Add clone() {
        return new Add();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Add;
    }

    @Override
    public int hashCode() {
        return Add.class.hashCode();
    }

    @Override
    public String toString() {
        return "Add()";
    }

    static final class Impl extends SameShapeJoin.Runtime {
        Impl(ComputationGraph graph, String name, int idx, DataType dataType) {
            super(graph, name, idx, dataType);
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
            if (!canDoForward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": inputs not set");
            }
            return ElementWise.sum(inputs[0], inputs[1], ArrayType.ACTIVATIONS, mgr);
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
            if (!canDoBackward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": epsilon not set");
            }
            return new Pair<>(null, new INDArray[]{ElementWise.copy(epsilon, ArrayType.ACTIVATION_GRAD, mgr),
                    ElementWise.copy(epsilon, ArrayType.ACTIVATION_GRAD, mgr)});
        }

        @Override
        public String toString() {
            return "Add(" + vertexName + ")";
        }
    }
}
