package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.cifarzoo.zoo.MainActivation.MISH;
import static org.cifarzoo.zoo.MainActivation.RELU;

/**
 * Pre-activation ResNet (ResNetV2), models.md §1.
 *
 * <table>
 *   <caption>Variants (params = seed-results.csv, total incl. BN running statistics)</caption>
 *   <tr><th>variant</th><th>unit</th><th>units per stage</th><th>widths</th><th>params (w=1 / wide)</th></tr>
 *   <tr><td>ResNet18</td><td>basic</td><td>2, 2, 2, 2</td><td>1</td><td>692 218</td></tr>
 *   <tr><td>ResNet20</td><td>basic</td><td>3, 3, 3</td><td>1</td><td>not in the tables: issue #6's speed reference</td></tr>
 *   <tr><td>ResNet34</td><td>basic</td><td>3, 4, 6, 3</td><td>1</td><td>1 327 226</td></tr>
 *   <tr><td>ResNet35</td><td>bottleneck</td><td>2, 3, 4, 2</td><td>1</td><td>873 722</td></tr>
 *   <tr><td>ResNet50</td><td>bottleneck</td><td>3, 4, 6, 3</td><td>1</td><td>1 320 570</td></tr>
 *   <tr><td>ResNet101</td><td>bottleneck</td><td>3, 4, 23, 3</td><td>1</td><td>2 530 426</td></tr>
 *   <tr><td>ResNet152</td><td>bottleneck</td><td>3, 8, 36, 3</td><td>1</td><td>3 528 314</td></tr>
 *   <tr><td>ResNet170</td><td>bottleneck</td><td>5, 9, 37, 5</td><td>1</td><td>4 190 330</td></tr>
 *   <tr><td>WideResNet34</td><td>basic</td><td>3, 4, 6, 3</td><td>4, 8</td><td>21 123 530 / 84 419 466</td></tr>
 *   <tr><td>WideResNet170</td><td>bottleneck</td><td>5, 9, 37, 5</td><td>2</td><td>16 588 010</td></tr>
 * </table>
 *
 * <p>Stem {@code Conv(3,1,f0)} with {@code f0 = MD(16w, 8)}; four stages of units, stage i with output
 * {@code e·f0·2^i} channels (e = 1 basic, 4 bottleneck), stride 2 in the first unit of stages 2–4; head
 * {@code BN → A → GAP → FC(10)}. Shortcuts are parameter-free ({@code Pool2} then {@code Pad0}); bottleneck units
 * downsample with {@code Blur2} after their 3×3 conv. L2 λ = 1e-4 on every conv kernel.
 */
public final class ResNetV2 {
    public static final String FAMILY = "ResNetV2";
    static final double L2 = 1e-4;

    public enum Unit { BASIC, BOTTLENECK }

    /** One row of the table above. */
    public record Variant(String name, Unit unit, int[] unitsPerStage) {
    }

    private ResNetV2() {
    }

    public static void register(ZooRegistry r) {
        add(r, new Variant("ResNet18", Unit.BASIC, stages(2, 2, 2, 2)), w1(RELU), w1(MISH));
        // Not in the original tables: the pre-act ResNet-20 (three stages) that the CPU speed comparison uses.
        add(r, new Variant("ResNet20", Unit.BASIC, stages(3, 3, 3)), w1(RELU));
        add(r, new Variant("ResNet34", Unit.BASIC, stages(3, 4, 6, 3)), w1(RELU), w1(MISH));
        add(r, new Variant("ResNet35", Unit.BOTTLENECK, stages(2, 3, 4, 2)), w1(RELU), w1(MISH));
        add(r, new Variant("ResNet50", Unit.BOTTLENECK, stages(3, 4, 6, 3)), w1(RELU), w1(MISH));
        add(r, new Variant("ResNet101", Unit.BOTTLENECK, stages(3, 4, 23, 3)), w1(RELU), w1(MISH));
        add(r, new Variant("ResNet152", Unit.BOTTLENECK, stages(3, 8, 36, 3)), w1(RELU), w1(MISH));
        add(r, new Variant("ResNet170", Unit.BOTTLENECK, stages(5, 9, 37, 5)), w1(RELU), w1(MISH));
        add(r, new Variant("WideResNet34", Unit.BASIC, stages(3, 4, 6, 3)), new Published(4, RELU), new Published(8, RELU));
        add(r, new Variant("WideResNet170", Unit.BOTTLENECK, stages(5, 9, 37, 5)), new Published(2, MISH));
    }

    /** A (width, activation) pair of the variant that the original tables report (always at 32 px). */
    record Published(int width, MainActivation activation) {
    }

    private static Published w1(MainActivation activation) {
        return new Published(1, activation);
    }

    private static void add(ZooRegistry r, Variant v, Published... published) {
        List<ModelSpec> specs = new ArrayList<>();
        for (Published p : published) {
            specs.add(new ModelSpec(v.name(), p.width(), ModelSpec.CIFAR_PX, p.activation()));
        }
        r.add(v.name(), FAMILY, (spec, options) -> build(v, spec, options), specs);
    }

    /**
     * What a family applies to a unit's residual branch just before the add ({@code channels} wide); returns the
     * branch's new output. ResNetV2 applies nothing, SeNet a squeeze-excitation.
     */
    @FunctionalInterface
    interface ResidualHook {
        ResidualHook NONE = (g, residual, unit, channels) -> residual;

