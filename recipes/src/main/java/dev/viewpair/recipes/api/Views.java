package dev.viewpair.recipes.api;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.run.DataPlan;
import dev.viewpair.recipes.validate.RecipeLoader;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.chain.OpCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The views of a recipe (or of views built in code), made from any sample: decoded with the same adapters and
 * drawn with the same seeded random streams as in training, so a view here equals the view a training run makes
 * of that sample in that epoch.
 *
 * <pre>{@code
 * var views = Views.fromRecipe(Path.of("recipes/quickstart.yaml"));
 * for (var v : views.iterate(views.dataset(), 0)) {
 *     ViewTensor crop = v.views().get("img_a");   // crop.data(): float[], crop.shape(): {3, 64, 64}
 * }
 * }</pre>
 *
 * Thread-safe: {@link #stream} may be made parallel.
 */
public final class Views {
    private final Recipe recipe;
    private final List<String> names;
    private final SampleViews maker;

    private Views(Recipe recipe, List<String> names, SampleViews maker) {
        this.recipe = recipe;
        this.names = List.copyOf(names);
        this.maker = maker;
    }

    /**
     * The views of a recipe file, over its dataset.
     *
     * @throws IllegalArgumentException holding every problem of the recipe, one line each with file, line and column
     */
    public static Views fromRecipe(Path recipeFile) {
        Recipe recipe;
        try {
            recipe = new RecipeLoader().load(recipeFile);
        } catch (RecipeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return of(recipe);
    }

    /** The views of a loaded recipe, over its dataset. */
    static Views of(Recipe recipe) {
        var names = List.copyOf(recipe.views().keySet());
        return new Views(recipe, names, DataPlan.views(recipe, names));
    }

    /**
     * Views built in code, e.g. {@code new ViewSpec("crop", Modality.IMAGE, List.of(new OpSpec("random_resized_crop",
     * Map.of("size", 32))))}; the op names and parameters are those of {@code ./viewpair ops}.
     *
     * @param seed the seed every random draw derives from
     * @param sampleRate the rate sound is decoded at, in Hz
     * @throws IllegalArgumentException naming the view and op when an op is unknown or its parameters are wrong
     */
    public static Views of(long seed, int sampleRate, ViewSpec... views) {
        var set = ViewSet.build(Arrays.asList(views), OpCatalog.standard(), seed);
        return new Views(null, Arrays.stream(views).map(ViewSpec::name).toList(), new DecodedViews(set, sampleRate));
    }

    /**
     * A dataset of one of the recipe dataset types ({@code manifest}, {@code jsonl}, {@code folder}, {@code idx},
     * {@code video_folder}, {@code shards}).
     */
    public static Source open(String type, Path path) throws IOException {
        return DataPlan.open(type, path);
    }

    /** The view names, in declaration order. */
    public List<String> names() {
        return names;
    }

    /** Every sample of the recipe's dataset. */
    public Source dataset() throws IOException {
        return plan().all();
    }

    /**
     * One split of the recipe's dataset, as training draws it.
     *
     * @param split {@code train} or {@code test}
     */
    public Source dataset(String split) throws IOException {
        var plan = plan();
        return switch (split) {
            case "train" -> plan.train();
            case "test" -> {
                if (plan.test() == null) {
                    throw new IllegalArgumentException("the recipe declares no test split");
                }
                yield plan.test();
            }
            default -> throw new IllegalArgumentException("unknown split '" + split + "' — use train or test");
        };
    }

    /**
     * The views of one sample in one epoch.
     *
     * @throws MediaException naming the file when the sample's media cannot be read
     */
    public Map<String, ViewTensor> apply(Sample sample, int epoch) {
        return maker.views(sample, epoch);
    }

    /** Every sample of a source in order, with its views in one epoch (or the problem that kept it from having any). */
    public Iterable<Viewed> iterate(Source source, int epoch) {
        return () -> stream(source, epoch).iterator();
    }

    /** As {@link #iterate}, as a stream ({@code .parallel()} views several samples at once). */
    public Stream<Viewed> stream(Source source, int epoch) {
        return LongStream.range(0, source.size()).mapToObj(i -> viewed(source.get(i), epoch));
    }

    private Viewed viewed(Sample sample, int epoch) {
        try {
            return new Viewed(sample.id(), sample.label(), maker.views(sample, epoch), null);
        } catch (MediaException | IllegalArgumentException e) {
            return new Viewed(sample.id(), sample.label(), null, String.valueOf(e.getMessage()));
        }
    }

    private DataPlan plan() throws IOException {
        if (recipe == null) {
            throw new IllegalStateException("views built in code have no dataset — open one with Views.open(type, path)");
        }
        return DataPlan.of(recipe);
    }
}
