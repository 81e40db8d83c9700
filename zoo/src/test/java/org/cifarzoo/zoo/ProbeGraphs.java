package org.cifarzoo.zoo;

import org.cifarzoo.zoo.layers.ChannelsLast;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/** The small graphs layer tests probe with: one input named "input", no updater (as gradient checks need), TF-SAME. */
final class ProbeGraphs {
    private ProbeGraphs() {
    }

    static ComputationGraphConfiguration.GraphBuilder builder(long seed, DataType type, InputType input) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(type).updater(new NoOp())
                .weightInit(WeightInit.XAVIER_UNIFORM).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input").setInputTypes(input);
    }

    /** The NCHW input as the next layer sees it in {@code layout}: "input", or a ChannelsLast vertex "nhwc" on it. */
    static String inLayout(ComputationGraphConfiguration.GraphBuilder graph, CNN2DFormat layout) {
        if (layout == CNN2DFormat.NCHW) {
            return "input";
        }
        graph.addVertex("nhwc", new ChannelsLast(), "input");
        return "nhwc";
    }
}
