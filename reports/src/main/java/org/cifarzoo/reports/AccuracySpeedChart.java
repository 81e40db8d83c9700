package org.cifarzoo.reports;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Top-1 accuracy (best epoch) against training throughput, one point per {@code ok} results row that has both,
 * labelled with its model and coloured by family; drawn with XChart as {@value #SVG_FILE} and {@value #PNG_FILE}.
 * Only measured numbers are plotted, never the seed's. The training axis is logarithmic when the throughputs span
 * more than a factor of {@value #LOG_AXIS_SPAN}.
 */
public final class AccuracySpeedChart {
    public static final String SVG_FILE = "accuracy-vs-speed.svg";
    public static final String PNG_FILE = "accuracy-vs-speed.png";
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    static final double LOG_AXIS_SPAN = 20;
    /** Labels sit this fraction of the accuracy range above their point. */
    private static final double LABEL_LIFT = 0.035;

    /** A plotted run. */
    public record Point(String family, String model, double trainImgPerS, double top1Pct) {
    }

    /** The encoded chart. */
    public record Images(byte[] svg, byte[] png, int points) {
    }

    /** Where a page finds the chart (links relative to the page) and how many runs it shows. */
    public record Link(String svg, String png, int points) {
        /** The chart files in {@code folder} relative to the page ({@code ""}: beside it). */
        public static Link in(String folder, int points) {
            String prefix = folder == null || folder.isEmpty() || folder.endsWith("/") ? Objects.toString(folder, "")
                    : folder + "/";
            return new Link(prefix + SVG_FILE, prefix + PNG_FILE, points);
        }
    }

    private AccuracySpeedChart() {
    }

    /** The rows to plot: ok, with a finite top-1 and a positive finite training throughput; in file order. */
    public static List<Point> points(List<Row> rows) {
        return rows.stream()
                .filter(r -> !r.failed() && r.top1BestPct() != null && r.trainImgPerS() != null)
                .filter(r -> Double.isFinite(r.top1BestPct()) && Double.isFinite(r.trainImgPerS())
                        && r.trainImgPerS() > 0)
                .map(r -> new Point(r.family(), r.model(), r.trainImgPerS(), r.top1BestPct()))
                .toList();
    }

    /** The chart of {@code points} (at least one). */
    public static XYChart chart(List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no ok run with top-1 and training img/s to plot");
        }
        double minX = points.stream().mapToDouble(Point::trainImgPerS).min().orElseThrow();
        double maxX = points.stream().mapToDouble(Point::trainImgPerS).max().orElseThrow();
        double minY = points.stream().mapToDouble(Point::top1Pct).min().orElseThrow();
        double maxY = points.stream().mapToDouble(Point::top1Pct).max().orElseThrow();
        boolean log = maxX / minX > LOG_AXIS_SPAN;
        double rangeY = Math.max(maxY - minY, 1.0);
        double lift = rangeY * LABEL_LIFT;

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Top-1 accuracy vs training speed (" + points.size() + " run" + (points.size() == 1 ? "" : "s")
                        + ")")
                .xAxisTitle("training images/s (32x32 inputs" + (log ? ", log scale" : "") + ")")
                .yAxisTitle("top-1 %, best epoch").build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xD0D7DE));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setMarkerSize(8);
        styler.setXAxisLogarithmic(log);
        styler.setXAxisDecimalPattern("#,##0");
        styler.setYAxisDecimalPattern("0.#");
        // Room for the labels: above the highest point and beside the outermost ones.
        styler.setYAxisMin(minY - rangeY * 0.05);
        styler.setYAxisMax(maxY + rangeY * 0.12);
        if (log) {
            styler.setXAxisMin(minX / 1.3);
            styler.setXAxisMax(maxX * 1.3);
        } else {
            double pad = Math.max((maxX - minX) * 0.08, maxX * 0.05);
            styler.setXAxisMin(Math.max(0, minX - pad));
            styler.setXAxisMax(maxX + pad);
        }

        Map<String, List<Point>> byFamily = new LinkedHashMap<>();
        points.forEach(p -> byFamily.computeIfAbsent(p.family(), f -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Point>> e : byFamily.entrySet()) {
            XYSeries series = chart.addSeries(e.getKey(),
                    e.getValue().stream().mapToDouble(Point::trainImgPerS).toArray(),
                    e.getValue().stream().mapToDouble(Point::top1Pct).toArray());
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        for (Point p : points) {
            chart.addAnnotation(new AnnotationText(p.model(), p.trainImgPerS(), p.top1Pct() + lift, false));
        }
        return chart;
    }

    /** The chart of {@code rows} as SVG and PNG, or empty when no row can be plotted. */
    public static Optional<Images> draw(List<Row> rows) {
        List<Point> points = points(rows);
        if (points.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = chart(points);
        try {
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            return Optional.of(new Images(svg.toByteArray(), png.toByteArray(), points.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the accuracy-vs-speed chart", e);
        }
    }

    /**
     * Writes {@value #SVG_FILE} and {@value #PNG_FILE} into {@code dir} and returns their paths. With nothing to
     * plot it writes nothing and removes charts of an earlier rendering (they would show other results).
     */
    public static List<Path> write(List<Row> rows, Path dir) throws IOException {
        return write(draw(rows), dir);
    }

    static List<Path> write(Optional<Images> images, Path dir) throws IOException {
        Path svg = dir.resolve(SVG_FILE);
        Path png = dir.resolve(PNG_FILE);
        if (images.isEmpty()) {
            Files.deleteIfExists(svg);
            Files.deleteIfExists(png);
            return List.of();
        }
        Files.createDirectories(dir);
        Files.write(svg, images.get().svg());
        Files.write(png, images.get().png());
        return List.of(svg, png);
    }
}
