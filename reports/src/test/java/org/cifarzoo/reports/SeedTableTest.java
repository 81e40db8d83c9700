package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SeedTableTest {
    /** The harness's full matrix: every row of the original tables. Read from the sibling module, as a file. */
    static final Path FULL_MATRIX = Path.of("..", "harness", "src", "main", "resources", "matrices", "full.csv");

    @TempDir
    Path dir;

    @Test
    void readsTheSeedsNumbersPerCellAsWritten() throws Exception {
        SeedTable table = SeedTable.read(ResultsFixture.write(dir, "matrix.csv", SeedFixture.matrixCsv()));

        SeedCell resnet18 = table.cell(SeedFixture.RESNET18);
        SeedCell mish = table.cell(SeedFixture.RESNET18_MISH);
        SeedCell densenet = table.cell(SeedFixture.DENSENET);
        assertAll(
                () -> assertEquals("matrix.csv", table.source()),
                () -> assertEquals(SeedFixture.MATRIX.size(), table.cells().size()),
                () -> assertEquals(SeedFixture.AUG_BASIC, table.cells().get(0).cell()),
                () -> assertEquals(new BigDecimal("92.81"), resnet18.seedTop1Pct()),
                () -> assertEquals(692218L, resnet18.seedParams()),
                () -> assertEquals(new BigDecimal("39127"), resnet18.seedTrainImgPerS()),
                () -> assertEquals(1024, resnet18.batchSize()),
                () -> assertEquals(11, resnet18.line()),
                () -> assertNull(mish.seedTrainImgPerS()),
                () -> assertNull(densenet.width()),
                () -> assertEquals("94.70", table.cell(SeedFixture.AUG_CUTOUT).seedTop1Pct().toPlainString()));
    }

    @Test
    void readsTheHarnesssFullMatrix() throws Exception {
        assumeTrue(Files.isRegularFile(FULL_MATRIX), "harness module not beside reports");

        SeedTable full = SeedTable.read(FULL_MATRIX);

        assertAll(
                () -> assertEquals(76, full.cells().size()),
                () -> assertEquals(9, full.cells().stream().filter(c -> c.cell().startsWith("aug/")).count()),
                () -> assertEquals(new BigDecimal("94.08"),
                        full.cell("aug/ResNet50SD/32px/w1/b1024/relu/basic").seedTop1Pct()),
                () -> assertEquals(84419466L, full.cell("main/WideResNet34/32px/w8/b1024/relu/cutmix").seedParams()),
                () -> assertNull(full.cell("main/TResNetL/128px/w1/b1024/leaky_relu/cutmix").seedTop1Pct()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            missing column   ; seed_params   ; DROP      ; 1 ; seed_params
            duplicate id     ; cell          ; DUPLICATE ; 3 ; cell
            letters in top-1 ; seed_top1_pct ; 92.8%     ; 2 ; seed_top1_pct
            decimal params   ; seed_params   ; 692218.0  ; 2 ; seed_params
            empty cell id    ; cell          ; EMPTY     ; 2 ; cell
            """)
    void badMatrixFailsNamingLineAndColumn(String what, String column, String change, int line, String named)
            throws Exception {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(SeedFixture.matrixCsv(), CSVFormat.DEFAULT)) {
            parser.forEach(r -> records.add(new ArrayList<>(r.toList())));
        }
        int index = SeedTable.COLUMNS.indexOf(column);
        List<List<String>> bad = switch (change) {
            case "DROP" -> records.stream().peek(r -> r.remove(index)).toList();
            case "DUPLICATE" -> List.of(records.get(0), records.get(1), records.get(1));
            default -> {
                records.get(1).set(index, change.equals("EMPTY") ? "" : change);
                yield records.subList(0, 2);
            }
        };
        StringWriter text = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
            p.printRecords(bad);
        }
        Path file = ResultsFixture.write(dir, "bad-matrix.csv", text.toString());

        SeedTableFormatException e = assertThrows(SeedTableFormatException.class, () -> SeedTable.read(file));

        assertAll(
                () -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(named, e.column(), e.getMessage()),
                () -> assertTrue(e.getMessage().contains("bad-matrix.csv"), e.getMessage()));
    }
}
