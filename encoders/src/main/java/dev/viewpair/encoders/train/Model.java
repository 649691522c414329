package dev.viewpair.encoders.train;

import ai.djl.nn.Parameter;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.EncoderLayer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a trainer trains, its wiring checked when it is made: the encoders by name, which encoder embeds each view, the
 * pairs, and every parameter once by a name that is the same in every process.
 */
final class Model {
    static final String ENCODER_PREFIX = "encoder-";

    private final Map<String, Encoder> encoders;
    private final Map<String, String> viewEncoders;
    private final List<PairSpec> pairs;
    private final List<String> trainedViews;
    private final Map<String, Set<String>> viewLayers;
    private Map<String, Parameter> named;

    Model(Map<String, Encoder> encoders, Map<String, String> viewEncoders, List<PairSpec> pairs) {
        this.encoders = Collections.unmodifiableMap(new LinkedHashMap<>(encoders));
        this.viewEncoders = Collections.unmodifiableMap(new LinkedHashMap<>(viewEncoders));
        this.pairs = List.copyOf(pairs);
        var layers = new LinkedHashMap<String, Set<String>>();
        pairs.forEach(pair -> {
            layers.computeIfAbsent(pair.viewA(), v -> new LinkedHashSet<>()).add(pair.layerA());
            layers.computeIfAbsent(pair.viewB(), v -> new LinkedHashSet<>()).add(pair.layerB());
            if (pair.negatives() != null) {
                layers.computeIfAbsent(pair.negatives(), v -> new LinkedHashSet<>()).add(pair.layerB());
            }
        });
        // a stochastic encoder's posterior is read every step, for its KL and variances (TrainingStep's read-outs)
        layers.forEach((view, names) -> {
            var encoder = encoders.get(viewEncoders.get(view));
            if (encoder != null && encoder.posterior().isPresent()) {
                names.add(EncoderLayer.POSTERIOR);
            }
        });
        layers.replaceAll((view, names) -> Set.copyOf(names));
        this.viewLayers = Collections.unmodifiableMap(layers);
        this.trainedViews = List.copyOf(layers.keySet());
        checkWiring();
    }

