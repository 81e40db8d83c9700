package org.cifarzoo.zoo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** The rows of the seed's results table (a copy of shared/spec/seed-results.csv) as test data. */
public final class SeedRows {
    private SeedRows() {
    }

    /**
     * @param faithfulParams the count the notes give as "faithful count N" (TResNet at 96–192 px, where the seed's
     *                       params column repeats the 64 px count), else {@code params}
     */
    public record Row(String family, ModelSpec spec, long params, long faithfulParams) {
        @Override
        public String toString() {
            return spec.label();
        }
    }

    /** Rows with a parameter count (the TResNet L/XL placeholders have none), duplicates removed. */
    public static List<Row> all() {
        try (Reader in = new InputStreamReader(Objects.requireNonNull(
                SeedRows.class.getResourceAsStream("/seed-results.csv")), StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(in).getRecords();
            return records.stream()
                    .filter(r -> !r.get("params").isEmpty())
                    .map(r -> new Row(r.get("family"), new ModelSpec(r.get("model"),
                            width(r.get("width")), Integer.parseInt(r.get("resolution_px")),
                            MainActivation.parse(r.get("activation"))), Long.parseLong(r.get("params")),
                            faithfulCount(r.get("notes"), Long.parseLong(r.get("params")))))
                    .distinct()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seed leaves the width empty for families without a width factor (DenseNet): the registry's width 1. */
    private static int width(String cell) {
        return cell.isEmpty() ? 1 : Integer.parseInt(cell);
    }

    private static final java.util.regex.Pattern FAITHFUL_COUNT = java.util.regex.Pattern.compile(
            "faithful count (\\d+)");

    /** "faithful count N" in the notes, else the params column. */
    private static long faithfulCount(String notes, long params) {
        java.util.regex.Matcher m = FAITHFUL_COUNT.matcher(notes);
        return m.find() ? Long.parseLong(m.group(1)) : params;
    }
}
