package org.cifarzoo.zoo;

import org.cifarzoo.backend.Backend;
import org.cifarzoo.zoo.layers.Add;
import org.cifarzoo.zoo.layers.StochasticDepthAdd;
import org.cifarzoo.zoo.models.StochasticDepthResNet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ResNetV2-SD (models.md §2): the ResNetV2 bottleneck net with the same layers and parameters, survival probabilities
 * decaying linearly over the units, draws with the right frequency and reproducible from the run's seed. Builds
 * configurations only (nothing is allocated), except one real training step of ResNet50SD.
 */
class StochasticDepthResNetTest {
    private static final ZooRegistry ZOO = ZooRegistry.standard();
    private static final Pattern JOIN = Pattern.compile("stage(\\d)_unit(\\d+)_add");

    private static ComputationGraphConfiguration conf(String model, long seed) {
        ZooRegistry.Entry e = ZOO.get(model);
        return e.build(e.defaultSpec(), BuildOptions.defaults(seed));
    }

    /** The stochastic-depth joins {@code stage<s>_unit<u>_add} in forward order (unit l = position + 1). */
    private static Map<String, StochasticDepthAdd> joins(ComputationGraphConfiguration conf) {
        Map<String, StochasticDepthAdd> joins = new LinkedHashMap<>();
        conf.getVertices().entrySet().stream()
                .filter(e -> e.getValue() instanceof StochasticDepthAdd)
                .sorted(Comparator.comparingInt((Map.Entry<String, GraphVertex> e) -> position(e.getKey(), 1))
                        .thenComparingInt(e -> position(e.getKey(), 2)))
                .forEach(e -> joins.put(e.getKey(), (StochasticDepthAdd) e.getValue()));
        return joins;
    }

    /** Stage (group 1) or unit (group 2) number of a join's name. */
    private static int position(String join, int group) {
        Matcher m = JOIN.matcher(join);
        assertTrue(m.matches(), join);
        return Integer.parseInt(m.group(group));
    }

    /** The plain counterpart "-" means none: then the count is the spec's ({@code ResNet170SD}: 4, 10, 36, 6). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ResNet50SD,  ResNet50,  1320570, 16, 0.7",
            "ResNet101SD, ResNet101, 2530426, 33, 0.45",
            "ResNet152SD, ResNet152, 3528314, 50, 0.35",
            "ResNet170SD, -,         4414202, 56, 0.35"})
    void sameParametersAsResNetV2AndLinearSurvival(String model, String plain, long params, int units,
                                                   double lastSurvival) {
        ComputationGraphConfiguration sd = conf(model, 1);
        assertEquals(params, ParamCount.of(sd));
        if (!plain.equals("-")) {
            ComputationGraphConfiguration reference = conf(plain, 1);
            assertEquals(ParamCount.of(reference), ParamCount.of(sd));
            assertEquals(reference.getVertices().keySet(), sd.getVertices().keySet(), "same layer names");
            assertInstanceOf(Add.class, reference.getVertices().get("stage1_unit1_add"));
        }

        List<StochasticDepthAdd> joins = List.copyOf(joins(sd).values());
        assertEquals(units, joins.size());
        for (int l = 1; l <= units; l++) {
            assertEquals(1 - (double) l / units * (1 - lastSurvival), joins.get(l - 1).getSurvival(), 1e-12, "p_" + l);
        }
        assertEquals(lastSurvival, joins.get(units - 1).getSurvival(), 1e-12);
        assertEquals(units, joins.stream().mapToLong(StochasticDepthAdd::getSeed).distinct().count(), "unit seeds");
    }

    @Test
    void resNet50SdSurvivalMatchesTheSpecExample() {
        Map<String, StochasticDepthAdd> joins = joins(conf("ResNet50SD", 1));
        assertEquals(0.98125, joins.get("stage1_unit1_add").getSurvival(), 1e-12);
        assertEquals(0.7, joins.get("stage4_unit3_add").getSurvival(), 1e-12);
    }

    /** Over many training steps the fraction of kept branches of every unit is p_l (within 4.5 standard errors). */
    @Test
    void keptFractionPerUnitIsTheSurvivalProbability() {
        int steps = 20_000;
        for (Map.Entry<String, StochasticDepthAdd> e : joins(conf("ResNet50SD", 1)).entrySet()) {
            StochasticDepthAdd sd = e.getValue();
            int kept = 0;
            for (long step = 0; step < steps; step++) {
                kept += sd.keeps(step) ? 1 : 0;
            }
            double p = sd.getSurvival();
            double tolerance = 4.5 * Math.sqrt(p * (1 - p) / steps);
            assertEquals(p, (double) kept / steps, tolerance, e.getKey());
        }
    }

