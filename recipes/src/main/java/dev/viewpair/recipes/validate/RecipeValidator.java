package dev.viewpair.recipes.validate;

import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.mi.Critics;
import dev.viewpair.encoders.mi.MiVocabulary;
import dev.viewpair.encoders.train.DeviceNames;
import dev.viewpair.recipes.model.AudioSettings;
import dev.viewpair.recipes.model.BoundDecl;
import dev.viewpair.recipes.model.CriticDecl;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.EvalDecl;
import dev.viewpair.recipes.model.KnnDecl;
import dev.viewpair.recipes.model.LinearProbeDecl;
import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.PairDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RetrievalDecl;
import dev.viewpair.recipes.model.SyncDecl;
import dev.viewpair.recipes.model.TrainDecl;
import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.ViewChain;
import dev.viewpair.views.catalog.OpCatalog;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.catalog.TimeExpr;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a recipe tree section by section and builds the resolved {@link Recipe}. Every problem is
 * reported with its position; reading goes on past problems, and the recipe is built only when there
 * are none.
 */
final class RecipeValidator {
    private static final List<String> TOP_KEYS =
            List.of("name", "seed", "dataset", "audio", "views", "encoders", "pairs", "train", "eval");
    private static final List<String> DATASET_KEYS = List.of("type", "path", "split", "test", "on_bad_input",
            "allow_outside_root");
    private static final List<String> ENCODER_KEYS = List.of("type", "widths", "dim", "projection", "downsample", "views");
    private static final List<String> PAIR_KEYS = List.of("name", "views", "bound", "critic", "weight", "direction", "negatives");
    private static final List<String> TRAIN_KEYS = List.of("epochs", "batch", "optimizer", "schedule", "warmup_steps", "workers",
            "checkpoint_every", "clip_grad_norm", "on_nonfinite", "devices");
    private static final List<String> OPTIMIZER_KEYS = List.of("type", "lr", "weight_decay", "momentum", "nesterov",
            "trust_coefficient", "betas", "eps");
    private static final List<String> EVAL_KEYS = List.of("linear_probe", "retrieval", "knn", "sync");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final double SUM_TOLERANCE = 1e-6;

    private final OpCatalog catalog;
    private final Problems problems;

    /** What the views and encoders sections declared, for the sections that refer to views. */
    private ViewsReader.Result views;
    /** View name → its output shape, where known. */
    private Map<String, Shape> shapes = Map.of();
    /** View name → the encoder it is fed to; {@code null} when the encoders section could not be read. */
    private Map<String, String> encoderOfView;
    /** The pairs as read; {@code null} when the pairs section could not be read. */
    private List<PairDecl> pairs;
    /** Every {@code name:} written in the pairs section, including pairs refused for a problem already reported. */
    private final Set<String> writtenPairNames = new HashSet<>();

