package org.cifarzoo.harness.data;

import org.cifarzoo.augment.Augmentations;
import org.cifarzoo.backend.Backend;
import org.cifarzoo.harness.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CifarIteratorTest {
    @BeforeAll
    static void backend() {
        Backend.start();
    }

    @Test
    void trainingGivesFullShuffledBatchesReproducibleFromTheSeed() {
        Split split = TestData.cifar().train().limit(1_000);
        CifarIterator a = CifarIterator.training(split, 128, Augmentations.pipeline("cutmix"), 5);
        CifarIterator b = CifarIterator.training(split, 128, Augmentations.pipeline("cutmix"), 5);
        assertEquals(7, a.batchesPerEpoch());
        int batches = 0;
        DataSet first = null;
        while (a.hasNext()) {
            DataSet x = a.next();
            first = first == null ? x : first;
            DataSet y = b.next();
            assertArrayEquals(new long[]{128, 3, 32, 32}, x.getFeatures().shape());
            assertEquals(x.getFeatures(), y.getFeatures());
            assertEquals(x.getLabels(), y.getLabels());
            assertEquals(128.0, x.getLabels().sumNumber().doubleValue(), 1e-3); // soft labels still sum to 1
            batches++;
        }
        assertEquals(7, batches);
        a.reset(); // next epoch: a new shuffle and new augmentation draws
        assertNotEquals(first.getFeatures(), a.next().getFeatures());
    }

    @Test
    void evaluationKeepsOrderAndTheLastPartialBatch() {
        Split split = TestData.cifar().test().limit(300);
        CifarIterator it = CifarIterator.evaluation(split, 128);
        assertEquals(3, it.batchesPerEpoch());
        it.next();
        it.next();
        DataSet last = it.next();
        assertEquals(44, last.numExamples());
        assertFalse(it.hasNext());
        assertEquals(split.label(299), last.getLabels().getRow(43).argMax().getInt(0));
    }
}
