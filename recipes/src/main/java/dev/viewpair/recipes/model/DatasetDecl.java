package dev.viewpair.recipes.model;

import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.types.DatasetTypes;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the samples come from: {@code dataset: {type: manifest, path: data/manifest.csv, split: {train: 0.8, test: 0.2}}},
 * or with a published test set of its own:
 * {@code dataset: {type: idx, path: train-images-idx3-ubyte.gz, test: t10k-images-idx3-ubyte.gz}}.
 *
 * @param type the kind of source, a name of the dataset-type catalogue
 *     ({@link dev.viewpair.datasets.types.DatasetTypes#standard()})
 * @param path the file or folder, resolved against the recipe's folder
 * @param split split name → fraction of the samples (in recipe order; the fractions add up to 1)
 * @param onBadInput what a sample whose media cannot be read does to the run, one of {@link #BAD_INPUT_POLICIES}:
 *     {@code skip} (the default: skipped, counted, listed in {@code bad_inputs.jsonl}) or {@code fail_fast} (the
 *     run stops at the first one)
 * @param allowOutsideRoot whether media may lie outside the dataset's folder (manifest paths with {@code ..} or
 *     absolute ones, symbolic links out of the tree); refused by default
 * @param test a second source of the same type that is the whole test split (resolved like {@code path}), or
 *     {@code null} when the test split, if any, is a fraction of {@code path}
 * @param uri where the dataset is when {@code dataset.path} is a URI read through a {@link Storage}
 *     ({@code hdfs://…}; {@code path} is then {@code null}), else {@code null}
 */
public record DatasetDecl(String type, Path path, Map<String, Double> split, String onBadInput, boolean allowOutsideRoot,
        Path test, URI uri) {
    /** The type of a shards folder, whose samples carry their split: a recipe gives it no {@code split}. */
    public static final String SHARDS = DatasetTypes.SHARDS;

    /** The split names a recipe may use; {@code train} is required. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    /** The split of a recipe that gives none: every sample trains. */
    public static final Map<String, Double> ALL_TRAIN = Map.of("train", 1.0);

    /** Skip a bad input: count it, list it in {@code bad_inputs.jsonl}, go on (the default). */
    public static final String SKIP = "skip";

    /** Stop the run at the first bad input, naming it. */
    public static final String FAIL_FAST = "fail_fast";

    /** The values of {@code dataset.on_bad_input}. */
    public static final List<String> BAD_INPUT_POLICIES = List.of(SKIP, FAIL_FAST);

    public DatasetDecl {
        Objects.requireNonNull(type, "type");
        if ((path == null) == (uri == null)) {
            throw new IllegalArgumentException("a dataset has a path or a URI, one of them: path " + path + ", uri " + uri);
        }
        split = Frozen.map(split);
        if (!BAD_INPUT_POLICIES.contains(onBadInput)) {
            throw new IllegalArgumentException("on_bad_input must be one of " + BAD_INPUT_POLICIES + ", got " + onBadInput);
        }
    }

    /**
     * A dataset with the default policies (bad inputs skipped, media only inside its folder) whose splits are all
     * fractions of {@code path}.
     */
    public DatasetDecl(String type, Path path, Map<String, Double> split) {
        this(type, path, split, SKIP, false, null);
    }

    /** A dataset of this machine ({@code path}, not a URI). */
    public DatasetDecl(String type, Path path, Map<String, Double> split, String onBadInput, boolean allowOutsideRoot, Path test) {
        this(type, path, split, onBadInput, allowOutsideRoot, test, null);
    }

    /** Where the dataset is, for messages and fingerprints: its path, or its URI. */
    public String where() {
        return uri != null ? Storage.display(uri) : path.toString();
    }

    /** Whether the run stops at the first bad input. */
    public boolean failFast() {
        return FAIL_FAST.equals(onBadInput);
    }
}