    RecipeValidator(OpCatalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    /** The resolved recipe, or {@code null} when problems were found (they are in {@link Problems}). */
    Recipe validate(PosNode root) {
        var top = Section.of(root, "", TOP_KEYS, problems);
        if (top == null) {
            return null;
        }
        var name = name(top);
        var seedNode = top.get("seed");
        Long seed = seedNode == null ? Long.valueOf(0) : problems.whole(seedNode, "seed", Long.MIN_VALUE);
        var datasetNode = top.required("dataset", "{type: manifest, path: data/manifest.csv}");
        var dataset = datasetNode == null ? null : dataset(datasetNode);
        var audioNode = top.get("audio");
        var audio = audioNode == null ? AudioSettings.DEFAULT : audio(audioNode);
        var viewsNode = top.required("views", "{img_a: {from: image, ops: [hflip]}, img_b: {like: img_a}}");
        views = viewsNode == null ? null : new ViewsReader(catalog, problems).read(viewsNode);
        if (views != null && audio != null) {
            shapes = new ViewShapeChecks(catalog, problems).check(views, audio.sampleRate());
        }
        var encodersNode = top.required("encoders", "{image: {type: conv, views: [img_a, img_b]}}");
        var encoders = encodersNode == null ? null : encoders(encodersNode);
        var pairsNode = top.required("pairs", "[{views: [img_a, img_b], bound: infonce, critic: cosine}]");
        pairs = pairsNode == null ? null : pairs(pairsNode);
        var trainNode = top.get("train");
        var train = trainNode == null ? TrainDecl.DEFAULT : train(trainNode);
        var evalNode = top.get("eval");
        var eval = evalNode == null ? EvalDecl.NONE : eval(evalNode);
        if (eval != null && dataset != null && evalNode != null) {
            EvalChecks.check(evalNode, eval, dataset, problems);
        }
        if (problems.count() > 0) {
            return null;
        }
        return new Recipe(name, seed, dataset, audio, views.views(), encoders, pairs, train, eval);
    }

    private String name(Section top) {
        var fileName = problems.file().getFileName().toString();
        var name = top.text("name", fileName.substring(0, fileName.lastIndexOf('.')));
        var node = top.get("name");
        if (node != null && name != null && !NAME.matcher(name).matches()) {
            problems.add(node, "name '" + name + "' may hold only letters, digits, '.', '_' and '-', starting with a letter or digit",
                    "it names run folders; write e.g. " + name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[._-]+", ""));
        }
        return name;
    }

    // ---- dataset and audio

    private DatasetDecl dataset(PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "dataset", DATASET_KEYS, problems);
        if (s == null) {
            return null;
        }
        var typeNode = s.required("type", "one of " + String.join(", ", DatasetDecl.TYPES));
        var type = typeNode == null ? null : Section.oneOf(typeNode, s.path("type"), DatasetDecl.TYPES, "dataset type", problems);
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
        if (!DatasetDecl.URI_TYPES.contains(type)) {
            problems.add(node, "dataset.path '" + path + "' is a URI, but a dataset of type " + type + " is read from this"
                    + " machine's files", "copy it here and give its path, or use a type read by URI: "
                    + String.join(", ", DatasetDecl.URI_TYPES));
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

    private AudioSettings audio(PosNode node) {
        var s = Section.of(node, "audio", List.of("sample_rate"), problems);
        var rate = s == null ? null : s.integer("sample_rate", AudioSettings.DEFAULT_SAMPLE_RATE, 1000);
        return rate == null ? null : new AudioSettings(rate);
    }

    // ---- encoders

    private Map<String, EncoderDecl> encoders(PosNode node) {
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
        return encoders;
    }

    private EncoderDecl encoder(String name, PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "encoders." + name, ENCODER_KEYS, problems);
        if (s == null) {
            return null;
        }
        var typeNode = s.required("type", "one of " + String.join(", ", EncoderDecl.TYPES));
        var type = typeNode == null ? null : Section.oneOf(typeNode, s.path("type"), EncoderDecl.TYPES, "encoder type", problems);
        var widths = widths(s);
        var dim = s.integer("dim", EncoderDecl.DEFAULT_DIM, 1);
        var projection = s.integer("projection", 0, 0);
        var downsample = s.choice("downsample", EncoderDecl.DOWNSAMPLING.get(0), EncoderDecl.DOWNSAMPLING, "downsampling");
        var viewsNode = s.required("views", "[img_a, img_b]");
        var items = viewsNode == null ? null : problems.list(viewsNode, s.path("views"), "[img_a, img_b]");
        var fed = new ArrayList<String>();
        if (items != null && items.isEmpty()) {
            problems.add(viewsNode, s.path("views") + " is empty", "list the views this encoder embeds, e.g. [img_a, img_b]");
        }
        for (var item : items == null ? List.<PosNode>of() : items) {
            var ref = viewRef(item, s.path("views"));
            // a group (a family view's name, or one of its groups) feeds every member view in it
            for (var view : ref == null ? List.<String>of() : members(ref)) {
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
        var encoder = new EncoderDecl(name, type, widths, dim, projection, downsample, fed);
        EncoderInput.check(encoder, shapes, viewsNode, problems);
        return encoder;
    }

    private List<Integer> widths(Section s) {
        var node = s.get("widths");
        if (node == null) {
            return EncoderDecl.DEFAULT_WIDTHS;
        }
        var items = problems.list(node, s.path("widths"), "[32, 64, 128]");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.add(node, s.path("widths") + " is empty", "give at least one width, e.g. [32, 64, 128]");
        }
        var widths = new ArrayList<Integer>();
        for (int i = 0; i < items.size(); i++) {
            widths.add(problems.integer(items.get(i), s.path("widths") + "[" + i + "]", 1));
        }
        return widths.contains(null) ? null : widths;
    }

    /** The views of one encoder go through the same layers, so they must end in the same kind of tensor. */
    private void checkSameStage(String encoder, PosNode at, List<String> fed) {
        var byStage = new LinkedHashMap<Stage, List<String>>();
        for (var view : fed) {
            var stage = views == null ? null : views.outputs().get(view);
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

    // ---- pairs

    private List<PairDecl> pairs(PosNode node) {
        var items = problems.list(node, "pairs", "[{views: [img_a, img_b], bound: infonce, critic: cosine}]");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            problems.add(node, "pairs is empty", "add a pair, e.g. - {views: [img_a, img_b], bound: infonce, critic: cosine}");
        }
        var pairs = new ArrayList<PairDecl>();
        var names = new HashMap<String, PosNode>();
        for (int i = 0; i < items.size(); i++) {
            writtenName(items.get(i)).ifPresent(writtenPairNames::add);
            for (var pair : pair("pairs[" + i + "]", items.get(i))) {
                var first = names.putIfAbsent(pair.name(), items.get(i));
                if (first != null) {
                    problems.add(items.get(i), "two pairs are named '" + pair.name() + "' (the other at line " + first.line() + ")",
                            "give them different names with name: ...");
                }
                pairs.add(pair);
            }
        }
        return pairs;
    }

    /** The name a pair is written with ({@code name:}, or {@code a-b} from its two views), whether valid or not. */
    private static Optional<String> writtenName(PosNode item) {
        if (!(item instanceof PosNode.Mapping m)) {
            return Optional.empty();
        }
        var name = m.entries().get("name");
        if (name != null) {
            return name.value() instanceof PosNode.Scalar n ? Optional.of(String.valueOf(n.value())) : Optional.empty();
        }
        var views = m.entries().get("views");
        if (views != null && views.value() instanceof PosNode.Sequence seq && seq.items().size() == 2
                && seq.items().get(0) instanceof PosNode.Scalar a && seq.items().get(1) instanceof PosNode.Scalar b) {
            return Optional.of(PairDecl.defaultName(String.valueOf(a.value()), String.valueOf(b.value())));
        }
        return Optional.empty();
    }

    /**
     * One pair as written; several when a side names a group of member views: then it stands for every pairing
     * of a view of the first group with a different view of the second (each unordered pairing once when both
     * sides name the same group), named {@code a-b}, or {@code name.a-b} when the pair has a name, the pair's
     * weight shared out evenly.
     */
    private List<PairDecl> pair(String path, PosNode node) {
        int before = problems.count();
        var s = Section.of(node, path, PAIR_KEYS, problems);
        if (s == null) {
            return List.of();
        }
        var viewsNode = s.required("views", "[img_a, img_b]");
        var items = viewsNode == null ? null : problems.list(viewsNode, s.path("views"), "[img_a, img_b]");
        String a = null;
        String b = null;
        if (items != null && items.size() != 2) {
            problems.add(viewsNode, s.path("views") + " must name two views, got " + items.size(), "write views: [view_a, view_b]");
        } else if (items != null) {
            a = pairSide(items.get(0), s.path("views"));
            b = pairSide(items.get(1), s.path("views"));
            if (a != null && a.equals(b) && !isGroup(a)) {
                problems.add(items.get(1), s.path("views") + " pairs view '" + a + "' with itself",
                        "pair two different views; for two augmentations of one input declare a copy with {like: " + a + "}");
            }
        }
        var name = s.text("name", a != null && b != null ? PairDecl.defaultName(a, b) : null);
        var boundNode = s.required("bound", "infonce");
        var bound = boundNode == null ? null : choice(boundNode, s.path("bound"), "bound", MiVocabulary.bounds());
        var criticNode = s.required("critic", "cosine");
        var critic = criticNode == null ? null : choice(criticNode, s.path("critic"), "critic", MiVocabulary.critics());
        var weight = s.number("weight", 1.0, 0, true);
        var direction = s.choice("direction", PairDecl.MAXIMIZE, List.of(PairDecl.MAXIMIZE, PairDecl.MINIMIZE), "direction");
        if (bound != null && direction != null) {
            boolean upper = MiVocabulary.upperBounds().contains(bound.type());
            if (upper && !PairDecl.MINIMIZE.equals(direction)) {
                problems.add(boundNode, "'" + bound.type() + "' is an upper bound on MI: it can only be minimized",
                        "add direction: minimize to the pair (to limit what the representations share), or use a lower bound");
            } else if (!upper && PairDecl.MINIMIZE.equals(direction)) {
                problems.add(s.get("direction"), "'" + bound.type() + "' is a lower bound on MI: minimizing it proves nothing",
                        "minimize an upper bound (" + String.join(", ", MiVocabulary.upperBounds()) + ") instead");
            }
        }
        if (bound != null && critic != null) {
            var required = MiVocabulary.requiredCritics().get(bound.type());
            if (required != null && !required.equals(critic.type())) {
                problems.add(criticNode, "bound '" + bound.type() + "' needs the log-density critic '" + required + "', got '"
                        + critic.type() + "'", "write critic: " + required);
            }
        }
        var negativesNode = s.get("negatives");
        var negatives = negativesNode == null || a == null || b == null || bound == null ? null
                : negatives(negativesNode, s.path("negatives"), a, b, bound);
        // a side may be null without a new problem: a member of a family view whose problem is reported already
        if (problems.count() > before || a == null || b == null) {
            return List.of();
        }
        var boundDecl = new BoundDecl(bound.type(), bound.params());
        var criticDecl = new CriticDecl(critic.type(), critic.params());
        if (!isGroup(a) && !isGroup(b)) {
            return List.of(new PairDecl(name, a, b, boundDecl, criticDecl, weight, direction, Optional.ofNullable(negatives)));
        }
        var first = members(a);
        var second = members(b);
        var pairings = new ArrayList<String[]>();
        for (int i = 0; i < first.size(); i++) {
            for (int j = 0; j < second.size(); j++) {
                var x = first.get(i);
                var y = second.get(j);
                if (!x.equals(y) && !(first.equals(second) && j < i)) {
                    pairings.add(new String[] {x, y});
                }
            }
        }
        if (pairings.isEmpty()) {
            problems.add(viewsNode, s.path("views") + " makes no pair: '" + a + "' and '" + b + "' hold the same single view",
                    "name two different views");
            return List.of();
        }
        var out = new ArrayList<PairDecl>();
        for (var p : pairings) {
            // pair names name checkpoint files: letters, digits, '.', '_' and '-' only
            var pairing = PairDecl.defaultName(p[0], p[1]);
            out.add(new PairDecl(s.has("name") ? name + "." + pairing : pairing, p[0], p[1], boundDecl, criticDecl,
                    weight / pairings.size(), direction));
        }
        return out;
    }

    /**
     * {@code negatives: {view: sound_shifted}}: a view of the second view's kind, fed to its encoder (the same sample
     * cut at another time), for a pair of two single views whose bound takes hard negatives; {@code null} and a
     * problem if not.
     */
    private String negatives(PosNode node, String path, String a, String b, Choice bound) {
        var s = Section.of(node, path, List.of("view"), problems);
        if (s == null) {
            return null;
        }
        var viewNode = s.required("view", "sound_shifted");
        var view = viewNode == null ? null : usedView(viewNode, s.path("view"), "pair's hard negatives");
        var refusal = Bounds.create(bound.type(), bound.params()).hardNegativesRefusal();
        if (refusal.isPresent()) {
            problems.add(node, "bound '" + bound.type() + "' takes no hard negatives: " + refusal.get(),
                    "use bound: infonce for this pair, or remove negatives");
            return null;
        }
        if (isGroup(a) || isGroup(b)) {
            problems.add(node, path + " needs a pair of two single views, but '" + (isGroup(a) ? a : b) + "' is a group",
                    "declare the pair between two single views");
            return null;
        }
        if (view == null || encoderOfView == null) {
            return null;
        }
        if (!isOtherCut(viewNode, s.path("view"), view, List.of(a, b), b)) {
            return null;
        }
        var kind = views.outputs().get(view);
        var secondKind = views.outputs().get(b);
        if (kind != null && secondKind != null && kind != secondKind) {
            problems.add(viewNode, s.path("view") + ": view '" + view + "' ends in " + kind.name().toLowerCase(Locale.ROOT)
                    + ", but the pair's second view '" + b + "' in " + secondKind.name().toLowerCase(Locale.ROOT)
                    + ": a hard negative must be a candidate of the second view's kind",
                    "declare a view like '" + b + "' cut at another time (e.g. at: anchor + 1.0s) and name it here");
            return null;
        }
        return sameEncoder(viewNode, s.path("view"), view, b)
                && cutElsewhere(viewNode, s.path("view"), view, b, "a hard negative") ? view : null;
    }

    /** Reports {@code view} if it is one of the pair's {@code own} views rather than another cut of {@code second}. */
    private boolean isOtherCut(PosNode node, String key, String view, List<String> own, String second) {
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
     * their jitters reach together, so the shift between the two can be 0. Such a view is then sometimes the
     * positive itself (or its same moment under other augmentations): a hard negative would be a false negative,
     * and the sync evaluation would score a view against itself. This is refused rather than warned about because
     * draws near a zero shift are not rare — jitter spreads the shift over its whole range, so windows that all but
     * coincide with the positive's come up every epoch — and moving {@code at} fixes it. Views that cut
     * no window, or more than one, or at times of different kinds, are not checked.
     */
    private boolean cutElsewhere(PosNode node, String key, String view, String second, String role) {
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
    private boolean sameEncoder(PosNode node, String key, String view, String second) {
        var encoder = encoderOfView.get(second);
        if (!encoderOfView.get(view).equals(encoder)) {
            problems.add(node, key + ": view '" + view + "' is fed to encoder '" + encoderOfView.get(view)
                    + "', but the pair's second view '" + second + "' to encoder '" + encoder + "'",
                    "add '" + view + "' to encoders." + encoder + ".views");
            return false;
        }
        return true;
    }

    /** One side of a pair: a view or a group of member views, each fed to an encoder; {@code null} and a problem if not. */
    private String pairSide(PosNode node, String path) {
        var name = viewRef(node, path);
        if (name == null || !isGroup(name)) {
            return name == null ? null : usedView(node, path, "pair");
        }
        for (var member : members(name)) {
            if (encoderOfView != null && !encoderOfView.containsKey(member)) {
                problems.add(node, "view '" + member + "' (of group '" + name + "') is used in a pair (" + path + ") but fed to no encoder",
                        "add '" + name + "' or '" + member + "' to the views of an encoder" + encoderHint(member));
                return null;
            }
        }
        return name;
    }

    /** Whether a name stands for a group of member views. */
    private boolean isGroup(String name) {
        return views != null && views.groups().containsKey(name);
    }

    /** The views a name stands for: the member views of a group, else the name itself. */
    private List<String> members(String name) {
        return views == null ? List.of(name) : views.groups().getOrDefault(name, List.of(name));
    }

    /** A bound or critic as written: its name and its parameters. */
    private record Choice(String type, Map<String, Object> params) {}

    /** {@code name} or {@code {type: name, key: value, ...}}, checked against the MI vocabulary. */
    private Choice choice(PosNode node, String path, String what, Map<String, List<String>> vocabulary) {
        var known = vocabulary.keySet().stream().sorted().toList();
        if (node instanceof PosNode.Scalar) {
            var type = Section.oneOf(node, path, known, what, problems);
            return type == null ? null : new Choice(type, Map.of());
        }
        if (!(node instanceof PosNode.Mapping map)) {
            problems.add(node, path + ": expected a " + what + " name or {type: ..., parameters}, got " + node.describe(),
                    "write e.g. " + what + ": " + known.get(0));
            return null;
        }
        var typeEntry = map.entries().get("type");
        if (typeEntry == null) {
            problems.add(map, path + " needs 'type'", "add type: one of " + String.join(", ", known));
            return null;
        }
        var type = Section.oneOf(typeEntry.value(), path + ".type", known, what, problems);
        if (type == null) {
            return null;
        }
        var keys = vocabulary.get(type);
        var params = new LinkedHashMap<String, Object>();
        int before = problems.count();
        for (var entry : map.entries().values()) {
            if (entry.key().equals("type")) {
                continue;
            }
            if (!keys.contains(entry.key())) {
                problems.add(entry, "unknown key '" + entry.key() + "' for " + what + " '" + type + "' in " + path,
                        keys.isEmpty() ? what + " '" + type + "' takes no parameters; remove it" : Problems.suggest(entry.key(), keys, "its keys"));
            } else if (entry.value() instanceof PosNode.Scalar value && value.value() != null) {
                params.put(entry.key(), value.value());
            } else if (entry.value() instanceof PosNode.Sequence list
                    && list.items().stream().allMatch(i -> i instanceof PosNode.Scalar v && v.value() instanceof Number)) {
                params.put(entry.key(), list.plain()); // e.g. hidden: [256, 256]
            } else {
                problems.add(entry.value(), path + "." + entry.key() + ": expected a number, true/false, text or a list of numbers, got "
                        + entry.value().describe(), "give a single value or [n, m]");
            }
        }
        if (problems.count() == before) {
            // the factories know each value's range: ask them now, so a bad value is reported here with its position
            try {
                if ("bound".equals(what)) {
                    Bounds.create(type, params);
                } else {
                    Critics.create(type, params, 8, 8);
                }
            } catch (IllegalArgumentException e) {
                problems.add(node, path + ": " + e.getMessage(), "change the " + what + "'s parameters (see docs/bounds.md)");
            }
        }
        return problems.count() > before ? null : new Choice(type, params);
    }

    // ---- views named by other sections

    /** A view name that must be declared, or {@code null} and a problem. */
    private String viewRef(PosNode node, String path) {
        var name = problems.text(node, path);
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
    private String usedView(PosNode node, String path, String user) {
        var name = viewRef(node, path);
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
    private String encoderHint(String view) {
        var stage = views == null ? null : views.outputs().get(view);
        return encoderOfView.entrySet().stream()
                .filter(e -> stage != null && stage == views.outputs().get(e.getKey()))
                .map(e -> ", e.g. encoders." + e.getValue() + ".views")
                .sorted()
                .findFirst()
                .orElse("");
    }

    // ---- train and eval

    private TrainDecl train(PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "train", TRAIN_KEYS, problems);
        if (s == null) {
            return null;
        }
        var d = TrainDecl.DEFAULT;
        var epochs = s.integer("epochs", d.epochs(), 1);
        var batch = s.integer("batch", d.batch(), 2);
        var optimizerNode = s.get("optimizer");
        var optimizer = optimizerNode == null ? d.optimizer() : optimizer(optimizerNode);
        var schedule = s.choice("schedule", d.schedule(), TrainDecl.SCHEDULES, "schedule");
        var warmup = s.integer("warmup_steps", d.warmupSteps(), 0);
        var workers = s.integer("workers", d.workers(), 1);
        var checkpointEvery = s.integer("checkpoint_every", d.checkpointEvery(), 0);
        var clipGradNorm = s.number("clip_grad_norm", d.clipGradNorm(), 0, false);
        var onNonFinite = s.choice("on_nonfinite", d.onNonFinite(), TrainDecl.ON_NONFINITE, "on_nonfinite policy");
        var devicesNode = s.get("devices");
        var devices = devicesNode == null ? d.devices() : devices(devicesNode, s.path("devices"));
        if (devices != null && batch != null && batch % devices.size() != 0) {
            problems.add(devicesNode, "train.batch " + batch + " does not split evenly over the " + devices.size()
                    + " devices of " + s.path("devices") + ": each device takes an equal shard of every batch",
                    "make train.batch a multiple of " + devices.size() + ", e.g. " + (batch / devices.size() + 1) * devices.size());
        }
        if (problems.count() > before) {
            return null;
        }
        return new TrainDecl(epochs, batch, optimizer, schedule, warmup, workers, checkpointEvery, clipGradNorm,
                onNonFinite, devices);
    }

    /**
     * {@code devices: cpu} or {@code devices: [gpu:0, gpu:1]}: the names' syntax only, since a recipe may be checked
     * on another machine than the one it trains on (the trainer checks that the GPUs are there).
     */
    private List<String> devices(PosNode node, String path) {
        var items = node instanceof PosNode.Sequence ? problems.list(node, path, "[cpu]") : List.of(node);
        if (items.isEmpty()) {
            problems.add(node, path + " is empty", "name at least one device: [cpu], or [gpu:0, gpu:1] for two GPUs");
            return null;
        }
        var names = new ArrayList<String>();
        for (PosNode item : items) {
            String name = problems.text(item, path);
            if (name == null) {
                return null;
            }
            try {
                DeviceNames.parse(name);
            } catch (IllegalArgumentException e) {
                problems.add(item, path + ": " + e.getMessage(), Problems.suggest(name, List.of("cpu", "gpu", "gpu:0", "gpu:1"), "for example"));
                return null;
            }
            names.add(name.strip());
        }
        return names;
    }

    private OptimizerDecl optimizer(PosNode node) {
        var d = OptimizerDecl.DEFAULT;
        if (node instanceof PosNode.Scalar) {
            var type = Section.oneOf(node, "train.optimizer", OptimizerDecl.TYPES, "optimizer", problems);
            return type == null ? null : new OptimizerDecl(type, d.lr(), d.weightDecay());
        }
        int before = problems.count();
        var s = Section.of(node, "train.optimizer", OPTIMIZER_KEYS, problems);
        if (s == null) {
            return null;
        }
        var type = s.choice("type", d.type(), OptimizerDecl.TYPES, "optimizer");
        var lr = s.number("lr", d.lr(), 0, true);
        var weightDecay = s.number("weight_decay", d.weightDecay(), 0, false);
        if (type == null) {
            return null;
        }
        var defaults = new OptimizerDecl(type, d.lr(), d.weightDecay());
        for (var entry : s.node().entries().values()) { // in file order
            var owners = OptimizerDecl.SETTINGS.get(entry.key());
            if (owners != null && !owners.contains(type)) {
                problems.add(entry, "'" + entry.key() + "' does not apply to optimizer " + type,
                        "it is a setting of " + String.join(" and ", owners) + "; remove it or choose type: " + owners.get(0));
            }
        }
        var momentum = unit(s, "momentum", defaults.momentum());
        var nesterov = flag(s, "nesterov", defaults.nesterov());
        var trust = s.number("trust_coefficient", defaults.trustCoefficient(), 0, true);
        var eps = s.number("eps", defaults.eps(), 0, true);
        double beta1 = defaults.beta1();
        double beta2 = defaults.beta2();
        var betasNode = s.get("betas");
        if (betasNode != null) {
            var items = problems.list(betasNode, s.path("betas"), "[0.9, 0.999]");
            if (items != null && items.size() != 2) {
                problems.add(betasNode, s.path("betas") + " needs two numbers (β1, β2), got " + items.size(),
                        "write betas: [0.9, 0.999]");
            } else if (items != null) {
                Double first = unit(items.get(0), s.path("betas") + "[0]");
                Double second = unit(items.get(1), s.path("betas") + "[1]");
                beta1 = first == null ? beta1 : first;
                beta2 = second == null ? beta2 : second;
            }
        }
        if (Boolean.TRUE.equals(nesterov) && momentum != null && momentum == 0) {
            problems.add(s.get("nesterov"), s.path("nesterov") + " needs a momentum above 0", "set momentum: 0.9");
        }
        if (problems.count() > before) {
            return null;
        }
        return new OptimizerDecl(type, lr, weightDecay, momentum, nesterov, trust, beta1, beta2, eps);
    }

    /** A number in [0, 1) (a momentum or a β), the fallback when not given, or {@code null} and a problem. */
    private Double unit(Section s, String key, double fallback) {
        var v = s.get(key);
        return v == null ? Double.valueOf(fallback) : unit(v, s.path(key));
    }

    private Double unit(PosNode node, String path) {
        var x = problems.number(node, path, 0, false);
        if (x != null && x >= 1) {
            problems.add(node, path + " must be below 1, got " + x, "give a number in [0, 1), e.g. 0.9");
            return null;
        }
        return x;
    }

    /** true or false, the fallback when not given, or {@code null} and a problem. */
    private Boolean flag(Section s, String key, boolean fallback) {
        var v = s.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof PosNode.Scalar scalar && scalar.value() instanceof Boolean b) {
            return b;
        }
        problems.add(v, s.path(key) + ": expected true or false, got " + v.describe(), "write " + key + ": true");
        return null;
    }

    private EvalDecl eval(PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "eval", EVAL_KEYS, problems);
        if (s == null) {
            return null;
        }
        // "linear_probe:" or "knn:" without a value asks for the defaults
        Optional<LinearProbeDecl> probe = Optional.empty();
        if (s.has("linear_probe")) {
            var probeNode = s.get("linear_probe");
            var probeSection = probeNode == null ? null : Section.of(probeNode, "eval.linear_probe", List.of("label", "views"), problems);
            var label = probeSection == null ? LinearProbeDecl.DEFAULT_LABEL : probeSection.text("label", LinearProbeDecl.DEFAULT_LABEL);
            if (label != null && !label.equals(LinearProbeDecl.DEFAULT_LABEL)) {
                // the sources put a sample's class in its label; other fields are not read as classes yet
                problems.add(probeSection.get("label"), "eval.linear_probe.label: only the dataset's 'label' field can be probed, got '"
                        + label + "'", "rename the column to label, or remove the key");
            }
            var probeViews = probeSection == null ? List.<String>of() : probeViews(probeSection);
            probe = Optional.ofNullable(label).map(l -> new LinearProbeDecl(l, probeViews));
        }
        Optional<KnnDecl> knn = Optional.empty();
        if (s.has("knn")) {
            var knnNode = s.get("knn");
            var knnSection = knnNode == null ? null : Section.of(knnNode, "eval.knn", List.of("k"), problems);
            var k = knnSection == null ? Integer.valueOf(KnnDecl.DEFAULT_K) : knnSection.integer("k", KnnDecl.DEFAULT_K, 1);
            knn = Optional.ofNullable(k).map(KnnDecl::new);
        }
        var retrieval = new ArrayList<RetrievalDecl>();
        var retrievalNode = s.get("retrieval");
        var items = retrievalNode == null ? List.<PosNode>of() : problems.list(retrievalNode, "eval.retrieval", "[[img_a, sound]]");
        for (int i = 0; items != null && i < items.size(); i++) {
            var path = "eval.retrieval[" + i + "]";
            var pair = problems.list(items.get(i), path, "[img_a, sound]");
            if (pair != null && pair.size() != 2) {
                problems.add(items.get(i), path + " must name two views, got " + pair.size(), "write [query_view, gallery_view]");
            } else if (pair != null) {
                var query = usedView(pair.get(0), path, "retrieval evaluation");
                var gallery = usedView(pair.get(1), path, "retrieval evaluation");
                if (query != null && query.equals(gallery)) {
                    problems.add(pair.get(1), path + " retrieves view '" + query + "' from itself", "name two different views");
                } else if (query != null && gallery != null) {
                    retrieval.add(new RetrievalDecl(query, gallery));
                }
            }
        }
        var syncNode = s.get("sync");
        var sync = syncNode == null ? Optional.<SyncDecl>empty() : Optional.ofNullable(sync(syncNode));
        return problems.count() > before ? null : new EvalDecl(probe, retrieval, knn, sync);
    }

    /** {@code eval.sync: {pair: NAME, shifted: VIEW}}: a declared pair, and a view fed to its second view's encoder. */
    private SyncDecl sync(PosNode node) {
        var s = Section.of(node, "eval.sync", List.of("pair", "shifted"), problems);
        if (s == null) {
            return null;
        }
        var pairNode = s.required("pair", "frame-sound");
        var shiftedNode = s.required("shifted", "sound_shifted");
        var pairName = pairNode == null ? null : problems.text(pairNode, s.path("pair"));
        var shifted = shiftedNode == null ? null : usedView(shiftedNode, s.path("shifted"), "sync evaluation");
        if (pairName == null || pairs == null) {
            return null;
        }
        var pair = pairs.stream().filter(p -> p.name().equals(pairName)).findFirst();
        if (pair.isEmpty() && writtenPairNames.contains(pairName)) {
            return null; // the pair is declared, and refused for a problem reported at the pair itself
        }
        if (pair.isEmpty()) {
            var names = pairs.stream().map(PairDecl::name).toList();
            problems.add(pairNode, s.path("pair") + ": unknown pair '" + pairName + "'", Problems.suggest(pairName, names, "declared pairs"));
            return null;
        }
        if (shifted == null || encoderOfView == null) {
            return null;
        }
        var second = pair.get().viewB();
        return isOtherCut(shiftedNode, s.path("shifted"), shifted, List.of(second), second)
                && sameEncoder(shiftedNode, s.path("shifted"), shifted, second)
                && cutElsewhere(shiftedNode, s.path("shifted"), shifted, second, "the shifted view") ? new SyncDecl(pairName, shifted) : null;
    }

    /** {@code eval.linear_probe.views}: views fed to encoders, at most one per encoder. */
    private List<String> probeViews(Section s) {
        var node = s.get("views");
        var items = node == null ? List.<PosNode>of() : problems.list(node, s.path("views"), "[img_eval, sound_eval]");
        var out = new ArrayList<String>();
        var probed = new java.util.HashMap<String, String>();
        for (int i = 0; items != null && i < items.size(); i++) {
            var view = usedView(items.get(i), s.path("views") + "[" + i + "]", "linear probe");
            if (view == null || encoderOfView == null) {
                continue;
            }
            var encoder = encoderOfView.get(view);
            var other = probed.putIfAbsent(encoder, view);
            if (other != null) {
                problems.add(items.get(i), "views '" + other + "' and '" + view + "' both probe encoder '" + encoder + "'",
                        "give one view per encoder");
                continue;
            }
            out.add(view);
        }
        return out;
    }

    /** A number for a message: at most six significant digits, no trailing zeros. */
    private static String fmt(double x) {
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
