package org.cifarzoo.reports;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;

import java.io.IOException;
import java.io.Writer;

/**
 * Freemarker output format for text inside a GitHub-flavoured Markdown table cell; templates select it with
 * {@code <#ftl output_format="Markdown">}, so every {@code ${...}} is escaped automatically while the template's own
 * text (table pipes, {@code <sub>}) stays markup.
 *
 * <p>Escaping: {@code |} would end the cell and {@code * ` [ ] ~ \} would start inline markup, so they get a
 * backslash; {@code _} only at a word boundary (so {@code ResNeXt35_16x4d} stays readable); {@code < > &} become
 * entities because GitHub renders inline HTML; line breaks become {@code <br>} because a cell is one line.
 */
public final class MarkdownOutputFormat extends CommonMarkupOutputFormat<MarkdownOutputFormat.Markup> {
    public static final MarkdownOutputFormat INSTANCE = new MarkdownOutputFormat();

    private MarkdownOutputFormat() {
    }

    @Override
    public String getName() {
        return "Markdown";
    }

    @Override
    public String getMimeType() {
        return "text/markdown";
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '|', '*', '`', '[', ']', '~' -> out.append('\\').append(c);
                case '_' -> out.append(atWordBoundary(text, i) ? "\\_" : "_");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        out.append("<br>");
                    }
                }
                case '\n' -> out.append("<br>");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean atWordBoundary(String text, int i) {
        boolean wordBefore = i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
        boolean wordAfter = i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1));
        return !(wordBefore && wordAfter);
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Markup(plainTextContent, markupContent);
    }

    /** A piece of Markdown text inside a template. */
    public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
        Markup(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public MarkdownOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
