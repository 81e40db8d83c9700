package org.cifarzoo.zoo.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TResNet's faithful stem batch norm {@code BN*} (models.md §8 [bug]): the reference, computing channels-first,
 * normalises over the <em>width</em> axis of an NCHW map: one (γ, β, μ, σ²) per image column (W of them), batch
 * statistics pooled over batch, channels and rows. Otherwise a standard batch norm with the spec's conventions:
 * momentum 0.99 (running ← 0.99·running + 0.01·batch), ε = 1e-3, γ=1, β=0, μ=0, σ²=1 initially, 4·W parameters
 * (γ, β trainable; μ, σ² updated by averaging, never regularised). Like DL4J's own batch norm, the batch variance is
 * the biased one and the running statistics travel as "gradients" under a no-op updater, not divided by the
 * minibatch size. Training mode normalises with the batch statistics, inference with the running ones.
 */
public class ColumnBatchNormalization extends NchwLayerConf {
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    public static final String MEAN = "mean";
    public static final String VAR = "var";
    private static final Set<String> STATISTICS = Set.of(MEAN, VAR);
    private static final int WIDTH_AXIS = 3;
    private static final int[] POOLED_AXES = {0, 1, 2};

    private double decay = 0.99;
    private double eps = 1e-3;

    /** For JSON deserialisation. */
    public ColumnBatchNormalization() {
    }

    private ColumnBatchNormalization(Builder b) {
        super(b);
        this.decay = b.decay;
        this.eps = b.eps;
    }

    public double getDecay() {
        return decay;
    }

    public double getEps() {
        return eps;
    }

    /** Number of image columns (the width of the input map), the size of each parameter vector. */
    public long getColumns() {
        return nIn;
    }

    @Override
    BaseLayer<?> runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new Impl(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return PARAMS;
    }

    private static final ParamTable PARAMS = new ParamTable() {
        @Override
        List<Param> params(org.deeplearning4j.nn.conf.layers.Layer layer) {
            long w = ((ColumnBatchNormalization) layer).getColumns();
            return List.of(Param.constant(GAMMA, 1, 1, w), Param.constant(BETA, 0, 1, w),
                    Param.constant(MEAN, 0, 1, w), Param.constant(VAR, 1, 1, w));
        }
    };

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return nchw(inputType);
    }

    /** nIn = nOut = the input's width. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (nIn <= 0 || override) {
            nIn = nchw(inputType).getWidth();
            nOut = nIn;
        }
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return STATISTICS.contains(paramName) ? new NoOp() : super.getUpdaterByParam(paramName);
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnBatchNormalization b && super.equals(o) && b.decay == decay && b.eps == eps;
    }

    @Override
    protected boolean canEqual(Object other) {
        return other instanceof ColumnBatchNormalization;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), decay, eps);
    }

    @Override
    public String toString() {
        return "ColumnBatchNormalization(columns=" + nIn + ", decay=" + decay + ", eps=" + eps + ")";
    }

    /** Momentum 0.99 and ε 1e-3 unless set. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private double decay = 0.99;
        private double eps = 1e-3;

        public Builder() {
            this.activationFn = new ActivationIdentity();
        }

        public Builder decay(double decay) {
            this.decay = decay;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ColumnBatchNormalization build() {
            return new ColumnBatchNormalization(this);
        }
    }

    public static final class Impl extends BaseLayer<ColumnBatchNormalization> {

        public Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public Type type() {
            return Type.NORMALIZATION;
        }

        @Override
        public boolean isPretrainLayer() {
            return false;
        }

        @Override
        public boolean hasBias() {
            return false;
        }

        /** The running statistics are replaced by averaging, so their "gradients" are not per-example sums. */
        @Override
        public boolean updaterDivideByMinibatch(String paramName) {
            return !STATISTICS.contains(paramName);
        }

        private void checkInput() {
            if (input.rank() != 4 || input.size(WIDTH_AXIS) != layerConf().getColumns()) {
                throw new IllegalArgumentException("ColumnBatchNormalization " + layerId() + ": expected [N, C, H, "
                        + layerConf().getColumns() + "] input, got " + java.util.Arrays.toString(input.shape()));
            }
        }

        /** {@code (x − μ) / √(σ² + ε)} per column, into {@code out}. */
        private static INDArray normalise(INDArray x, INDArray mean, INDArray std, INDArray out) {
            Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean, out, WIDTH_AXIS));
            Nd4j.getExecutioner().exec(new BroadcastDivOp(out, std, out, WIDTH_AXIS));
            return out;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
            assertInputSet(false);
            applyDropOutIfNecessary(training, mgr);
            checkInput();
            double eps = layerConf().getEps();
            INDArray mean = training ? input.mean(POOLED_AXES) : getParam(MEAN).reshape(input.size(WIDTH_AXIS));
            INDArray var = training ? input.var(false, POOLED_AXES) : getParam(VAR).reshape(input.size(WIDTH_AXIS));
            INDArray std = Transforms.sqrt(var.add(eps), false);
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
            normalise(input, mean, std, out);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(out, getParam(GAMMA).reshape(std.length()), out,
                    WIDTH_AXIS));
            Nd4j.getExecutioner().exec(new BroadcastAddOp(out, getParam(BETA).reshape(std.length()), out,
                    WIDTH_AXIS));
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
            assertInputSet(true);
            checkInput();
            ColumnBatchNormalization c = layerConf();
            long columns = c.getColumns();
            double m = (double) input.length() / columns;
            INDArray mean = input.mean(POOLED_AXES);
            INDArray var = input.var(false, POOLED_AXES);
            INDArray std = Transforms.sqrt(var.add(c.getEps()), false);
            INDArray xHat = normalise(input, mean, std, Nd4j.createUninitialized(input.dataType(), input.shape()));

            // dβ = Σ ε, dγ = Σ ε·x̂ (over batch, channels, rows)
            INDArray dBeta = epsilon.sum(POOLED_AXES);
            INDArray dGamma = epsilon.mul(xHat).sum(POOLED_AXES);
            // dx = γ/σ · (ε − mean(ε) − x̂·mean(ε·x̂))
            INDArray gradIn = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(),
                    'c');
            Nd4j.getExecutioner().exec(new BroadcastMulOp(xHat, dGamma.div(m), gradIn, WIDTH_AXIS));
            gradIn.rsubi(epsilon);
            Nd4j.getExecutioner().exec(new BroadcastSubOp(gradIn, dBeta.div(m), gradIn, WIDTH_AXIS));
            Nd4j.getExecutioner().exec(new BroadcastMulOp(gradIn, getParam(GAMMA).reshape(columns).div(std), gradIn,
                    WIDTH_AXIS));

            Gradient g = new DefaultGradient();
            g.setGradientFor(GAMMA, gradientViews.get(GAMMA).assign(dGamma.reshape(1, columns)));
            g.setGradientFor(BETA, gradientViews.get(BETA).assign(dBeta.reshape(1, columns)));
            // running ← decay·running + (1−decay)·batch, applied as running − gradient under the no-op updater
            double keep = 1 - c.getDecay();
            g.setGradientFor(MEAN, gradientViews.get(MEAN)
                    .assign(getParam(MEAN).sub(mean.reshape(1, columns)).muli(keep)));
            g.setGradientFor(VAR, gradientViews.get(VAR)
                    .assign(getParam(VAR).sub(var.reshape(1, columns)).muli(keep)));
            return new Pair<>(g, backpropDropOutIfPresent(gradIn));
        }
    }
}
