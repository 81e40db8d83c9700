package org.cifarzoo.zoo.layers;

import org.cifarzoo.backend.OneDnnConvolution;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;

/**
 * DL4J's 2-d convolution for layers without an activation (all of ours: activations are layers of their own or fused
 * into batch norm), minus one wasted forward pass.
 *
 * <p>DL4J's ConvolutionLayer.backpropGradient recomputes the layer's forward output only to hand it to the activation's
 * backprop; for the identity activation that output is never read, yet it costs a whole convolution: a third of the
 * layer's training time. Here, with a layer helper (oneDNN or cuDNN) in place, backprop skips that recomputation.
 *
 * <p>And on channels-last (NHWC) data DL4J's forward pass copies its input to NCHW before it even asks the helper,
 * which takes the original input: with a helper, the forward pass here goes to it straight away.
 *
 * <p>A network's first convolution reads the data, whose gradient no one reads: {@link #withoutInputGradient()} (set
 * by {@code NetBuilder}) has its backprop skip that backward-data convolution on our oneDNN helper.
 * Everything else, parameters and JSON included, is DL4J's layer.
 */
public class LinearConvolution extends ConvolutionLayer {
    /** Whether backprop computes the gradient of the layer's input. */
    private boolean inputGradient = true;

    /** For JSON deserialisation. */
    public LinearConvolution() {
    }

    private LinearConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /** The layer {@code builder} describes (its activation must be identity), validated as DL4J validates it. */
    public static LinearConvolution of(ConvolutionLayer.Builder builder) {
        GradientInFlight.requireIdentity(builder.build());
        return new LinearConvolution(builder);
    }

    /** This layer with backprop handing on no input gradient (a null one) where our oneDNN helper runs it. */
    public LinearConvolution withoutInputGradient() {
        if (getIDropout() != null) {
            throw new IllegalStateException("a layer with dropout passes its input gradient through it: " + this);
        }
        inputGradient = false;
        return this;
    }

    public boolean getInputGradient() {
        return inputGradient;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearConvolution c && super.equals(o) && c.inputGradient == inputGradient;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Boolean.hashCode(inputGradient);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return RuntimeLayers.attach(new Impl(conf, dataType), conf, listeners, layerIndex, paramsView, initializeParams);
    }

    /** The runtime layer: DL4J's, with the recomputation replaced by the gradient itself (same shape, never read). */
    static class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
        private final GradientInFlight inFlight = new GradientInFlight();

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            // the helper is attached after the layer exists (LayerHelpers.install), so it learns this here
            if (!((LinearConvolution) layerConf()).getInputGradient() && helper instanceof OneDnnConvolution oneDnn) {
                oneDnn.dropInputGradient();
            }
            return inFlight.during(epsilon, () -> super.backpropGradient(epsilon, workspaceMgr));
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                       LayerWorkspaceMgr workspaceMgr) {
            // without a helper DL4J's im2col path runs, which we leave as it is
            Pair<INDArray, INDArray> standIn = helper != null ? inFlight.standIn(forBackprop) : null;
            return standIn != null ? standIn : super.preOutput4d(training, forBackprop, workspaceMgr);
        }

        @Override
        protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                     LayerWorkspaceMgr workspaceMgr) {
            INDArray output = helper == null || helperCountFail > 0 ? null : helperOutput(training, workspaceMgr);
            return output != null ? new Pair<>(output, null) : super.preOutput(training, forBackprop, workspaceMgr);
        }

        /** The helper's output for the input as it is, or null where the helper declines (DL4J's path then runs). */
        private INDArray helperOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            validateInputRank();
            INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            validateInputDepth(weights.size(1));
            // our oneDNN helper runs a bias-free layer without bias; DL4J's helpers expect a zero one
            INDArray bias = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr)
                    : helper instanceof OneDnnConvolution ? null : zeroBias();
            ConvolutionLayer conf = layerConf();
            CNN2DFormat format = conf.getCnn2dDataFormat();
            return helper.preOutput(input.castTo(dataType), weights, bias, conf.getKernelSize(), conf.getStride(),
                    padding(format), conf.getCudnnAlgoMode(), conf.getCudnnFwdAlgo(), convolutionMode,
                    conf.getDilation(), format, workspaceMgr);
        }

        /** The top/left padding DL4J hands its helpers. */
        private int[] padding(CNN2DFormat format) {
            ConvolutionLayer conf = layerConf();
            if (convolutionMode != ConvolutionMode.Same) {
                return conf.getPadding();
            }
            int[] outSize = ConvolutionUtils.getOutputSize(input, conf.getKernelSize(), conf.getStride(), null,
                    convolutionMode, conf.getDilation(), format);
            boolean nchw = format == CNN2DFormat.NCHW;
            int[] inSize = {(int) input.size(nchw ? 2 : 1), (int) input.size(nchw ? 3 : 2)};
            return ConvolutionUtils.getSameModeTopLeftPadding(outSize, inSize, conf.getKernelSize(), conf.getStride(),
                    conf.getDilation());
        }

        /** DL4J's convention for helpers on layers without bias: a zero bias, made once outside any workspace. */
        private INDArray zeroBias() {
            if (dummyBias == null) {
                try (MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    dummyBias = Nd4j.create(dataType, 1, layerConf().getNOut());
                }
            }
            return dummyBias;
        }
    }
}
