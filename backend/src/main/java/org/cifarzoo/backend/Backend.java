package org.cifarzoo.backend;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.Nd4jCpu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * Chooses and starts the ND4J backend explicitly, before anything else touches ND4J.
 *
 * <p>On CPU it picks the oneDNN native build that fits the processor (AVX-512 or AVX2) and switches DL4J's
 * oneDNN layer helpers on: DL4J M2.1 ships them disabled ({@code org.eclipse.deeplearning4j.helpers.disable}
 * defaults to true), and its capability check needs the {@link Nd4jCpu} shim. On CUDA, a machine without a
 * usable GPU stops here with a message that says so.
 */
public final class Backend {
    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static BackendInfo started;

    private Backend() {
    }

    /**
     * Whether DL4J's oneDNN layer helpers are on: its switch says "false" (DL4J's own test) and the backend is the
     * CPU one, built with oneDNN. Where they are, our oneDNN kernels also serve the layers DL4J has no helper for.
     */
    public static boolean oneDnnHelpers() {
        return "false".equals(System.getProperty(HELPERS_DISABLE)) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** Starts the backend with layer helpers on (the fast path). Idempotent. */
    public static synchronized BackendInfo start() {
        return start(true);
    }

    /**
     * Starts the backend. {@code helpers=false} gives DL4J's built-in (slow, reference) implementations, for
     * comparisons; the choice is global and is read each time a layer is instantiated.
     */
    public static synchronized BackendInfo start(boolean helpers) {
        System.setProperty(HELPERS_DISABLE, Boolean.toString(!helpers));
        if (started != null && started.helpers() == helpers) {
            return started;
        }
        CpuFeatures cpu = CpuFeatures.read();
        boolean cuda = onClasspath(CUDA_BACKEND_CLASS);
        if (!cuda && System.getProperty(PLATFORM_EXTENSION) == null) {
            System.setProperty(PLATFORM_EXTENSION, oneDnnExtension(cpu));
        }
        try {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        } catch (Throwable e) {
            throw new IllegalStateException(cuda
                    ? "The CUDA backend (built with -Pcuda) could not start: no usable NVIDIA GPU/driver was found on "
                      + "this machine. Build without -Pcuda for the CPU backend. Cause: " + rootMessage(e)
                    : "The CPU backend could not start with native build '"
                      + System.getProperty(PLATFORM_EXTENSION) + "'. Cause: " + rootMessage(e), e);
        }
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getProperty("backend", cuda ? "CUDA" : "CPU");
        boolean helpersInUse = helpers && (cuda || BaseMKLDNNHelper.mklDnnEnabled());
        String classifier = cuda ? "cuda" : "linux-x86_64" + System.getProperty(PLATFORM_EXTENSION);
        String blas = env.getProperty("blas.vendor", "?");
        String device = cuda ? env.getProperty("cuda.devicesInformation", "GPU") : cpu.modelName();
        started = new BackendInfo(backend, classifier, helpersInUse, Nd4j.getEnvironment().maxThreads(), blas,
                device, System.getProperty("java.vm.name") + " " + Runtime.version(), Nd4j.class.getPackage()
                .getImplementationVersion() == null ? "1.0.0-M2.1" : Nd4j.class.getPackage().getImplementationVersion());
        if (helpers && !helpersInUse) {
            LOG.warn("Layer helpers were requested but are not in use (native build has oneDNN: {})",
                    Nd4jCpu.Environment.nativeBuildHasOneDnn());
        }
        return started;
    }

    /**
     * The precision networks train in: fp32 on CPU (ND4J's CPU fp16/bf16 kernels are ~25× slower than fp32), fp16 on
     * CUDA. DL4J has no loss-scaled mixed precision with fp32 master weights, so GPU runs are fp16 throughout.
     */
    public static synchronized org.nd4j.linalg.api.buffer.DataType trainingDataType() {
        return started != null && "CUDA".equalsIgnoreCase(started.backend())
                ? org.nd4j.linalg.api.buffer.DataType.HALF : org.nd4j.linalg.api.buffer.DataType.FLOAT;
    }

    static String oneDnnExtension(CpuFeatures cpu) {
        if (cpu.hasAvx512()) {
            return "-onednn-avx512";
        }
        if (cpu.hasAvx2()) {
            return "-onednn-avx2";
        }
        throw new IllegalStateException("This CPU (" + cpu.modelName() + ") has neither AVX-512 nor AVX2; "
                + "cifar-zoo ships only the oneDNN AVX-512 and AVX2 builds of ND4J. Set -D" + PLATFORM_EXTENSION
                + "= and add the generic nd4j-native linux-x86_64 jar to run on it.");
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
