package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Compatibility shim for DL4J 1.0.0-M2.1's oneDNN capability check.
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} reflects on {@code org.nd4j.nativeblas.Nd4jCpu$Environment
 * #isUseMKLDNN}, a class that ND4J renamed in 1.0.0-M1 (now {@code org.nd4j.linalg.cpu.nativecpu.bindings
 * .Nd4jCpu$Environment#isUseONEDNN}). The reflection fails, the failure is swallowed, and every oneDNN layer
 * helper (conv, batch norm, pooling) is silently dropped. This class restores the old name and answers the
 * question truthfully: oneDNN is in use only if the native build was compiled with it ({@code HAVE_ONEDNN} in
 * its build info; {@code isUseONEDNN()} alone answers true even on builds without oneDNN) and the native
 * environment has it switched on.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        private static final String BINDINGS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** The name DL4J M2.1 looks for. */
        public boolean isUseMKLDNN() {
            return nativeBuildHasOneDnn() && nativeSwitchOn();
        }

        public static boolean nativeBuildHasOneDnn() {
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            return info != null && info.contains("HAVE_ONEDNN");
        }

        private static boolean nativeSwitchOn() {
            try {
                Class<?> bindings = Class.forName(BINDINGS);
                Object env = bindings.getMethod("getInstance").invoke(null);
                Method isUse = bindings.getMethod("isUseONEDNN");
                return (Boolean) isUse.invoke(env);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false; // not the CPU backend
            }
        }
    }
}
