package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Objects;

/**
 * The join of a stochastic-depth residual unit (models.md §2, training.md §5): inputs {@code (residual, shortcut)},
 * survival probability {@code p}.
 * <ul>
 *   <li>Training: one draw {@code u ~ U(0,1)} per training step, shared by the whole batch; {@code u < p} gives
 *       {@code residual + shortcut}, otherwise {@code shortcut} alone.</li>
 *   <li>Inference: {@code p·residual + shortcut}.</li>
 * </ul>
 *
 * <p><b>Reproducible draws.</b> The draw is a pure function of the {@link #getSeed() seed} stored in this
 * configuration and the network's training step: {@code u = SplitMix64(seed)} at position (epoch count, iteration
 * count) of the graph's configuration; DL4J's optimiser advances the iteration count once per {@code fit} step (it
 * is not reset between epochs; the epoch count only makes the position safe if it ever were). So the same
 * seed gives the same sequence of drops, every forward pass inside one step (e.g. a gradient check's many score
 * evaluations) sees the same draw, and a saved and restored network continues the sequence where it stopped.
 * {@link #keeps(long)} exposes the draw; {@link #trainingStep(ComputationGraphConfiguration)} is the step a network is
 * at. A forward pass in training mode outside {@code fit} (e.g. {@code feedForward(x, true)}) does not advance the
 * step, so it repeats that step's draw.
 *
 * <p><b>Where DL4J differs from the reference.</b> DL4J computes every vertex of the graph, so a dropped residual
 * branch is still computed (no saving of time); it contributes nothing to the output and receives an all-zero
 * gradient. Unlike the reference, which skips the branch, the batch-norm layers of a dropped branch still update
 * their running mean and variance from that batch. The L2 penalty still acts on the dropped branch's kernels and
 * momentum still moves its parameters; the reference's L2 terms do not depend on the draw either, but whether its
 * optimiser moves untouched variables by momentum was not checked.
 *
 * <p>Written directly against ND4J ops (SameDiff vertices back-propagate twice the true gradient in M2.1).
 */
public class StochasticDepthAdd extends SameShapeJoin {
    /** Input positions. */
    public static final int RESIDUAL = 0;
    public static final int SHORTCUT = 1;
    /** SplitMix64's increment (the golden ratio in 64 bits). */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private double survival;
    private long seed;

    /** For JSON deserialisation. */
    public StochasticDepthAdd() {
    }

    /**
     * @param survival the branch's survival probability p in [0, 1]
     * @param seed     the seed of this vertex's draws; see {@link #unitSeed(long, int)}
     */
    public StochasticDepthAdd(double survival, long seed) {
        if (!(survival >= 0 && survival <= 1)) {
            throw new IllegalArgumentException("survival probability must be in [0, 1], got " + survival);
        }
        this.survival = survival;
        this.seed = seed;
    }

    /** The seed of unit {@code unit}'s draws in a run seeded with {@code runSeed}: distinct streams per unit. */
    public static long unitSeed(long runSeed, int unit) {
        return mix64(runSeed + GOLDEN_GAMMA * mix64(unit));
    }

    public double getSurvival() {
        return survival;
    }

    public long getSeed() {
        return seed;
    }

    /** The training step a network is at: its epoch count (high 32 bits) and iteration count (low 32 bits). */
    public static long trainingStep(ComputationGraphConfiguration conf) {
        return ((long) conf.getEpochCount() << 32) | (conf.getIterationCount() & 0xffffffffL);
    }

    /** The draw u in [0, 1) of training step {@code step}. */
    public double uniform(long step) {
        long bits = mix64(mix64(seed) + GOLDEN_GAMMA * (step + 1));
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** Whether the residual branch is kept at training step {@code step}. */
    public boolean keeps(long step) {
        return uniform(step) < survival;
    }

    /** Stafford's mix 13, SplitMix64's output function (as in {@link java.util.SplittableRandom}). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
                                                                       INDArray params, boolean init,
                                                                       DataType dataType) {
        return new Impl(graph, name, idx, dataType, this);
    }

    @Override
    public StochasticDepthAdd clone() {
        return new StochasticDepthAdd(survival, seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StochasticDepthAdd s && Double.compare(s.survival, survival) == 0 && s.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(StochasticDepthAdd.class, survival, seed);
    }

    @Override
    public String toString() {
        return "StochasticDepthAdd(survival=" + survival + ", seed=" + seed + ")";
    }

    /** What the last forward pass did with the residual branch; backward follows it. */
    private enum Branch { KEPT, DROPPED, SCALED }

    static final class Impl extends SameShapeJoin.Runtime {
        private final StochasticDepthAdd conf;
        private Branch branch;

        Impl(ComputationGraph graph, String name, int idx, DataType dataType, StochasticDepthAdd conf) {
            super(graph, name, idx, dataType);
            this.conf = conf;
        }

        private Branch branch(boolean training) {
            if (!training) {
                return Branch.SCALED;
            }
            if (graph == null) {
                throw new IllegalStateException("Vertex " + vertexName + ": training needs the graph's step counter");
            }
            return conf.keeps(trainingStep(graph.getConfiguration())) ? Branch.KEPT : Branch.DROPPED;
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr mgr) {
            if (!canDoForward()) {
                throw new IllegalStateException("Vertex " + vertexName + ": inputs not set");
            }
            INDArray residual = inputs[RESIDUAL];
            INDArray shortcut = inputs[SHORTCUT];
            branch = branch(training);
            return switch (branch) {
                case KEPT -> ElementWise.sum(residual, shortcut, ArrayType.ACTIVATIONS, mgr);
                case DROPPED -> ElementWise.copy(shortcut, ArrayType.ACTIVATIONS, mgr);
                case SCALED -> mgr.dup(ArrayType.ACTIVATIONS, residual).muli(conf.survival).addi(shortcut);
            };
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr mgr) {
            if (!canDoBackward() || branch == null) {
                throw new IllegalStateException("Vertex " + vertexName + ": epsilon or forward pass missing");
            }
            INDArray gradResidual = switch (branch) {
                case KEPT -> ElementWise.copy(epsilon, ArrayType.ACTIVATION_GRAD, mgr);
                case DROPPED -> mgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape());
                case SCALED -> mgr.dup(ArrayType.ACTIVATION_GRAD, epsilon).muli(conf.survival);
            };
            INDArray[] grads = new INDArray[2];
            grads[RESIDUAL] = gradResidual;
            grads[SHORTCUT] = ElementWise.copy(epsilon, ArrayType.ACTIVATION_GRAD, mgr);
            return new Pair<>(null, grads);
        }

        @Override
        public String toString() {
            return "StochasticDepthAdd(" + vertexName + ", survival=" + conf.survival + ")";
        }
    }
}
