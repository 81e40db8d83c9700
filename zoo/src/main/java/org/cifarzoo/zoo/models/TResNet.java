package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.Conv;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.cifarzoo.zoo.layers.SqueezeExcitation;
import org.cifarzoo.zoo.layers.SqueezeExcitation.Squeeze;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.cifarzoo.zoo.MainActivation.LEAKY_RELU;

/**
 * TResNet (models.md §8): space-to-depth stem, post-activation residual blocks with anti-aliased downsampling and
 * squeeze-excitation, input upsampled inside the network to R px.
 *
 * <table>
 *   <caption>Variants (params = total incl. BN running statistics; faithful layout, see below)</caption>
 *   <tr><th>variant</th><th>units per stage</th><th>resolutions (seed)</th><th>params (faithful)</th>
 *       <th>params (intended)</th></tr>
 *   <tr><td>TResNetM</td><td>3, 4, 11, 3</td><td>64, 96, 128, 160, 192</td>
 *       <td>3 156 786 / 3 157 890 / 3 158 994 / 3 160 098 / 3 161 202</td><td>3 179 922</td></tr>
 *   <tr><td>TResNetL</td><td>4, 5, 18, 3</td><td>none (no result; registered at 128 px)</td><td>4 038 266 at 128 px</td>
 *       <td>4 066 426</td></tr>
 *   <tr><td>TResNetXL</td><td>3, 5, 24, 3</td><td>none (no result; registered at 128 px)</td><td>4 393 306 at 128 px</td>
 *       <td>4 423 642</td></tr>
 * </table>
 *
 * <p>Network for resolution R: {@code Up(R/32)} → space-to-depth (block 4) → stem {@code Conv(3,1,64)} (no L2)
 * {@code → BN* → LeakyReLU(0.01)} → four stages (table {@link #STAGES}) → {@code GAP → FC(10)}. Blocks are
 * post-activation; their leaky slope is 0.001; stride-2 units downsample with {@code Blur2} after their 3×3 conv and
 * {@code Pool2} (SAME) in the shortcut, which gets a projection {@code Conv(1,1,F) → BN} (no L2) when the width
 * changes; every unit ends in {@code ReLU(main + shortcut)}. L2 λ = 1e-4 on the main-path convs only.
 *
 * <p>{@link Layout#FAITHFUL} reproduces the reference's two layout slips: the stem {@code BN*} normalises per image
 * column and every {@code SE*} squeezes over channels and rows into a W-vector, so counts grow with R. The seed's
 * single count, 3 156 786, is the faithful 64 px build. {@link Layout#INTENDED} is the channel-wise network.
 */
public final class TResNet {
    public static final String FAMILY = "TResNet";
    static final double L2 = 1e-4;
    private static final int SPACE_TO_DEPTH_BLOCK = 4;
    private static final int STEM_WIDTH = 64;
    private static final double STEM_SLOPE = 0.01;
    private static final double BLOCK_SLOPE = 0.001;
    private static final int[] SEED_RESOLUTIONS = {64, 96, 128, 160, 192};
    /** L and XL have no result and so no resolution in the seed; their default configuration uses this one. */
    private static final int UNPUBLISHED_RESOLUTION = 128;

    /** Which BN and SE the network uses. */
    public enum Layout {
        /** The reference as it ran: stem BN per image column, SE squeezing into a W-vector (models.md §8 [bug]). */
        FAITHFUL,
        /** The intended network: channel-wise stem BN and SE. */
        INTENDED
    }

    public enum Block { BASIC, BOTTLENECK }

    /** Where a stage's units put their squeeze-excitation. */
    enum SePlacement {
        /** After the second BN, on the F output channels, r = MD(F/4, 8). */
        ON_OUTPUT,
        /** After the 3×3 conv's activation, on the m = F/4 inner channels, r = MD(m/8, 8). */
        ON_INNER,
        NONE
    }

