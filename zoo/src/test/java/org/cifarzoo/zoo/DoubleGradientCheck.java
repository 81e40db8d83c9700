package org.cifarzoo.zoo;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's gradient check, which insists on double as the global default type while it runs. */
final class DoubleGradientCheck {
    private DoubleGradientCheck() {
    }

    static boolean passes(GradientCheckUtil.GraphConfig config) {
        DataType previous = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return GradientCheckUtil.checkGradients(config.print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }
}
