package org.cifarzoo.harness.pictures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An output picture named on the command line: its format comes from the file extension, and both the format
 * and the folder are checked before any work is done, so a typo costs nothing. Pictures are rendered in memory
 * and written in one go, so a failed rendering never leaves a half-written file behind.
 *
 * <p>Every problem is an {@link IllegalArgumentException} naming the path (the CLI turns it into exit code 2).
 */
public record PictureFile(Path path, Format format) {

    /** The picture formats cifar-zoo writes. */
    public enum Format {
        PNG("png"), SVG("svg");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /**
     * Checks that {@code path} ends in one of the {@code allowed} extensions (any case) and that it can be
     * written: its folder is created if missing, and it must not be a folder itself.
     */
    public static PictureFile of(Path path, Set<Format> allowed) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        Format format = Arrays.stream(Format.values())
                .filter(f -> allowed.contains(f) && f.extension().equals(extension))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cannot write '" + path + "': unknown picture "
                        + "extension '" + (dot < 0 ? "" : name.substring(dot)) + "'; use "
                        + extensions(allowed)));
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("cannot write '" + path + "': it is a folder");
        }
        Path folder = path.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write '" + path + "': cannot create its folder (" + e + ")",
                    e);
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException("cannot write '" + path + "': folder " + folder + " is not writable");
        }
        return new PictureFile(path, format);
    }

    /** Writes the rendered bytes, replacing an earlier file. */
    public void write(byte[] bytes) {
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write '" + path + "': " + e, e);
        }
    }

    private static String extensions(Set<Format> allowed) {
        return Arrays.stream(Format.values()).filter(allowed::contains)
                .map(f -> "." + f.extension()).collect(Collectors.joining(" or "));
    }
}
