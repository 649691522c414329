package dev.viewpair.recipes.validate;

import dev.viewpair.catalog.TimeExpr;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.recipes.model.LayerRef;
import dev.viewpair.recipes.model.ShiftedView;
import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.Stage;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The views that the sections after {@code views} name: whether a name is declared, a group or a single view,
 * which encoder embeds it, whether the sync evaluation can shift it, and whether a stand-in view (a hard negative) is
 * cut elsewhere than the view it stands in for. Each check reports its problem at the node that named the view.
 */
final class ViewRefs {
    /** What the views section declared; {@code null} when it could not be read. */
    private final ViewsReader.Result views;
    /** View name → the encoder it is fed to; {@code null} before the encoders are read, or when they could not be. */
    private final Map<String, String> encoderOfView;
    /** Encoder name → its layers ({@code VIEW@LAYER}); an encoder that could not be built is missing. */
    private final Map<String, List<EncoderLayer>> layers;
    /** View name → its shape, for the width of its input ({@code VIEW@input}). */
    private final Map<String, Shape> shapes;
    private final OpCatalog catalog;
    private final Problems problems;

    ViewRefs(ViewsReader.Result views, Map<String, String> encoderOfView, OpCatalog catalog, Problems problems) {
        this(views, encoderOfView, Map.of(), Map.of(), catalog, problems);
    }

    private ViewRefs(ViewsReader.Result views, Map<String, String> encoderOfView, Map<String, List<EncoderLayer>> layers,
            Map<String, Shape> shapes, OpCatalog catalog, Problems problems) {
        this.views = views;
        this.encoderOfView = encoderOfView;
        this.layers = layers;
        this.shapes = shapes;
        this.catalog = catalog;
        this.problems = problems;
    }

    /** These views, with the encoders that embed them and the encoders' layers. */
    ViewRefs fedTo(Map<String, String> encoderOfView, Map<String, List<EncoderLayer>> layers, Map<String, Shape> shapes) {
        return new ViewRefs(views, encoderOfView, layers, shapes, catalog, problems);
    }

    /** A view's input layer, one vector of the view's size; {@code null} and a problem when its size is not fixed. */
    private EncoderLayer input(PosNode node, String path, String view) {
        var shape = shapes.get(view);
        if (shape == null) {
            return null; // its shape's problem is reported with the view
        }
        var sizes = shape.sizes();
        if (sizes.isEmpty()) {
            problems.add(node, path + ": " + view + "@input is the view itself as one vector, but view '" + view
                    + "' has no fixed size (" + shape + ")", "give the view a fixed size (e.g. resize or a crop with size)");
            return null;
        }
        long size = 1;
        for (int d : sizes.get()) {
            size *= d;
        }
        return EncoderLayer.input(size);
    }

    /** Whether the layers of the encoder that embeds this view are known (it could be built). */
    boolean layerKnown(String view) {
        var encoder = encoderOfView == null ? null : encoderOfView.get(view);
        return encoder != null && layers.containsKey(encoder);
    }

    /**
     * The layer of the encoder that embeds {@code ref.view()}; {@code null} when it is not known (the encoder could
     * not be built: its problem is reported), or with a problem at {@code node} when the encoder has no such layer.
     */
    EncoderLayer layer(PosNode node, String path, LayerRef ref) {
        var encoder = encoderOfView == null ? null : encoderOfView.get(ref.view());
        var known = encoder == null ? null : layers.get(encoder);
        if (known == null) {
            return null;
        }
        if (ref.layer().equals(EncoderLayer.INPUT)) {
            return input(node, path, ref.view());
        }
        var names = Stream.concat(Stream.of(EncoderLayer.INPUT), known.stream().map(EncoderLayer::name)).toList();
        var found = known.stream().filter(l -> l.name().equals(ref.layer())).findFirst();
        if (found.isEmpty() && ref.layer().equals(EncoderLayer.POSTERIOR)) {
            problems.add(node, path + ": view '" + ref.view() + "' is fed to encoder '" + encoder + "', which is not"
                    + " stochastic, so it has no posterior p(z|x) to read", "add stochastic: {type: gaussian} to encoders."
                    + encoder + " (docs/bounds.md#the-information-bottleneck-stochastic-encoders)");
            return null;
        }
        if (found.isEmpty()) {
            problems.add(node, path + ": view '" + ref.view() + "' is fed to encoder '" + encoder + "', which has no layer '"
                    + ref.layer() + "'; its layers are " + String.join(", ", names),
                    Problems.suggest(ref.layer(), names, "its layers") + " (docs/encoders.md#layers)");
            return null;
        }
        return found.get();
    }

