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

    public record Row(String family, ModelSpec spec, long params) {
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
                            Integer.parseInt(r.get("width")), Integer.parseInt(r.get("resolution_px")),
                            MainActivation.parse(r.get("activation"))), Long.parseLong(r.get("params"))))
                    .distinct()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