    /**
     * Every pair's views are embedded, its hard negatives by its second view's encoder, its critic takes its
     * encoders' projection widths, and every encoder is used.
     *
     * @throws IllegalArgumentException naming the unknown view, duplicate pair, unused encoder or mismatched widths
     */
    private void checkWiring() {
        var pairNames = new LinkedHashSet<String>();
        var usedEncoders = new LinkedHashSet<String>();
        for (PairSpec pair : pairs) {
            if (!pairNames.add(pair.name())) {
                throw new IllegalArgumentException("pair name '" + pair.name() + "' is used twice");
            }
            Encoder a = embedderOf(pair, pair.viewA());
            Encoder b = embedderOf(pair, pair.viewB());
            if (pair.negatives() != null && embedderOf(pair, pair.negatives()) != b) {
                throw new IllegalArgumentException("pair '" + pair.name() + "': the hard negatives '"
                        + pair.negatives() + "' go to encoder '" + viewEncoders.get(pair.negatives())
                        + "' but the pair's second view '" + pair.viewB() + "' to '"
                        + viewEncoders.get(pair.viewB()) + "': they must share one encoder");
            }
            usedEncoders.add(viewEncoders.get(pair.viewA()));
            usedEncoders.add(viewEncoders.get(pair.viewB()));
            var layerA = layerOf(pair, a, pair.viewA(), pair.layerA());
            var layerB = layerOf(pair, b, pair.viewB(), pair.layerB());
            if (pair.negatives() != null && (layerA == null || layerB == null || layerA.local() || layerB.local())) {
                throw new IllegalArgumentException("pair '" + pair.name() + "': hard negatives take a pair of two encoded"
                        + " global layers, not " + PairSpec.side(pair.viewA(), pair.layerA()) + " and "
                        + PairSpec.side(pair.viewB(), pair.layerB()));
            }
            if (layerA == null || layerB == null) {
                continue; // a view's input: its width is the view's size, which the critic checks on the first batch
            }
            int[] widths = PairSpec.criticWidths(layerA.local(), layerA.width(), layerB.local(), layerB.width());
            try {
                pair.critic().checkWidths(widths[0], widths[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pair '" + pair.name() + "' scores " + layerA.name() + " of width "
                        + layerA.width() + " ('" + pair.viewA() + "') against " + layerB.name() + " of width "
                        + layerB.width() + " ('" + pair.viewB() + "'): " + e.getMessage(), e);
            }
        }
        for (String name : encoders.keySet()) {
            if (!usedEncoders.contains(name)) {
                throw new IllegalArgumentException("encoder '" + name + "' is used by no pair, so nothing trains it");
            }
        }
    }

    /** The layer a pair reads, or {@code null} for the view's input (its width unknown until the first batch). */
    private static EncoderLayer layerOf(PairSpec pair, Encoder encoder, String view, String layer) {
        if (layer.equals(EncoderLayer.INPUT)) {
            return null;
        }
        return encoder.layer(layer).orElseThrow(() -> new IllegalArgumentException("pair '" + pair.name()
                + "' reads layer '" + layer + "' of view '" + view + "', but its encoder has input, "
                + String.join(", ", encoder.layers().stream().map(EncoderLayer::name).toList())));
    }

    private Encoder embedderOf(PairSpec pair, String view) {
        String name = viewEncoders.get(view);
        if (name == null) {
            throw new IllegalArgumentException("pair '" + pair.name() + "' uses view '" + view
                    + "' that no encoder embeds; known views: " + String.join(", ", viewEncoders.keySet()));
        }
        return encoders.get(name);
    }

    /** The encoders by name, in registration order. */
    Map<String, Encoder> encoders() {
        return encoders;
    }

    /** The pairs, in the order they were added. */
    List<PairSpec> pairs() {
        return pairs;
    }

    /** Every view a pair uses (hard negatives included), once, in pair order: what a training step forwards. */
    List<String> trainedViews() {
        return trainedViews;
    }

    /** The layers a training step reads of this view (every pair's side on it, its hard negatives' layer). */
    Set<String> layersOf(String view) {
        return viewLayers.get(view);
    }

    /** The encoder registered under this name. */
    Encoder encoder(String name) {
        Encoder encoder = encoders.get(name);
        if (encoder == null) {
            throw new IllegalArgumentException("no encoder '" + name + "'; known: " + String.join(", ", encoders.keySet()));
        }
        return encoder;
    }

    /** The name of the encoder that embeds this view. */
    String encoderNameOf(String view) {
        return viewEncoders.get(view);
    }

    /** The encoder that embeds this view. */
    Encoder encoderOf(String view) {
        return encoders.get(viewEncoders.get(view));
    }

    /** The pair of this name. */
    PairSpec pair(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pair '" + name + "'"));
    }

    /**
     * Every parameter of every encoder and critic, once, by a name that is the same in every process (DJL's
     * parameter ids are random): {@code encoder-<name>/<path>} and {@code critic-<pair>/<path>}. Read once the
     * blocks are initialized.
     */
    Map<String, Parameter> namedParameters() {
        if (named == null) {
            var seen = Collections.newSetFromMap(new IdentityHashMap<Parameter, Boolean>());
            var byName = new LinkedHashMap<String, Parameter>();
            encoders.forEach((name, encoder) -> encoder.getParameters().forEach(p -> {
                if (seen.add(p.getValue())) {
                    byName.put(ENCODER_PREFIX + name + "/" + p.getKey(), p.getValue());
                }
            }));
            for (PairSpec pair : pairs) {
                pair.critic().getParameters().forEach(p -> {
                    if (seen.add(p.getValue())) {
                        byName.put("critic-" + pair.name() + "/" + p.getKey(), p.getValue());
                    }
                });
            }
            named = Collections.unmodifiableMap(byName);
        }
        return named;
    }

    /** Every encoder parameter once (shared encoders' too), as the replicas copy them. */
    List<Parameter> encoderParameters() {
        return namedParameters().entrySet().stream()
                .filter(entry -> isEncoderParameter(entry.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Whether a name of {@link #namedParameters()} is an encoder's (not a critic's). */
    static boolean isEncoderParameter(String name) {
        return name.startsWith(ENCODER_PREFIX);
    }
}
