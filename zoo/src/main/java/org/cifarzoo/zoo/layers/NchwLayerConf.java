package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * Shared configuration plumbing of the zoo's layers with parameters on NCHW feature maps (written directly against
 * ND4J ops, not SameDiff). Subclasses give the runtime layer, the parameter table and the output shape.
 */
abstract class NchwLayerConf extends FeedForwardLayer {

    NchwLayerConf() {
    }

    NchwLayerConf(FeedForwardLayer.Builder<?> builder) {
        super(builder);
    }

    /** The runtime layer, before parameters are attached. */
    abstract BaseLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return RuntimeLayers.attach(runtime(conf, networkDataType), conf, listeners, layerIndex, layerParamsView, initializeParams);
    }

    InputType.InputTypeConvolutional nchw(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional in) || in.getFormat() != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " " + layerName + " needs an NCHW "
                    + "convolutional input, got " + inputType);
        }
        return in;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(inputType, layerName);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    /** Parameters plus, as working memory, about two copies of the output per example. */
    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long perExample = 2 * out.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, perExample, 0, perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
