package org.cifarzoo.zoo;

import org.cifarzoo.zoo.layers.GroupedConvolution;
import org.cifarzoo.zoo.layers.SqueezeExcitation;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

import java.util.Map;

/**
 * Forward FLOPs per 32×32 input image (at the network's own resolution after its upsampling): multiply-adds × 2 of
 * convolution and dense layers, as the original's tables count them. A kernel weight is used once per output
 * position, so a convolution's multiply-adds are its weights times its output height × width; a dense layer's are
 * its weights. Batch norm, activations, pooling and additions are not counted.
 */
public final class FlopCount {
    /**
     * A training step's FLOPs per forward FLOP: the backward pass computes the input gradient and the weight
     * gradient, each as many multiply-adds as the forward pass (the usual 3× convention).
     */
    public static final int TRAINING_STEP_FACTOR = 3;

    private FlopCount() {
    }

    public static long of(ComputationGraphConfiguration conf) {
        Map<String, InputType> outputs = conf.getLayerActivationTypes(
                InputType.convolutional(ModelSpec.CIFAR_PX, ModelSpec.CIFAR_PX, 3));
        long macs = 0;
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex v)) {
                continue;
            }
            Layer layer = v.getLayerConf().getLayer();
            long params = layer.initializer().numParams(layer);
            long positions = outputs.get(e.getKey()) instanceof InputType.InputTypeConvolutional c
                    ? c.getHeight() * c.getWidth() : 1;
            if (layer instanceof ConvolutionLayer conv) {
                macs += (params - (conv.hasBias() ? conv.getNOut() : 0)) * positions;
            } else if (layer instanceof GroupedConvolution) {
                macs += params * positions; // no bias
            } else if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                var ff = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) layer;
                macs += ff.getNIn() * ff.getNOut();
            } else if (layer instanceof SqueezeExcitation) {
                macs += params; // two small dense layers on the squeezed vector (biases included: < 1 % of it)
            }
        }
        return 2 * macs;
    }
}
