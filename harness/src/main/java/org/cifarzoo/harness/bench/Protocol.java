package org.cifarzoo.harness.bench;

/**
 * The seed's throughput protocol (training.md §8), with its constants as named, overridable parameters.
 *
 * @param warmupSteps     untimed training steps first (graph set-up, workspace sizing)
 * @param trainSteps      at most this many timed-run training steps
 * @param trainClockStart the training clock starts at this batch index
 * @param trainTimeCapS   after the clock start, every 5th batch ends training once this many seconds passed
 * @param inferSteps      inference batches in the timed run
 * @param inferClockStart the inference clock starts at this batch index
 */
public record Protocol(int warmupSteps, int trainSteps, int trainClockStart, double trainTimeCapS, int inferSteps,
                       int inferClockStart) {
    public static final Protocol SEED = new Protocol(20, 150, 10, 30, 200, 20);

    public Protocol {
        if (trainClockStart >= trainSteps - 1 || inferClockStart >= inferSteps - 1 || warmupSteps < 0
                || trainClockStart < 0 || inferClockStart < 0) {
            // the parameters, not this: a compact constructor's fields are still unset here
            throw new IllegalArgumentException(String.format("protocol needs 0 <= clock start < steps - 1 and "
                            + "warm-up >= 0: warm-up %d, training steps %d (clock from %d), inference steps %d "
                            + "(clock from %d)", warmupSteps, trainSteps, trainClockStart, inferSteps,
                    inferClockStart));
        }
    }
}
