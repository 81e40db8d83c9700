package org.cifarzoo.zoo.models;

import org.cifarzoo.zoo.BuildOptions;
import org.cifarzoo.zoo.MainActivation;
import org.cifarzoo.zoo.ModelSpec;
import org.cifarzoo.zoo.NetBuilder;
import org.cifarzoo.zoo.ZooRegistry;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

import java.util.List;

/**
 * DenseNet-BC (k = growth rate), models.md §7.
 *
 * <table>
 *   <caption>Variants (params = seed-results.csv, total incl. BN running statistics)</caption>
 *   <tr><th>variant</th><th>units per block N = (D − 4)/6</th><th>k</th>
 *       <th>channels: stem → blk1 → trans1 → blk2 → trans2 → blk3</th><th>params</th></tr>
 *   <tr><td>DenseNet52k12</td><td>8</td><td>12</td><td>24 → 120 → 60 → 156 → 78 → 174</td><td>272 398</td></tr>
 *   <tr><td>DenseNet100k12</td><td>16</td><td>12</td><td>24 → 216 → 108 → 300 → 150 → 342</td><td>793 150</td></tr>
 *   <tr><td>DenseNet100k16</td><td>16</td><td>16</td><td>32 → 288 → 144 → 400 → 200 → 456</td><td>1 386 906</td></tr>
 *   <tr><td>DenseNet160k12</td><td>26</td><td>12</td><td>24 → 336 → 168 → 480 → 240 → 552</td><td>1 795 090</td></tr>
 * </table>
 *
 * <p>Stem {@code Conv(3,1,2k)}; three dense blocks of N units, each unit {@code PA(1,1,4k) → PA(3,1,k)} whose k new
 * channels are concatenated <em>before</em> the unit's input channels (the reference's order; it only matters for
 * weight import); after blocks 1 and 2 a transition {@code PA(1,1,⌊C/2⌋) → Pool2} (compression 0.5); head
 * {@code BN → ReLU → GAP → FC(10)}. Activation always ReLU, no upsampling (32 px), L2 λ = 1e-4 on every conv kernel
 * including the stem. The seed's table gives DenseNet no width; the registry publishes it as width 1.
 */
public final class DenseNet {
    public static final String FAMILY = "DenseNet";
    static final double L2 = 1e-4;
    private static final int BLOCKS = 3;
    /** Bottleneck width of a dense unit's 1×1 conv, in multiples of k. */
    private static final int BOTTLENECK_FACTOR = 4;

    /** One row of the table above: depth label D and growth rate k. */
    public record Variant(String name, int depth, int growth) {
        public Variant {
            if ((depth - 4) % 6 != 0) {
                throw new IllegalArgumentException(name + ": depth " + depth + " is not 6N + 4");
            }
        }

        public int unitsPerBlock() {
            return (depth - 4) / 6;
        }
    }

    private DenseNet() {
    }

    public static void register(ZooRegistry r) {
        add(r, new Variant("DenseNet52k12", 52, 12));
        add(r, new Variant("DenseNet100k12", 100, 12));
        add(r, new Variant("DenseNet100k16", 100, 16));
        add(r, new Variant("DenseNet160k12", 160, 12));
    }

    private static void add(ZooRegistry r, Variant v) {
        r.add(v.name(), FAMILY, (spec, options) -> build(v, spec, options),
                List.of(new ModelSpec(v.name(), 1, ModelSpec.CIFAR_PX, MainActivation.RELU)));
    }

    public static ComputationGraphConfiguration build(Variant v, ModelSpec spec, BuildOptions options) {
        if (spec.width() != 1 || spec.upsampling() != 1 || spec.activation() != MainActivation.RELU) {
            throw new IllegalArgumentException(v.name() + " exists only at width 1, 32 px, relu; got " + spec.label());
        }
        // every layer here (conv, BN, concatenation, pooling) runs channels-last
        NetBuilder g = new NetBuilder(options, MainActivation.RELU.dl4j(), L2, NetBuilder.fastestLayout());
        int k = v.growth();
        String x = g.conv("stem_conv", g.input(), 3, 1, 2 * k);
        int channels = 2 * k;
        for (int block = 1; block <= BLOCKS; block++) {
            // block 1: 32x32, block 2: 16x16, block 3: 8x8 (each transition halves the map)
            for (int unit = 1; unit <= v.unitsPerBlock(); unit++) {
                x = denseUnit(g, x, "block%d_unit%d".formatted(block, unit), k);
                channels += k;
            }
            if (block < BLOCKS) {
                channels /= 2;
                x = transition(g, x, "transition" + block, channels);
            }
        }
        x = g.bnAct("head", x);
        return g.build(g.poolAndClassify(x));
    }

    /** {@code PA(1,1,4k) → PA(3,1,k)}, the k new channels concatenated in front of the input. */
    static String denseUnit(NetBuilder g, String in, String name, int growth) {
        String r = g.preActConv(name + "_1", in, 1, 1, BOTTLENECK_FACTOR * growth);
        r = g.preActConv(name + "_2", r, 3, 1, growth);
        return g.concat(name + "_concat", r, in);
    }

    /** {@code PA(1,1,C') → Pool2} with C' = ⌊C/2⌋ given by the caller. */
    static String transition(NetBuilder g, String in, String name, int outChannels) {
        return g.avgPool2(name + "_pool", g.preActConv(name, in, 1, 1, outChannels));
    }
}
