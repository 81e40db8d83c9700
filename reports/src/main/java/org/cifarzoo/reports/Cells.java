package org.cifarzoo.reports;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How numbers look in a rendered table. Only the renderer calls these; the CSV keeps the raw numbers. Absent values
 * become the empty string, so templates never see {@code null}.
 */
final class Cells {
    /** Digit-group separator, U+2009 THIN SPACE: {@code 692 218}. */
    static final char GROUP_SEPARATOR = '\u2009';

    private Cells() {
    }

    /** Whole number with thin-space digit groups: 692218 -> {@code 692 218}. */
    static String grouped(Long value) {
        if (value == null) {
            return "";
        }
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(GROUP_SEPARATOR);
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    /** Rounded to a whole number, with digit groups: 12938.6 -> {@code 12 939}. */
    static String whole(Double value) {
        if (value == null) {
            return "";
        }
        return Double.isFinite(value) ? grouped(Math.round(value)) : Double.toString(value);
    }

    /** A spread: whole above 10, one decimal below, so a small sd does not read as 0. */
    static String spread(Double value) {
        if (value == null) {
            return "";
        }
        return Double.isFinite(value) && Math.abs(value) < 10 ? String.format(Locale.ROOT, "%.1f", value) : whole(value);
    }

    /** A percentage as the original tables print it, two decimals: 94.7 -> {@code 94.70}. */
    static String percent(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Shortest exact decimal: 2.0 -> {@code 2}, 0.5 -> {@code 0.5}. */
    static String plain(Double value) {
        if (value == null) {
            return "";
        }
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    static String plain(Integer value) {
        return value == null ? "" : value.toString();
    }

    /** Seconds as h:mm:ss, rounded to the second: 3723.4 -> {@code 1:02:03}. */
    static String hms(Double seconds) {
        if (seconds == null) {
            return "";
        }
        if (!Double.isFinite(seconds)) {
            return Double.toString(seconds);
        }
        long s = Math.round(Math.abs(seconds));
        return String.format(Locale.ROOT, "%s%d:%02d:%02d", seconds < 0 ? "-" : "", s / 3600, s / 60 % 60, s % 60);
    }
}
