package org.cifarzoo.reports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Display formats; the expected text uses '_' for the thin space so the table stays readable. */
class CellsTest {
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = ';', textBlock = """
            grouped ; 692218     ; 692_218
            grouped ; 84419466   ; 84_419_466
            grouped ; 999        ; 999
            grouped ; 1000       ; 1_000
            grouped ; -1234567   ; -1_234_567
            whole   ; 12938.6    ; 12_939
            whole   ; 161.3      ; 161
            spread  ; 2.64       ; 2.6
            spread  ; 31.4       ; 31
            percent ; 94.7       ; 94.70
            percent ; 92.805     ; 92.81
            plain   ; 2.0        ; 2
            plain   ; 0.5        ; 0.5
            hms     ; 3723.4     ; 1:02:03
            hms     ; 59.6       ; 0:01:00
            hms     ; 90061      ; 25:01:01
            """)
    void formatsNumbersForDisplay(String format, String raw, String expected) {
        String actual = switch (format) {
            case "grouped" -> Cells.grouped(Long.parseLong(raw));
            case "whole" -> Cells.whole(Double.parseDouble(raw));
            case "spread" -> Cells.spread(Double.parseDouble(raw));
            case "percent" -> Cells.percent(Double.parseDouble(raw));
            case "plain" -> Cells.plain(Double.parseDouble(raw));
            case "hms" -> Cells.hms(Double.parseDouble(raw));
            default -> throw new IllegalArgumentException(format);
        };
        assertEquals(expected.replace('_', Cells.GROUP_SEPARATOR), actual);
    }
}
