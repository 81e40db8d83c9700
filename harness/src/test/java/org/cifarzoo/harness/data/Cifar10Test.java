package org.cifarzoo.harness.data;

import org.cifarzoo.harness.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Cifar10Test {

    @Test
    void realDataHasTheOfficialShape() {
        Cifar10 cifar = TestData.cifar();
        assertEquals(50_000, cifar.train().size());
        assertEquals(10_000, cifar.test().size());
        int[] perClass = new int[10];
        for (int i = 0; i < cifar.train().size(); i++) {
            perClass[cifar.train().label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(5_000, count);
        }
    }

    @Test
    void normalisedTrainingImagesHaveZeroMeanAndUnitSdPerChannel() {
        Split train = TestData.cifar().train().limit(5_000);
        float[] image = new float[Split.PIXELS];
        double[] sum = new double[3];
        double[] sumSq = new double[3];
        for (int i = 0; i < train.size(); i++) {
            Normalization.normalize(train, i, image, 0);
            for (int p = 0; p < Split.PIXELS; p++) {
                sum[p / 1024] += image[p];
                sumSq[p / 1024] += image[p] * image[p];
            }
        }
        double n = train.size() * 1024.0;
        for (int c = 0; c < 3; c++) {
            double mean = sum[c] / n;
            assertEquals(0, mean, 0.05, "channel " + c);
            assertEquals(1, Math.sqrt(sumSq[c] / n - mean * mean), 0.05, "channel " + c);
        }
    }

    /** A folder in the official layout with synthetic records; {@code edit} may then break one file. */
    private static Path folder(Path dir) throws IOException {
        Path batches = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        byte[] records = new byte[10_000 * Cifar10.RECORD];
        for (int r = 0; r < 10_000; r++) {
            records[r * Cifar10.RECORD] = (byte) (r % 10);
        }
        for (String name : Cifar10.TRAIN_FILES) {
            Files.write(batches.resolve(name), records);
        }
        Files.write(batches.resolve(Cifar10.TEST_FILE), records);
        return batches;
    }

    @Test
    void extractedFolderLoads(@TempDir Path dir) throws IOException {
        folder(dir);
        Cifar10 cifar = Cifar10.load(dir);
        assertEquals(50_000, cifar.train().size());
        assertEquals(7, cifar.test().label(7));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws IOException {
        Files.delete(folder(dir).resolve("data_batch_3.bin"));
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().contains("missing data_batch_3.bin"), e.getMessage());
    }

    @Test
    void truncatedBatchNamesFileAndOffset(@TempDir Path dir) throws IOException {
        Path file = folder(dir).resolve("data_batch_2.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().contains("data_batch_2.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + 9_999L * Cifar10.RECORD), e.getMessage());
    }

    @Test
    void labelOutsideZeroToNineNamesFileAndOffset(@TempDir Path dir) throws IOException {
        Path file = folder(dir).resolve(Cifar10.TEST_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[42 * Cifar10.RECORD] = 12;
        Files.write(file, bytes);
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> Cifar10.load(dir));
        assertTrue(e.getMessage().contains("test_batch.bin: label 12 at byte offset " + 42 * Cifar10.RECORD),
                e.getMessage());
    }

    @Test
    void wrongArchiveIsRejectedWithItsName(@TempDir Path dir) throws IOException {
        Path bogus = Files.writeString(dir.resolve("cifar-10-python.tar.gz"), "this is not a gzip file");
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> Cifar10.load(bogus));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
    }

    @Test
    void missingPathIsNamed(@TempDir Path dir) {
        Path nowhere = dir.resolve("nowhere.tar.gz");
        CifarFormatException e = assertThrows(CifarFormatException.class, () -> Cifar10.load(nowhere));
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    }
}
