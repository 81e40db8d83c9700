package org.cifarzoo.schedules;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * A learning-rate schedule that changes only between epochs (training.md §3): the rate is set at the start of
 * every 0-based epoch and stays constant inside it, so the iteration number DL4J passes in is ignored.
 *
 * <p>Subclasses are immutable and serialise with DL4J's shaded Jackson (the {@code @class} type property comes
 * from {@link ISchedule}), so a saved model restores its schedule.
 */
public abstract class EpochSchedule implements ISchedule {

    private static final long serialVersionUID = 1L;

    /** The learning rate of {@code epoch} (0-based, {@code >= 0}). */
    public abstract double lrAtEpoch(int epoch);

    /** A compact, single-line description for results CSVs, e.g. {@code cosine(T=150,hi=0.5,lo=0.001,wu=10)}. */
    public abstract String describe();

    @Override
    public final double valueAt(int iteration, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return lrAtEpoch(epoch);
    }

    @Override
    public abstract EpochSchedule clone();

    @Override
    public String toString() {
        return describe();
    }
}
