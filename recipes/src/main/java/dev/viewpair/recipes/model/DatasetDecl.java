package dev.viewpair.recipes.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the samples come from: {@code dataset: {type: manifest, path: data/manifest.csv, split: {train: 0.8, test: 0.2}}}.
 *
 * @param type the kind of source, one of {@link #TYPES}
 * @param path the file or folder, resolved against the recipe's folder
 * @param split split name → fraction of the samples (in recipe order; the fractions add up to 1)
 */
public record DatasetDecl(String type, Path path, Map<String, Double> split) {
    /**
     * The source kinds a recipe may name: CSV manifest, JSONL manifest, class-per-folder tree, IDX files, video
     * folder, and a shards folder written by {@code viewpair preprocess}.
     */
    public static final List<String> TYPES = List.of("manifest", "jsonl", "folder", "idx", "video_folder", "shards");

    /** The type of a shards folder, whose samples carry their split: a recipe gives it no {@code split}. */
    public static final String SHARDS = "shards";

    /** The split names a recipe may use; {@code train} is required. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    /** The split of a recipe that gives none: every sample trains. */
    public static final Map<String, Double> ALL_TRAIN = Map.of("train", 1.0);

    public DatasetDecl {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        split = Frozen.map(split);
    }
}
