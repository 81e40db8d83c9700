package org.cifarzoo.augment;

import static org.cifarzoo.augment.Batch.CHANNELS;
import static org.cifarzoo.augment.Batch.CLASSES;
import static org.cifarzoo.augment.Batch.IMAGE_LENGTH;
import static org.cifarzoo.augment.Batch.IMAGE_SIZE;
import static org.cifarzoo.augment.Batch.PLANE_LENGTH;

import java.util.random.RandomGenerator;

/**
 * CutMix as the reference does it (training.md §4.1), per image i:
 * <ul>
 *   <li>λ ~ U(0,1), corner (py, px) each uniform in {0, …, 32};</li>
 *   <li>box {@code h = min(32 − py, ⌊32·√(1−λ)⌋)}, {@code w = min(32 − px, ⌊32·√(1−λ)⌋)}: rows py … py+h−1,
 *       cols px … px+w−1 of all channels come from the ORIGINAL partner image π(i);</li>
 *   <li>{@code y_i ← k·y_i + (1−k)·y_π(i)} with {@code k = 1 − h·w/1024}, the area actually pasted.</li>
 * </ul>
 * One permutation π for images and labels (the reference's two lock-step shuffles are a [risk] it does not
 * guarantee). [dev] vs the paper: corner-anchored box clipped only at bottom/right, applied with probability 1.
 */
public final class CutMix implements Augmentation {

    /** The pasted rectangle of one image, already clipped to the image. */
    record Box(int top, int left, int height, int width) {

        /** Label weight kept by the image itself: 1 − pasted area / 1024 (exact in float). */
        float keptLabelWeight() {
            return 1f - (float) (height * width) / PLANE_LENGTH;
        }
    }

    /** The random part of one application: partner π(i) and box of every image i. */
    record Plan(int[] partner, Box[] boxes) {
        Plan {
            PartnerMixing.requirePermutation(partner, boxes.length);
        }
    }

    @Override
    public void apply(Batch batch, RandomGenerator rng) {
        mix(batch, draw(batch.size(), rng));
    }

    @Override
    public String name() {
        return "cutmix";
    }

    static Plan draw(int size, RandomGenerator rng) {
        int[] partner = PartnerMixing.randomPermutation(size, rng);
        Box[] boxes = new Box[size];
        for (int i = 0; i < size; i++) {
            double lambda = rng.nextDouble();
            int top = rng.nextInt(IMAGE_SIZE + 1);
            int left = rng.nextInt(IMAGE_SIZE + 1);
            boxes[i] = box(lambda, top, left);
        }
        return new Plan(partner, boxes);
    }

    /** The clipped box for λ and corner (top, left); the side truncates toward zero as in the reference. */
    static Box box(double lambda, int top, int left) {
        int side = (int) (IMAGE_SIZE * Math.sqrt(1 - lambda));
        return new Box(top, left, Math.min(IMAGE_SIZE - top, side), Math.min(IMAGE_SIZE - left, side));
    }

    static void mix(Batch batch, Plan plan) {
        PartnerMixing.mixWithOriginalPartners(batch.images(), IMAGE_LENGTH, plan.partner(),
                (target, data, at, partner, from) -> paste(plan.boxes()[target], data, at, partner, from));
        PartnerMixing.mixWithOriginalPartners(batch.labels(), CLASSES, plan.partner(),
                (target, data, at, partner, from) -> PartnerMixing.blend(data, at, partner, from, CLASSES,
                        plan.boxes()[target].keptLabelWeight()));
    }

    private static void paste(Box box, float[] data, int at, float[] partner, int from) {
        for (int channel = 0; channel < CHANNELS; channel++) {
            for (int y = box.top(); y < box.top() + box.height(); y++) {
                int offset = channel * PLANE_LENGTH + y * IMAGE_SIZE + box.left();
                System.arraycopy(partner, from + offset, data, at + offset, box.width());
            }
        }
    }
}
