package org.cifarzoo.reports;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measured, seed and difference as displayed. The difference is taken after rounding the measured number the way
 * it is shown (top-1: two decimals half up; throughput: whole), so the three always add up on the page. Expected
 * text uses '_' for the thin space and '-' for U+2212 MINUS SIGN.
 */
class FigureTest {
    @ParameterizedTest(name = "{0}: {1} vs seed {2} -> {3} / {4} / {5}")
    @CsvSource(delimiter = ';', nullValues = "null", textBlock = """
            percent ; 63.92    ; 92.81   ; 63.92 %  ; 92.81    ; -28.89
            percent ; 63.9     ; 92.81   ; 63.90 %  ; 92.81    ; -28.91
            percent ; 92.805   ; 92.81   ; 92.81 %  ; 92.81    ; ±0.00
            percent ; 96.0     ; 95.4    ; 96.00 %  ; 95.4     ; +0.60
            percent ; 61.3     ; null    ; 61.30 %  ;          ;
            percent ; null     ; 94.70   ;          ; 94.70    ;
            count   ; 692218   ; 692218  ; 692_218  ; 692_218  ; ±0
            count   ; 3158994  ; 3156786 ; 3_158_994; 3_156_786; +2_208
            rate    ; 161.3    ; 39127   ; 161      ; 39_127   ; -38_966
            rate    ; 40000.5  ; 39127   ; 40_001   ; 39_127   ; +874
            rate    ; 35.2     ; null    ; 35       ;          ;
            """)
    void measuredSeedAndDifference(String kind, String measured, String seed, String shown, String seedShown,
                                   String delta) {
        Figure f = switch (kind) {
            case "percent" -> Figure.percent(measured == null ? null : Double.valueOf(measured),
                    seed == null ? null : new BigDecimal(seed));
            case "count" -> Figure.count(Long.valueOf(measured), Long.valueOf(seed));
            case "rate" -> Figure.rate(Double.valueOf(measured), seed == null ? null : new BigDecimal(seed));
            default -> throw new IllegalArgumentException(kind);
        };
        assertEquals(new Figure(text(shown), text(seedShown), text(delta)), f);
    }

    private static String text(String expected) {
        return expected == null ? "" : expected.replace('_', Cells.GROUP_SEPARATOR).replace('-', Figure.MINUS);
    }
}