    /** One stage: its block, output width F at w = 1, and SE placement; stride 2 in the first unit of stages 2–4. */
    record Stage(Block block, int width, SePlacement se) {
    }

    /** Stage table; sizes for input resolution R (space-to-depth leaves R/4). */
    static final Stage[] STAGES = {
            new Stage(Block.BASIC, 64, SePlacement.ON_OUTPUT),       // stage 1: R/4 in, R/4 out
            new Stage(Block.BASIC, 128, SePlacement.ON_OUTPUT),      // stage 2: R/4 in, R/8 out
            new Stage(Block.BOTTLENECK, 256, SePlacement.ON_INNER),  // stage 3: R/8 in, R/16 out
            new Stage(Block.BOTTLENECK, 512, SePlacement.NONE),      // stage 4: R/16 in, R/32 out
    };

    /** One row of the table above. */
    public record Variant(String name, int[] unitsPerStage) {
    }

    public static final Variant M = new Variant("TResNetM", new int[]{3, 4, 11, 3});
    public static final Variant L = new Variant("TResNetL", new int[]{4, 5, 18, 3});
    public static final Variant XL = new Variant("TResNetXL", new int[]{3, 5, 24, 3});

    private TResNet() {
    }

    public static void register(ZooRegistry r) {
        add(r, M, SEED_RESOLUTIONS);
        add(r, L, UNPUBLISHED_RESOLUTION);
        add(r, XL, UNPUBLISHED_RESOLUTION);
    }

