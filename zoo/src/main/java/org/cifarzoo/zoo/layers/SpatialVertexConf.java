package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;

/**
 * Shared configuration plumbing of the zoo's parameter-free, single-input CNN vertices (NCHW).
 * Subclasses state only how the output shape follows from the input shape and which implementation runs.
 */
abstract class SpatialVertexConf extends GraphVertex {

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    /** Output shape for an input of {@code channels × height × width}. */
    abstract InputType.InputTypeConvolutional outputFor(long channels, long height, long width);

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (!(inputs[0] instanceof InputType.InputTypeConvolutional in) || in.getFormat() != CNN2DFormat.NCHW) {
            throw new InvalidInputTypeException(getClass().getSimpleName() + " (vertex " + layerIndex
                    + ") needs an NCHW convolutional input, got " + inputs[0]);
        }
        return outputFor(in.getChannels(), in.getHeight(), in.getWidth());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputs) {
        InputType out = getOutputType(-1, inputs);
        return new LayerMemoryReport.Builder(null, getClass(), inputs[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
