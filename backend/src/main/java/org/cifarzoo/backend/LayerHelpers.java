package org.cifarzoo.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;

import java.lang.reflect.Field;

/**
 * Puts batch norm on {@link OneDnnBatchNorm} wherever DL4J attached its oneDNN batch-norm helper.
 *
 * <p>DL4J's MKLDNNBatchNormHelper infers correctly, but its training gradients leave the double-precision reference
 * by up to 2 % where the reference layer's stay within float rounding (HelperEquivalenceTest). Its replacement calls
 * the same native ops with the forward pass's own batch statistics. The convolution and pooling helpers are DL4J's.
 */
public final class LayerHelpers {
    private static final Field BN_HELPER = bnHelperField();

    private LayerHelpers() {
    }

    /** Call once after the network's layers exist (after {@code init()} or restoring). */
    public static ComputationGraph install(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization bn && helperOf(bn) instanceof MKLDNNBatchNormHelper) {
                setHelper(bn, new OneDnnBatchNorm());
            }
        }
        return net;
    }

    private static Object helperOf(BatchNormalization bn) {
        try {
            return BN_HELPER.get(bn);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setHelper(BatchNormalization bn, Object helper) {
        try {
            BN_HELPER.set(bn, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field bnHelperField() {
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer changed: no 'helper' field", e);
        }
    }
}
