package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

import java.util.Arrays;
import java.util.List;

import static org.cifarzoo.zoo.MainActivation.MISH;
import static org.cifarzoo.zoo.MainActivation.RELU;

/**
 * ResNeXt …_16x4d (models.md §3): the pre-activation bottleneck network of {@link ResNetV2} with expansion 2 and a
 * 16-group 3×3 conv ({@link org.cifarzoo.zoo.layers.GroupedConvolution}); everything else — Blur2 downsampling,
 * parameter-free {@code Pool2}/{@code Pad0} shortcuts, head — is ResNetV2's, built by ResNetV2's own code.
 *
 * <table>
 *   <caption>Variants (params = seed-results.csv, total incl. BN running statistics)</caption>
 *   <tr><th>variant</th><th>units per stage</th><th>params</th></tr>
 *   <tr><td>ResNeXt35_16x4d</td><td>2, 3, 4, 2</td><td>3 554 762</td></tr>
 *   <tr><td>ResNeXt50_16x4d</td><td>3, 4, 6, 3</td><td>5 461 706</td></tr>
 *   <tr><td>ResNeXt101_16x4d</td><td>3, 4, 23, 3</td><td>10 614 474</td></tr>
 *   <tr><td>ResNeXt152_16x4d</td><td>3, 8, 36, 3</td><td>14 862 026 (in the reference code, no result;
 *       registered with ReLU)</td></tr>
 * </table>
 *
 * <p>Stem {@code Conv(3,1,64)} ({@code f0 = MD(64w, 16)}); stage i has output {@code F = 2·f0·2^i} = 128, 256, 512,
 * 1024 channels and inner width {@code m = F/2} = 64 … 512, so groups of 4, 8, 16, 32 channels ("16x4d"); unit
 * {@code PA(1,1,m) → PA(3,1,m,g=16) → [Blur2] → PA(1,1,F)}. L2 λ = 1e-4 on every conv kernel, the grouped ones
 * included.
 */
public final class ResNeXt {
    public static final String FAMILY = "ResNeXt";
    static final int CARDINALITY = 16;
    /** f0 = MD(64w, 16), F = 2m, 16 groups. */
    static final ResNetV2.Bottleneck BOTTLENECK_16X4D = new ResNetV2.Bottleneck(64, CARDINALITY, 2, CARDINALITY);

    /** One row of the table above. */
    public record Variant(String name, int[] unitsPerStage) {
    }

    private ResNeXt() {
    }

    public static void register(ZooRegistry r) {
        add(r, new Variant("ResNeXt35_16x4d", ResNetV2.stages(2, 3, 4, 2)), RELU, MISH);
        add(r, new Variant("ResNeXt50_16x4d", ResNetV2.stages(3, 4, 6, 3)), RELU, MISH);
        add(r, new Variant("ResNeXt101_16x4d", ResNetV2.stages(3, 4, 23, 3)), RELU, MISH);
        add(r, new Variant("ResNeXt152_16x4d", ResNetV2.stages(3, 8, 36, 3)), RELU);
    }

    private static void add(ZooRegistry r, Variant v, MainActivation... activations) {
        List<ModelSpec> specs = Arrays.stream(activations)
                .map(a -> new ModelSpec(v.name(), 1, ModelSpec.CIFAR_PX, a)).toList();
        r.add(v.name(), FAMILY, (spec, options) -> build(v, spec, options), specs);
    }

    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options) {
        var bottleneckNet = new ResNetV2.Variant(v.name(), ResNetV2.Unit.BOTTLENECK, v.unitsPerStage());
        return ResNetV2.build(bottleneckNet, spec, options, ResNetV2.ResidualHook.NONE, unit -> ResNetV2.Join.ADD,
                BOTTLENECK_16X4D);
    }
}
