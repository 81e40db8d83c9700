package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a results CSV written by the harness (header row, one row per run) into {@link Row}s, in file order.
 * Reading is strict: a missing column, a row with the wrong number of fields, an unparsable number or an unknown
 * status stops with a {@link ResultsFormatException} naming file, line and column. Failed runs are rows like any
 * other. The file is only ever opened for reading.
 */
public final class ResultsTable {

    /** Every column a results CSV must have, in the order the harness writes them. Extra columns are allowed. */
    public static final List<String> COLUMNS = List.of(
            "model", "family", "width", "resolution_px", "activation", "batch_size", "augmentation", "schedule",
            "epochs", "train_images", "test_images", "top1_best_pct", "top1_last_pct", "params",
            "train_img_per_s", "train_img_per_s_sd", "infer_img_per_s", "wall_s", "status", "error",
            "git_commit", "backend", "classifier", "helpers", "device", "threads", "jvm", "dl4j", "date", "seed",
            "load_avg");

    /** Columns whose cell may not be empty. */
    private static final List<String> NON_EMPTY = List.of("model", "family", "status");

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .build();

    private ResultsTable() {
    }

    public static List<Row> read(Path csv) throws IOException {
        String text = readText(csv);
        LineIndex lines = new LineIndex(text);
        try (CSVParser parser = parse(csv, text)) {
            List<String> header = parser.getHeaderNames();
            checkHeader(csv, header);
            List<Row> rows = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new ResultsFormatException(csv, parser.getCurrentLineNumber() + 1, null,
                            "not valid CSV (" + messageOf(e) + ")", e);
                }
                rows.add(new RowReader(csv, lines.lineAt(record.getCharacterPosition()), header, record).row());
            }
            return List.copyOf(rows);
        }
    }

    private static String readText(Path csv) throws IOException {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ResultsFormatException(csv, 1, null, "not UTF-8 text", e);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static CSVParser parse(Path csv, String text) throws IOException {
        try {
            return CSVParser.parse(text, FORMAT);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ResultsFormatException(csv, 1, null, "bad header row (" + messageOf(e) + ")", e);
        }
    }

    private static void checkHeader(Path csv, List<String> header) throws ResultsFormatException {
        if (header.isEmpty()) {
            throw new ResultsFormatException(csv, 1, COLUMNS.get(0), "the file is empty; expected a header row "
                    + String.join(",", COLUMNS));
        }
        List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new ResultsFormatException(csv, 1, missing.get(0), "missing required column"
                    + (missing.size() > 1 ? "s " + String.join(", ", missing) : "")
                    + "; the header has " + String.join(",", header));
        }
    }

    private static String messageOf(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage();
    }

    /** Turns one CSV record into a {@link Row}, or fails naming the cell. */
    private static final class RowReader {
        private final Path csv;
        private final long line;
        private final Map<String, String> cells = new LinkedHashMap<>();

        RowReader(Path csv, long line, List<String> header, CSVRecord record) throws ResultsFormatException {
            this.csv = csv;
            this.line = line;
            if (record.size() < header.size()) {
                throw new ResultsFormatException(csv, line, header.get(record.size()), "the row has "
                        + record.size() + " fields but the header has " + header.size()
                        + "; this column and the ones after it are missing");
            }
            if (record.size() > header.size()) {
                throw new ResultsFormatException(csv, line, "field " + (header.size() + 1), "the row has "
                        + record.size() + " fields but the header has " + header.size() + " (last column '"
                        + header.get(header.size() - 1) + "')");
            }
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), record.get(i));
            }
            for (String column : NON_EMPTY) {
                if (cells.get(column).isBlank()) {
                    throw new ResultsFormatException(csv, line, column, "the cell is empty; every run needs one");
                }
            }
            String status = cells.get("status");
            if (!status.equals(Row.OK) && !status.equals(Row.FAILED)) {
                throw new ResultsFormatException(csv, line, "status", "\"" + status + "\" is neither "
                        + Row.OK + " nor " + Row.FAILED);
            }
        }

        Row row() throws ResultsFormatException {
            return new Row(line,
                    text("model"), text("family"), decimal("width"), integer("resolution_px"), text("activation"),
                    integer("batch_size"), text("augmentation"), text("schedule"), integer("epochs"),
                    whole("train_images"), whole("test_images"),
                    decimal("top1_best_pct"), decimal("top1_last_pct"), whole("params"),
                    decimal("train_img_per_s"), decimal("train_img_per_s_sd"), decimal("infer_img_per_s"),
                    decimal("wall_s"),
                    text("status"), text("error"),
                    text("git_commit"), text("backend"), text("classifier"), text("helpers"), text("device"),
                    integer("threads"), text("jvm"), text("dl4j"), text("date"), whole("seed"), decimal("load_avg"),
                    cells);
        }

        private String text(String column) {
            return cells.get(column);
        }

        private Integer integer(String column) throws ResultsFormatException {
            Long value = whole(column);
            if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                throw bad(column, "is out of range");
            }
            return value == null ? null : value.intValue();
        }

        private Long whole(String column) throws ResultsFormatException {
            String cell = cells.get(column);
            if (cell.isEmpty()) {
                return null;
            }
            if (!WHOLE.matcher(cell).matches()) {
                throw bad(column, "is not a whole number");
            }
            try {
                return Long.parseLong(cell);
            } catch (NumberFormatException e) {
                throw bad(column, "is out of range");
            }
        }

        private Double decimal(String column) throws ResultsFormatException {
            String cell = cells.get(column);
            if (cell.isEmpty()) {
                return null;
            }
            if (!DECIMAL.matcher(cell).matches()) {
                throw bad(column, "is not a number");
            }
            return Double.parseDouble(cell);
        }

        private ResultsFormatException bad(String column, String problem) {
            return new ResultsFormatException(csv, line, column, "\"" + cells.get(column) + "\" " + problem);
        }
    }

    /** Maps a character offset of the file to its 1-based line, so multi-line quoted cells keep lines true. */
    private static final class LineIndex {
        private final int[] lineStarts;

        LineIndex(String text) {
            int[] starts = new int[16];
            int n = 0;
            starts[n++] = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean crlf = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
                if (c == '\n' || (c == '\r' && !crlf)) {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, n);
        }

        long lineAt(long offset) {
            int i = Arrays.binarySearch(lineStarts, (int) offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }
    }
}