    private static void add(ZooRegistry r, Variant v, int... resolutions) {
        List<ModelSpec> specs = IntStream.of(resolutions).mapToObj(px -> new ModelSpec(v.name(), 1, px, LEAKY_RELU))
                .toList();
        r.add(v.name(), FAMILY, (spec, options) -> build(v, spec, options, Layout.FAITHFUL), specs);
    }

    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options, Layout layout) {
        if (spec.activation() != LEAKY_RELU) {
            throw new IllegalArgumentException(v.name() + " uses leaky ReLU (0.01 in the stem, 0.001 in blocks); "
                    + "got activation " + spec.activation().csvName());
        }
        NetBuilder g = new NetBuilder(options, MainActivation.LEAKY_RELU.dl4j(), L2);
        String x = g.upsample("upsample", NetBuilder.INPUT, spec.upsampling());
        int channels = Widths.makeDivisible(STEM_WIDTH * spec.width(), 8);
        x = stem(g, x, channels, layout);
        for (int stage = 0; stage < STAGES.length; stage++) {
            Stage s = STAGES[stage];
            int out = Widths.makeDivisible(s.width() * spec.width(), 8);
            for (int unit = 0; unit < v.unitsPerStage()[stage]; unit++) {
                String name = "stage%d_unit%d".formatted(stage + 1, unit + 1);
                int stride = unit == 0 && stage > 0 ? 2 : 1;
                x = s.block() == Block.BASIC
                        ? basic(g, x, name, channels, out, stride, s.se(), layout)
                        : bottleneck(g, x, name, channels, out, stride, s.se(), layout);
                channels = out;
            }
        }
        return g.build(g.poolAndClassify(x));
    }

    /** Space-to-depth → {@code Conv(3,1,64w)} (no L2) → {@code BN*} → LeakyReLU(0.01). */
    static String stem(NetBuilder g, String in, int width, Layout layout) {
        String x = g.spaceToDepth("stem_space_to_depth", in, SPACE_TO_DEPTH_BLOCK);
        x = g.conv("stem_conv", x, Conv.of(3, 1, width).withoutL2());
        x = layout == Layout.FAITHFUL ? g.columnBatchNorm("stem_bn", x) : g.bn("stem_bn", x);
        return g.activation("stem_act", x, leaky(STEM_SLOPE));
    }

    /**
     * Main {@code Conv(3,1,F) → [Blur2] → BN → LReLU → Conv(3,1,F) → BN → SE*} plus the shortcut, then ReLU.
     */
    static String basic(NetBuilder g, String in, String name, int inChannels, int out, int stride, SePlacement se,
                        Layout layout) {
        String x = g.conv(name + "_conv1", in, 3, 1, out);
        x = stride == 2 ? g.blur2(name + "_blur", x) : x;
        x = g.activation(name + "_act1", g.bn(name + "_bn1", x), leaky(BLOCK_SLOPE));
        x = g.bn(name + "_bn2", g.conv(name + "_conv2", x, 3, 1, out));
        if (se == SePlacement.ON_OUTPUT) {
            x = squeezeExcitation(g, x, name, Widths.makeDivisible(out / 4, 8), layout);
        }
        return join(g, name, x, shortcut(g, in, name, inChannels, out, stride));
    }

    /**
     * Main {@code Conv(1,1,m) → BN → LReLU → Conv(3,1,m) → [Blur2] → BN → LReLU → [SE* on m] → Conv(1,1,F) → BN}
     * (m = F/4) plus the shortcut, then ReLU.
     */
    static String bottleneck(NetBuilder g, String in, String name, int inChannels, int out, int stride,
                             SePlacement se, Layout layout) {
        int inner = out / 4;
        String x = g.conv(name + "_conv1", in, 1, 1, inner);
        x = g.activation(name + "_act1", g.bn(name + "_bn1", x), leaky(BLOCK_SLOPE));
        x = g.conv(name + "_conv2", x, 3, 1, inner);
        x = stride == 2 ? g.blur2(name + "_blur", x) : x;
        x = g.activation(name + "_act2", g.bn(name + "_bn2", x), leaky(BLOCK_SLOPE));
        if (se == SePlacement.ON_INNER) {
            x = squeezeExcitation(g, x, name, Widths.makeDivisible(inner / 8, 8), layout);
        }
        x = g.bn(name + "_bn3", g.conv(name + "_conv3", x, 1, 1, out));
        return join(g, name, x, shortcut(g, in, name, inChannels, out, stride));
    }

    /** {@code SE*} of the layout: squeeze into a W-vector (faithful) or a C-vector (intended). */
    private static String squeezeExcitation(NetBuilder g, String in, String name, int hidden, Layout layout) {
        return g.squeezeExcitation(name + "_se", in, layout == Layout.FAITHFUL ? Squeeze.COLUMNS : Squeeze.CHANNELS,
                hidden);
    }

    /** The raw unit input → {@code Pool2} (SAME) if strided → {@code Conv(1,1,F) → BN} (no L2) if the width changes. */
    static String shortcut(NetBuilder g, String in, String name, int inChannels, int out, int stride) {
        String s = stride == 2 ? g.avgPool2Same(name + "_shortcut_pool", in) : in;
        if (inChannels == out) {
            return s;
        }
        return g.bn(name + "_shortcut_bn", g.conv(name + "_shortcut_conv", s, Conv.of(1, 1, out).withoutL2()));
    }

    /** {@code ReLU(main + shortcut)}: vertex {@code <unit>_add}, layer {@code <unit>_out}. */
    private static String join(NetBuilder g, String name, String main, String shortcut) {
        return g.activation(name + "_out", g.add(name + "_add", main, shortcut), new ActivationReLU());
    }

    /**
     * The squeeze-excitation layers whose hidden ReLU layer was entirely inactive in the network's last forward pass,
     * so that their W1, b1 and W2 got exactly zero gradient. The faithful {@code SE*} squeezes an almost constant
     * W-vector (a mean over channels and rows), so a stage-3 SE (r = 8) starts that way whenever all eight columns of
     * its W1 sum negative: probability 1/256 per SE at initialisation.
     */
    public static List<String> inactiveSqueezeExcitations(ComputationGraph net) {
        List<String> inactive = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (layer instanceof SqueezeExcitation.Impl se && se.hiddenLayerInactive()) {
                inactive.add(se.getConfig().getLayerName());
            }
        }
        return inactive;
    }

    private static IActivation leaky(double slope) {
        return new ActivationLReLU(slope);
    }
}
