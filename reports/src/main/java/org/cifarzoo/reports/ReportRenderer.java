package org.cifarzoo.reports;

import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a results CSV as Markdown and as a self-contained HTML page, with the Freemarker templates in
 * {@code src/main/resources/templates/}. Rendering is a separate step from measuring: the CSV is only read, never
 * rewritten, and all number formatting happens here (in {@link ReportView}) and in the templates.
 *
 * <p>Pictures: when the output folder already holds pictures made by other commands ({@code augment-*.png} from
 * {@code augment-preview}, {@code schedule*.png} / {@code schedule*.svg} from {@code schedule-plot}), both pages
 * get a Pictures section that shows them by relative file name. Only their names are read, never their content.
 *
 * <p>Seed layout: {@link #render(Path, Path, Path)} also takes a matrix CSV ({@link SeedTable}) and lays the
 * results out as the original README's two tables (augmentation study, and the main table by family), each number
 * beside the seed's and the difference ({@link SeedView}), plus an accuracy-vs-speed chart
 * ({@link AccuracySpeedChart}). Results without {@code cell} ids fall back to the flat table.
 *
 * <p>How to run: {@code ReportRenderer.render(Path.of("runs/results.csv"), Path.of("runs/report"))}; seed layout:
 * {@code ReportRenderer.render(Path.of("runs/results.csv"), Path.of("matrices/full.csv"), Path.of("runs/report"))}.
 */
public final class ReportRenderer {
    public static final String MARKDOWN_TEMPLATE = "results.md.ftl";
    public static final String HTML_TEMPLATE = "results.html.ftl";
    public static final String MARKDOWN_FILE = "results.md";
    public static final String HTML_FILE = "results.html";
    public static final String SEED_MARKDOWN_TEMPLATE = "seed.md.ftl";
    public static final String SEED_HTML_TEMPLATE = "seed.html.ftl";
    public static final String SPEED_MARKDOWN_TEMPLATE = "speed.md.ftl";
    public static final String SPEED_CHANGES_MARKDOWN_TEMPLATE = "speed-changes.md.ftl";

    /**
     * Picture files the pages show when they sit in the output folder. Names are limited to letters, digits and
     * {@code . _ -}, so they can go into Markdown and HTML links as they are.
     */
    public static final Pattern PICTURE_FILE = Pattern.compile("augment-[A-Za-z0-9._-]+\\.png"
            + "|schedule[A-Za-z0-9._-]*\\.(png|svg)");

    private static final Configuration FREEMARKER = configure();

    /** The files {@link #render(Path, Path)} wrote. */
    public record Outputs(Path markdown, Path html) {
    }

    /** The files {@link #render(Path, Path, Path)} wrote; {@code charts} is empty when there was nothing to plot. */
    public record MatrixOutputs(Path markdown, Path html, List<Path> charts) {
    }

    private ReportRenderer() {
    }

    /**
     * Reads {@code csv} and writes {@code outDir/results.md} and {@code outDir/results.html}, replacing earlier
     * renderings. Both are rendered in memory first, so a bad CSV leaves the old files untouched.
     */
    public static Outputs render(Path csv, Path outDir) throws IOException {
        Path markdown = outDir.resolve(MARKDOWN_FILE);
        Path html = outDir.resolve(HTML_FILE);
        Path source = csv.toAbsolutePath().normalize();
        if (source.equals(markdown.toAbsolutePath().normalize()) || source.equals(html.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("Refusing to render " + csv + " onto itself; choose another output "
                    + "directory");
        }
        List<Row> rows = ResultsTable.read(csv);
        String sourceName = String.valueOf(csv.getFileName());
        List<String> pictures = pictures(outDir);
        ReportView view = ReportView.of(rows, sourceName);
        String markdownText = render(MARKDOWN_TEMPLATE, view, pictures);
        String htmlText = render(HTML_TEMPLATE, view, pictures);
        Files.createDirectories(outDir);
        Files.writeString(markdown, markdownText, StandardCharsets.UTF_8);
        Files.writeString(html, htmlText, StandardCharsets.UTF_8);
        return new Outputs(markdown, html);
    }

    /** The results table and its Provenance section as Markdown, e.g. to embed in a README between markers. */
    public static String renderMarkdown(List<Row> rows) {
        return renderMarkdown(rows, "");
    }

    /** As {@link #renderMarkdown(List)}, naming the CSV the rows came from. */
    public static String renderMarkdown(List<Row> rows, String sourceName) {
        return render(MARKDOWN_TEMPLATE, ReportView.of(rows, sourceName), List.of());
    }

    /** A self-contained HTML page (inline stylesheet, no external resources) with the table and its provenance. */
    public static String renderHtml(List<Row> rows) {
        return renderHtml(rows, "");
    }

    /** As {@link #renderHtml(List)}, naming the CSV the rows came from. */
    public static String renderHtml(List<Row> rows, String sourceName) {
        return render(HTML_TEMPLATE, ReportView.of(rows, sourceName), List.of());
    }

    /**
     * The seed layout: reads {@code csv} (results) and {@code matrixCsv} (a matrix with the seed's numbers, e.g.
     * {@code harness/src/main/resources/matrices/full.csv}) and writes {@code outDir/results.md},
     * {@code outDir/results.html} and the chart {@code outDir/accuracy-vs-speed.svg|png}, replacing earlier
     * renderings. Rows come from the matrix, results are matched by their {@code cell} column. When no results row
     * has a {@code cell} (single {@code train} runs) the pages fall back to the flat table of
     * {@link #render(Path, Path)}, with the chart. Everything is rendered in memory first, so a bad CSV leaves the
     * old files untouched; neither CSV is written.
     */
    public static MatrixOutputs render(Path csv, Path matrixCsv, Path outDir) throws IOException {
        Path markdown = outDir.resolve(MARKDOWN_FILE);
        Path html = outDir.resolve(HTML_FILE);
        for (Path input : List.of(csv, matrixCsv)) {
            Path source = input.toAbsolutePath().normalize();
            for (Path output : List.of(markdown, html, outDir.resolve(AccuracySpeedChart.SVG_FILE),
                    outDir.resolve(AccuracySpeedChart.PNG_FILE))) {
                if (source.equals(output.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException("Refusing to render " + input + " onto itself; choose "
                            + "another output directory");
                }
            }
        }
        List<Row> rows = ResultsTable.read(csv);
        SeedTable matrix = SeedTable.read(matrixCsv);
        String sourceName = String.valueOf(csv.getFileName());
        Optional<AccuracySpeedChart.Images> images = AccuracySpeedChart.draw(rows);
        AccuracySpeedChart.Link chart = images.map(i -> AccuracySpeedChart.Link.in("", i.points())).orElse(null);
        List<String> pictures = pictures(outDir);
        String markdownText = renderSeedLayout(true, rows, matrix, sourceName, pictures, chart);
        String htmlText = renderSeedLayout(false, rows, matrix, sourceName, pictures, chart);
        Files.createDirectories(outDir);
        Files.writeString(markdown, markdownText, StandardCharsets.UTF_8);
        Files.writeString(html, htmlText, StandardCharsets.UTF_8);
        return new MatrixOutputs(markdown, html, AccuracySpeedChart.write(images, outDir));
    }

    /**
     * The seed-layout tables and their Provenance section as Markdown, e.g. for the README (no chart); the flat
     * table when no row has a {@code cell}.
     */
    public static String renderMarkdown(List<Row> rows, SeedTable matrix, String sourceName) {
        return renderSeedLayout(true, rows, matrix, sourceName, List.of(), null);
    }

    /**
     * As {@link #renderMarkdown(List, SeedTable, String)}, linking the accuracy-vs-speed chart in
     * {@code chartFolder} (relative to the Markdown file; {@code ""} = beside it) when {@code rows} have anything
     * to plot. Write the chart there with {@link AccuracySpeedChart#write(List, Path)}.
     */
    public static String renderMarkdown(List<Row> rows, SeedTable matrix, String sourceName, String chartFolder) {
        int points = AccuracySpeedChart.points(rows).size();
        AccuracySpeedChart.Link chart = points == 0 ? null : AccuracySpeedChart.Link.in(chartFolder, points);
        return renderSeedLayout(true, rows, matrix, sourceName, List.of(), chart);
    }

    /** The seed layout as a self-contained HTML page (no chart); the flat table when no row has a {@code cell}. */
    public static String renderHtml(List<Row> rows, SeedTable matrix, String sourceName) {
        return renderSeedLayout(false, rows, matrix, sourceName, List.of(), null);
    }

    /**
     * Seed layout, or the flat table (with the chart) when the results have rows but none names a cell; an empty
     * results file gets the seed layout with every cell "not run".
     */
    private static String renderSeedLayout(boolean markdown, List<Row> rows, SeedTable matrix, String sourceName,
                                           List<String> pictures, AccuracySpeedChart.Link chart) {
        if (!rows.isEmpty() && !SeedView.hasCells(rows)) {
            return process(markdown ? MARKDOWN_TEMPLATE : HTML_TEMPLATE,
                    model(ReportView.of(rows, sourceName), pictures, chart));
        }
        return process(markdown ? SEED_MARKDOWN_TEMPLATE : SEED_HTML_TEMPLATE,
                model(SeedView.of(rows, matrix, sourceName), pictures, chart));
    }

    /** Names of the {@link #PICTURE_FILE} files directly in {@code dir}, sorted; none if it does not exist yet. */
    static List<String> pictures(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> PICTURE_FILE.matcher(name).matches())
                    .sorted()
                    .toList();
        }
    }

    /** {@code pictures}: file names relative to the rendered page, shown in its Pictures section (if any). */
    private static String render(String templateName, ReportView view, List<String> pictures) {
        return process(templateName, model(view, pictures, null));
    }

    /** The data model of every template: {@code report}, {@code pictures} and, when there is one, {@code chart}. */
    private static Map<String, Object> model(Object view, List<String> pictures, AccuracySpeedChart.Link chart) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("report", view);
        model.put("pictures", pictures);
        if (chart != null) {
            model.put("chart", chart);
        }
        return model;
    }

    /** The README's speed table (one run of bench/speed-vs-pytorch) as GitHub Markdown. */
    public static String renderSpeedMarkdown(SpeedTable speed) {
        return process(SPEED_MARKDOWN_TEMPLATE, Map.of("speed", speed));
    }

    /** The README's table of the speed changes kept, each with its before/after measurement, as GitHub Markdown. */
    public static String renderSpeedChangesMarkdown(SpeedChanges changes) {
        return process(SPEED_CHANGES_MARKDOWN_TEMPLATE, Map.of("changes", changes));
    }

    private static String process(String templateName, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            Template template = FREEMARKER.getTemplate(templateName);
            template.process(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load template " + templateName, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("Template " + templateName + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static Configuration configure() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_33);
        cfg.setClassForTemplateLoading(ReportRenderer.class, "/templates");
        cfg.setDefaultEncoding(StandardCharsets.UTF_8.name());
        cfg.setOutputEncoding(StandardCharsets.UTF_8.name());
        cfg.setRegisteredCustomOutputFormats(List.of(MarkdownOutputFormat.INSTANCE));
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_33).build());
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }
}
