package org.cifarzoo.zoo;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * How a configuration is instantiated, as opposed to what it is ({@link ModelSpec}).
 *
 * @param seed     weight-initialisation seed
 * @param updater  the optimiser (the trainer's Nesterov SGD, or the benchmark's plain SGD)
 * @param dataType FLOAT for training; DOUBLE for gradient checks
 */
public record BuildOptions(long seed, IUpdater updater, DataType dataType) {

    /** Plain SGD at lr 0.01 in fp32: the seed's benchmark setting. */
    public static BuildOptions defaults(long seed) {
        return new BuildOptions(seed, new Sgd(0.01), DataType.FLOAT);
    }

    public BuildOptions withUpdater(IUpdater u) {
        return new BuildOptions(seed, u, dataType);
    }

    public BuildOptions withDataType(DataType t) {
        return new BuildOptions(seed, updater, t);
    }
}