        String apply(NetBuilder g, String residual, String unit, int channels);
    }

    /**
     * How a unit's residual branch and shortcut become the unit's output (vertex {@code name}); returns its name.
     * ResNetV2 adds them, ResNetV2-SD adds a stochastically dropped branch.
     */
    @FunctionalInterface
    interface Join {
        Join ADD = NetBuilder::add;

        String apply(NetBuilder g, String name, String residual, String shortcut);
    }

    /** Every layer of this family runs channels-last, so it builds in {@link NetBuilder#fastestLayout()}. */
    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options) {
        return build(v, spec, options, ResidualHook.NONE, unitIndex -> Join.ADD, Bottleneck.RESNET_V2,
                NetBuilder.fastestLayout());
    }

    /** SeNet's: its squeeze-excitation layers are NCHW only. */
    static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options, ResidualHook hook) {
        return build(v, spec, options, hook, unitIndex -> Join.ADD, Bottleneck.RESNET_V2);
    }

    /**
     * The bottleneck design: stem width {@code f0 = MD(base·w, divisor)}, expansion F/m, groups of the 3×3 conv.
     * ResNetV2's is {@link #RESNET_V2}; ResNeXt widens and groups it (models.md §3).
     */
    record Bottleneck(int base, int divisor, int expansion, int groups) {
        static final Bottleneck RESNET_V2 = new Bottleneck(16, 8, 4, 1);

        int stemWidth(int width) {
            return Widths.makeDivisible(base * width, divisor);
        }
    }

    /** ResNeXt's and SeNet's: their grouped convolutions and squeeze-excitation layers are NCHW only. */
    static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options, ResidualHook hook,
                                               IntFunction<Join> joinOfUnit, Bottleneck bottleneck) {
        return build(v, spec, options, hook, joinOfUnit, bottleneck, CNN2DFormat.NCHW);
    }

    /**
     * @param joinOfUnit the join of each unit, by its 1-based position among all units in forward order
     * @param layout     the activations' layout: NHWC only where every layer of the net supports it
     */
    static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options, ResidualHook hook,
                                               IntFunction<Join> joinOfUnit, Bottleneck bottleneck,
                                               CNN2DFormat layout) {
        NetBuilder g = new NetBuilder(options, spec.activation().dl4j(), L2, layout);
        int f0 = bottleneck.stemWidth(spec.width());
        int expansion = v.unit() == Unit.BOTTLENECK ? bottleneck.expansion() : 1;

        String x = g.upsample("upsample", g.input(), spec.upsampling());
        x = g.conv("stem_conv", x, 3, 1, f0);
        int channels = f0;
        int unitIndex = 0;
        for (int stage = 0; stage < v.unitsPerStage().length; stage++) {
            // stage 1: 32x32 in, stages 2-4 halve it (at 32 px input)
            int out = expansion * f0 << stage;
            for (int unit = 0; unit < v.unitsPerStage()[stage]; unit++) {
                String name = "stage%d_unit%d".formatted(stage + 1, unit + 1);
                int stride = unit == 0 && stage > 0 ? 2 : 1;
                Join join = joinOfUnit.apply(++unitIndex);
                x = v.unit() == Unit.BOTTLENECK
                        ? preActBottleneck(g, x, name, channels, out, stride, hook, join, bottleneck)
                        : preActBasic(g, x, name, channels, out, stride, hook, join);
                channels = out;
            }
        }
        x = g.bnAct("head", x);
        return g.build(g.poolAndClassify(x));
    }

    /** {@code PA(3,s,F) → PA(3,1,F)} plus the shortcut. */
    static String preActBasic(NetBuilder g, String in, String name, int inChannels, int out, int stride,
                              ResidualHook hook, Join join) {
        String r = g.preActConv(name + "_1", in, 3, stride, out);
        r = g.preActConv(name + "_2", r, 3, 1, out);
        r = hook.apply(g, r, name, out);
        return join.apply(g, name + "_add", r, shortcut(g, in, name, inChannels, out, stride));
    }

    /** {@code PA(1,1,m) → PA(3,1,m,g) → [Blur2] → PA(1,1,F)} plus the shortcut; m = F/expansion. */
    static String preActBottleneck(NetBuilder g, String in, String name, int inChannels, int out, int stride,
                                   ResidualHook hook, Join join, Bottleneck bottleneck) {
        int inner = out / bottleneck.expansion();
        String r = g.preActConv(name + "_1", in, 1, 1, inner);
        r = bottleneck.groups() == 1
                ? g.preActConv(name + "_2", r, 3, 1, inner)
                : g.groupedConv(name + "_2_conv", g.bnAct(name + "_2", r), 3, inner, bottleneck.groups());
        if (stride == 2) {
            r = g.blur2(name + "_blur", r);
        }
        r = g.preActConv(name + "_3", r, 1, 1, out);
        r = hook.apply(g, r, name, out);
        return join.apply(g, name + "_add", r, shortcut(g, in, name, inChannels, out, stride));
    }

    /** The raw unit input → {@code Pool2} if strided → {@code Pad0(c→F)} if the width grows. */
    static String shortcut(NetBuilder g, String in, String name, int inChannels, int out, int stride) {
        String s = stride == 2 ? g.avgPool2(name + "_shortcut_pool", in) : in;
        return inChannels != out ? g.zeroPadChannels(name + "_shortcut_pad", s, out) : s;
    }

    static int[] stages(int... units) {
        return units;
    }


}
