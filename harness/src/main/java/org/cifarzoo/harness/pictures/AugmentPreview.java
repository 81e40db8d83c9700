package org.cifarzoo.harness.pictures;

import org.cifarzoo.augment.Augmentation;
import org.cifarzoo.augment.Batch;
import org.cifarzoo.harness.data.CifarIterator;
import org.cifarzoo.harness.data.Split;
import org.nd4j.linalg.dataset.DataSet;

import java.awt.image.BufferedImage;

/**
 * What the network is fed: the first training batch of {@code count} images that {@code train --augment NAME
 * --seed S --batch count} would see, taken from the real {@link CifarIterator} (its shuffle, normalisation and
 * augmentation, nothing re-implemented here), drawn as a {@link ContactSheet}.
 *
 * <p>Mixup and CutMix pick partners inside the batch, so the pictures of a batch of 32 are what a batch of 32
 * trains on; a batch of 128 would pair different images.
 */
public final class AugmentPreview {

    private AugmentPreview() {
    }

    /** Needs the ND4J backend started ({@code Backend.start()}): the iterator hands out ND4J arrays. */
    public static BufferedImage render(Split train, Augmentation pipeline, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1, got " + count);
        }
        CifarIterator batches = CifarIterator.training(train, count, pipeline, seed);
        DataSet first = batches.next();
        Batch batch = new Batch(first.getFeatures().dup('c').data().asFloat(),
                first.getLabels().dup('c').data().asFloat(), count);
        String title = pipeline + " · seed " + seed + " · first training batch of " + count;
        return ContactSheet.draw(batch, batches.getLabels(), title);
    }
}
