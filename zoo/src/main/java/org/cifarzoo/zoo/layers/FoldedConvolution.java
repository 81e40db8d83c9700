package org.cifarzoo.zoo.layers;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.backend.OneDnnConvolution;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * A {@link LinearConvolution} with the batch norm that followed it folded in, for inference only
 * ({@link org.cifarzoo.zoo.BatchNormFolding}): a bias, and ReLU where the batch norm was a {@link BatchNormRelu}.
 *
 * <p>On the fast path the ReLU runs inside oneDNN's convolution kernel ({@link OneDnnConvolution#withRelu()}), so the
 * pair costs one convolution with a bias, where the network it came from ran a convolution and a batch-norm pass.
 * Elsewhere it is DL4J's convolution with a bias and that activation.
 */
public class FoldedConvolution extends ConvolutionLayer {

    /** For JSON deserialisation. */
    public FoldedConvolution() {
    }

    private FoldedConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /** {@code conv}'s geometry, named {@code name}, with a bias and then ReLU ({@code relu}) or no activation. */
    public static FoldedConvolution of(ConvolutionLayer conv, String name, boolean relu) {
        return new FoldedConvolution(new ConvolutionLayer.Builder(conv.getKernelSize(), conv.getStride(),
                conv.getPadding()).dilation(conv.getDilation()).convolutionMode(conv.getConvolutionMode())
                .dataFormat(conv.getCnn2dDataFormat()).nIn(conv.getNIn()).nOut(conv.getNOut()).hasBias(true)
                .activation(relu ? Activation.RELU : Activation.IDENTITY).updater(conv.getIUpdater())
                .biasUpdater(conv.getBiasUpdater()).weightInit(conv.getWeightInitFn()).name(name));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return RuntimeLayers.attach(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    static final class Impl extends LinearConvolution.Impl {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
            if (FastPath.enabled() && Backend.oneDnnHelpers()) {
                // the same test the helper's activate() applies: ReLU with DL4J's defaults, the one oneDNN runs
                boolean relu = new ActivationReLU().equals(layerConf().getActivationFn());
                helper = relu ? OneDnnConvolution.withRelu() : new OneDnnConvolution();
            }
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            throw new UnsupportedOperationException("layer '" + layerConf().getLayerName() + "' belongs to an "
                    + "inference graph, its batch norm folded into its weights: train the network it was made from");
        }
    }
}
