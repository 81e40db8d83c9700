package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.Conv;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.IActivation;

import java.util.List;

/**
 * MobileNetV2 on an upsampled input, models.md §5.
 *
 * <table>
 *   <caption>Variants (params = seed-results.csv, total incl. BN running statistics; independent of R)</caption>
 *   <tr><th>variant</th><th>resolution R (px)</th><th>width w</th><th>params</th></tr>
 *   <tr><td>MobileNetV2</td><td>96, 128, 160, 192, 224</td><td>1</td><td>2 270 794</td></tr>
 *   <tr><td>MobileNetV2</td><td>128</td><td>2</td><td>7 953 802</td></tr>
 * </table>
 *
 * <p>{@code Up(R/32)}; stem {@code Conv(3,2,32w) → BN → A}; 17 {@link InvertedResidual} blocks (kernel 3,
 * expanded width {@code E = t·C_in}, output {@code c·w}; block 1 has no expand conv); head
 * {@code Conv(1,1,1280) → BN → A → GAP → FC(10)}, 1280 not scaled with w [dev]. A is the spec's activation,
 * ReLU6 in every published configuration. L2 λ = 1.2e-4 on the expand and project kernels only (none on the stem,
 * the head conv or the depthwise kernels). Total stride 32: the final map is R/32 wide.
 */
public final class MobileNetV2 {
    public static final String FAMILY = "MobileNetV2";
    public static final String MODEL = "MobileNetV2";
    static final double L2 = 1.2e-4;
    private static final int KERNEL = 3;
    private static final int STEM_CHANNELS = 32;
    /** Not scaled with the width factor [dev]. */
    private static final int HEAD_CHANNELS = 1280;
    private static final InvertedResidual.Excitation NO_SE = null;

    /**
     * One row of the paper's table.
     *
     * @param expansion t: expanded width = t · block input width
     * @param out       c: output channels at w = 1
     * @param repeats   n: blocks in the row
     * @param stride    s: stride of the row's first block (the others have stride 1)
     */
    record Row(int expansion, int out, int repeats, int stride) {
    }

    static final List<Row> ROWS = List.of(
            //      t    c  n  s      input of the row at R = 224
            new Row(1, 16, 1, 1),  // 112x112, 32w channels (stem output)
            new Row(6, 24, 2, 2),  // 112x112
            new Row(6, 32, 3, 2),  // 56x56
            new Row(6, 64, 4, 2),  // 28x28
            new Row(6, 96, 3, 1),  // 14x14
            new Row(6, 160, 3, 2), // 14x14
            new Row(6, 320, 1, 1)  // 7x7
    );

    private MobileNetV2() {
    }

    public static void register(ZooRegistry r) {
        r.add(MODEL, FAMILY, MobileNetV2::build, List.of(at(96, 1), at(128, 1), at(160, 1), at(192, 1), at(224, 1),
                at(128, 2)));
    }

    private static ModelSpec at(int resolutionPx, int width) {
        return new ModelSpec(MODEL, width, resolutionPx, MainActivation.RELU6);
    }

    public static ComputationGraphConfiguration build(ModelSpec spec, BuildOptions options) {
        int w = spec.width();
        IActivation act = spec.activation().dl4j().getActivationFunction();
        // every layer here (conv, depthwise conv, BN, upsampling) runs channels-last; MobileNetV3's SE does not
        NetBuilder g = new NetBuilder(options, spec.activation().dl4j(), L2, NetBuilder.fastestLayout());

        String x = g.upsample("upsample", g.input(), spec.upsampling());
        int channels = STEM_CHANNELS * w;
        x = g.conv("stem_conv", x, Conv.of(3, 2, channels).withoutL2());
        x = g.bnAct("stem", x, act);
        int index = 1;
        for (Row row : ROWS) {
            for (int repeat = 0; repeat < row.repeats(); repeat++) {
                int stride = repeat == 0 ? row.stride() : 1;
                boolean expandConv = index > 1; // block 1's depthwise runs directly on the stem output
                int expanded = row.expansion() * channels;
                int out = row.out() * w;
                var block = new InvertedResidual.Block(KERNEL, stride, expandConv, expanded, out, NO_SE, act);
                x = InvertedResidual.block(g, x, "block" + index, channels, block);
                channels = out;
                index++;
            }
        }
        x = g.conv("head_conv", x, Conv.of(1, 1, HEAD_CHANNELS).withoutL2());
        x = g.bnAct("head", x, act);
        return g.build(g.poolAndClassify(x));
    }
}
