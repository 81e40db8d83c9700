package org.cifarzoo.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A results matrix read as the seed's published numbers per cell id: the harness's matrix CSV (e.g.
 * {@code harness/src/main/resources/matrices/full.csv}), one {@link SeedCell} per row, in file order. The seed
 * layout of the report takes its rows from here, so every seed row appears whether it has been run or not.
 *
 * <p>Reading is strict, as for {@link ResultsTable}: a missing column, a duplicate or empty cell id, or an
 * unparsable number stops with a {@link SeedTableFormatException} naming source, line and column. The file is only
 * ever opened for reading.
 *
 * @param source name of the file the matrix came from (its file name, or what the caller named it)
 * @param cells  the matrix rows in file order
 */
public record SeedTable(String source, List<SeedCell> cells) {

    /** Every column a matrix CSV must have (the harness's matrix format). Extra columns are allowed. */
    public static final List<String> COLUMNS = List.of("cell", "family", "model", "resolution_px", "width",
            "batch_size", "activation", "augmentation", "epochs", "schedule", "train_limit", "test_limit",
            "seed_top1_pct", "seed_params", "seed_train_img_per_s", "seed_infer_img_per_s", "notes");

    private static final List<String> NON_EMPTY = List.of("cell", "family", "model");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .build();

    public SeedTable {
        cells = List.copyOf(cells);
    }

    /** Reads a matrix CSV file; {@link #source()} is its file name. */
    public static SeedTable read(Path csv) throws IOException {
        String name = String.valueOf(csv.getFileName());
        try {
            return parse(name, Files.readString(csv, StandardCharsets.UTF_8));
        } catch (CharacterCodingException e) {
            throw new SeedTableFormatException(name, 1, null, "not UTF-8 text", e);
        }
    }

    /** Reads a matrix CSV from {@code in} (e.g. a class-path resource), naming it {@code source} in messages. */
    public static SeedTable read(String source, Reader in) throws IOException {
        StringWriter text = new StringWriter();
        in.transferTo(text);
        return parse(source, text.toString());
    }

    /** The cell with this id, or {@code null}. */
    public SeedCell cell(String id) {
        return cells.stream().filter(c -> c.cell().equals(id)).findFirst().orElse(null);
    }

    private static SeedTable parse(String source, String text) throws SeedTableFormatException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVParser.parse(body, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            List<String> missing = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new SeedTableFormatException(source, 1, missing.get(0), "missing required column"
                        + (missing.size() > 1 ? "s " + String.join(", ", missing) : "")
                        + "; the header has " + String.join(",", header), null);
            }
            List<SeedCell> cells = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new SeedTableFormatException(source, parser.getCurrentLineNumber() + 1, null,
                            "not valid CSV (" + e.getMessage() + ")", e);
                }
                long line = lineOf(body, record.getCharacterPosition());
                SeedCell cell = new RecordReader(source, line, header, record).cell();
                if (!ids.add(cell.cell())) {
                    throw new SeedTableFormatException(source, line, "cell", "duplicate cell id '" + cell.cell()
                            + "'", null);
                }
                cells.add(cell);
            }
            return new SeedTable(source, cells);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            if (e instanceof SeedTableFormatException s) {
                throw s;
            }
            throw new SeedTableFormatException(source, 1, null, "bad header row (" + e.getMessage() + ")", e);
        }
    }

    /** 1-based line of a character offset (multi-line quoted cells keep the count true). */
    private static long lineOf(String text, long offset) {
        long line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        return line;
    }

    /** Turns one record into a {@link SeedCell}, or fails naming the cell. */
    private static final class RecordReader {
        private final String source;
        private final long line;
        private final List<String> header;
        private final CSVRecord record;

        RecordReader(String source, long line, List<String> header, CSVRecord record)
                throws SeedTableFormatException {
            this.source = source;
            this.line = line;
            this.header = header;
            this.record = record;
            if (record.size() != header.size()) {
                throw new SeedTableFormatException(source, line, null, "the row has " + record.size()
                        + " fields but the header has " + header.size(), null);
            }
            for (String column : NON_EMPTY) {
                if (text(column).isBlank()) {
                    throw new SeedTableFormatException(source, line, column, "the cell is empty", null);
                }
            }
        }

        SeedCell cell() throws SeedTableFormatException {
            Long resolution = whole("resolution_px");
            Long batch = whole("batch_size");
            Long epochs = whole("epochs");
            return new SeedCell(line, text("cell"), text("family"), text("model"),
                    resolution == null ? null : Math.toIntExact(resolution), decimalDouble("width"),
                    batch == null ? null : Math.toIntExact(batch), text("activation"), text("augmentation"),
                    epochs == null ? null : Math.toIntExact(epochs), text("schedule"),
                    whole("train_limit"), whole("test_limit"),
                    decimal("seed_top1_pct"), whole("seed_params"), decimal("seed_train_img_per_s"),
                    decimal("seed_infer_img_per_s"), text("notes"));
        }

        private String text(String column) {
            return record.get(header.indexOf(column));
        }

        private Long whole(String column) throws SeedTableFormatException {
            String cell = text(column).strip();
            if (cell.isEmpty()) {
                return null;
            }
            if (!WHOLE.matcher(cell).matches() || cell.replaceFirst("^[+-]", "").length() > 18) {
                throw bad(column, "is not a whole number");
            }
            long value = Long.parseLong(cell);
            if (!column.equals("seed_params") && !column.endsWith("_limit")
                    && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                throw bad(column, "is out of range");
            }
            return value;
        }

        private BigDecimal decimal(String column) throws SeedTableFormatException {
            String cell = text(column).strip();
            if (cell.isEmpty()) {
                return null;
            }
            if (!DECIMAL.matcher(cell).matches()) {
                throw bad(column, "is not a number");
            }
            return new BigDecimal(cell);
        }

        private Double decimalDouble(String column) throws SeedTableFormatException {
            BigDecimal value = decimal(column);
            return value == null ? null : value.doubleValue();
        }

        private SeedTableFormatException bad(String column, String problem) {
            return new SeedTableFormatException(source, line, column, "\"" + text(column) + "\" " + problem, null);
        }
    }
}
