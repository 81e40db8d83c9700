package org.cifarzoo.harness.pictures;

import org.cifarzoo.augment.Batch;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of augmented 32×32 images, each enlarged ×{@value #SCALE} (nearest neighbour, so every network input
 * pixel stays a visible square), with its (soft) label in up to two lines under it and a title line on top:
 * <pre>
 * ┌───────────────────────────────────────────────┐
 * │ title                                          │  TITLE_HEIGHT
 * │ ┌──────┐ ┌──────┐ … up to COLUMNS per row      │
 * │ │128 px│ │      │                              │  IMAGE_SIDE
 * │ └──────┘ └──────┘                              │
 * │ cat .62  bird                                  │  LABEL_LINES × LINE_HEIGHT
 * │ dog .38                                        │
 * └───────────────────────────────────────────────┘
 * </pre>
 * Width {@code GAP + columns·(IMAGE_SIDE + GAP)}, height {@code TITLE_HEIGHT + GAP + rows·(IMAGE_SIDE +
 * LABEL_LINES·LINE_HEIGHT + GAP)}; with 32 images that is 1078 × 676 px.
 */
public final class ContactSheet {
    static final int SCALE = 4;
    static final int IMAGE_SIDE = Batch.IMAGE_SIZE * SCALE;
    static final int COLUMNS = 8;
    static final int GAP = 6;
    static final int TITLE_HEIGHT = 22;
    static final int LABEL_LINES = SoftLabel.SHOWN;
    static final int LINE_HEIGHT = 14;
    private static final int CELL_WIDTH = IMAGE_SIDE + GAP;
    private static final int CELL_HEIGHT = IMAGE_SIDE + LABEL_LINES * LINE_HEIGHT + GAP;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ContactSheet() {
    }

    /** Pixel size of a sheet of {@code count} images. */
    public static Dimension size(int count) {
        int columns = Math.min(count, COLUMNS);
        int rows = (count + COLUMNS - 1) / COLUMNS;
        return new Dimension(GAP + columns * CELL_WIDTH, TITLE_HEIGHT + GAP + rows * CELL_HEIGHT);
    }

    /**
     * Draws every image of {@code batch} (normalised, as the network gets it) de-normalised for display, with
     * its label named from {@code classNames}.
     */
    public static BufferedImage draw(Batch batch, List<String> classNames, String title) {
        if (classNames.size() != Batch.CLASSES) {
            throw new IllegalArgumentException("need " + Batch.CLASSES + " class names, got " + classNames);
        }
        Dimension size = size(batch.size());
        BufferedImage sheet = new BufferedImage(size.width, size.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size.width, size.height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            g.drawString(title, GAP, TITLE_HEIGHT - GAP);
            g.setFont(LABEL_FONT);
            int ascent = g.getFontMetrics().getAscent();
            for (int i = 0; i < batch.size(); i++) {
                int left = GAP + (i % COLUMNS) * CELL_WIDTH;
                int top = TITLE_HEIGHT + GAP + (i / COLUMNS) * CELL_HEIGHT;
                g.drawImage(image(batch.images(), i), left, top, IMAGE_SIDE, IMAGE_SIDE, null);
                List<SoftLabel.Part> parts = SoftLabel.parts(batch.labels(), i, classNames);
                for (int line = 0; line < parts.size(); line++) {
                    g.drawString(parts.get(line).text(parts.size() == 1), left,
                            top + IMAGE_SIDE + line * LINE_HEIGHT + ascent);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Image {@code i} of a normalised NCHW batch as a 32×32 RGB picture. */
    static BufferedImage image(float[] images, int i) {
        BufferedImage picture = new BufferedImage(Batch.IMAGE_SIZE, Batch.IMAGE_SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < Batch.IMAGE_SIZE; y++) {
            for (int x = 0; x < Batch.IMAGE_SIZE; x++) {
                int rgb = 0;
                for (int c = 0; c < Batch.CHANNELS; c++) {
                    rgb = rgb << 8 | Denormalization.toByte(c, images[Batch.pixelIndex(i, c, y, x)]);
                }
                picture.setRGB(x, y, rgb);
            }
        }
        return picture;
    }
}
