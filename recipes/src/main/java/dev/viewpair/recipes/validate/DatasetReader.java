package dev.viewpair.recipes.validate;

import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.types.DatasetTypes;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.Families;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code dataset} section: the type, the path (resolved against the recipe's folder, or a URI an
 * installed storage reads), the split fractions, a separate test set and the bad-input policy.
 */
final class DatasetReader {
    static final List<String> KEYS = List.of("type", "path", "split", "test", "on_bad_input",
            "allow_outside_root");
    private static final double SUM_TOLERANCE = 1e-6;

    private final Families families;
    private final Problems problems;

    DatasetReader(Families families, Problems problems) {
        this.families = families;
        this.problems = problems;
    }

    /** The dataset, or {@code null} when it has problems (they are reported). */
    DatasetDecl read(PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "dataset", KEYS, problems);
        if (s == null) {
            return null;
        }
        var types = families.datasets().names();
        var typeNode = s.required("type", "one of " + String.join(", ", types));
        var type = typeNode == null ? null : Section.oneOf(typeNode, s.path("type"), types, families.datasets().family(), problems);
        var pathNode = s.required("path", "data/manifest.csv (relative to the recipe's folder)");
        var path = pathNode == null ? null : problems.text(pathNode, s.path("path"));
        var splitNode = s.get("split");
        if (splitNode != null && DatasetDecl.SHARDS.equals(type)) {
            problems.add(splitNode, "dataset.split is not given for shards: each sample's split was drawn when the shards were"
                    + " written", "remove split here; set it in the recipe you run ./viewpair preprocess with");
        }
        var split = splitNode == null ? DatasetDecl.ALL_TRAIN : split(splitNode);
        var onBadInput = s.choice("on_bad_input", DatasetDecl.SKIP, DatasetDecl.BAD_INPUT_POLICIES, "bad-input policy");
        var outsideNode = s.get("allow_outside_root");
        boolean allowOutside = false;
        if (outsideNode != null) {
            if (outsideNode instanceof PosNode.Scalar sc && sc.value() instanceof Boolean b) {
                allowOutside = b;
            } else {
                problems.add(outsideNode, s.path("allow_outside_root") + ": expected true or false, got " + outsideNode.describe(),
                        "write allow_outside_root: true to let the dataset read media outside its folder");
            }
        }
        var testNode = s.get("test");
        var test = testNode == null ? null : problems.text(testNode, s.path("test"));
        if (test != null && split != null && split.containsKey("test")) {
            problems.add(testNode, "dataset.test names a test set, and dataset.split has a test fraction too",
                    "keep one: drop dataset.test, or the test fraction of dataset.split");
        }
        if (problems.count() > before) {
            return null;
        }
        var folder = problems.file().toAbsolutePath().getParent();
        var testResolved = test == null ? null : resolve(folder, testNode, "dataset.test", test);
        if (test != null && testResolved == null) {
            return null;
        }
        if (isStored(path)) {
            var uri = storedUri(pathNode, path, type, testNode);
            return uri == null ? null : new DatasetDecl(type, null, split, onBadInput, allowOutside, testResolved, uri);
        }
        var resolved = resolve(folder, pathNode, "dataset.path", path);
        return resolved == null ? null : new DatasetDecl(type, resolved, split, onBadInput, allowOutside, testResolved);
    }

    /** Whether a dataset path is a URI read through a storage: one with a scheme other than {@code file:}. */
    private static boolean isStored(String path) {
        return Storage.isUri(path) && !path.regionMatches(true, 0, "file:", 0, 5);
    }

    /**
     * A dataset path resolved against the recipe's folder ({@code file:} URIs too), or null after reporting a path
     * that is not one.
     */
    private Path resolve(Path folder, PosNode node, String key, String path) {
        try {
            return Storage.isUri(path) ? Path.of(new URI(path)).normalize() : folder.resolve(path).normalize();
        } catch (InvalidPathException e) {
            problems.add(node, key + " '" + path + "' is not a valid path: " + e.getReason(), "write a file path");
        } catch (URISyntaxException | IllegalArgumentException e) {
            problems.add(node, key + " '" + path + "' is not a valid file: URI (" + e.getMessage() + ")",
                    "write file:/absolute/path, or a plain path");
        } catch (FileSystemNotFoundException e) {
            problems.add(node, key + " '" + path + "' names no file system of this machine", "write a plain path");
        }
        return null;
    }

    /**
     * A {@code dataset.path} URI ({@code hdfs://…}) that an installed storage reads, for a type whose files it can
     * list and read; null after reporting why not.
     */
    private URI storedUri(PosNode node, String path, String type, PosNode testNode) {
        URI uri;
        try {
            uri = new URI(path);
        } catch (URISyntaxException e) {
            problems.add(node, "dataset.path '" + path + "' is not a valid URI: " + e.getReason(),
                    "write it as scheme://host/path, e.g. hdfs://namenode/data/manifest.csv (spaces as %20)");
            return null;
        }
        var uriTypes = DatasetTypes.readByUri(families.datasets());
        if (!uriTypes.contains(type)) {
            problems.add(node, "dataset.path '" + path + "' is a URI, but a dataset of type " + type + " is read from this"
                    + " machine's files", "copy it here and give its path, or use a type read by URI: "
                    + String.join(", ", uriTypes));
            return null;
        }
        if (testNode != null) {
            problems.add(testNode, "dataset.test is a second dataset, which is read from this machine's files, but"
                    + " dataset.path is a URI", "drop dataset.test and give dataset.split a test fraction");
            return null;
        }
        if (uri.isOpaque() || uri.getPath() == null || uri.getPath().isEmpty()) {
            problems.add(node, "dataset.path '" + path + "' has no path", "write it as scheme://host/path, e.g."
                    + " hdfs://namenode/data/manifest.csv");
            return null;
        }
        if (Storage.of(uri).isEmpty()) {
            problems.add(node, "dataset.path '" + path + "': " + Storage.unreadable(uri), "use a local path, or"
                    + " ./viewpair preprocess RECIPE --engine spark, which reads Hadoop file systems");
            return null;
        }
        return uri;
    }

    private Map<String, Double> split(PosNode node) {
        var map = problems.map(node, "dataset.split", "{train: 0.8, test: 0.2}");
        if (map == null) {
            return null;
        }
        int before = problems.count();
        var split = new LinkedHashMap<String, Double>();
        map.entries().forEach((name, entry) -> {
            if (!DatasetDecl.SPLITS.contains(name)) {
                problems.add(entry, "unknown split '" + name + "' in dataset.split", Problems.suggest(name, DatasetDecl.SPLITS, "splits"));
                return;
            }
            var path = "dataset.split." + name;
            var fraction = problems.number(entry.value(), path, 0, true);
            if (fraction != null && fraction > 1) {
                problems.add(entry.value(), path + " must be ≤ 1, got " + fmt(fraction), "give a fraction in (0, 1]");
            } else if (fraction != null) {
                split.put(name, fraction);
            }
        });
        if (problems.count() > before) {
            return null;
        }
        if (!split.containsKey("train")) {
            problems.add(map, "dataset.split has no 'train' fraction", "add train: <fraction>, e.g. {train: 0.8, test: 0.2}");
            return null;
        }
        double sum = split.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            problems.add(map, "the fractions of dataset.split add up to " + fmt(sum) + ", not 1",
                    "make them add up to 1, e.g. {train: 0.8, test: 0.2}");
            return null;
        }
        return split;
    }

    /** A number for a message: at most six significant digits, no trailing zeros. */
    private static String fmt(double x) {
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
