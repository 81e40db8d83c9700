package org.cifarzoo.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTableTest {
    @TempDir
    Path dir;

    @Test
    void readsRawTypedValuesInFileOrderAndKeepsFailedRuns() throws Exception {
        Path csv = ResultsFixture.write(dir, "results.csv", ResultsFixture.csv(ResultsFixture.SMALL));

        List<Row> rows = ResultsTable.read(csv);

        assertEquals(List.of("ResNet34", "MobileNetV3S", "ResNet18", "ResNet50"), rows.stream().map(Row::model).toList());
        Row resnet18 = rows.get(2);
        Row failed = rows.get(3);
        assertAll(
                () -> assertEquals(4, resnet18.line()),
                () -> assertEquals(692218L, resnet18.params()),
                () -> assertEquals(161.3, resnet18.trainImgPerS()),
                () -> assertEquals(3723.4, resnet18.wallS()),
                () -> assertEquals(32, resnet18.resolutionPx()),
                () -> assertEquals(1.0, resnet18.width()),
                () -> assertEquals(0.5, resnet18.loadAvg()),
                () -> assertEquals(42L, resnet18.seed()),
                () -> assertEquals("161.3", resnet18.raw().get("train_img_per_s")),
                () -> assertEquals("2025-01-02T03:04:05Z", resnet18.date()),
                () -> assertTrue(failed.failed()),
                () -> assertTrue(failed.error().startsWith("OutOfMemoryError")),
                () -> assertNull(failed.top1BestPct()),
                () -> assertEquals("", failed.raw().get("top1_best_pct")));
    }

    @Test
    void lineNumbersCountPhysicalLinesOfMultiLineCells() throws Exception {
        String text = ResultsFixture.csv(List.of(
                Map.of("status", "failed", "error", "first line\nsecond line\nthird line"),
                Map.of("model", "ResNet34", "params", "12x")));
        Path csv = ResultsFixture.write(dir, "multiline.csv", text);

        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsTable.read(csv));

        assertEquals(5, e.line(), e.getMessage());
        assertEquals("params", e.column());
    }

    @Test
    void extraColumnsAreAllowedAndKeptRaw() throws Exception {
        List<String> header = new ArrayList<>(ResultsTable.COLUMNS);
        header.add("notes");
        Path csv = ResultsFixture.write(dir, "extra.csv",
                ResultsFixture.csv(header, List.of(Map.of("notes", "first try"))));

        Row row = ResultsTable.read(csv).get(0);

        assertEquals("first try", row.raw().get("notes"));
    }

    /** Each case: what is wrong, the CSV text, the line and column the message must name. */
    static Stream<Arguments> badInputs() {
        List<String> withoutParams = ResultsTable.COLUMNS.stream().filter(c -> !c.equals("params")).toList();
        String good = ResultsFixture.csv(List.of(Map.of()));
        return Stream.of(
                Arguments.of("missing column", ResultsFixture.csv(withoutParams, List.of(Map.of())), 1, "params"),
                Arguments.of("empty file", "", 1, "model"),
                Arguments.of("letters in a whole number",
                        ResultsFixture.csv(List.of(Map.of(), Map.of("params", "692k"))), 3, "params"),
                Arguments.of("thousands separator in a number",
                        ResultsFixture.csv(List.of(Map.of("train_img_per_s", "1,161.3"))), 2, "train_img_per_s"),
                Arguments.of("decimal in a whole-number column",
                        ResultsFixture.csv(List.of(Map.of("batch_size", "128.0"))), 2, "batch_size"),
                Arguments.of("not a number", ResultsFixture.csv(List.of(Map.of("top1_best_pct", "92.8%"))), 2,
                        "top1_best_pct"),
                Arguments.of("unknown status", ResultsFixture.csv(List.of(Map.of("status", "oom"))), 2, "status"),
                Arguments.of("empty model", ResultsFixture.csv(List.of(Map.of("model", ""))), 2, "model"),
                Arguments.of("row cut short", good + "ResNet18,ResNetV2,1\n", 3, "resolution_px"),
                Arguments.of("extra field", good.replace("0.5\n", "0.5,oops\n"), 2, "field 32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputFailsNamingFileLineAndColumn(String what, String text, int line, String column) {
        Path csv = ResultsFixture.write(dir, "bad-results.csv", text);

        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsTable.read(csv));

        String message = e.getMessage();
        assertAll(
                () -> assertTrue(message.contains(csv.toString()), message),
                () -> assertTrue(message.contains("line " + line), message),
                () -> assertTrue(message.contains("column '" + column + "'"), message),
                () -> assertEquals(csv, e.file()),
                () -> assertEquals(line, e.line()),
                () -> assertEquals(column, e.column()));
    }
}
