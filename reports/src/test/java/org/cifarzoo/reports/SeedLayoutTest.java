package org.cifarzoo.reports;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The seed layout: the original README's two tables with measured numbers, seed numbers and differences. Expected
 * Markdown uses '_' for the thin digit-group space; differences use U+2212 MINUS SIGN.
 */
class SeedLayoutTest {
    private static final String THIN = "\u2009";
    private static final char MINUS = '\u2212';

    @TempDir
    Path dir;
    Path results;
    Path matrixFile;
    SeedTable matrix;

    @BeforeEach
    void writeFixtures() throws Exception {
        results = ResultsFixture.write(dir, "results.csv", SeedFixture.resultsCsv(SeedFixture.RESULTS));
        matrixFile = ResultsFixture.write(dir, "matrix.csv", SeedFixture.matrixCsv());
        matrix = SeedTable.read(matrixFile);
    }

    private String markdown() throws Exception {
        return ReportRenderer.renderMarkdown(ResultsTable.read(results), matrix, "results.csv");
    }

    private static String md(String expected) {
        return expected.replace("_", THIN).replace('~', MINUS);
    }

    @Test
    void augmentationTableHasTheOriginalFiveColumnsInOrder() throws Exception {
        String md = markdown();
        Document page = html(ReportRenderer.render(results, matrixFile, dir.resolve("report")).html());
        XPath x = XPathFactory.newInstance().newXPath();

        assertAll(
                () -> assertTrue(md.contains("\n| Model \\ Augmentation | Basic | Stochastic Depth | Mixup | Cutout "
                        + "| Cutmix |\n"), md),
                () -> assertEquals("Model \\ Augmentation|Basic|Stochastic Depth|Mixup|Cutout|Cutmix|", text(x,
                        page, "//table[@class='augmentation']/thead/tr/th")),
                () -> assertEquals(2.0, x.evaluate("count(//table[@class='augmentation']/tbody/tr)", page,
                        XPathConstants.NUMBER)),
                // ResNet50SD (family ResNetV2-SD) lands in the Stochastic Depth column of the ResNet50 row
                () -> assertEquals(SeedFixture.AUG_SD, x.evaluate(
                        "//table[@class='augmentation']/tbody/tr[1]/td[2]/@data-cell", page)),
                () -> assertTrue(md.contains("| MobileNetV3S <sub>192px w=2</sub> | not run <sub>(seed 94.35)</sub> "
                        + "| — | — | — | not run <sub>(seed 95.85)</sub> |"), md));
    }

    @Test
    void augmentationCellsShowMeasuredSeedDifferenceAndSetup() throws Exception {
        String md = markdown();

        assertTrue(md.contains("| ResNet50 | 61.30 % <sub>(seed 93.46, ~32.16)</sub> <sup>P1</sup> "
                .replace('~', MINUS)
                + "| not run <sub>(seed 94.08)</sub> "
                + "| **failed:** OutOfMemoryError: Java heap space <sub>(seed 94.64)</sub> <sup>P1</sup> "
                + "| not run <sub>(seed 94.70)</sub> | not run <sub>(seed 94.77)</sub> |"), md);
    }

    @Test
    void mainTableHasFamilyHeadingsInMatrixOrder() throws Exception {
        String md = markdown();
        Document page = html(ReportRenderer.render(results, matrixFile, dir.resolve("report")).html());

        List<String> order = List.of("| **MobileNetV3** |", "| **ResNetV2** |", "| **DenseNet** |");
        int[] at = order.stream().mapToInt(md::indexOf).toArray();
        int[] sorted = at.clone();
        Arrays.sort(sorted);
        assertAll(
                () -> assertFalse(Arrays.stream(at).anyMatch(i -> i < 0), md),
                () -> assertArrayEquals(sorted, at, md),
                () -> assertEquals("MobileNetV3|ResNetV2|DenseNet|", text(XPathFactory.newInstance().newXPath(), page,
                        "//table[@class='main']/tbody/tr[@class='family']/th")),
                // no ResNetV2-SD heading: its only cell is in the augmentation study
                () -> assertFalse(md.contains("**ResNetV2-SD**"), md));
    }