    /** The run's seed fixes every unit's drop sequence; another seed gives another one. */
    @Test
    void sameSeedSameDropSequence() {
        Map<String, StochasticDepthAdd> a = joins(conf("ResNet50SD", 42));
        Map<String, StochasticDepthAdd> b = joins(conf("ResNet50SD", 42));
        Map<String, StochasticDepthAdd> other = joins(conf("ResNet50SD", 43));
        assertEquals(a, b);
        int steps = 500;
        int differences = 0;
        for (String unit : a.keySet()) {
            for (long step = 0; step < steps; step++) {
                assertEquals(a.get(unit).keeps(step), b.get(unit).keeps(step), unit + " step " + step);
                differences += a.get(unit).keeps(step) != other.get(unit).keeps(step) ? 1 : 0;
            }
        }
        assertTrue(differences > 0, "seeds 42 and 43 give the same drops");
        assertNotEquals(a, other);
    }

    /** A real training step of ResNet50SD: exactly the parameters of the dropped units' branches get no gradient. */
    @Test
    void droppedBranchesAndOnlyThoseGetZeroGradient() {
        Backend.start();
        ZooRegistry.Entry e = ZOO.get("ResNet50SD");
        ComputationGraph net = new ComputationGraph(e.build(e.defaultSpec(), BuildOptions.defaults(1)));
        net.init();
        while (StochasticDepthResNet.droppedUnits(net).isEmpty()) {
            net.getConfiguration().setIterationCount(net.getConfiguration().getIterationCount() + 1);
        }
        List<String> dropped = StochasticDepthResNet.droppedUnits(net);

        Nd4j.getRandom().setSeed(5);
        net.setInputs(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32));
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 10);
        y.putScalar(0, 3, 1);
        y.putScalar(1, 7, 1);
        net.setLabels(y);
        net.computeGradientAndScore();
        for (Map.Entry<String, INDArray> g : net.gradient().gradientForVariable().entrySet()) {
            String name = g.getKey();
            if (name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev")) {
                continue; // BN running statistics
            }
            boolean inDroppedBranch = dropped.stream().anyMatch(unit -> name.startsWith(unit + "_"));
            assertEquals(!inDroppedBranch, g.getValue().amaxNumber().doubleValue() > 0, name + ", dropped " + dropped);
        }
    }

    @Test
    void joinsAreTheOnlyChangeFromResNetV2() {
        ComputationGraphConfiguration sd = conf("ResNet50SD", 1);
        ComputationGraphConfiguration plain = conf("ResNet50", 1);
        for (Map.Entry<String, GraphVertex> e : plain.getVertices().entrySet()) {
            GraphVertex mine = sd.getVertices().get(e.getKey());
            if (e.getKey().endsWith("_add")) {
                assertInstanceOf(StochasticDepthAdd.class, mine, e.getKey());
            } else {
                assertEquals(e.getValue(), mine, e.getKey());
            }
            assertEquals(plain.getVertexInputs().get(e.getKey()), sd.getVertexInputs().get(e.getKey()), e.getKey());
        }
        assertEquals(16, joins(sd).size());
    }
}
