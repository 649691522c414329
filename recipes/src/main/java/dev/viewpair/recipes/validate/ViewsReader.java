package dev.viewpair.recipes.validate;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.catalog.OpCatalog;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.views.catalog.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code views} section: each view's modality and op chain, checked against the op catalogue
 * stage by stage, then {@code like} references expanded.
 */
final class ViewsReader {
    private static final List<String> KEYS = List.of("from", "ops", "like");
    private static final List<String> MODALITIES = Arrays.stream(Modality.values()).map(Modality::recipeName).toList();

    /**
     * The views read.
     *
     * @param views the views without problems, {@code like} expanded, in recipe order
     * @param outputs view name → the stage its last op gives, where known
     * @param names every declared view name, with or without problems (so other sections can tell an
     *     undefined name from a broken view)
     */
    record Result(Map<String, ViewSpec> views, Map<String, Stage> outputs, Set<String> names) {}

    /** One view as written, before {@code like} is followed. */
    private record Draft(String name, Modality from, List<OpSpec> ops, Stage output, String like, PosNode likeNode, boolean ok) {}

    private final OpCatalog catalog;
    private final Problems problems;

    ViewsReader(OpCatalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    /** The views, or {@code null} (and a problem) when the section is not a map at all. */
    Result read(PosNode node) {
        var map = problems.map(node, "views", "{img_a: {from: image, ops: [hflip]}}");
        if (map == null) {
            return null;
        }
        if (map.entries().isEmpty()) {
            problems.add(map, "views is empty", "declare at least two views, e.g. img_a: {from: image, ops: [...]}");
        }
        var drafts = new LinkedHashMap<String, Draft>();
        map.entries().forEach((name, entry) -> drafts.put(name, draft(name, entry.value())));
        var views = new LinkedHashMap<String, ViewSpec>();
        var outputs = new LinkedHashMap<String, Stage>();
        var reportedCycles = new HashSet<String>();
        for (var d : drafts.values()) {
            var base = d.like() == null ? d : follow(d, drafts, reportedCycles);
            if (base == null) {
                continue;
            }
            if (base.output() != null) {
                outputs.put(d.name(), base.output());
            }
            if (d.ok() && base.ok()) {
                views.put(d.name(), new ViewSpec(d.name(), base.from(), base.ops()));
            }
        }
        return new Result(views, outputs, new LinkedHashSet<>(drafts.keySet()));
    }

    private Draft draft(String name, PosNode node) {
        int before = problems.count();
        var section = Section.of(node, "views." + name, KEYS, problems);
        if (section == null) {
            return new Draft(name, null, List.of(), null, null, null, false);
        }
        if (section.has("like")) {
            var likeNode = section.required("like", "<another view>");
            var like = likeNode == null ? null : problems.text(likeNode, section.path("like"));
            for (var key : List.of("from", "ops")) {
                if (section.has(key)) {
                    problems.add(section.node().entries().get(key), "view '" + name + "' has both 'like' and '" + key + "'",
                            "'like' copies 'from' and 'ops' of the other view: remove '" + key + "', or remove 'like'");
                }
            }
            return new Draft(name, null, List.of(), null, like, likeNode, problems.count() == before && like != null);
        }
        var fromNode = section.required("from", "image, audio or video");
        Modality from = null;
        if (fromNode != null) {
            var text = Section.oneOf(fromNode, section.path("from"), MODALITIES, "modality", problems);
            from = text == null ? null : Modality.parse(text);
        }
        var opsNode = section.required("ops", "[hflip, ...]");
        var items = opsNode == null ? null : problems.list(opsNode, section.path("ops"), "[random_resized_crop: {size: 64}, hflip]");
        var ops = new ArrayList<OpSpec>();
        Stage output = items == null ? null : chain(name, from, items, ops);
        return new Draft(name, from, ops, output, null, null, problems.count() == before);
    }

    /**
     * Reads the ops of one view into {@code ops} and checks that each takes what the one before it gives.
     * Returns the stage the last op gives, or {@code null} when it cannot be known.
     */
    private Stage chain(String view, Modality from, List<PosNode> items, List<OpSpec> ops) {
        Stage stage = from == null ? null : Stage.initial(from);
        String previous = null;
        Stage previousInput = null;
        for (var item : items) {
            var op = op(view, item);
            if (op == null) {
                stage = null;
                continue;
            }
            var all = catalog.find(op.name());
            if (all.isEmpty()) {
                problems.add(op.at(), "unknown op '" + op.name() + "' in view '" + view + "'",
                        Problems.suggest(op.name(), catalog.names(), "known ops"));
                stage = null;
                continue;
            }
            OpDescriptor d = stage == null ? null : catalog.find(op.name(), stage).orElse(null);
            boolean fits = d != null;
            if (!fits && stage != null) {
                mismatch(view, from, op, all, stage, previous, previousInput);
            }
            if (!fits && all.size() == 1) {
                d = all.get(0);
            }
            if (d != null) {
                checkParams(view, op, d);
                ops.add(new OpSpec(op.name(), op.params()));
            }
            previous = op.name();
            previousInput = d == null ? null : d.input();
            // after an op that does not fit, what flows on is unknown: check no further stages
            stage = fits ? d.output() : null;
        }
        return stage;
    }

    /** An op as written: its name, where the name is, its parameters and where each key is. */
    private record WrittenOp(String name, PosNode at, Map<String, Object> params, Map<String, PosNode.Entry> entries) {}

    private WrittenOp op(String view, PosNode item) {
        if (item instanceof PosNode.Scalar s && s.value() instanceof String name) {
            return new WrittenOp(name, item, Map.of(), Map.of());
        }
        if (!(item instanceof PosNode.Mapping m) || m.entries().isEmpty()) {
            problems.add(item, "view '" + view + "': expected an op, got " + item.describe(),
                    "write an op name (hflip) or a name with parameters (random_resized_crop: {size: 64})");
            return null;
        }
        if (m.entries().size() > 1) {
            problems.add(item, "view '" + view + "': an op is a one-key map, this one has " + m.entries().size()
                    + " keys (" + String.join(", ", m.entries().keySet()) + ")", "start each op on its own '- ' list item");
            return null;
        }
        var entry = m.entries().values().iterator().next();
        var at = new PosNode.Scalar(entry.key(), entry.line(), entry.column());
        if (entry.value().isNull()) {
            return new WrittenOp(entry.key(), at, Map.of(), Map.of());
        }
        if (!(entry.value() instanceof PosNode.Mapping params)) {
            problems.add(entry.value(), "view '" + view + "': the parameters of op '" + entry.key() + "' must be a map, got "
                    + entry.value().describe(), "write " + entry.key() + ": {name: value, ...}");
            return null;
        }
        var values = new LinkedHashMap<String, Object>();
        params.entries().forEach((key, e) -> {
            if (e.value().isNull()) {
                problems.add(e, "parameter '" + key + "' of op '" + entry.key() + "' in view '" + view + "' has no value",
                        "give it a value, or remove it to use the default");
            } else {
                values.put(key, e.value().plain());
            }
        });
        return new WrittenOp(entry.key(), at, values, params.entries());
    }

    /**
     * Reports the catalogue's parameter problems at the key (unknown) or value (wrong) they concern; when
     * there are none, makes the op once, so a rule only its constructor knows is reported here too.
     */
    private void checkParams(String view, WrittenOp op, OpDescriptor d) {
        var found = d.check(op.params());
        if (found.isEmpty()) {
            try {
                d.factory().apply(d.params(op.params()));
            } catch (IllegalArgumentException e) {
                problems.add(op.at(), "op '" + op.name() + "' in view '" + view + "': " + e.getMessage(),
                        "change the op's parameters (see the op catalogue in the README)");
            }
        }
        for (var problem : found) {
            var entry = problem.param() == null ? null : op.entries().get(problem.param());
            var message = problem.message() + " in view '" + view + "'";
            if (entry == null) {
                problems.add(op.at(), message, problem.hint());
            } else if (d.keys().contains(entry.key())) {
                problems.add(entry.value(), message, problem.hint());
            } else {
                problems.add(entry, message, problem.hint());
            }
        }
    }

    private void mismatch(String view, Modality from, WrittenOp op, List<OpDescriptor> all, Stage stage,
            String previous, Stage previousInput) {
        var gives = previous == null
                ? "what a " + from.recipeName() + " view starts with"
                : "what '" + previous + "' gives";
        var takes = all.stream().map(d -> withArticle(d.input())).distinct().collect(Collectors.joining(" or "));
        var hint = new StringBuilder("'" + op.name() + "' takes " + takes);
        if (previous != null && all.stream().anyMatch(d -> d.input() == previousInput)) {
            hint.append("; move it before '").append(previous).append("'");
        }
        var fitting = catalog.descriptors().stream().filter(d -> d.input() == stage).map(OpDescriptor::name).distinct().sorted().toList();
        if (!fitting.isEmpty()) {
            hint.append("; ops that take ").append(withArticle(stage)).append(": ").append(String.join(", ", fitting));
        }
        problems.add(op.at(), "op '" + op.name() + "' in view '" + view + "' cannot take " + withArticle(stage) + " (" + gives + ")",
                hint.toString());
    }

    private static String withArticle(Stage stage) {
        var name = stage.name().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    /** The view a {@code like} chain ends at, or {@code null} (and a problem) when it is undefined or circular. */
    private Draft follow(Draft start, Map<String, Draft> drafts, Set<String> reported) {
        var path = new ArrayList<String>();
        var current = start;
        while (current.like() != null) {
            path.add(current.name());
            var next = drafts.get(current.like());
            if (next == null) {
                if (current == start) {
                    problems.add(start.likeNode(), "view '" + start.name() + "' is like '" + start.like() + "', which is not a view",
                            Problems.suggest(start.like(), drafts.keySet(), "views"));
                }
                return null;
            }
            int seen = path.indexOf(next.name());
            if (seen >= 0) {
                // report each cycle once, at the first of its views in recipe order
                var cycle = path.subList(seen, path.size());
                if (cycle.contains(start.name()) && cycle.stream().noneMatch(reported::contains)) {
                    problems.add(start.likeNode(), "'like' goes round in a circle: " + String.join(" → ", cycle) + " → " + next.name(),
                            "give one of them 'from' and 'ops' instead of 'like'");
                    reported.addAll(cycle);
                }
                return null;
            }
            current = next;
        }
        return current;
    }
}
