package org.cifarzoo.harness.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Where a training run stands after a whole epoch: enough to continue it after a crash with the same result rows.
 *
 * @param trainRates training images/s of each finished epoch
 * @param wallS      wall time spent so far, over every process that worked on the run
 */
public record TrainState(int epochsDone, double bestTop1, double lastTop1, List<Double> trainRates,
                         double inferImgPerS, double wallS) {

    public static TrainState start() {
        return new TrainState(0, 0, 0, List.of(), 0, 0);
    }

    TrainState afterEpoch(double top1, double trainRate, double inferRate, double moreWallS) {
        List<Double> rates = new ArrayList<>(trainRates);
        rates.add(trainRate);
        return new TrainState(epochsDone + 1, Math.max(bestTop1, top1), top1, List.copyOf(rates), inferRate,
                wallS + moreWallS);
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("epochs_done", Integer.toString(epochsDone));
        p.setProperty("best_top1", Double.toString(bestTop1));
        p.setProperty("last_top1", Double.toString(lastTop1));
        p.setProperty("train_rates", String.join(",", trainRates.stream().map(String::valueOf).toList()));
        p.setProperty("infer_rate", Double.toString(inferImgPerS));
        p.setProperty("wall_s", Double.toString(wallS));
        return p;
    }

    static TrainState fromProperties(Properties p) {
        String rates = p.getProperty("train_rates", "");
        return new TrainState(Integer.parseInt(p.getProperty("epochs_done")),
                Double.parseDouble(p.getProperty("best_top1")), Double.parseDouble(p.getProperty("last_top1")),
                rates.isEmpty() ? List.of() : Arrays.stream(rates.split(",")).map(Double::valueOf).toList(),
                Double.parseDouble(p.getProperty("infer_rate")), Double.parseDouble(p.getProperty("wall_s")));
    }
}
