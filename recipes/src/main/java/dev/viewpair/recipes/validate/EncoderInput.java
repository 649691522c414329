package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.catalog.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The view shapes an encoder type takes, checked against the views fed to one encoder of that type. Each type
 * declares its own (a conv encoder pools over space, so its views may differ in size but not in channels; an mlp
 * flattens, so its views share one shape): this is the piece an encoder type's catalogue entry can hold.
 */
interface EncoderInput {
    /** Each encoder type's input rule, from the encoder as declared; a type without one takes views of any shape. */
    Map<String, Function<EncoderDecl, EncoderInput>> BY_TYPE = Map.of(
            "conv", e -> new Conv("pool".equals(e.downsample()) ? 1 << e.widths().size() : 1),
            "mlp", e -> new OneShape());

    /**
     * Reports, at {@code at} (the encoder's {@code views}), when the views fed to {@code encoder} cannot go through it.
     *
     * @param shapes view name → shape, for the views whose shape is known
     */
    static void check(EncoderDecl encoder, Map<String, Shape> shapes, PosNode at, Problems problems) {
        var fed = new LinkedHashMap<String, Shape>();
        encoder.views().stream().filter(shapes::containsKey).forEach(v -> fed.put(v, shapes.get(v)));
        var input = BY_TYPE.get(encoder.type());
        if (input != null) {
            input.apply(encoder).refuse(encoder.name(), fed).ifPresent(r -> problems.add(at, r.message(), r.fix()));
        }
    }

    /** Why these views cannot go through one encoder of this kind, with the fix; empty when they can. */
    Optional<Refusal> refuse(String encoder, Map<String, Shape> views);

    /** A refusal's message and fix. */
    record Refusal(String message, String fix) {}

    /**
     * A conv encoder: {@code C × H × W} views (images, spectrograms) of one number of channels, each side at least
     * {@code minSide} (what its max-pool stages halve down to 1 pixel).
     */
    record Conv(int minSide) implements EncoderInput {
        @Override
        public Optional<Refusal> refuse(String encoder, Map<String, Shape> views) {
            String firstView = null;
            Dim channels = null;
            for (var e : views.entrySet()) {
                var shape = e.getValue();
                var view = "view '" + e.getKey() + "' (" + shape + ", " + ViewShapeChecks.kind(shape) + ")";
                if (shape.dims().size() != 3) {
                    return Optional.of(new Refusal("encoder '" + encoder + "' (conv) takes C × H × W views, images and"
                            + " spectrograms, but " + view + " is not one", "end the view with log_mel, spectrogram or mfcc,"
                            + " or feed it to an mlp encoder"));
                }
                if (channels != null && isFixed(channels) && isFixed(shape.dim(0)) && !channels.equals(shape.dim(0))) {
                    return Optional.of(new Refusal("encoder '" + encoder + "' (conv) is fed views of " + channels + " and "
                            + shape.dim(0) + " channels: view '" + firstView + "' and " + view,
                            "views of one conv encoder may differ in size but need the same channels: give each its own encoder"));
                }
                if (channels == null) {
                    channels = shape.dim(0);
                    firstView = e.getKey();
                }
                for (int side = 1; side <= 2; side++) {
                    if (shape.dim(side) instanceof Dim.Fixed f && f.size() < minSide) {
                        return Optional.of(new Refusal("encoder '" + encoder + "' (conv) halves its input with max pooling"
                                + " after each width and needs sides of at least " + minSide + ", but " + view + " has a side of "
                                + f.size(), "use fewer widths, downsample: stride, or a larger view"));
                    }
                }
            }
            return Optional.empty();
        }

        private static boolean isFixed(Dim d) {
            return d instanceof Dim.Fixed;
        }
    }

    /** An mlp encoder: it flattens each view, so all its views have one shape. */
    record OneShape() implements EncoderInput {
        @Override
        public Optional<Refusal> refuse(String encoder, Map<String, Shape> views) {
            String firstView = null;
            Shape first = null;
            for (var e : views.entrySet()) {
                if (e.getValue().sizes().isEmpty()) {
                    continue; // a size the file sets cannot be compared before reading the files
                }
                if (first == null) {
                    first = e.getValue();
                    firstView = e.getKey();
                } else if (!first.equals(e.getValue())) {
                    return Optional.of(new Refusal("encoder '" + encoder + "' (mlp) flattens its views, so they need one"
                            + " shape, but view '" + firstView + "' is " + first + " and view '" + e.getKey() + "' is "
                            + e.getValue(), "give the views the same size, or each its own encoder"));
                }
            }
            return Optional.empty();
        }
    }
}
