package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** A parameter-free vertex joining two inputs of the same shape into one of that shape (a residual join). */
abstract class SameShapeJoin extends TwoInputVertex {

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (inputs.length != 2 || inputs[0].getType() != inputs[1].getType()
                || !Arrays.equals(inputs[0].getShape(false), inputs[1].getShape(false))) {
            throw new InvalidInputTypeException(getClass().getSimpleName() + " (vertex " + layerIndex
                    + ") needs two inputs of the same shape, got " + Arrays.toString(inputs));
        }
        return inputs[1];
    }

    /** The runtime side: the second input's mask. */
    abstract static class Runtime extends ParameterFreeRuntime {
        Runtime(ComputationGraph graph, String name, int idx, DataType dataType) {
            super(graph, name, idx, dataType);
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatchSize) {
            return new Pair<>(masks == null ? null : masks[1], state);
        }
    }
}
