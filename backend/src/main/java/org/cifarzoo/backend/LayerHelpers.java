package org.cifarzoo.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;

import java.lang.reflect.Field;

/**
 * Puts batch norm on {@link OneDnnBatchNorm} and 2-d convolution on {@link OneDnnConvolution} wherever DL4J attached
 * its oneDNN helpers for them. (Layers of the zoo's own take our oneDNN kernels when they are created, where
 * {@link Backend#oneDnnHelpers()}.)
 *
 * <p>DL4J's MKLDNNBatchNormHelper infers correctly, but its training gradients leave the double-precision reference
 * by up to 2 % where the reference layer's stay within float rounding (HelperEquivalenceTest); its replacement calls
 * the same native ops with the forward pass's own batch statistics. DL4J's MKLDNNConvHelper is exact but slow in
 * training (see OneDnnConvolution). The pooling helpers are DL4J's.
 */
public final class LayerHelpers {
    private static final Field BN_HELPER = helperField(BatchNormalization.class);
    private static final Field CONV_HELPER = helperField(ConvolutionLayer.class);

    private LayerHelpers() {
    }

    /** Call once after the network's layers exist (after {@code init()} or restoring). */
    public static ComputationGraph install(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization && get(BN_HELPER, layer) instanceof MKLDNNBatchNormHelper) {
                set(BN_HELPER, layer, new OneDnnBatchNorm());
            } else if (layer instanceof ConvolutionLayer && get(CONV_HELPER, layer) instanceof MKLDNNConvHelper) {
                set(CONV_HELPER, layer, new OneDnnConvolution());
            }
        }
        return net;
    }

    /** Makes {@code helper} the batch norm's (a layer of the zoo's own that needs a particular one); returns it. */
    public static OneDnnBatchNorm attach(BatchNormalization layer, OneDnnBatchNorm helper) {
        set(BN_HELPER, layer, helper);
        return helper;
    }

    private static Object get(Field helper, Layer layer) {
        try {
            return helper.get(layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field helper, Layer layer, Object value) {
        try {
            helper.set(layer, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field helperField(Class<?> layerClass) {
        try {
            Field f = layerClass.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's " + layerClass.getSimpleName() + " layer changed: no 'helper' field",
                    e);
        }
    }
}
