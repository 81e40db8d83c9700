package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.Conv;
import org.cifarzoo.zoo.NetBuilder;
import org.nd4j.linalg.activations.IActivation;

import java.util.Objects;

/**
 * The inverted-residual block shared by {@link MobileNetV2} (models.md §5) and {@link MobileNetV3} (§6), with its
 * channel numbers already resolved by the family:
 * {@code [Conv(1,1,E) → BN → act] → DW(k, s) → BN → act → [SE(E, r)] → Conv(1,1,O) → BN}, plus the block input
 * when {@code s = 1} and {@code C_in = O}.
 *
 * <p>Layers of block i: {@code block<i>_expand_conv/_bn/_act}, {@code block<i>_dw_conv/_bn/_act} (with ReLU
 * {@code _bn_relu} for {@code _bn/_act}, see {@link NetBuilder#bnAct(String, String, IActivation)}),
 * {@code block<i>_se_pool/_reduce/_expand/_scale}, {@code block<i>_project_conv/_bn}, {@code block<i>_add}.
 * The expand and project kernels carry the family's L2; the depthwise kernel never does.
 */
final class InvertedResidual {

    /** A squeeze-excitation after the depthwise stage: bottleneck width r and the gate (a sigmoid in the spec). */
    record Excitation(int reduced, IActivation gate) {
        Excitation {
            Objects.requireNonNull(gate);
        }
    }

    /**
     * One block.
     *
     * @param expandConv false for a network's first block, whose depthwise conv runs directly on the block input
     *                   (then {@code expanded} must equal the input width)
     * @param expanded   E, the width of the depthwise stage
     * @param excitation the SE, or null for none
     * @param act        the activation after the expand and depthwise BNs
     */
    record Block(int kernel, int stride, boolean expandConv, int expanded, int out, Excitation excitation,
                 IActivation act) {
        Block {
            Objects.requireNonNull(act);
        }
    }

    private InvertedResidual() {
    }

    /** Block {@code name} on {@code in} ({@code inChannels} wide); returns its output. */
    static String block(NetBuilder g, String in, String name, int inChannels, Block b) {
        String x = in;
        if (b.expandConv()) {
            x = g.conv(name + "_expand_conv", x, Conv.of(1, 1, b.expanded()));
            x = g.bnAct(name + "_expand", x, b.act());
        } else if (b.expanded() != inChannels) {
            throw new IllegalArgumentException(name + ": without an expand conv the depthwise width " + b.expanded()
                    + " must equal the input width " + inChannels);
        }
        x = g.depthwiseConv(name + "_dw_conv", x, b.kernel(), b.stride());
        x = g.bnAct(name + "_dw", x, b.act());
        if (b.excitation() != null) {
            x = g.squeezeExcite(name + "_se", x, b.expanded(), b.excitation().reduced(), b.excitation().gate());
        }
        x = g.conv(name + "_project_conv", x, Conv.of(1, 1, b.out()));
        x = g.bn(name + "_project_bn", x);
        return b.stride() == 1 && inChannels == b.out() ? g.add(name + "_add", x, in) : x;
    }
}
