package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the {@code encoders} section: each encoder's type, the parameters that type declares, and the views it embeds
 * (a group feeds all its member views); a view goes to one encoder, the views of one encoder end in the same kind of
 * tensor, and their shapes are ones its type takes.
 */
final class EncodersReader {
    /** The keys of an encoder besides its type's parameters. */
    static final List<String> OWN_KEYS = List.of("type", "views", StochasticReader.KEY);

    /**
     * The encoders read.
     *
     * @param encoders the encoders without problems, by name, in recipe order
     * @param encoderOfView view name → the encoder it is fed to, for every view an encoder lists (also of encoders
     *     with problems)
     */
    record Result(Map<String, EncoderDecl> encoders, Map<String, String> encoderOfView) {}

    private final ViewRefs refs;
    /** View name → its output shape, where known. */
    private final Map<String, Shape> shapes;
    private final Families families;
    private final Problems problems;
    /** Whether a checkpoint holds the weights: files of starting weights are then not opened. */
    private final boolean weightsFromCheckpoint;
    private Map<String, String> encoderOfView;

    EncodersReader(ViewRefs refs, Map<String, Shape> shapes, Families families, Problems problems,
            boolean weightsFromCheckpoint) {
        this.refs = refs;
        this.shapes = shapes;
        this.families = families;
        this.problems = problems;
        this.weightsFromCheckpoint = weightsFromCheckpoint;
    }

    /** The encoders, or {@code null} (and a problem) when the section is not a map at all. */
    Result read(PosNode node) {
        var map = problems.map(node, "encoders", "{image: {type: conv, views: [img_a, img_b]}}");
        if (map == null) {
            return null;
        }
        if (map.entries().isEmpty()) {
            problems.add(map, "encoders is empty", "add an encoder, e.g. image: {type: conv, views: [img_a, img_b]}");
        }
        encoderOfView = new HashMap<>();
        var encoders = new LinkedHashMap<String, EncoderDecl>();
        map.entries().forEach((name, entry) -> {
            var encoder = encoder(name, entry.value());
            if (encoder != null) {
                encoders.put(name, encoder);
            }
        });
        return new Result(encoders, encoderOfView);
    }

    private EncoderDecl encoder(String name, PosNode node) {
        int before = problems.count();
        var family = families.encoders();
        var s = Section.of(node, "encoders." + name, DeclaredParams.keys(OWN_KEYS, family), problems);
        if (s == null) {
            return null;
        }
        var typeNode = s.required("type", "one of " + String.join(", ", family.names()));
        var type = typeNode == null ? null : Section.oneOf(typeNode, s.path("type"), family.names(), family.family(), problems);
        var params = type == null ? null : DeclaredParams.read(s, family.get(type), family, problems, weightsFromCheckpoint);
        var stochastic = StochasticReader.read(s, type == null ? null : family.get(type), problems);
        var viewsNode = s.required("views", "[img_a, img_b]");
        var items = viewsNode == null ? null : problems.list(viewsNode, s.path("views"), "[img_a, img_b]");
        var fed = new ArrayList<String>();
        if (items != null && items.isEmpty()) {
            problems.add(viewsNode, s.path("views") + " is empty", "list the views this encoder embeds, e.g. [img_a, img_b]");
        }
        for (var item : items == null ? List.<PosNode>of() : items) {
            var ref = refs.viewRef(item, s.path("views"));
            // a group (a family view's name, or one of its groups) feeds every member view in it
            for (var view : ref == null ? List.<String>of() : refs.members(ref)) {
                var other = encoderOfView.putIfAbsent(view, name);
                if (other != null) {
                    problems.add(item, other.equals(name)
                                    ? "view '" + view + "' is listed twice in encoder '" + name + "'"
                                    : "view '" + view + "' is fed to encoder '" + other + "' and to encoder '" + name + "'",
                            other.equals(name) ? "list it once" : "a view goes to one encoder: remove it here, or declare a copy with {like: " + view + "}");
                    continue;
                }
                fed.add(view);
            }
        }
        checkSameStage(name, viewsNode, fed);
        if (problems.count() > before) {
            return null;
        }
        var encoder = new EncoderDecl(name, type, params, fed, stochastic);
        var descriptor = family.get(type);
        var input = descriptor.input(weightsFromCheckpoint ? descriptor.withoutStartingWeights(params) : params);
        EncoderShapes.check(encoder, input, family, shapes, viewsNode, problems);
        return encoder;
    }

    /** The views of one encoder go through the same layers, so they must end in the same kind of tensor. */
    private void checkSameStage(String encoder, PosNode at, List<String> fed) {
        var byStage = new LinkedHashMap<Stage, List<String>>();
        for (var view : fed) {
            var stage = refs.stage(view);
            if (stage != null) {
                byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(view);
            }
        }
        if (byStage.size() > 1) {
            var detail = byStage.entrySet().stream()
                    .map(e -> String.join(", ", e.getValue()) + (e.getValue().size() == 1 ? " ends in " : " end in ")
                            + e.getKey().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining("; "));
            problems.add(at, "encoder '" + encoder + "' is fed views of different kinds: " + detail,
                    "give each kind of view its own encoder");
        }
    }
}
