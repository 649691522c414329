package dev.viewpair.recipes.validate;

import dev.viewpair.recipes.model.AudioSettings;
import dev.viewpair.recipes.model.EvalDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.TrainDecl;
import dev.viewpair.views.catalog.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a recipe tree section by section, each with its reader, and builds the resolved {@link Recipe}. Every
 * problem is reported with its position; reading goes on past problems, and the recipe is built only when there
 * are none.
 */
final class RecipeValidator {
    static final List<String> TOP_KEYS =
            List.of("name", "seed", "dataset", "audio", "views", "encoders", "pairs", "train", "eval");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Families families;
    private final Problems problems;
    private final boolean weightsFromCheckpoint;

    /** @param weightsFromCheckpoint whether a checkpoint holds the weights ({@link RecipeLoader#weightsFromCheckpoint}) */
    RecipeValidator(Families families, Problems problems, boolean weightsFromCheckpoint) {
        this.families = families;
        this.problems = problems;
        this.weightsFromCheckpoint = weightsFromCheckpoint;
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
        var dataset = datasetNode == null ? null : new DatasetReader(families, problems).read(datasetNode);
        var audioNode = top.get("audio");
        var audio = audioNode == null ? AudioSettings.DEFAULT : audio(audioNode);
        var viewsNode = top.required("views", "{img_a: {from: image, ops: [hflip]}, img_b: {like: img_a}}");
        var views = viewsNode == null ? null : new ViewsReader(families.ops(), problems).read(viewsNode);
        var shapes = views == null || audio == null ? Map.<String, Shape>of()
                : new ViewShapeChecks(families.ops(), problems).check(views, audio.sampleRate());
        var refs = new ViewRefs(views, null, families.ops(), problems);
        var encodersNode = top.required("encoders", "{image: {type: conv, views: [img_a, img_b]}}");
        var encoders = encodersNode == null ? null : new EncodersReader(refs, shapes, families, problems, weightsFromCheckpoint).read(encodersNode);
        refs = refs.fedTo(encoders == null ? null : encoders.encoderOfView(), encoders == null ? Map.of()
                : EncoderLayers.of(families, encoders.encoders()), shapes);
        var pairsNode = top.required("pairs", "[{views: [img_a, img_b], bound: infonce, critic: cosine}]");
        var pairs = pairsNode == null ? new PairsReader.Result(null, Set.of()) : new PairsReader(refs, families, problems).read(pairsNode);
        var trainNode = top.get("train");
        var train = trainNode == null ? TrainDecl.DEFAULT : new TrainReader(families, problems).read(trainNode);
        var evalNode = top.get("eval");
        var eval = evalNode == null ? EvalDecl.NONE : new EvalReader(refs, pairs.pairs(), pairs.writtenNames(), problems).read(evalNode);
        if (eval != null && dataset != null && evalNode != null) {
            EvalChecks.check(evalNode, eval, dataset, problems);
        }
        if (problems.count() > 0) {
            return null;
        }
        return new Recipe(name, seed, dataset, audio, views.views(), encoders.encoders(), pairs.pairs(), train, eval);
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

    private AudioSettings audio(PosNode node) {
        var s = Section.of(node, "audio", List.of("sample_rate"), problems);
        var rate = s == null ? null : s.integer("sample_rate", AudioSettings.DEFAULT_SAMPLE_RATE, 1000);
        return rate == null ? null : new AudioSettings(rate);
    }
}
