package org.cifarzoo.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What the CPU can do, read once from /proc/cpuinfo (Linux; elsewhere nothing is known). */
public record CpuFeatures(String modelName, Set<String> flags) {

    public static CpuFeatures read() {
        return parse(Path.of("/proc/cpuinfo"));
    }

    static CpuFeatures parse(Path cpuinfo) {
        String model = System.getProperty("os.arch");
        Set<String> flags = Set.of();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name") && model.equals(System.getProperty("os.arch"))) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags") && flags.isEmpty()) {
                    flags = Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
                            .collect(Collectors.toUnmodifiableSet());
                }
            }
        } catch (IOException e) {
            // not Linux: no flags known, the caller falls back to the portable build
        }
        return new CpuFeatures(model, flags);
    }

    /** AVX-512 as oneDNN's avx512 build needs it (Skylake-X and later, Zen 4). */
    public boolean hasAvx512() {
        return flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq"));
    }

    public boolean hasAvx2() {
        return flags.containsAll(Set.of("avx2", "fma"));
    }
}
