package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.RecipeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The command line's {@code --set KEY=VALUE}, written into a recipe's tree before it is checked, so that an override
 * is validated like a line of the file and its problems name it ({@code --set train.epochs=abc: …}).
 *
 * <p>KEY is a dotted path: map keys ({@code train.optimizer.lr}), and list items by name ({@code
 * pairs.image-audio.weight}: the pair named so, by {@code name:} or by its two views; {@code
 * views.img.ops.random_resized_crop.size}: the op of that name, whose parameters follow). A part that is a name
 * holding dots is found too: the longest run of parts that names something is taken. A key the recipe lacks is
 * added (maps on the way are made); a list item it lacks is a problem. VALUE is a YAML value: {@code 20},
 * {@code 1e-3}, {@code cosine}, {@code [0.5, 1]}, {@code {type: sgd, lr: 0.1}}; nothing after {@code =} is null.
 * The nodes of the i-th override stand at line {@code -(i + 1)} ({@link Problems}).
 */
final class Overrides {
    private final Problems problems;
    /** The line the nodes of the override being written stand at. */
    private int line;

    private Overrides(Problems problems) {
        this.problems = problems;
    }

    /** The tree with every override written into it, in order; an override with a problem is reported and left out. */
    static PosNode apply(PosNode root, List<String> overrides, Problems problems) {
        var o = new Overrides(problems);
        for (int i = 0; i < overrides.size(); i++) {
            root = o.one(root, overrides.get(i), -(i + 1));
        }
        return root;
    }

    private PosNode one(PosNode root, String text, int line) {
        this.line = line;
        int eq = text.indexOf('=');
        if (eq <= 0) {
            problems.add(line, 0, "expected KEY=VALUE", "name a recipe key with dots, e.g. --set train.epochs=20");
            return root;
        }
        var key = text.substring(0, eq);
        var parts = List.of(key.split("\\.", -1));
        if (parts.stream().anyMatch(String::isBlank)) {
            problems.add(line, 0, "the key '" + key + "' has an empty part", "separate its parts with single dots, e.g. train.optimizer.lr");
            return root;
        }
        var value = value(text.substring(eq + 1));
        if (value == null) {
            return root;
        }
        var set = set(root, parts, 0, value);
        return set == null ? root : set;
    }

    /** The value as a YAML node at the override's line, or {@code null} and a problem. */
    private PosNode value(String yaml) {
        if (yaml.isBlank()) {
            return new PosNode.Scalar(null, line, 0);
        }
        var scratch = new Problems(Path.of("--set"));
        var node = TreeReader.read(yaml, TreeReader.Format.YAML, scratch);
        try {
            scratch.throwIfAny();
        } catch (RecipeException e) {
            problems.add(line, 0, "the value is not YAML: " + e.problems().get(0).message(),
                    "quote it for the shell and for YAML, e.g. --set 'name=\"my run\"'");
            return null;
        }
        return at(node);
    }

    /** The node and everything in it placed at the override's line. */
    private PosNode at(PosNode node) {
        if (node instanceof PosNode.Sequence s) {
            return new PosNode.Sequence(s.items().stream().map(this::at).toList(), line, 0);
        }
        if (node instanceof PosNode.Mapping m) {
            var entries = new LinkedHashMap<String, PosNode.Entry>();
            m.entries().forEach((k, e) -> entries.put(k, new PosNode.Entry(k, line, 0, at(e.value()))));
            return new PosNode.Mapping(entries, line, 0);
        }
        return new PosNode.Scalar(((PosNode.Scalar) node).value(), line, 0);
    }

    private PosNode.Mapping empty() {
        return new PosNode.Mapping(new LinkedHashMap<>(), line, 0);
    }

    /** {@code node} with {@code parts} from {@code i} on set to {@code value}; {@code null} after a problem. */
    private PosNode set(PosNode node, List<String> parts, int i, PosNode value) {
        if (i == parts.size()) {
            return value;
        }
        var here = String.join(".", parts.subList(0, i));
        if (node instanceof PosNode.Mapping m) {
            return inMap(m, parts, i, value);
        }
        if (node instanceof PosNode.Sequence s) {
            return inList(s, here, parts, i, value);
        }
        if (node.isNull()) {
            return inMap(new PosNode.Mapping(new LinkedHashMap<>(), node.line(), node.column()), parts, i, value);
        }
        problems.add(line, 0, here + " is " + node.describe() + ", not a map: it has no '" + parts.get(i) + "'",
                "set " + here + " as a whole: --set " + here + "=…");
        return null;
    }

