package org.cifarzoo.harness.pictures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A (soft) label as a caption: the one or two heaviest classes with their weights, e.g. {@code cat .62 / dog .38},
 * or just {@code cat} for a one-hot label. Mixup and CutMix mix every image with exactly one partner, so two
 * classes are all a label can carry; more would be cut to the top two.
 */
public final class SoftLabel {

    /** Classes shown at most. */
    static final int SHOWN = 2;
    /** Weights are printed with two decimals; a class that would print as {@code .00} is left out. */
    static final double SMALLEST_SHOWN = 0.005;

    /** One class of a label and its weight. */
    public record Part(String className, double weight) {

        /** {@code cat .62}; {@code cat} alone when the weight prints as 1.00. */
        public String text(boolean alone) {
            if (alone && weight >= 1 - SMALLEST_SHOWN) {
                return className;
            }
            String twoDecimals = String.format(Locale.ROOT, "%.2f", weight);
            return className + " " + (twoDecimals.startsWith("0") ? twoDecimals.substring(1) : twoDecimals);
        }
    }

    private SoftLabel() {
    }

    /** The shown classes of label row {@code image} (rows of {@code classNames.size()} floats), heaviest first. */
    public static List<Part> parts(float[] labels, int image, List<String> classNames) {
        int classes = classNames.size();
        List<Part> parts = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            double weight = labels[image * classes + c];
            if (weight >= SMALLEST_SHOWN) {
                parts.add(new Part(classNames.get(c), weight));
            }
        }
        parts.sort(Comparator.comparingDouble(Part::weight).reversed());
        return List.copyOf(parts.subList(0, Math.min(SHOWN, parts.size())));
    }

    /** The caption on one line, e.g. {@code cat .62 / dog .38}. */
    public static String text(float[] labels, int image, List<String> classNames) {
        List<Part> parts = parts(labels, image, classNames);
        return parts.stream().map(p -> p.text(parts.size() == 1)).collect(Collectors.joining(" / "));
    }
}