    @Test
    void mainTableRowsCarryMeasuredSeedAndDifference() throws Exception {
        String md = markdown();

        assertAll(
                () -> assertTrue(md.contains(md("| ResNet18 |  | 63.92 % <sub>(seed 92.81, ~28.89)</sub> "
                        + "| 692_218 <sub>(seed 692_218, ±0)</sub> | 161 <sub>(seed 39_127, ~38_966)</sub> "
                        + "| 540 <sub>(seed 99_028, ~98_488)</sub> | P1 |")), md),
                () -> assertTrue(md.contains(md("| MobileNetV3S | 128px | 58.40 % <sub>(seed 93.72, ~35.32)</sub> "
                        + "| 944_890 <sub>(seed 944_890, ±0)</sub> | 35 <sub>(seed 11_845, ~11_810)</sub> "
                        + "| 121 <sub>(seed 66_137, ~66_016)</sub> | P2 |")), md),
                // variants: only what departs from the matrix's usual batch/schedule and the family's activation
                () -> assertTrue(md.contains("|  | 128px w=4 b=512 | not run <sub>(seed 95.99)</sub> |"), md),
                () -> assertTrue(md.contains("| ResNet170 | mish hi=0.75 | not run <sub>(seed 96.44)</sub> |"), md));
    }

    @Test
    void cellsNotYetRunShowNotRunWithTheSeedsNumbers() throws Exception {
        String md = markdown();

        assertAll(
                () -> assertTrue(md.contains(md("|  | mish | not run <sub>(seed 93.53)</sub> "
                        + "| — <sub>(seed 692_218)</sub> | — | — |  |")), md),
                () -> assertTrue(md.contains(md("| DenseNet52k12 |  | not run <sub>(seed 93.75)</sub> "
                        + "| — <sub>(seed 272_398)</sub> | — <sub>(seed 7_209)</sub> | — <sub>(seed 31_956)</sub> |  |")),
                        md),
                () -> assertTrue(md.startsWith("4 of 13 cells of matrix.csv run (1 failed), results from results.csv."),
                        md),
                () -> assertTrue(md.contains("A row is marked only where it departs from the usual settings: 32 px, "
                        + "width 1, batch "), md));
    }

    @Test
    void everyMatrixCellAppearsExactlyOnce() throws Exception {
        Document page = html(ReportRenderer.render(results, matrixFile, dir.resolve("report")).html());
        XPath x = XPathFactory.newInstance().newXPath();

        assertAll(matrix.cells().stream().map(c -> () -> assertEquals(1.0,
                x.evaluate("count(//*[@data-cell='" + c.cell() + "'])", page, XPathConstants.NUMBER), c.cell())));
    }

    @Test
    void setupMarksPointToProvenanceAndUnmatchedRowsAreListed() throws Exception {
        String md = markdown();
        Document page = html(ReportRenderer.render(results, matrixFile, dir.resolve("report")).html());
        XPath x = XPathFactory.newInstance().newXPath();
        String provenance = md.substring(md.indexOf("### Provenance"));

        assertAll(
                () -> assertTrue(provenance.contains("| P1 | AMD EPYC 9R14 |"), provenance),
                () -> assertTrue(provenance.contains("| P2 | Intel Xeon 8375C |"), provenance),
                () -> assertTrue(md.contains("| quick/ResNet18/cutmix | ResNet18 <sub>b=128 cutmix 3 ep</sub> | 41.50 |"),
                        md),
                () -> assertEquals("#p2", x.evaluate("//tr[@data-cell='" + SeedFixture.MNV3_128 + "']/td[last()]/a/@href",
                        page)),
                () -> assertEquals(1.0, x.evaluate("count(//tr[@id='p2'])", page, XPathConstants.NUMBER)));
    }

