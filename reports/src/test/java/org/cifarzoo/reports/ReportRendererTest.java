package org.cifarzoo.reports;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportRendererTest {
    private static final String THIN = "\u2009";

    @TempDir
    Path dir;
    Path csv;

    @BeforeEach
    void writeFixture() {
        csv = ResultsFixture.write(dir, "results.csv", ResultsFixture.csv(ResultsFixture.SMALL));
    }

    @Test
    void renderWritesMarkdownAndHtmlNextToEachOther() throws Exception {
        ReportRenderer.Outputs out = ReportRenderer.render(csv, dir.resolve("report"));

        assertEquals(dir.resolve("report/results.md"), out.markdown());
        assertEquals(dir.resolve("report/results.html"), out.html());
        assertEquals(ReportRenderer.renderMarkdown(ResultsTable.read(csv), "results.csv"),
                Files.readString(out.markdown()));
    }

    @Test
    void markdownHasFamilyHeadingsFormattedNumbersAndTheFailedRunsError() throws Exception {
        String md = Files.readString(ReportRenderer.render(csv, dir.resolve("report")).markdown());

        assertAll(
                () -> assertTrue(md.contains("| **ResNetV2** |"), md),
                () -> assertTrue(md.contains("| **MobileNetV3** |"), md),
                () -> assertTrue(md.contains("| 692" + THIN + "218 |"), md),
                () -> assertTrue(md.contains("| 3" + THIN + "575" + THIN + "242 |"), md),
                () -> assertTrue(md.contains("| 61.30 <sub>last 60.90</sub> |"), md),
                () -> assertTrue(md.contains("| 161 <sub>± 2.6</sub> | 540 |"), md),
                () -> assertTrue(md.contains("| 1:02:03 |"), md),
                () -> assertTrue(md.contains("| MobileNetV3S <sub>192px w=2 relu+swish b=512</sub> |"), md),
                () -> assertTrue(md.contains("| ResNet18 <sub>b=128</sub> |"), md),
                () -> assertTrue(md.contains("**failed:** OutOfMemoryError: &lt;cannot allocate 1.2 GB&gt; "
                        + "\\| retry with b=64"), md));
    }

    @Test
    void rowsGoByFamilyAsFirstSeenThenModelWithNumbersComparedAsNumbers() throws Exception {
        String md = ReportRenderer.renderMarkdown(ResultsTable.read(csv));

        List<String> order = List.of("**ResNetV2**", "ResNet18 ", "ResNet34 ", "ResNet50 ", "**MobileNetV3**",
                "MobileNetV3S ", "### Provenance");
        int[] at = order.stream().mapToInt(md::indexOf).toArray();
        int[] sorted = at.clone();
        Arrays.sort(sorted);
        assertAll(
                () -> assertFalse(Arrays.stream(at).anyMatch(i -> i < 0), md),
                () -> assertArrayEquals(sorted, at, md));
    }

    @Test
    void everyMarkdownRowHasTheHeadersNumberOfCells() throws Exception {
        String md = ReportRenderer.renderMarkdown(ResultsTable.read(csv));

        List<String> table = md.lines().takeWhile(l -> !l.isBlank()).toList();
        long headerPipes = pipes(table.get(0));
        assertEquals(2 + 2 + 4, table.size(), md);
        table.forEach(l -> assertEquals(headerPipes, pipes(l), l));
    }

    @Test
    void provenanceNamesEachSetupWithItsCommitsAndDates() throws Exception {
        String md = ReportRenderer.renderMarkdown(ResultsTable.read(csv));

        String provenance = md.substring(md.indexOf("### Provenance"));
        assertAll(
                () -> assertTrue(provenance.contains("| P1 | AMD EPYC 9R14 | nd4j-native | linux-x86_64-onednn-avx512 "
                        + "| on | 2 | 17.0.15 | 1.0.0-M2.1 | 9d397b3c1a2b (2025-01-02T03:04:05Z) | 0.5 | 3 |"),
                        provenance),
                () -> assertTrue(provenance.contains("| P2 | Intel Xeon 8375C |"), provenance),
                () -> assertTrue(provenance.contains("0123456789ab-dirty (2025-01-03T10:00:00Z)"), provenance),
                () -> assertTrue(md.contains("| Setup |"), md),
                () -> assertTrue(md.lines().filter(l -> l.startsWith("| ResNet50 ")).allMatch(l -> l.endsWith("| P2 |")),
                        md));
    }

    @Test
    void htmlIsWellFormedAndHasOneTableRowPerRun() throws Exception {
        Path html = ReportRenderer.render(csv, dir.resolve("report")).html();

        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(html)));
        var xpath = XPathFactory.newInstance().newXPath();
        assertAll(
                () -> assertEquals(4.0, xpath.evaluate(
                        "count(//table[@class='results']/tbody/tr[starts-with(@class, 'run ')])", page,
                        XPathConstants.NUMBER)),
                () -> assertEquals(2.0, xpath.evaluate("count(//table[@class='results']/tbody/tr[@class='family'])",
                        page, XPathConstants.NUMBER)),
                () -> assertEquals(1.0, xpath.evaluate("count(//tr[@class='run failed'])", page,
                        XPathConstants.NUMBER)),
                () -> assertEquals("692" + THIN + "218", xpath.evaluate(
                        "//tr[@data-csv-line='4']/td[2]", page)),
                () -> assertEquals(2.0, xpath.evaluate("count(//table[@class='provenance']/tbody/tr)", page,
                        XPathConstants.NUMBER)),
                () -> assertEquals(0.0, xpath.evaluate("count(//script | //link | //img)", page,
                        XPathConstants.NUMBER)));
    }

    @Test
    void htmlEscapesCellText() throws Exception {
        Path nasty = ResultsFixture.write(dir, "nasty.csv", ResultsFixture.csv(List.of(
                Map.of("status", "failed", "error", "<script>alert('x')</script> & \"quotes\""),
                Map.of("device", "Zen <4> & co"))));

        String html = ReportRenderer.renderHtml(ResultsTable.read(nasty), "nasty.csv");

        assertAll(
                () -> assertFalse(html.contains("<script>"), html),
                () -> assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"),
                        html),
                () -> assertTrue(html.contains("Zen &lt;4&gt; &amp; co"), html));
    }

    @Test
    void renderingNeverModifiesTheCsv() throws Exception {
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(csv, stamp);
        byte[] before = Files.readAllBytes(csv);

        ReportRenderer.render(csv, dir);
        ReportRenderer.render(csv, dir.resolve("again"));

        assertArrayEquals(before, Files.readAllBytes(csv));
        assertEquals(stamp, Files.getLastModifiedTime(csv));
        assertEquals(new String(before, StandardCharsets.UTF_8), ResultsFixture.csv(ResultsFixture.SMALL));
    }

    @Test
    void aBadCsvLeavesEarlierRenderingsInPlace() throws Exception {
        Path out = dir.resolve("report");
        ReportRenderer.Outputs first = ReportRenderer.render(csv, out);
        String markdown = Files.readString(first.markdown());
        Path bad = ResultsFixture.write(dir, "bad.csv", ResultsFixture.csv(List.of(Map.of("wall_s", "1h"))));

        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ReportRenderer.render(bad, out));

        assertEquals("wall_s", e.column());
        assertEquals(markdown, Files.readString(first.markdown()));
    }

    @Test
    void aCsvWithOnlyTheHeaderRendersAnEmptyTable() throws Exception {
        Path empty = ResultsFixture.write(dir, "empty.csv", ResultsFixture.csv(List.of()));

        ReportRenderer.Outputs out = ReportRenderer.render(empty, dir.resolve("empty"));

        assertTrue(Files.readString(out.markdown()).contains("No runs in the results CSV yet."));
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(out.html())));
        assertEquals(0.0, XPathFactory.newInstance().newXPath().evaluate("count(//tr[starts-with(@class, 'run ')])",
                page, XPathConstants.NUMBER));
    }

    private static long pipes(String line) {
        return line.replace("\\|", "").chars().filter(c -> c == '|').count();
    }
}
