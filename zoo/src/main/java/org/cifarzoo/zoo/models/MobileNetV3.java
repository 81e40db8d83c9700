package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.Conv;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.cifarzoo.zoo.layers.PaperHardSigmoid;
import org.cifarzoo.zoo.layers.PaperHardSwish;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;

import java.util.ArrayList;
import java.util.List;

/**
 * MobileNetV3 Small and Large on an upsampled input, models.md §6.
 *
 * <table>
 *   <caption>Variants (params = seed-results.csv, total incl. BN running statistics; independent of R)</caption>
 *   <tr><th>variant</th><th>blocks</th><th>resolution R (px) per width</th><th>params (w=1 / 2 / 4)</th></tr>
 *   <tr><td>MobileNetV3S</td><td>11</td><td>w1, w2: 128, 160, 192, 224; w4: 128</td>
 *       <td>944 890 / 3 575 242 / 13 925 762</td></tr>
 *   <tr><td>MobileNetV3L</td><td>15</td><td>w1: 128, 160, 192, 224; w2: 128, 192</td>
 *       <td>3 011 882 / 11 737 426 / –</td></tr>
 * </table>
 *
 * <p>{@code Up(R/32)}; stem {@code Conv(3,2,MD(16w,8))} with VALID padding [dev] (R/2 − 1 wide) {@code → BN → HS};
 * one {@link InvertedResidual} block per table row with {@code E = MD(exp·w, 8)}, {@code O = MD(out·w, 8)} and
 * {@code SE(E, MD(⌊E/4⌋, 8))} where marked (block 1 has no expand conv); head
 * {@code Conv(1,1,E_last) → BN → HS → GAP → FC(10)} — the paper's extra wide pointwise layer and dropout are
 * omitted [dev]. L2 λ = 1.2e-4 on the expand and project kernels only.
 *
 * <p>"HS" and the SE gate follow {@link Mnv3Activations}: the registered networks use {@link Mnv3Activations#ORIGINAL}
 * (swish and sigmoid, as the reference code does); {@link Mnv3Activations#PAPER} builds the papers' hard versions
 * with the same layers and parameter count.
 */
public final class MobileNetV3 {
    public static final String FAMILY = "MobileNetV3";
    static final double L2 = 1.2e-4;
    private static final int DIVISOR = 8;
    private static final int STEM_CHANNELS = 16;
    private static final int SE_REDUCTION = 4;

    /** Which functions the table's "HS" rows and the SE gates use. */
    public enum Mnv3Activations {
        /** The reference code: "hswish" is swish {@code x·sigmoid(x)} [dev], the SE gate a sigmoid [dev]. */
        ORIGINAL(Activation.SWISH.getActivationFunction(), Activation.SIGMOID.getActivationFunction()),
        /** The papers: hard swish {@code x·relu6(x+3)/6}, SE gate hard sigmoid {@code relu6(x+3)/6}. */
        PAPER(new PaperHardSwish(), new PaperHardSigmoid());

        private final IActivation hardSwish;
        private final IActivation gate;

        Mnv3Activations(IActivation hardSwish, IActivation gate) {
            this.hardSwish = hardSwish;
            this.gate = gate;
        }

        IActivation resolve(Nonlinearity n) {
            return n == Nonlinearity.RE ? Activation.RELU.getActivationFunction() : hardSwish;
        }
    }

    /** The paper's activation column: RE = plain ReLU (not ReLU6), HS = "h-swish" as {@link Mnv3Activations} says. */
    enum Nonlinearity { RE, HS }

    /**
     * One row of the paper's table at w = 1.
     *
     * @param expand expanded width before rounding, {@code E = MD(expand·w, 8)}
     * @param out    output width before rounding, {@code O = MD(out·w, 8)}
     */
    record Row(int kernel, int expand, int out, boolean se, Nonlinearity act, int stride) {
    }

    /** One of the two networks: its name and its block table. */
    public record Variant(String name, List<Row> rows) {
    }

    private static final boolean SE = true;
    private static final boolean NO_SE = false;
    private static final Nonlinearity RE = Nonlinearity.RE;
    private static final Nonlinearity HS = Nonlinearity.HS;

    public static final Variant SMALL = new Variant("MobileNetV3S", List.of(
            //      k  exp  out  SE     act s     input of the block at R = 224
            new Row(3, 16, 16, SE, RE, 2),     // 111x111 (VALID stem), 16w channels
            new Row(3, 72, 24, NO_SE, RE, 2),  // 56x56
            new Row(3, 88, 24, NO_SE, RE, 1),  // 28x28
            new Row(5, 96, 40, SE, HS, 2),     // 28x28
            new Row(5, 240, 40, SE, HS, 1),    // 14x14
            new Row(5, 240, 40, SE, HS, 1),    // 14x14
            new Row(5, 120, 48, SE, HS, 1),    // 14x14
            new Row(5, 144, 48, SE, HS, 1),    // 14x14
            new Row(5, 288, 96, SE, HS, 2),    // 14x14
            new Row(5, 576, 96, SE, HS, 1),    // 7x7
            new Row(5, 576, 96, SE, HS, 1)));  // 7x7

