package org.cifarzoo.harness.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CIFAR-10 in the official binary layout ({@code cifar-10-batches-bin/data_batch_1..5.bin}, {@code test_batch.bin};
 * each record is 1 label byte then 3 072 pixel bytes), read from the official {@code .tar.gz} or from an extracted
 * folder. Every defect is reported with the file and the byte offset where it sits.
 */
public record Cifar10(Split train, Split test) {
    public static final List<String> TRAIN_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    static final int RECORD = 1 + Split.PIXELS;
    private static final int IMAGES_PER_FILE = 10_000;

    /** Reads an archive ({@code *.tar.gz}) or a folder that holds the batch files (directly or below it). */
    public static Cifar10 load(Path source) {
        if (!Files.exists(source)) {
            throw new CifarFormatException("CIFAR-10 data not found: " + source);
        }
        Map<String, byte[]> files = Files.isDirectory(source) ? readFolder(source) : readArchive(source);
        return new Cifar10(parse(source, files, TRAIN_FILES), parse(source, files, List.of(TEST_FILE)));
    }

    private static Split parse(Path source, Map<String, byte[]> files, List<String> names) {
        int total = 0;
        for (String name : names) {
            byte[] data = files.get(name);
            if (data == null) {
                throw new CifarFormatException(source + ": missing " + name + " (expected " + TRAIN_FILES
                        + " and " + TEST_FILE + " in cifar-10-batches-bin/)");
            }
            if (data.length % RECORD != 0) {
                long complete = data.length / RECORD;
                throw new CifarFormatException(source + "!" + name + ": truncated; the record at byte offset "
                        + complete * RECORD + " has " + data.length % RECORD + " of " + RECORD + " bytes");
            }
            if (data.length != IMAGES_PER_FILE * RECORD) {
                throw new CifarFormatException(source + "!" + name + ": " + data.length / RECORD
                        + " records, expected " + IMAGES_PER_FILE + " (" + IMAGES_PER_FILE * RECORD + " bytes)");
            }
            total += data.length / RECORD;
        }
        byte[] pixels = new byte[total * Split.PIXELS];
        byte[] labels = new byte[total];
        int i = 0;
        for (String name : names) {
            byte[] data = files.get(name);
            for (int offset = 0; offset < data.length; offset += RECORD, i++) {
                int label = data[offset] & 0xFF;
                if (label >= Split.CLASSES) {
                    throw new CifarFormatException(source + "!" + name + ": label " + label + " at byte offset "
                            + offset + " (record " + offset / RECORD + ") is outside 0-9");
                }
                labels[i] = (byte) label;
                System.arraycopy(data, offset + 1, pixels, i * Split.PIXELS, Split.PIXELS);
            }
        }
        return new Split(pixels, labels);
    }

    private static Map<String, byte[]> readFolder(Path dir) {
        Path batches = Files.isDirectory(dir.resolve("cifar-10-batches-bin")) ? dir.resolve("cifar-10-batches-bin") : dir;
        Map<String, byte[]> files = new HashMap<>();
        for (String name : allFiles()) {
            try {
                files.put(name, Files.readAllBytes(batches.resolve(name)));
            } catch (NoSuchFileException e) {
                // reported by parse() with the full list of expected files
            } catch (IOException e) {
                throw new CifarFormatException(batches.resolve(name) + ": cannot read: " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static Map<String, byte[]> readArchive(Path archive) {
        Map<String, byte[]> files = new HashMap<>();
        List<String> wanted = allFiles();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && wanted.contains(name)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream((int) entry.getSize());
                    tar.transferTo(out);
                    files.put(name, out.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new CifarFormatException(archive + ": not a readable CIFAR-10 .tar.gz archive (" + e.getMessage()
                    + "); pass the official cifar-10-binary.tar.gz or its extracted folder", e);
        }
        return files;
    }

    private static List<String> allFiles() {
        return java.util.stream.Stream.concat(TRAIN_FILES.stream(), java.util.stream.Stream.of(TEST_FILE)).toList();
    }
}
