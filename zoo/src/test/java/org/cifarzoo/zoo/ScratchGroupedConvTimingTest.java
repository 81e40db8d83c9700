package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.GroupedConvolution;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

/** THROWAWAY: timing of grouped vs dense conv, forward+backward. Deleted after one run. */
class ScratchGroupedConvTimingTest {
    private static MultiLayerNetwork net(Layer conv) {
        MultiLayerNetwork n = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .updater(new NoOp()).weightInit(WeightInit.XAVIER_UNIFORM).convolutionMode(ConvolutionMode.Same).list()
                .layer(conv)
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(32, 32, 128, CNN2DFormat.NCHW)).build());
        n.init();
        return n;
    }

    private static double[] time(MultiLayerNetwork n, INDArray x, INDArray y, int iters) {
        n.setInput(x);
        n.setLabels(y);
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t = System.nanoTime();
            n.computeGradientAndScore();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    @Test
    void timing() {
        System.out.println(Backend.start());
        MultiLayerNetwork grouped = net(new GroupedConvolution.Builder(3, 16).nOut(128).build());
        MultiLayerNetwork dense = net(new ConvolutionLayer.Builder(3, 3).nOut(128).hasBias(false)
                .activation(Activation.IDENTITY).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 128, 32, 32);
        INDArray y = Nd4j.rand(DataType.FLOAT, 64, 128, 32, 32);
        time(grouped, x, y, 1);
        org.deeplearning4j.nn.api.Layer l = grouped.getLayer(0);
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        for (int i = 0; i < 6; i++) {
            l.setInput(x, ws);
            long t = System.nanoTime();
            INDArray o = l.activate(true, ws);
            long t2 = System.nanoTime();
            l.backpropGradient(y, ws);
            long t3 = System.nanoTime();
            System.out.printf("TIMING layer direct fwd %.1f ms bwd %.1f ms%n", (t2 - t) / 1e6, (t3 - t2) / 1e6);
        }
        time(grouped, x, y, 5);
        time(dense, x, y, 5);
        double[] g = new double[0], d = new double[0];
        for (int round = 0; round < 2; round++) {  // interleaved, 4 x 5 = 20 iterations each
            g = concat(g, time(grouped, x, y, 5));
            d = concat(d, time(dense, x, y, 5));
        }
        report("grouped g=16", g);
        report("dense", d);
        perGroupOps(x, y);
    }

    private static org.nd4j.linalg.api.ops.DynamicCustomOp op(String name, INDArray[] in, INDArray[] out) {
        return org.nd4j.linalg.api.ops.DynamicCustomOp.builder(name).addInputs(in).addOutputs(out)
                .addIntegerArguments(3, 3, 1, 1, 0, 0, 1, 1, 1, 0, 1).build();
    }

    private static void perGroupOps(INDArray x, INDArray eps) {
        int g = 16, cg = 8;
        INDArray w = Nd4j.rand(DataType.FLOAT, 128, 8, 3, 3);
        INDArray gw = Nd4j.create(DataType.FLOAT, 128, 8, 3, 3);
        INDArray out = Nd4j.create(DataType.FLOAT, 64, 128, 32, 32);
        INDArray gi = Nd4j.create(DataType.FLOAT, 64, 128, 32, 32);
        INDArray x5 = x.reshape(64, g, cg, 32, 32), o5 = out.reshape(64, g, cg, 32, 32), e5 = eps.reshape(64, g, cg, 32, 32), gi5 = gi.reshape(64, g, cg, 32, 32);
        INDArray w5 = w.reshape(g, cg, cg, 3, 3), gw5 = gw.reshape(g, cg, cg, 3, 3);
        double[] ms = new double[25];
        for (int it = 0; it < 25; it++) {
            long t = System.nanoTime();
            for (int j = 0; j < g; j++) {
                Nd4j.exec(op("conv2d", new INDArray[]{x5.tensorAlongDimension(j, 0, 2, 3, 4), w5.tensorAlongDimension(j, 1, 2, 3, 4)},
                        new INDArray[]{o5.tensorAlongDimension(j, 0, 2, 3, 4)}));
            }
            for (int j = 0; j < g; j++) {
                Nd4j.exec(op("conv2d_bp", new INDArray[]{x5.tensorAlongDimension(j, 0, 2, 3, 4), w5.tensorAlongDimension(j, 1, 2, 3, 4), e5.tensorAlongDimension(j, 0, 2, 3, 4)},
                        new INDArray[]{gi5.tensorAlongDimension(j, 0, 2, 3, 4), gw5.tensorAlongDimension(j, 1, 2, 3, 4)}));
            }
            ms[it] = (System.nanoTime() - t) / 1e6;
        }
        report("per-group conv2d ops fwd+bp", Arrays.copyOfRange(ms, 5, 25));
        System.out.println("TIMING tad shape " + x5.tensorAlongDimension(3, 0, 2, 3, 4).shapeInfoToString());
    }

    private static void components(INDArray x) {
        INDArray col = Nd4j.create(DataType.FLOAT, 128, 3, 3, 64, 32, 32);
        double[] a = new double[10], b = new double[10], c = new double[10];
        INDArray w = Nd4j.rand(DataType.FLOAT, 16, 8, 72);
        INDArray o = Nd4j.create(DataType.FLOAT, 16, 8, 65536);
        INDArray gi = Nd4j.create(DataType.FLOAT, 64, 128, 32, 32);
        for (int it = 0; it < 10; it++) {
            long t = System.nanoTime();
            org.nd4j.linalg.convolution.Convolution.im2col(x, 3, 3, 1, 1, 1, 1, 1, 1, true, col.permute(3, 0, 1, 2, 4, 5));
            a[it] = (System.nanoTime() - t) / 1e6;
            INDArray c3 = col.reshape(16, 72, 65536);
            t = System.nanoTime();
            for (int j = 0; j < 16; j++) {
                Nd4j.gemm(w.tensorAlongDimension(j, 1, 2), c3.tensorAlongDimension(j, 1, 2), o.tensorAlongDimension(j, 1, 2), false, false, 1.0, 0.0);
            }
            b[it] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            org.nd4j.linalg.convolution.Convolution.col2im(col.permute(3, 0, 1, 2, 4, 5), gi, 1, 1, 1, 1, 32, 32, 1, 1);
            c[it] = (System.nanoTime() - t) / 1e6;
        }
        report("im2col", Arrays.copyOfRange(a, 3, 10));
        report("16 gemms fwd", Arrays.copyOfRange(b, 3, 10));
        report("col2im", Arrays.copyOfRange(c, 3, 10));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(ms).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(ms).map(v -> (v - mean) * (v - mean)).sum() / (ms.length - 1));
        System.out.printf("TIMING %s: n=%d mean %.1f ms sd %.1f median %.1f min %.1f%n", what, ms.length, mean, sd,
                s[s.length / 2], s[0]);
    }
}
