package org.cifarzoo.schedules;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Piecewise-constant schedule (training.md §3): {@code lr(e)} is the rate of the last step whose start epoch is
 * {@code <= e}. The reference's example is (0, 0.1), (150, 0.01), (225, 0.001).
 */
public final class StepSchedule extends EpochSchedule {

    private static final long serialVersionUID = 1L;

    /** From {@code startEpoch} on (until the next step), the learning rate is {@code lr}. */
    public record Step(@JsonProperty("startEpoch") int startEpoch, @JsonProperty("lr") double lr)
            implements Serializable {

        @JsonCreator
        public Step {
            Check.nonNegative("startEpoch", startEpoch);
            Check.nonNegative("lr of the step at epoch " + startEpoch, lr);
        }
    }

    @JsonProperty("steps")
    private final List<Step> steps;

    /** @param steps non-empty, the first at epoch 0 (so every epoch has a rate), start epochs strictly increasing */
    @JsonCreator
    public StepSchedule(@JsonProperty("steps") List<Step> steps) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("steps must not be empty, got " + steps);
        }
        if (steps.get(0).startEpoch() != 0) {
            throw new IllegalArgumentException("steps must start at epoch 0, the first starts at epoch "
                    + steps.get(0).startEpoch());
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).startEpoch() <= steps.get(i - 1).startEpoch()) {
                throw new IllegalArgumentException("step start epochs must be strictly increasing, got "
                        + steps.get(i).startEpoch() + " after " + steps.get(i - 1).startEpoch());
            }
        }
        this.steps = List.copyOf(steps);
    }

    @Override
    public double lrAtEpoch(int epoch) {
        double lr = steps.get(0).lr();
        for (Step step : steps) {
            if (step.startEpoch() > epoch) {
                break;
            }
            lr = step.lr();
        }
        return lr;
    }

    @Override
    public String describe() {
        return steps.stream()
                .map(s -> s.startEpoch() + "=" + Check.plain(s.lr()))
                .collect(Collectors.joining(",", "step(", ")"));
    }

    @Override
    public StepSchedule clone() {
        return new StepSchedule(steps);
    }

    public List<Step> steps() {
        return steps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepSchedule other && steps.equals(other.steps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(steps);
    }
}