    public static final Variant LARGE = new Variant("MobileNetV3L", List.of(
            //      k  exp  out  SE     act s     input of the block at R = 224
            new Row(3, 16, 16, NO_SE, RE, 1),  // 111x111 (VALID stem), 16w channels
            new Row(3, 64, 24, NO_SE, RE, 2),  // 111x111
            new Row(3, 72, 24, NO_SE, RE, 1),  // 56x56
            new Row(5, 72, 40, SE, RE, 2),     // 56x56
            new Row(5, 120, 40, SE, RE, 1),    // 28x28
            new Row(5, 120, 40, SE, RE, 1),    // 28x28
            new Row(3, 240, 80, NO_SE, HS, 2), // 28x28
            new Row(3, 240, 80, NO_SE, HS, 1), // 14x14 (the paper has exp 200; the reference 240)
            new Row(3, 184, 80, NO_SE, HS, 1), // 14x14
            new Row(3, 184, 80, NO_SE, HS, 1), // 14x14
            new Row(3, 480, 112, SE, HS, 1),   // 14x14
            new Row(3, 672, 112, SE, HS, 1),   // 14x14
            new Row(5, 672, 160, SE, HS, 2),   // 14x14
            new Row(5, 960, 160, SE, HS, 1),   // 7x7
            new Row(5, 960, 160, SE, HS, 1))); // 7x7

    private MobileNetV3() {
    }

    public static void register(ZooRegistry r) {
        add(r, SMALL, at(1, 128, 160, 192, 224), at(2, 128, 160, 192, 224), at(4, 128));
        add(r, LARGE, at(1, 128, 160, 192, 224), at(2, 128, 192));
    }

    /** The resolutions at which the original tables report one width (activation always "relu+swish"). */
    private record Published(int width, int[] resolutionsPx) {
    }

    private static Published at(int width, int... resolutionsPx) {
        return new Published(width, resolutionsPx);
    }

    private static void add(ZooRegistry r, Variant v, Published... published) {
        List<ModelSpec> specs = new ArrayList<>();
        for (Published p : published) {
            for (int px : p.resolutionsPx()) {
                specs.add(new ModelSpec(v.name(), p.width(), px, MainActivation.RELU_SWISH));
            }
        }
        r.add(v.name(), FAMILY, (spec, options) -> build(v, spec, options), specs);
    }

    /** The reference network ({@link Mnv3Activations#ORIGINAL}). */
    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options) {
        return build(v, spec, options, Mnv3Activations.ORIGINAL);
    }

    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options,
                                                      Mnv3Activations activations) {
        if (spec.activation() != MainActivation.RELU_SWISH) {
            throw new IllegalArgumentException(v.name() + " mixes ReLU and swish as its table says; activation "
                    + spec.activation().csvName() + " is not an option (expected "
                    + MainActivation.RELU_SWISH.csvName() + ")");
        }
        int w = spec.width();
        IActivation hardSwish = activations.resolve(Nonlinearity.HS);
        NetBuilder g = new NetBuilder(options, spec.activation().dl4j(), L2);

        String x = g.upsample("upsample", NetBuilder.INPUT, spec.upsampling());
        int channels = Widths.makeDivisible(STEM_CHANNELS * w, DIVISOR);
        x = g.conv("stem_conv", x, Conv.of(3, 2, channels).valid().withoutL2());
        x = g.bnAct("stem", x, hardSwish);
        int expanded = channels;
        for (int i = 0; i < v.rows().size(); i++) {
            Row row = v.rows().get(i);
            boolean expandConv = i > 0; // block 1's depthwise runs directly on the stem output
            expanded = Widths.makeDivisible(row.expand() * w, DIVISOR);
            int out = Widths.makeDivisible(row.out() * w, DIVISOR);
            var se = row.se() ? new InvertedResidual.Excitation(
                    Widths.makeDivisible(expanded / SE_REDUCTION, DIVISOR), activations.gate) : null;
            var block = new InvertedResidual.Block(row.kernel(), row.stride(), expandConv, expanded, out, se,
                    activations.resolve(row.act()));
            x = InvertedResidual.block(g, x, "block" + (i + 1), channels, block);
            channels = out;
        }
        x = g.conv("head_conv", x, Conv.of(1, 1, expanded).withoutL2());
        x = g.bnAct("head", x, hardSwish);
        return g.build(g.poolAndClassify(x));
    }
}
