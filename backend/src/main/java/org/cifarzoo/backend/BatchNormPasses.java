package org.cifarzoo.backend;

import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One activation shape's batch norm on oneDNN, each way: what {@link OneDnnBatchNorm} runs. All arrays are dense
 * float; per-channel ones hold one value per channel.
 */
interface BatchNormPasses {
    /** The passes for {@code shape}: the activations regrouped where that reaches a faster kernel. */
    static BatchNormPasses of(BatchNormPrimitives.Shape shape, stream stream, boolean relu) {
        return RegroupedBatchNorm.pays(shape)
                ? new RegroupedBatchNorm(shape, stream, relu)
                : new BatchNormPrimitives(shape, stream, relu, false);
    }

    /** Whether the passes apply the ReLU that follows the batch norm themselves. */
    boolean reluFused();

    /** {@code out} = γ·(x − μ)/√(σ² + ε) + β with the batch's μ and σ² (biased), which it writes to the last two. */
    void train(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean, INDArray batchVar);

    /** The batch's μ and σ² (biased) alone, written to the last two; {@code scratch}, x's shape, is overwritten. */
    void statistics(INDArray x, INDArray scratch, INDArray batchMean, INDArray batchVar);

    /**
     * Whether {@link #trainWithStatistics} serves training here; not on oneDNN's plain primitives, whose backward pass
     * needs the statistics their own forward pass computed.
     */
    boolean takesStatistics();

    /** {@link #train} with the batch's μ and σ² measured already (see {@link KnownStatistics}), which it reads. */
    void trainWithStatistics(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray batchMean,
                             INDArray batchVar);

    /** The same map with given statistics. */
    void infer(INDArray x, INDArray gamma, INDArray beta, INDArray out, INDArray runningMean, INDArray runningVar);

    /** Gradients of the last {@link #train} pass (its ReLU included) with respect to x, γ and β, from ∂L/∂out. */
    void backward(INDArray x, INDArray gamma, INDArray beta, INDArray gradOut, INDArray batchMean, INDArray batchVar,
                  INDArray gradIn, INDArray gradGamma, INDArray gradBeta);
}
