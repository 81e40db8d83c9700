package org.cifarzoo.zoo.layers;

/**
 * Whether a layer created now takes the fast path. It is DL4J's own switch for its layer helpers (off unless
 * {@code org.eclipse.deeplearning4j.helpers.disable=false}, which {@code Backend.start(true)} sets), so our faster
 * layer code and DL4J's helpers are on or off together: off is the reference for comparisons and tests.
 */
public final class FastPath {
    private FastPath() {
    }

    public static boolean enabled() {
        return "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable"));
    }
}
