package org.cifarzoo.zoo;

import org.cifarzoo.zoo.models.TResNet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every row of the seed's table whose family the registry has: the built configuration has exactly the seed's
 * parameter count (counted without allocating, which ModelsForwardBackwardTest ties to DL4J's own count), or the
 * faithful count the row's notes state (TResNet above 64 px: the seed printed the 64 px count for all).
 */
class SeedParameterCountTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    static List<SeedRows.Row> rows() {
        Set<String> families = Set.copyOf(ZOO.list("*").stream().map(ZooRegistry.Entry::family).toList());
        List<SeedRows.Row> rows = SeedRows.all().stream().filter(r -> families.contains(r.family())).toList();
        assertFalse(rows.isEmpty());
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parameterCountMatchesSeed(SeedRows.Row row) {
        var conf = ZOO.get(row.spec().model()).build(row.spec(), BuildOptions.defaults(1));
        assertEquals(row.faithfulParams(), ParamCount.of(conf), row.spec().label());
    }

    static List<SeedRows.Row> tresnetRows() {
        return rows().stream().filter(r -> r.family().equals(TResNet.FAMILY)).toList();
    }

    /** The intended TResNet (channel-wise stem BN and SE) has one count at every resolution: 3 179 922. */
    @ParameterizedTest(name = "{0} intended")
    @MethodSource("tresnetRows")
    void tresnetIntendedLayoutCount(SeedRows.Row row) {
        var conf = TResNet.build(TResNet.M, row.spec(), BuildOptions.defaults(1), TResNet.Layout.INTENDED);
        assertEquals(3_179_922, ParamCount.of(conf), row.spec().label());
    }
}
