package org.cifarzoo.harness.pictures;

import org.cifarzoo.schedules.CosineWarmup;
import org.cifarzoo.schedules.EpochSchedule;
import org.cifarzoo.schedules.HyperbolicTangentDecay;
import org.cifarzoo.schedules.StepSchedule;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning rate of every epoch of a schedule, drawn with XChart. The rate is set at the start of each epoch
 * and held through it (training.md §3), so the curve is a staircase: epoch e is the flat segment from e to e + 1.
 * A linear rate axis starts at 0; {@code --log} gives a log axis (for step schedules).
 */
public final class SchedulePlot {
    static final int WIDTH = 800;
    static final int HEIGHT = 480;
    /** XChart's default (74 px) crowds three-digit epoch numbers. */
    private static final int X_TICK_SPACING_PX = 100;
    private static final String OFF_GRID = "off-grid";
    private static final double OFF_GRID_X = 0.5;
    private static final String SERIES = "learning rate";

    private SchedulePlot() {
    }

    /**
     * The length a schedule plots over when no epoch count is given: T for cosine and HTD; for a step schedule the
     * last step's start plus the gap before it (300 for {@code step:0=0.1,150=0.01,225=0.001}), at least 1.
     */
    public static int defaultEpochs(EpochSchedule schedule) {
        if (schedule instanceof CosineWarmup cosine) {
            return cosine.totalEpochs();
        }
        if (schedule instanceof HyperbolicTangentDecay htd) {
            return htd.totalEpochs();
        }
        if (schedule instanceof StepSchedule step) {
            List<StepSchedule.Step> steps = step.steps();
            int last = steps.get(steps.size() - 1).startEpoch();
            int before = steps.size() > 1 ? steps.get(steps.size() - 2).startEpoch() : 0;
            return Math.max(1, 2 * last - before);
        }
        throw new IllegalArgumentException("no default length for schedule " + schedule.describe()
                + "; give --epochs");
    }

    /** The staircase over epochs 0 … epochs − 1; {@code logScale} draws the rate on a log axis (all rates > 0). */
    public static XYChart chart(EpochSchedule schedule, int epochs, boolean logScale) {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double previous = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            double lr = schedule.lrAtEpoch(e);
            if (logScale && !(lr > 0)) {
                throw new IllegalArgumentException("a log scale needs rates > 0, but epoch " + e + " of "
                        + schedule.describe() + " has " + lr);
            }
            if (lr != previous) { // a corner only where the rate changes: clean lines, small SVGs
                if (e > 0) {
                    x.add((double) e);
                    y.add(previous);
                }
                x.add((double) e);
                y.add(lr);
                previous = lr;
            }
        }
        x.add((double) epochs);
        y.add(previous);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(schedule.describe() + " over " + epochs + " epochs")
                .xAxisTitle("epoch (rate held from the start of each epoch)").yAxisTitle(SERIES).build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xD0D7DE));
        styler.setChartTitleBoxVisible(false);
        styler.setYAxisLogarithmic(logScale);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax((double) epochs);
        styler.setXAxisTickMarkSpacingHint(X_TICK_SPACING_PX);
        styler.setYAxisDecimalPattern("0.#####");
        if (!logScale) {
            styler.setYAxisMin(0.0); // rates are >= 0; a flat schedule then still has a readable axis
        }
        XYSeries series = chart.addSeries(SERIES, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(new Color(0x0969DA));
        // XChart puts a tick at every data x when the distinct x values are equally spaced (0, 1, …, E here) and
        // packs their labels as tightly as they fit; one invisible point off the grid makes it choose round
        // ticks at the spacing hint instead.
        XYSeries offGrid = chart.addSeries(OFF_GRID, new double[]{OFF_GRID_X}, new double[]{y.get(0)});
        offGrid.setMarker(SeriesMarkers.NONE);
        offGrid.setLineColor(new Color(0, 0, 0, 0));
        offGrid.setShowInLegend(false);
        return chart;
    }

    /** The chart encoded as {@code format}. */
    public static byte[] encode(XYChart chart, PictureFile.Format format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            switch (format) {
                case PNG -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
                case SVG -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as " + format, e);
        }
        return out.toByteArray();
    }
}
