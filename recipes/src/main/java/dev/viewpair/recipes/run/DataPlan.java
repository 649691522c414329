package dev.viewpair.recipes.run;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.SampleViews;
import dev.viewpair.datasets.shards.ShardSource;
import dev.viewpair.datasets.shards.StoreMode;
import dev.viewpair.datasets.shards.StoredViews;
import dev.viewpair.datasets.split.Splits;
import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.types.DatasetType;
import dev.viewpair.datasets.types.DatasetTypes;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.Modality;
import dev.viewpair.views.chain.ViewSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The recipe's dataset opened and split: train, and test where the recipe declares one (a fraction of the
 * dataset, or a test set of its own). A shards folder ({@code type: shards}) gives each sample the split it was
 * written with. The dataset types and the view ops are those of the {@link Families} a run is given, the standard ones
 * where none is named.
 *
 * @param all every sample of the dataset's {@code path}
 * @param train the train split
 * @param test the test split, or {@code null}
 */
public record DataPlan(Source all, Source train, Source test) {
    /** Opens and splits the recipe's dataset, of a standard dataset type. */
    public static DataPlan of(Recipe recipe) throws IOException {
        return of(Families.standard(), recipe);
    }

    /** Opens and splits the recipe's dataset, of a type of {@code families}. */
    public static DataPlan of(Families families, Recipe recipe) throws IOException {
        var d = recipe.dataset();
        if (d.uri() == null && !Files.exists(d.path())) {
            throw new IllegalArgumentException("dataset " + d.path() + " does not exist — check dataset.path in the recipe"
                    + " (relative paths start at the recipe's folder)");
        }
        if (DatasetDecl.SHARDS.equals(d.type())) {
            var shards = ShardSource.open(d.path());
            checkShards(recipe, shards);
            var test = shards.index().split().containsKey("test") ? shards.split("test") : null;
            return new DataPlan(shards, shards.split("train"), test);
        }
        Source all = open(families, d);
        var splits = Splits.of(d.split(), recipe.seed());
        Source train = splits.select(all, "train");
        if (d.test() != null) {
            if (!Files.exists(d.test())) {
                throw new IllegalArgumentException("test set " + d.test() + " does not exist — check dataset.test in the"
                        + " recipe (relative paths start at the recipe's folder)");
            }
            return new DataPlan(all, train, open(families.datasets(), d.type(), d.test(), d.allowOutsideRoot()));
        }
        Source test = d.split().containsKey("test") ? splits.select(all, "test") : null;
        return new DataPlan(all, train, test);
    }

    /**
     * Opens the recipe's dataset (its {@code path}, not its test set), of a type of {@code families}: a local one, or
     * one read by URI.
     */
    public static Source open(Families families, DatasetDecl d) throws IOException {
        var types = families.datasets();
        return d.uri() != null ? open(types, d.type(), d.uri(), d.allowOutsideRoot())
                : open(types, d.type(), d.path(), d.allowOutsideRoot());
    }

    /**
     * Opens a dataset read by URI ({@code hdfs://…}) through the storage installed for its scheme, of a type of the
     * dataset-type catalogue that is read by URI.
     *
     * @throws IllegalArgumentException when no storage reads the URI, nothing is there, or the type is not read by URI
     */
    public static Source open(String type, URI location, boolean allowOutsideRoot) throws IOException {
        return open(DatasetTypes.standard(), type, location, allowOutsideRoot);
    }

    private static Source open(Catalog<DatasetType> types, String type, URI location, boolean allowOutsideRoot)
            throws IOException {
        var storage = Storage.require(location);
        var where = Storage.display(location);
        var declared = types.find(type);
        boolean folder = declared.map(DatasetType::folder).orElse(false);
        if (!(folder ? storage.isFolder(location) : storage.isFile(location))) {
            throw new IllegalArgumentException("dataset " + where + " does not exist" + (folder ? " as a folder" : " as a file")
                    + " — check dataset.path in the recipe");
        }
        var opener = declared.flatMap(DatasetType::byUri).orElseThrow(() -> new IllegalArgumentException("a dataset of type '"
                + type + "' is read from this machine's files, not by URI (" + where + ") — copy it here, or use one of "
                + String.join(", ", DatasetTypes.readByUri(types))));
        return opener.open(storage, location, allowOutsideRoot);
    }

