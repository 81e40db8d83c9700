package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.cifarzoo.zoo.models.ResNetV2.Published;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

import java.util.ArrayList;
import java.util.List;

import static org.cifarzoo.zoo.MainActivation.MISH;
import static org.cifarzoo.zoo.MainActivation.RELU;

/**
 * SE-ResNetV2, models.md §4: the {@link ResNetV2} bottleneck network with a squeeze-excitation on every unit's
 * residual branch, just before the add.
 *
 * <table>
 *   <caption>Variants (params = seed-results.csv, total incl. BN running statistics)</caption>
 *   <tr><th>variant</th><th>units per stage</th><th>widths</th><th>params (w=1 / w=2)</th></tr>
 *   <tr><td>SeNet35</td><td>2, 3, 4, 2</td><td>1</td><td>982 946</td></tr>
 *   <tr><td>SeNet50</td><td>3, 4, 6, 3</td><td>1</td><td>1 483 314</td></tr>
 *   <tr><td>SeNet101</td><td>3, 4, 23, 3</td><td>1, 2</td><td>2 837 058 / 11 215 970</td></tr>
 *   <tr><td>SeNet152</td><td>3, 8, 36, 3</td><td>1</td><td>3 953 714</td></tr>
 *   <tr><td>SeNet170</td><td>5, 9, 37, 5</td><td>2</td><td>– / 18 568 450</td></tr>
 * </table>
 *
 * <p>Unit: {@code PA(1,1,m) → PA(3,1,m) → [Blur2] → PA(1,1,F) → SE(F, r)}, plus the parameter-free
 * {@code Pool2}/{@code Pad0} shortcut; {@code r = MD(⌊F/16⌋, 8)} (w=1: 8/8/16/32 per stage, w=2: 8/16/32/64).
 * The SE's inner activation is ReLU and its gate a sigmoid also in the Mish variants. Layers of the SE of unit
 * {@code stage2_unit1}: {@code stage2_unit1_se_pool/_reduce/_expand/_scale}. Everything else, including the L2
 * λ = 1e-4 on every conv kernel, is ResNetV2's.
 */
public final class SeNet {
    public static final String FAMILY = "SeNet";
    private static final int SE_REDUCTION = 16;
    private static final int SE_DIVISOR = 8;

    /** One row of the table above (always bottleneck units). */
    public record Variant(String name, int[] unitsPerStage) {
    }

    private SeNet() {
    }

    public static void register(ZooRegistry r) {
        add(r, new Variant("SeNet35", ResNetV2.stages(2, 3, 4, 2)), w1(RELU), w1(MISH));
        add(r, new Variant("SeNet50", ResNetV2.stages(3, 4, 6, 3)), w1(RELU), w1(MISH));
        add(r, new Variant("SeNet101", ResNetV2.stages(3, 4, 23, 3)), w1(RELU), w1(MISH), new Published(2, MISH));
        add(r, new Variant("SeNet152", ResNetV2.stages(3, 8, 36, 3)), w1(RELU), w1(MISH));
        add(r, new Variant("SeNet170", ResNetV2.stages(5, 9, 37, 5)), new Published(2, MISH));
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

    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options) {
        var bottleneckNet = new ResNetV2.Variant(v.name(), ResNetV2.Unit.BOTTLENECK, v.unitsPerStage());
        return ResNetV2.build(bottleneckNet, spec, options, SeNet::squeezeExcite);
    }

    /** {@code SE(F, r)} on a unit's residual branch: layers {@code <unit>_se_*}. */
    static String squeezeExcite(NetBuilder g, String residual, String unit, int channels) {
        return g.squeezeExcite(unit + "_se", residual, channels, reducedWidth(channels),
                Activation.SIGMOID.getActivationFunction());
    }

    /** {@code r = MD(⌊F/16⌋, 8)}. */
    static int reducedWidth(int channels) {
        return Widths.makeDivisible(channels / SE_REDUCTION, SE_DIVISOR);
    }
}