    private PosNode inMap(PosNode.Mapping m, List<String> parts, int i, PosNode value) {
        var entries = new LinkedHashMap<>(m.entries());
        for (int j = parts.size(); j > i; j--) {
            var key = String.join(".", parts.subList(i, j));
            var entry = entries.get(key);
            if (entry != null) {
                var child = set(entry.value(), parts, j, value);
                if (child == null) {
                    return null;
                }
                entries.put(key, new PosNode.Entry(key, entry.line(), entry.column(), child));
                return new PosNode.Mapping(entries, m.line(), m.column());
            }
        }
        var key = parts.get(i);
        var child = set(empty(), parts, i + 1, value);
        if (child == null) {
            return null;
        }
        entries.put(key, new PosNode.Entry(key, line, 0, child));
        return new PosNode.Mapping(entries, m.line(), m.column());
    }

    private PosNode inList(PosNode.Sequence s, String here, List<String> parts, int i, PosNode value) {
        var names = s.items().stream().map(Overrides::name).toList();
        for (int j = parts.size(); j > i; j--) {
            var name = String.join(".", parts.subList(i, j));
            var at = new ArrayList<Integer>();
            for (int k = 0; k < names.size(); k++) {
                if (name.equals(names.get(k))) {
                    at.add(k);
                }
            }
            if (at.size() > 1) {
                problems.add(line, 0, here + " has " + at.size() + " items named '" + name + "'",
                        "set the whole list: --set " + here + "=[…]");
                return null;
            }
            if (at.size() == 1) {
                var item = item(s.items().get(at.get(0)), parts, j, value);
                if (item == null) {
                    return null;
                }
                var items = new ArrayList<>(s.items());
                items.set(at.get(0), item);
                return new PosNode.Sequence(items, s.line(), s.column());
            }
        }
        var known = names.stream().filter(n -> n != null).toList();
        problems.add(line, 0, here + " has no item named '" + parts.get(i) + "'", known.isEmpty()
                ? "its items have no names: set the whole list, --set " + here + "=[…]"
                : Problems.suggest(parts.get(i), known, "its items are"));
        return null;
    }

    /**
     * The item with the rest of the key set in it: in a named map (a pair) the key goes on in the item; in an op,
     * {@code name} or {@code name: {…}}, it goes on in its parameters.
     */
    private PosNode item(PosNode item, List<String> parts, int j, PosNode value) {
        if (item instanceof PosNode.Mapping m && PairsReader.writtenName(m).isPresent()) {
            return set(m, parts, j, value);
        }
        PosNode.Entry op = item instanceof PosNode.Mapping m ? m.entries().values().iterator().next()
                : new PosNode.Entry((String) ((PosNode.Scalar) item).value(), item.line(), item.column(), new PosNode.Scalar(null, line, 0));
        var params = set(op.value(), parts, j, value);
        if (params == null) {
            return null;
        }
        var entries = new LinkedHashMap<String, PosNode.Entry>();
        entries.put(op.key(), new PosNode.Entry(op.key(), op.line(), op.column(), params));
        return new PosNode.Mapping(entries, item.line(), item.column());
    }

    /**
     * What an item of a list is called: a map's {@code name} (a pair's, also from its two views), an op's name
     * ({@code hflip}, {@code random_resized_crop: {…}}); {@code null} for other items.
     */
    private static String name(PosNode item) {
        if (item instanceof PosNode.Mapping m) {
            var written = PairsReader.writtenName(m);
            if (written.isPresent()) {
                return written.get();
            }
            return m.entries().size() == 1 ? m.entries().keySet().iterator().next() : null;
        }
        return item instanceof PosNode.Scalar s && s.value() instanceof String text ? text : null;
    }
}
