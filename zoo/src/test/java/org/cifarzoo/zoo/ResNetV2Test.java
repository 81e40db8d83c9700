package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every ResNetV2 row of the seed's table: exact parameter count. */
class ResNetV2Test {
    private static final ZooRegistry ZOO = ZooRegistry.standard();

    @BeforeAll
    static void backend() {
        Backend.start();
    }

    static List<SeedRows.Row> rows() {
        List<SeedRows.Row> rows = SeedRows.ofFamily("ResNetV2");
        assertFalse(rows.isEmpty());
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void parameterCountMatchesSeed(SeedRows.Row row) {
        ComputationGraph net = new ComputationGraph(ZOO.get(row.spec().model()).build(row.spec(), BuildOptions.defaults(1)));
        net.init();
        assertEquals(row.params(), net.numParams(), row.spec().label());
    }
}