    /** Whether the encoders section was read, so that which encoder embeds a view is known. */
    boolean encodersKnown() {
        return encoderOfView != null;
    }

    /** The encoder a view is fed to, or {@code null}. */
    String encoderOf(String view) {
        return encoderOfView.get(view);
    }

    /** The stage a view's last op gives, or {@code null} when unknown. */
    Stage stage(String view) {
        return views == null ? null : views.outputs().get(view);
    }

    /** A view name that must be declared, or {@code null} and a problem. */
    String viewRef(PosNode node, String path) {
        return viewRef(node, path, problems.text(node, path));
    }

    /** As {@link #viewRef(PosNode, String)}, for the view part {@code name} of what the node holds. */
    String viewRef(PosNode node, String path, String name) {
        if (name == null || views == null || views.names().contains(name)) {
            return name;
        }
        if (views.underUnresolved(name)) {
            return null; // its family view has a problem already reported
        }
        problems.add(node, path + ": unknown view '" + name + "'", Problems.suggest(name, views.names(), "declared views"));
        return null;
    }

    /** A view a pair or an evaluation uses: declared, and fed to an encoder that embeds it. */
    String usedView(PosNode node, String path, String user) {
        return usedView(node, path, user, problems.text(node, path));
    }

    /** As {@link #usedView(PosNode, String, String)}, for the view part {@code written} of what the node holds. */
    String usedView(PosNode node, String path, String user, String written) {
        var name = viewRef(node, path, written);
        if (name != null && isGroup(name)) {
            var members = views.groups().get(name);
            problems.add(node, "'" + name + "' is a group of " + members.size() + " member views; a " + user + " (" + path
                    + ") names single views", "name one of them, e.g. " + members.get(0));
            return null;
        }
        if (name != null && encoderOfView != null && !encoderOfView.containsKey(name)
                && (views == null || views.names().contains(name))) {
            problems.add(node, "view '" + name + "' is used in a " + user + " (" + path + ") but fed to no encoder",
                    "add it to the views of an encoder" + encoderHint(name));
            return null;
        }
        return name;
    }

    /** ", e.g. encoders.audio.views" when an encoder already embeds views of the same kind. */
    String encoderHint(String view) {
        var stage = views == null ? null : views.outputs().get(view);
        return encoderOfView.entrySet().stream()
                .filter(e -> stage != null && stage == views.outputs().get(e.getKey()))
                .map(e -> ", e.g. encoders." + e.getValue() + ".views")
                .sorted()
                .findFirst()
                .orElse("");
    }


    /** Whether a name stands for a group of member views. */
    boolean isGroup(String name) {
        return views != null && views.groups().containsKey(name);
    }

    /** The views a name stands for: the member views of a group, else the name itself. */
    List<String> members(String name) {
        return views == null ? List.of(name) : views.groups().getOrDefault(name, List.of(name));
    }


    /** Reports {@code view} if it is one of the pair's {@code own} views rather than another cut of {@code second}. */
    boolean isOtherCut(PosNode node, String key, String view, List<String> own, String second) {
        if (own.contains(view)) {
            problems.add(node, key + " is the pair's own view '" + view + "'",
                    "declare a view like '" + second + "' cut at another time (e.g. at: anchor + 1.0s) and name it here");
            return false;
        }
        return true;
    }

