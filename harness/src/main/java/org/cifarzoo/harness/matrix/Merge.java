package org.cifarzoo.harness.matrix;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cifarzoo.harness.results.ResultRow;
import org.cifarzoo.harness.results.ResultsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the results files of matrix shards. A cell that appears in two files must have the same row in both
 * (then it is kept once); different rows for one cell are a conflict and nothing is written.
 */
public final class Merge {
    private Merge() {
    }

    public static int merge(List<Path> inputs, Path output) {
        Map<String, ResultsFile.Raw> byCell = new LinkedHashMap<>();
        for (Path in : inputs) {
            if (!Files.isRegularFile(in)) {
                throw new IllegalArgumentException("No results file " + in);
            }
            for (ResultsFile.Raw row : ResultsFile.read(in)) {
                String key = row.cell().isEmpty() ? row.file() + ":" + row.line() : row.cell();
                ResultsFile.Raw seen = byCell.putIfAbsent(key, row);
                if (seen != null && !seen.values().equals(row.values())) {
                    throw new IllegalStateException("Conflicting results for cell '" + key + "': " + seen.file()
                            + " line " + seen.line() + " and " + row.file() + " line " + row.line());
                }
            }
        }
        try {
            Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
            if (output.getParent() != null) {
                Files.createDirectories(output.getParent());
            }
            try (Writer w = Files.newBufferedWriter(tmp);
                 CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build())) {
                p.printRecord(ResultRow.COLUMNS);
                for (ResultsFile.Raw row : byCell.values()) {
                    p.printRecord(row.values().values());
                }
            }
            Files.move(tmp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return byCell.size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + output, e);
        }
    }
}
