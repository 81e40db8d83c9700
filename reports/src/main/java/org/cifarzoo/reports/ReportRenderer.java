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
import java.util.List;
import java.util.Map;

/**
 * Renders a results CSV as Markdown and as a self-contained HTML page, with the Freemarker templates in
 * {@code src/main/resources/templates/}. Rendering is a separate step from measuring: the CSV is only read, never
 * rewritten, and all number formatting happens here (in {@link ReportView}) and in the templates.
 *
 * <p>How to run: {@code ReportRenderer.render(Path.of("runs/results.csv"), Path.of("runs/report"))}.
 */
public final class ReportRenderer {
    public static final String MARKDOWN_TEMPLATE = "results.md.ftl";
    public static final String HTML_TEMPLATE = "results.html.ftl";
    public static final String MARKDOWN_FILE = "results.md";
    public static final String HTML_FILE = "results.html";

    private static final Configuration FREEMARKER = configure();

    /** The files {@link #render(Path, Path)} wrote. */
    public record Outputs(Path markdown, Path html) {
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
        String markdownText = renderMarkdown(rows, sourceName);
        String htmlText = renderHtml(rows, sourceName);
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
        return render(MARKDOWN_TEMPLATE, ReportView.of(rows, sourceName));
    }

    /** A self-contained HTML page (inline stylesheet, no external resources) with the table and its provenance. */
    public static String renderHtml(List<Row> rows) {
        return renderHtml(rows, "");
    }

    /** As {@link #renderHtml(List)}, naming the CSV the rows came from. */
    public static String renderHtml(List<Row> rows, String sourceName) {
        return render(HTML_TEMPLATE, ReportView.of(rows, sourceName));
    }

    private static String render(String templateName, ReportView view) {
        StringWriter out = new StringWriter();
        try {
            Template template = FREEMARKER.getTemplate(templateName);
            template.process(Map.of("report", view), out);
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
