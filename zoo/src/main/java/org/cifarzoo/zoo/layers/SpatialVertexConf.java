package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;

/**
 * Shared configuration plumbing of the zoo's parameter-free, single-input CNN vertices, NCHW or NHWC.
 * Subclasses state only how the output shape follows from the input shape and which implementation runs.
 */
abstract class SpatialVertexConf extends ParameterFreeVertexConf {
    /** The activations' layout, taken from the input type when the graph is built (as DL4J's MergeVertex does). */
    private CNN2DFormat format = CNN2DFormat.NCHW;

    public CNN2DFormat getFormat() {
        return format;
    }

    public void setFormat(CNN2DFormat format) {
        this.format = format;
    }

    static int channelAxis(CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? 1 : 3;
    }

    static int heightAxis(CNN2DFormat format) {
        return format == CNN2DFormat.NCHW ? 2 : 1;
    }

    /** The shape of {@code channels × height × width} activations of the batch size {@code batch} in {@code format}. */
    static long[] shape(CNN2DFormat format, long batch, long channels, long height, long width) {
        return format == CNN2DFormat.NCHW ? new long[]{batch, channels, height, width}
                : new long[]{batch, height, width, channels};
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    /** Output shape for an input of {@code channels × height × width} in {@code format}. */
    abstract InputType.InputTypeConvolutional outputFor(long channels, long height, long width, CNN2DFormat format);

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) throws InvalidInputTypeException {
        if (!(inputs[0] instanceof InputType.InputTypeConvolutional in)) {
            throw new InvalidInputTypeException(getClass().getSimpleName() + " (vertex " + layerIndex
                    + ") needs a convolutional input, got " + inputs[0]);
        }
        format = in.getFormat();
        return outputFor(in.getChannels(), in.getHeight(), in.getWidth(), format);
    }
}
