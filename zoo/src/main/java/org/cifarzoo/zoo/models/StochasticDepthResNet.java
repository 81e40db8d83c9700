package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.cifarzoo.zoo.layers.StochasticDepthAdd;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.cifarzoo.zoo.MainActivation.RELU;

/**
 * ResNetV2 with stochastic depth (ResNetV2-SD), models.md §2 and training.md §5: the bottleneck {@link ResNetV2}
 * whose units join their residual branch through a {@link StochasticDepthAdd}. Same layers, names and parameter
 * count as the ResNetV2 bottleneck net with the same unit counts.
 *
 * <table>
 *   <caption>Variants (params: total incl. BN statistics; 50SD: seed-results.csv, others: models.md)</caption>
 *   <tr><th>variant</th><th>units per stage</th><th>p_L</th><th>width</th><th>params</th></tr>
 *   <tr><td>ResNet50SD</td><td>3, 4, 6, 3</td><td>0.7</td><td>1</td><td>1 320 570 (= ResNet50)</td></tr>
 *   <tr><td>ResNet101SD</td><td>3, 4, 23, 3</td><td>0.45</td><td>1</td><td>2 530 426 (= ResNet101)</td></tr>
 *   <tr><td>ResNet152SD</td><td>3, 8, 36, 3</td><td>0.35</td><td>1</td><td>3 528 314 (= ResNet152)</td></tr>
 *   <tr><td>ResNet170SD</td><td>4, 10, 36, 6</td><td>0.35</td><td>1</td><td>4 414 202 (units ≠ ResNet170)</td></tr>
 * </table>
 *
 * <p>Units are numbered {@code l = 1 … L} over the whole network in forward order; unit l survives with
 * {@code p_l = 1 − (l/L)(1 − p_L)} (linear decay, e.g. ResNet50SD: p_1 = 0.98125, p_16 = 0.7). Each unit's draws
 * are seeded from {@link BuildOptions#seed()} and l ({@link StochasticDepthAdd#unitSeed}); the join vertex keeps the
 * name {@code stage<s>_unit<u>_add}. Only ResNet50SD has a result in the original tables; the others are registered
 * with the same configuration (w=1, ReLU).
 */
public final class StochasticDepthResNet {
    public static final String FAMILY = "ResNetV2-SD";
    /** ResNetV2 names a unit's join {@code <unit>_add}. */
    private static final String JOIN_SUFFIX = "_add";

    /** One row of the table above; {@code lastSurvival} is p_L. */
    public record Variant(String name, int[] unitsPerStage, double lastSurvival) {
        public int units() {
            return IntStream.of(unitsPerStage).sum();
        }

        /** {@code p_l} of unit {@code l} (1-based, forward order). */
        public double survival(int l) {
            return 1 - (double) l / units() * (1 - lastSurvival);
        }
    }

    private StochasticDepthResNet() {
    }

    public static void register(ZooRegistry r) {
        add(r, new Variant("ResNet50SD", ResNetV2.stages(3, 4, 6, 3), 0.7));
        add(r, new Variant("ResNet101SD", ResNetV2.stages(3, 4, 23, 3), 0.45));
        add(r, new Variant("ResNet152SD", ResNetV2.stages(3, 8, 36, 3), 0.35));
        add(r, new Variant("ResNet170SD", ResNetV2.stages(4, 10, 36, 6), 0.35));
    }

    private static void add(ZooRegistry r, Variant v) {
        r.add(v.name(), FAMILY, (spec, options) -> build(v, spec, options),
                List.of(new ModelSpec(v.name(), 1, ModelSpec.CIFAR_PX, RELU)));
    }

    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options) {
        ResNetV2.Variant bottleneck = new ResNetV2.Variant(v.name(), ResNetV2.Unit.BOTTLENECK, v.unitsPerStage());
        // its joins, like ResNetV2's, run in either layout
        return ResNetV2.build(bottleneck, spec, options, ResNetV2.ResidualHook.NONE,
                l -> stochasticAdd(v.survival(l), StochasticDepthAdd.unitSeed(options.seed(), l)),
                ResNetV2.Bottleneck.RESNET_V2, NetBuilder.fastestLayout());
    }

    /** Unit l's join: its residual branch survives with p_l, its draws seeded per run and unit. */
    private static ResNetV2.Join stochasticAdd(double survival, long seed) {
        return (g, name, residual, shortcut) -> g.stochasticDepthAdd(name, residual, shortcut, survival, seed);
    }

    /**
     * The units ({@code stage<s>_unit<u>}) whose residual branch a network drops at its current training step, i.e.
     * in its next {@code fit} step and in any training-mode forward pass before it. The parameters of those branches
     * ({@code stage<s>_unit<u>_*}) get an all-zero gradient in that step.
     */
    public static List<String> droppedUnits(ComputationGraph net) {
        long step = StochasticDepthAdd.trainingStep(net.getConfiguration());
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : net.getConfiguration().getVertices().entrySet()) {
            if (e.getValue() instanceof StochasticDepthAdd sd && !sd.keeps(step)) {
                dropped.add(e.getKey().substring(0, e.getKey().length() - JOIN_SUFFIX.length()));
            }
        }
        return dropped;
    }
}
