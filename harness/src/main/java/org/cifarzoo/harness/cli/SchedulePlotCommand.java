package org.cifarzoo.harness.cli;

import org.cifarzoo.harness.pictures.PictureFile;
import org.cifarzoo.harness.pictures.SchedulePlot;
import org.cifarzoo.schedules.EpochSchedule;
import org.cifarzoo.schedules.Schedules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;

@Command(name = "schedule-plot", description = "Plot the learning rate of every epoch of a schedule as PNG or SVG.")
final class SchedulePlotCommand implements Callable<Integer> {
    @Option(names = "--schedule", required = true, description = "As for train, e.g. "
            + "cosine:epochs=150,hi=0.5,lo=0.001,warmup=10, htd:L=-6,U=3,epochs=50 or step:0=0.1,150=0.01,225=0.001.")
    String schedule;

    @Option(names = "--epochs", description = "Epochs to plot (default: T of cosine/htd; for step the last start "
            + "plus the gap before it).")
    Integer epochs;

    @Option(names = "--log", description = "Logarithmic learning-rate axis (every rate must be > 0).")
    boolean log;

    @Option(names = "--out", required = true, description = "The .png or .svg to write, e.g. results/schedule.svg "
            + "(report shows schedule*.png|svg files of its folder).")
    Path out;

    @Override
    public Integer call() {
        EpochSchedule parsed = Schedules.parse(schedule);
        PictureFile target = PictureFile.of(out, EnumSet.allOf(PictureFile.Format.class));
        int plotted = epochs != null ? epochs : SchedulePlot.defaultEpochs(parsed);
        target.write(SchedulePlot.encode(SchedulePlot.chart(parsed, plotted, log), target.format()));
        System.out.printf("wrote %s: %s over %d epochs, lr %s at epoch 0, %s at epoch %d%n", out,
                parsed.describe(), plotted, plain(parsed.lrAtEpoch(0)), plain(parsed.lrAtEpoch(plotted - 1)),
                plotted - 1);
        return 0;
    }

    /** Six significant digits, no exponent, no trailing zeros: 0.1, 0.00105472. */
    private static String plain(double lr) {
        return BigDecimal.valueOf(lr).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
