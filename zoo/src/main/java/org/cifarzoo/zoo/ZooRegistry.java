package org.cifarzoo.zoo;

import org.cifarzoo.zoo.models.DenseNet;
import org.cifarzoo.zoo.models.MobileNetV2;
import org.cifarzoo.zoo.models.MobileNetV3;
import org.cifarzoo.zoo.models.ResNeXt;
import org.cifarzoo.zoo.models.ResNetV2;
import org.cifarzoo.zoo.models.SeNet;
import org.cifarzoo.zoo.models.StochasticDepthResNet;
import org.cifarzoo.zoo.models.TResNet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place where a model name becomes a network. Families register their variants explicitly (no classpath
 * scanning); the command line, the tests and the matrix all look models up here.
 */
public final class ZooRegistry {

    /** Builds the network of one configuration of a model. */
    @FunctionalInterface
    public interface Builder {
        ComputationGraphConfiguration build(ModelSpec spec, BuildOptions options);
    }

    /**
     * A registered model.
     *
     * @param published the configurations of this model that appear in the original results tables
     */
    public record Entry(String name, String family, Builder builder, List<ModelSpec> published) {
        public ComputationGraphConfiguration build(ModelSpec spec, BuildOptions options) {
            if (!spec.model().equals(name)) {
                throw new IllegalArgumentException("spec for " + spec.model() + " given to builder of " + name);
            }
            return builder.build(spec, options);
        }

        /** The first published configuration: what {@code --model NAME} alone means. */
        public ModelSpec defaultSpec() {
            return published.get(0);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Every family of the zoo. */
    public static ZooRegistry standard() {
        ZooRegistry r = new ZooRegistry();
        ResNetV2.register(r);
        StochasticDepthResNet.register(r);
        DenseNet.register(r);
        SeNet.register(r);
        MobileNetV2.register(r);
        MobileNetV3.register(r);
        ResNeXt.register(r);
        TResNet.register(r);
        return r;
    }

    public void add(String name, String family, Builder builder, List<ModelSpec> published) {
        if (published.isEmpty() || published.stream().anyMatch(s -> !s.model().equals(name))) {
            throw new IllegalArgumentException("published configurations of " + name + " must name it: " + published);
        }
        if (entries.putIfAbsent(name, new Entry(name, family, builder, List.copyOf(published))) != null) {
            throw new IllegalArgumentException("model registered twice: " + name);
        }
    }

    public Entry get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("Unknown model '" + name + "'. Known models: " + String.join(", ",
                    entries.keySet()));
        }
        return e;
    }

    /** Models whose name matches a glob such as {@code ResNet*} (case-insensitive); {@code *} lists all. */
    public List<Entry> list(String glob) {
        Pattern p = Pattern.compile(glob.replace(".", "\\.").replace("?", ".").replace("*", ".*"),
                Pattern.CASE_INSENSITIVE);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (p.matcher(e.name()).matches()) {
                out.add(e);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Every published configuration of every model, in registration order. */
    public List<ModelSpec> publishedSpecs() {
        return entries.values().stream().flatMap(e -> e.published().stream()).toList();
    }
}
