package org.cifarzoo.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendTest {

    @Test
    void oneDnnHelpersAreReallyInUseOnCpu() {
        BackendInfo info = Backend.start();
        assertEquals("CPU", info.backend());
        assertTrue(info.helpers(), info.summary());
        assertEquals("linux-x86_64" + Backend.oneDnnExtension(CpuFeatures.read()), info.classifier());

        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder().nOut(2).build())
                .setInputType(InputType.convolutional(8, 8, 3)).build());
        net.init();
        net.fit(Nd4j.rand(2, 3, 8, 8), Nd4j.createFromArray(new float[][]{{1, 0}, {0, 1}}));

        assertInstanceOf(MKLDNNConvHelper.class, ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer)
                net.getLayer(0)).getHelper());
        assertInstanceOf(MKLDNNBatchNormHelper.class, ((org.deeplearning4j.nn.layers.normalization.BatchNormalization)
                net.getLayer(1)).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((org.deeplearning4j.nn.layers.convolution.subsampling
                .SubsamplingLayer) net.getLayer(2)).getHelper());
    }

    @Test
    void classifierFollowsTheCpu(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path avx512 = Files.writeString(dir.resolve("a"), "model name\t: Zen 4\nflags\t\t: fma avx2 avx512f avx512bw avx512vl avx512dq\n");
        Path avx2 = Files.writeString(dir.resolve("b"), "model name\t: Haswell\nflags\t\t: fma avx avx2\n");
        Path old = Files.writeString(dir.resolve("c"), "model name\t: Old\nflags\t\t: sse4_2\n");
        assertEquals("-onednn-avx512", Backend.oneDnnExtension(CpuFeatures.parse(avx512)));
        assertEquals("-onednn-avx2", Backend.oneDnnExtension(CpuFeatures.parse(avx2)));
        assertEquals(Set.of("sse4_2"), CpuFeatures.parse(old).flags());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Backend.oneDnnExtension(CpuFeatures.parse(old)));
        assertTrue(e.getMessage().contains("Old"), e.getMessage());
    }
}
