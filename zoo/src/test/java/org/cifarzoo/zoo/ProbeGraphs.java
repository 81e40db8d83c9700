package org.cifarzoo.zoo;

import org.cifarzoo.zoo.layers.ChannelsLast;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small graphs layer tests probe with: one input named "input", no updater (as gradient checks need), TF-SAME,
 * closed by a small classifier; and their labels.
 */
final class ProbeGraphs {
    private ProbeGraphs() {
    }

    static ComputationGraphConfiguration.GraphBuilder builder(long seed, DataType type, InputType input) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(type).updater(new NoOp())
                .weightInit(WeightInit.XAVIER_UNIFORM).convolutionMode(ConvolutionMode.Same)
                .graphBuilder().addInputs("input").setInputTypes(input);
    }

    /** Closes a probe on {@code from}: GAP → softmax FC over {@code classes} (cross-entropy); built and initialised. */
    static ComputationGraph classify(ComputationGraphConfiguration.GraphBuilder graph, String from, int classes) {
        ComputationGraph net = new ComputationGraph(graph
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), from)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("fc").build());
        net.init();
        return net;
    }

    /** {@code n} one-hot labels over {@code classes}, example i of class i mod classes. */
    static INDArray oneHot(int n, int classes, DataType type) {
        INDArray y = Nd4j.zeros(type, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return y;
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
