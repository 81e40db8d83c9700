package org.cifarzoo.harness;

import org.cifarzoo.harness.data.Cifar10;
import org.cifarzoo.harness.data.DataLocator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real CIFAR-10 for tests: $CIFAR_ZOO_DATA if set, else the shared copy beside the repository (the build passes its
 * path as $CIFAR_ZOO_SHARED_DATA), else the official download. Nothing here skips: without data the tests fail.
 */
public final class TestData {
    private static Cifar10 cached;

    private TestData() {
    }

    public static Path path() {
        String shared = System.getenv("CIFAR_ZOO_SHARED_DATA");
        if (System.getenv(DataLocator.ENV) == null && shared != null && Files.exists(Path.of(shared))) {
            return Path.of(shared);
        }
        return DataLocator.resolve(null);
    }

    public static synchronized Cifar10 cifar() {
        if (cached == null) {
            cached = Cifar10.load(path());
        }
        return cached;
    }
}
