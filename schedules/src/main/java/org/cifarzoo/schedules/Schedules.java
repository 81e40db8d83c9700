package org.cifarzoo.schedules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Parses the command-line form of a schedule: {@code name} or {@code name:key=value,key=value,...}.
 * <pre>
 * cosine                                      README run: T=150, hi=0.5, lo=0.001, warmup=10
 * cosine:epochs=30,hi=0.5,lo=0.001,warmup=2   any subset of the keys; the rest keep the README values
 * htd:L=-6,U=3,epochs=50,hi=0.15,lo=0.0002,warmup=5   L and U are required, the rest as for cosine
 * step:0=0.1,150=0.01,225=0.001               startEpoch=lr pairs, starting at 0, increasing
 * </pre>
 * Every error is an {@link IllegalArgumentException} naming the offending token and the whole spec.
 */
public final class Schedules {

    /** One {@code key=value} setting of a spec, kept whole so errors can quote it. */
    private record Setting(String key, String value, String token) {

        int intValue() {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' in '" + token + "' is not an integer");
            }
        }

        double doubleValue() {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value + "' in '" + token + "' is not a number");
            }
        }
    }

    /** A key a schedule understands, and what it sets on that schedule's builder. */
    private record Key<B>(String name, BiConsumer<B, Setting> apply) {
    }

    private static final List<Key<CosineWarmup.Builder>> COSINE_KEYS = List.of(
            new Key<>("epochs", (b, s) -> b.totalEpochs(s.intValue())),
            new Key<>("hi", (b, s) -> b.hi(s.doubleValue())),
            new Key<>("lo", (b, s) -> b.lo(s.doubleValue())),
            new Key<>("warmup", (b, s) -> b.warmupEpochs(s.intValue())));

    private static final List<Key<HyperbolicTangentDecay.Builder>> HTD_KEYS = List.of(
            new Key<>("L", (b, s) -> b.lower(s.doubleValue())),
            new Key<>("U", (b, s) -> b.upper(s.doubleValue())),
            new Key<>("epochs", (b, s) -> b.totalEpochs(s.intValue())),
            new Key<>("hi", (b, s) -> b.hi(s.doubleValue())),
            new Key<>("lo", (b, s) -> b.lo(s.doubleValue())),
            new Key<>("warmup", (b, s) -> b.warmupEpochs(s.intValue())));

    /** The schedule names {@link #parse} accepts. */
    public static final List<String> NAMES = List.of("cosine", "htd", "step");

    private Schedules() {
    }

    public static EpochSchedule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty schedule spec; expected one of " + NAMES
                    + ", e.g. cosine:epochs=30,warmup=2");
        }
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        String name = colon < 0 ? trimmed : trimmed.substring(0, colon).strip();
        try {
            List<Setting> settings = colon < 0 ? List.of() : settings(trimmed.substring(colon + 1));
            return switch (name) {
                case "cosine" -> applyAll(CosineWarmup.builder(), COSINE_KEYS, settings).build();
                case "htd" -> applyAll(HyperbolicTangentDecay.builder(), HTD_KEYS, settings).build();
                case "step" -> step(settings);
                default -> throw new IllegalArgumentException("unknown schedule '" + name + "'; valid: "
                        + String.join(", ", NAMES));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad schedule spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    private static List<Setting> settings(String list) {
        List<Setting> settings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : list.split(",", -1)) {
            String token = raw.strip();
            int eq = token.indexOf('=');
            if (eq <= 0 || eq == token.length() - 1) {
                throw new IllegalArgumentException("'" + token + "' is not key=value");
            }
            Setting setting = new Setting(token.substring(0, eq).strip(), token.substring(eq + 1).strip(), token);
            if (!seen.add(setting.key())) {
                throw new IllegalArgumentException("key '" + setting.key() + "' given twice");
            }
            settings.add(setting);
        }
        return settings;
    }

    private static <B> B applyAll(B builder, List<Key<B>> keys, List<Setting> settings) {
        for (Setting setting : settings) {
            Key<B> key = keys.stream()
                    .filter(k -> k.name().equals(setting.key()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown key '" + setting.key() + "' in '"
                            + setting.token() + "'; valid keys: "
                            + keys.stream().map(Key::name).collect(Collectors.joining(", "))));
            key.apply().accept(builder, setting);
        }
        return builder;
    }

    private static StepSchedule step(List<Setting> settings) {
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("step needs startEpoch=lr pairs, e.g. step:0=0.1,150=0.01");
        }
        List<StepSchedule.Step> steps = new ArrayList<>();
        for (Setting setting : settings) {
            int startEpoch;
            try {
                startEpoch = Integer.parseInt(setting.key());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("start epoch '" + setting.key() + "' in '" + setting.token()
                        + "' is not an integer");
            }
            steps.add(new StepSchedule.Step(startEpoch, setting.doubleValue()));
        }
        return new StepSchedule(steps);
    }
}
