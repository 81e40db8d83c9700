package org.cifarzoo.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One number of the seed-layout tables as display text: what this project measured, what the seed published for
 * the same cell, and the difference. Each part is empty when it does not exist (nothing measured yet, no seed
 * number, or one of the two missing for the difference).
 *
 * <p>The difference is taken between the numbers <em>as displayed</em>, so the page adds up: top-1 is rounded to
 * two decimals (half up) before the seed's value is subtracted, throughputs to whole images per second, parameter
 * counts are exact. Negative differences use U+2212 MINUS SIGN, positive ones {@code +}, zero {@code ±0}.
 * Example: measured 63.92 against seed 92.81 gives {@code 63.92 %}, {@code 92.81}, {@code −28.89}.
 *
 * @param measured this project's number, e.g. {@code 63.92 %}
 * @param seed     the seed's number as the matrix prints it, digit-grouped for counts, e.g. {@code 92.81}
 * @param delta    {@code measured − seed}, signed, e.g. {@code −28.89}
 */
public record Figure(String measured, String seed, String delta) {
    static final char MINUS = '\u2212';
    private static final Figure NONE = new Figure("", "", "");

    /** Top-1 in %: two decimals, {@code 63.92 %}; the seed as written in the matrix. */
    static Figure percent(Double measured, BigDecimal seed) {
        BigDecimal m = exact(measured, 2);
        return new Figure(measured == null ? "" : m == null ? Double.toString(measured) : m.toPlainString() + " %",
                seed == null ? "" : seed.toPlainString(),
                m == null || seed == null ? "" : signed(m.subtract(seed).setScale(2, RoundingMode.HALF_UP)));
    }

    /** A count (parameters), digit-grouped, exact. */
    static Figure count(Long measured, Long seed) {
        return new Figure(Cells.grouped(measured), Cells.grouped(seed),
                measured == null || seed == null ? "" : signed(BigDecimal.valueOf(measured - seed)));
    }

    /** A rate (images per second), rounded to whole numbers and digit-grouped. */
    static Figure rate(Double measured, BigDecimal seed) {
        BigDecimal m = exact(measured, 0);
        BigDecimal s = seed == null ? null : seed.setScale(0, RoundingMode.HALF_UP);
        return new Figure(measured == null ? "" : m == null ? Double.toString(measured) : grouped(m),
                s == null ? "" : grouped(s), m == null || s == null ? "" : signed(m.subtract(s)));
    }

    /** Only the seed's part, for a cell that was not measured. */
    static Figure seedOnly(Figure f) {
        return f.seed.isEmpty() ? NONE : new Figure("", f.seed, "");
    }

    /** {@code value} rounded half up to {@code scale} decimals; {@code null} when absent or not finite. */
    private static BigDecimal exact(Double value, int scale) {
        return value == null || !Double.isFinite(value) ? null
                : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private static String grouped(BigDecimal whole) {
        return Cells.grouped(whole.longValueExact());
    }

    /** {@code +1.20}, {@code −28.89}, {@code ±0}; whole numbers digit-grouped. */
    static String signed(BigDecimal d) {
        String digits = d.scale() <= 0 ? Cells.grouped(d.abs().longValueExact()) : d.abs().toPlainString();
        return switch (d.signum()) {
            case -1 -> MINUS + digits;
            case 1 -> "+" + digits;
            default -> "±" + digits;
        };
    }
}