    /**
     * Reports {@code view} if it may be cut at the very time of the pair's second view: both cut their window at the
     * same kind of time (both relative to the anchor, or both absolute), and their offsets lie no further apart than
     * their jitters reach together, so the shift between the two can be 0. Such a view is then sometimes the positive
     * itself (or its same moment under other augmentations): a hard negative would be a false negative. This is refused
     * rather than warned about because draws near a zero shift are not rare — jitter spreads the shift over its whole
     * range, so windows that all but coincide with the positive's come up every epoch — and moving {@code at} fixes it.
     * Views that cut no window, or more than one, or at times of different kinds, are not checked.
     */
    boolean cutElsewhere(PosNode node, String key, String view, String second, String role) {
        var cut = window(view);
        var positive = window(second);
        if (cut == null || positive == null || cut.at().anchored() != positive.at().anchored()) {
            return true;
        }
        double offset = cut.at().seconds() - positive.at().seconds();
        double reach = cut.jitterSeconds() + positive.jitterSeconds();
        if (Math.abs(offset) > reach + 1e-9) {
            return true;
        }
        // the nearest start in the direction it leans that never overlaps the positive's window
        boolean later = offset >= 0;
        double clear = reach + (later ? positive.seconds() : cut.seconds());
        var suggested = new TimeExpr(positive.at().anchored(), round(positive.at().seconds() + (later ? clear : -clear)));
        problems.add(node, key + ": view '" + view + "' can be cut at the very time of the pair's second view '" + second
                        + "' (at: " + cut.at() + " ± " + round(cut.jitterSeconds()) + " s against at: " + positive.at() + " ± "
                        + round(positive.jitterSeconds()) + " s: the shift between them can be 0), so " + role
                        + " would sometimes be the positive itself",
                "cut '" + view + "' further away than the jitters reach, e.g. at: " + suggested + (later ? " or later" : " or earlier")
                        + ", where the two windows never overlap");
        return false;
    }

    /**
     * Reports {@code view} if the sync evaluation cannot cut it later and earlier ({@link ShiftedView}): none of its
     * ops cuts a window at a time relative to the anchor.
     */
    boolean shiftable(PosNode node, String key, String view) {
        if (views == null) {
            return true; // the views' own problems are reported where they are declared
        }
        var spec = views.views().get(view);
        if (spec == null && views.groups().values().stream().noneMatch(members -> members.contains(view))) {
            return true; // a view of its own problems, reported where it is declared
        }
        String why;
        try {
            why = spec == null ? "it is a member view of a family view, which cuts no time" : null;
            if (spec != null) {
                ShiftedView.of(spec, 1.0, catalog);
            }
        } catch (IllegalArgumentException e) {
            why = e.getMessage();
        }
        if (why != null) {
            problems.add(node, key + ": the sync evaluation cuts the pair's second view '" + view + "' later and earlier, but "
                    + why, "cut '" + view + "' at the anchor, e.g. audio_window: {seconds: 0.5, at: anchor - 0.25s}");
            return false;
        }
        return true;
    }

    /** The one time window a view cuts, or {@code null} when it cuts none, several, or its ops cannot be built. */
    private AnchoredOp window(String view) {
        var spec = views.views().get(view);
        if (spec == null) {
            return null;
        }
        try {
            var cuts = ViewChain.build(spec, catalog).anchoredOps();
            return cuts.size() == 1 ? cuts.get(0) : null;
        } catch (IllegalArgumentException e) {
            // the view's own problem is reported where the view is read
            return null;
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }

    /** Reports {@code view} if it is not fed to the encoder of the pair's second view, whose stand-in it is. */
    boolean sameEncoder(PosNode node, String key, String view, String second) {
        var encoder = encoderOfView.get(second);
        if (!encoderOfView.get(view).equals(encoder)) {
            problems.add(node, key + ": view '" + view + "' is fed to encoder '" + encoderOfView.get(view)
                    + "', but the pair's second view '" + second + "' to encoder '" + encoder + "'",
                    "add '" + view + "' to encoders." + encoder + ".views");
            return false;
        }
        return true;
    }

}