    /**
     * Opens a dataset of a type of the dataset-type catalogue.
     *
     * @throws IllegalArgumentException for an unknown type or a path that is not a dataset of that type
     */
    public static Source open(String type, Path path) throws IOException {
        return open(type, path, false);
    }

    /**
     * Opens a dataset of a type of the dataset-type catalogue, letting its media lie outside its folder when
     * {@code allowOutsideRoot} ({@code dataset.allow_outside_root}).
     *
     * @throws IllegalArgumentException for an unknown type or a path that is not a dataset of that type
     */
    public static Source open(String type, Path path, boolean allowOutsideRoot) throws IOException {
        return open(DatasetTypes.standard(), type, path, allowOutsideRoot);
    }

    private static Source open(Catalog<DatasetType> types, String type, Path path, boolean allowOutsideRoot)
            throws IOException {
        var declared = types.find(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown dataset type '" + type + "' — use one of " + String.join(", ", types.names())));
        return declared.local().open(path, allowOutsideRoot);
    }

    /**
     * How the named views of the recipe are made from a sample: decoded (from files, or from decoded shards) and run
     * through their ops with the recipe's seed, or, from {@code --store views} shards, read as stored.
     */
    public static SampleViews views(Recipe recipe, Collection<String> names) {
        return views(Families.standard(), recipe, names);
    }

    /** {@link #views(Recipe, Collection)} with the ops of {@code families}. */
    public static SampleViews views(Families families, Recipe recipe, Collection<String> names) {
        var d = recipe.dataset();
        if (DatasetDecl.SHARDS.equals(d.type())) {
            try {
                var shards = ShardSource.open(d.path());
                if (shards.store() == StoreMode.VIEWS) {
                    return new StoredViews(shards, names);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the shards in " + d.path(), e);
            }
        }
        var specs = List.copyOf(recipe.views().values());
        return new DecodedViews(ViewSet.build(specs, families.ops(), recipe.seed(), names), recipe.audio().sampleRate());
    }

    /**
     * Decoded shards must hold every modality the views read, sound at the recipe's rate; shards of made views hold
     * only the recipe's views, not the shifted ones the sync evaluation cuts.
     */
    private static void checkShards(Recipe recipe, ShardSource shards) {
        if (shards.store() == StoreMode.VIEWS && recipe.eval().sync().isPresent()) {
            throw new IllegalArgumentException(shards.describe() + " holds made views, but eval.sync cuts the pair's second"
                    + " view at other times, which only the media can give — train from the dataset itself, or remove eval.sync");
        }
        if (shards.store() != StoreMode.DECODED) {
            return;
        }
        var read = new TreeSet<Modality>();
        recipe.views().values().forEach(v -> read.add(v.from()));
        for (var m : read) {
            if (!shards.index().arrays().containsKey(m.recipeName())) {
                throw new IllegalArgumentException(shards.describe() + " holds no " + m.recipeName() + ", which the recipe's"
                        + " views read — preprocess a dataset with " + m.recipeName()
                        + (m == Modality.VIDEO ? " with --store views" : ""));
            }
        }
        if (read.contains(Modality.AUDIO) && shards.index().sampleRate() != recipe.audio().sampleRate()) {
            throw new IllegalArgumentException(shards.describe() + " holds sound at " + shards.index().sampleRate()
                    + " Hz, the recipe asks for " + recipe.audio().sampleRate() + " Hz — set audio.sample_rate: "
                    + shards.index().sampleRate() + " or preprocess again");
        }
    }
}