    @Test
    void everyMarkdownTableRowHasItsHeadersNumberOfCells() throws Exception {
        String md = markdown();

        for (String table : md.split("\n\n")) {
            List<String> lines = table.lines().filter(l -> l.startsWith("|")).toList();
            if (lines.isEmpty()) {
                continue;
            }
            long cells = pipes(lines.get(0));
            lines.forEach(l -> assertEquals(cells, pipes(l), l));
        }
    }

    @Test
    void chartIsWrittenAsSvgAndPngAndShownOnBothPages() throws Exception {
        Path out = dir.resolve("report");
        ReportRenderer.MatrixOutputs written = ReportRenderer.render(results, matrixFile, out);

        Path svg = out.resolve("accuracy-vs-speed.svg");
        Path png = out.resolve("accuracy-vs-speed.png");
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document drawing = xml.newDocumentBuilder().parse(svg.toFile());
        byte[] pngBytes = Files.readAllBytes(png);
        String md = Files.readString(written.markdown());
        Document page = html(written.html());
        assertAll(
                () -> assertEquals(List.of(svg, png), written.charts()),
                () -> assertEquals("svg", drawing.getDocumentElement().getTagName()),
                () -> assertTrue(drawing.getElementsByTagName("path").getLength() > 10, "no paths in the SVG"),
                () -> assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(pngBytes, 4)),
                () -> assertTrue(md.contains("[![Top-1 accuracy against training images per second, one point per ok "
                        + "run](accuracy-vs-speed.png)](accuracy-vs-speed.svg)"), md),
                () -> assertTrue(md.contains("4 ok runs, labelled by model"), md),
                () -> assertEquals("accuracy-vs-speed.svg", XPathFactory.newInstance().newXPath()
                        .evaluate("//figure[@class='chart']/img/@src", page)));
    }

    @Test
    void chartPlotsOneOkRowPerPointLabelledByModel() throws Exception {
        List<AccuracySpeedChart.Point> points = AccuracySpeedChart.points(ResultsTable.read(results));

        assertEquals(List.of(
                new AccuracySpeedChart.Point("ResNetV2", "ResNet18", 161.3, 63.92),
                new AccuracySpeedChart.Point("ResNetV2", "ResNet50", 161.3, 61.3),
                new AccuracySpeedChart.Point("MobileNetV3", "MobileNetV3S", 35.2, 58.4),
                new AccuracySpeedChart.Point("ResNetV2", "ResNet18", 161.3, 41.5)), points);
    }

    @Test
    void withNothingToPlotNoChartIsWrittenAndAnOldOneIsRemoved() throws Exception {
        Path out = dir.resolve("report");
        ReportRenderer.render(results, matrixFile, out);
        Path failedOnly = ResultsFixture.write(dir, "failed.csv",
                SeedFixture.resultsCsv(List.of(SeedFixture.RESULTS.get(2))));

        ReportRenderer.MatrixOutputs written = ReportRenderer.render(failedOnly, matrixFile, out);

        assertAll(
                () -> assertEquals(List.of(), written.charts()),
                () -> assertFalse(Files.exists(out.resolve("accuracy-vs-speed.svg"))),
                () -> assertFalse(Files.exists(out.resolve("accuracy-vs-speed.png"))),
                () -> assertFalse(Files.readString(written.markdown()).contains("accuracy-vs-speed"),
                        Files.readString(written.markdown())));
    }

    @Test
    void renderingLeavesBothCsvsByteIdentical() throws Exception {
        byte[] resultsBefore = Files.readAllBytes(results);
        byte[] matrixBefore = Files.readAllBytes(matrixFile);

        ReportRenderer.render(results, matrixFile, dir.resolve("report"));
        ReportRenderer.render(results, matrixFile, dir); // output folder = the CSVs' folder

        assertAll(
                () -> assertArrayEquals(resultsBefore, Files.readAllBytes(results)),
                () -> assertArrayEquals(matrixBefore, Files.readAllBytes(matrixFile)));
    }

    @Test
    void resultsWithoutCellIdsFallBackToTheFlatTable() throws Exception {
        Path flat = ResultsFixture.write(dir, "flat.csv", ResultsFixture.csv(ResultsFixture.SMALL));
        List<Row> rows = ResultsTable.read(flat);

        ReportRenderer.MatrixOutputs written = ReportRenderer.render(flat, matrixFile, dir.resolve("flat"));
        String md = Files.readString(written.markdown());

        assertAll(
                () -> assertEquals(ReportRenderer.renderMarkdown(rows, "flat.csv"),
                        ReportRenderer.renderMarkdown(rows, matrix, "flat.csv")),
                () -> assertTrue(md.startsWith(ReportRenderer.renderMarkdown(rows, "flat.csv").strip()), md),
                () -> assertTrue(md.contains("### Accuracy vs training speed"), md),
                () -> assertEquals(2, written.charts().size()));
    }

    @Test
    void anEmptyResultsFileShowsEveryCellNotRun() throws Exception {
        String md = ReportRenderer.renderMarkdown(List.of(), matrix, "results.csv");

        assertAll(
                () -> assertTrue(md.startsWith("0 of 13 cells of matrix.csv run"), md),
                () -> assertEquals(13, md.lines().filter(l -> l.contains("not run")).mapToLong(l ->
                        l.split("not run", -1).length - 1).sum(), md));
    }

    @Test
    void theLastRowOfACellCounts() throws Exception {
        Path rerun = ResultsFixture.write(dir, "rerun.csv", SeedFixture.resultsCsv(List.of(
                SeedFixture.RESULTS.get(0),
                ResultsFixture.row("model", "ResNet18", "batch_size", "1024", "epochs", "150", "top1_best_pct", "70.05",
                        "cell", SeedFixture.RESNET18))));

        String md = ReportRenderer.renderMarkdown(ResultsTable.read(rerun), matrix, "rerun.csv");

        assertAll(
                () -> assertTrue(md.contains("| ResNet18 |  | 70.05 % <sub>(seed 92.81, " + MINUS + "22.76)</sub>"),
                        md),
                () -> assertFalse(md.contains("63.92"), md));
    }

    @Test
    void aRunWhoseConfigurationNoLongerMatchesItsCellSaysSo() throws Exception {
        Path stale = ResultsFixture.write(dir, "stale.csv", SeedFixture.resultsCsv(List.of(
                ResultsFixture.row("model", "ResNet18", "batch_size", "1024", "epochs", "3", "cell",
                        SeedFixture.RESNET18))));

        String md = ReportRenderer.renderMarkdown(ResultsTable.read(stale), matrix, "stale.csv");

        assertTrue(md.contains("| ResNet18 |  <sub>ran with epochs 3 (matrix: 150)</sub> | 61.30 %"), md);
    }

    @Test
    void theFullMatrixRendersEverySeedRow() throws Exception {
        assumeTrue(Files.isRegularFile(SeedTableTest.FULL_MATRIX), "harness module not beside reports");
        SeedTable full = SeedTable.read(SeedTableTest.FULL_MATRIX);

        String html = ReportRenderer.renderHtml(List.of(), full, "");
        Document page = html(html);
        XPath x = XPathFactory.newInstance().newXPath();

        assertAll(
                () -> assertEquals(76.0, x.evaluate("count(//*[@data-cell])", page, XPathConstants.NUMBER)),
                () -> assertEquals("TResNet|MobileNetV3|MobileNetV2|ResNetV2|SeNet|ResNeXt|DenseNet|",
                        text(x, page, "//table[@class='main']/tbody/tr[@class='family']/th")),
                () -> assertEquals("ResNet50|MobileNetV3S 192px w=2|",
                        text(x, page, "//table[@class='augmentation']/tbody/tr/th")));
    }

    private static Document html(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static Document html(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The text of every node the expression selects, each followed by '|'. */
    private static String text(XPath x, Document page, String expression) throws Exception {
        var nodes = (org.w3c.dom.NodeList) x.evaluate(expression, page, XPathConstants.NODESET);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.append(nodes.item(i).getTextContent().strip().replaceAll("\\s+", " ")).append('|');
        }
        return out.toString();
    }

    private static long pipes(String line) {
        return line.replace("\\|", "").chars().filter(c -> c == '|').count();
    }
}
