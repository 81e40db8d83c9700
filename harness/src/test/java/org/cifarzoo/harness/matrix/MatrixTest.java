package org.cifarzoo.harness.matrix;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixTest {

    @Test
    void fullMatrixHoldsEverySeedRowWithItsPublishedNumbers() throws Exception {
        List<CSVRecord> seed = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(Files.readString(Path.of(System.getenv().getOrDefault("CIFAR_ZOO_SEED_CSV",
                        "../zoo/src/test/resources/seed-results.csv"))))).getRecords(); // the repository's copy of the spec's
        Matrix full = Matrix.load("full");
        assertEquals(seed.size(), full.cells().size());
        for (int i = 0; i < seed.size(); i++) {
            CSVRecord s = seed.get(i);
            Cell c = full.cells().get(i);
            assertEquals(s.get("model"), c.spec().model());
            assertEquals(s.get("family"), c.family());
            assertEquals(Integer.parseInt(s.get("batch_size")), c.config().batchSize());
            assertEquals(s.get("augmentation"), c.config().augmentation());
            assertEquals(s.get("activation"), c.spec().activation().csvName());
            assertEquals(150, c.config().epochs());
            assertEquals(s.get("top1_pct").isEmpty() ? null : Double.valueOf(s.get("top1_pct")), c.seedTop1());
        }
    }

    @Test
    void shardsPartitionTheMatrix() {
        Matrix full = Matrix.load("full");
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int k = 1; k <= 4; k++) {
            List<Cell> shard = full.shard(k, 4);
            total += shard.size();
            shard.forEach(c -> seen.add(c.id()));
        }
        assertEquals(full.cells().size(), total);
        assertEquals(full.cells().stream().map(Cell::id).collect(Collectors.toSet()), seen);
        assertThrows(IllegalArgumentException.class, () -> full.shard(5, 4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "batch_size|12x|line 2, field 'batch_size'",
            "activation|gelu|line 2, field 'activation'",
            "augmentation|autoaugment|line 2, field 'augmentation'",
            "schedule|cosine:hi=oops|line 2, field 'schedule'",
            "resolution_px|100|line 2, field 'resolution_px'",
            "model||line 2, field 'model'"})
    void malformedFileNamesLineAndField(String field, String value, String expected, @TempDir Path dir)
            throws Exception {
        List<String> columns = Matrix.COLUMNS;
        String[] row = {"c1", "ResNetV2", "ResNet18", "32", "1", "32", "relu", "basic", "2",
                "\"cosine:epochs=2,hi=0.05,lo=0.01,warmup=0\"", "256", "64", "", "", "", "", ""};
        row[columns.indexOf(field)] = value == null ? "" : value;
        Path file = Files.writeString(dir.resolve("m.csv"), String.join(",", columns) + "\n" + String.join(",", row) + "\n");
        MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> Matrix.load(file.toString()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void missingColumnAndDuplicateCellAreNamed(@TempDir Path dir) throws Exception {
        Path noColumn = Files.writeString(dir.resolve("a.csv"), "cell,model\nx,ResNet18\n");
        assertTrue(assertThrows(MatrixFormatException.class, () -> Matrix.load(noColumn.toString())).getMessage()
                .contains("missing column(s) [family, resolution_px"));
        String smoke = new String(Matrix.class.getResourceAsStream("/matrices/smoke.csv").readAllBytes());
        String first = smoke.lines().skip(1).findFirst().orElseThrow();
        Path dup = Files.writeString(dir.resolve("b.csv"), smoke + first + "\n");
        assertTrue(assertThrows(MatrixFormatException.class, () -> Matrix.load(dup.toString())).getMessage()
                .contains("duplicate cell id"));
        assertTrue(assertThrows(MatrixFormatException.class, () -> Matrix.load("nosuch")).getMessage()
                .contains("full"));
    }
}
