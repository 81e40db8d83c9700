package org.cifarzoo.harness.train;

/** The loss became NaN or infinite; the run stops and its row records why. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
