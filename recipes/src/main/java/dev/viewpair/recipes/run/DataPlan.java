package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.folder.FolderSource;
import dev.viewpair.datasets.idx.IdxSource;
import dev.viewpair.datasets.jsonl.JsonlManifestSource;
import dev.viewpair.datasets.manifest.ManifestSource;
import dev.viewpair.datasets.split.Splits;
import dev.viewpair.recipes.model.DatasetDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * The recipe's dataset opened and split: train, and test where the recipe declares one (a fraction of the
 * dataset, or a test set of its own).
 *
 * @param all every sample of the dataset's {@code path}
 * @param train the train split
 * @param test the test split, or {@code null}
 */
public record DataPlan(Source all, Source train, Source test) {
    static DataPlan of(Recipe recipe) throws IOException {
        var d = recipe.dataset();
        if (!Files.exists(d.path())) {
            throw new IllegalArgumentException("dataset " + d.path() + " does not exist — check dataset.path in the recipe"
                    + " (relative paths start at the recipe's folder)");
        }
        Source all = open(d.type(), d.path(), d.allowOutsideRoot());
        var splits = Splits.of(d.split(), recipe.seed());
        Source train = splits.select(all, "train");
        if (d.test() != null) {
            if (!Files.exists(d.test())) {
                throw new IllegalArgumentException("test set " + d.test() + " does not exist — check dataset.test in the"
                        + " recipe (relative paths start at the recipe's folder)");
            }
            return new DataPlan(all, train, open(d.type(), d.test(), d.allowOutsideRoot()));
        }
        Source test = d.split().containsKey("test") ? splits.select(all, "test") : null;
        return new DataPlan(all, train, test);
    }

    /**
     * Opens a dataset of one of the {@link DatasetDecl#TYPES}.
     *
     * @throws IllegalArgumentException for an unknown type or a path that is not a dataset of that type
     */
    public static Source open(String type, Path path) throws IOException {
        return open(type, path, false);
    }

    /**
     * Opens a dataset of one of the {@link DatasetDecl#TYPES}, letting its media lie outside its folder when
     * {@code allowOutsideRoot} ({@code dataset.allow_outside_root}).
     *
     * @throws IllegalArgumentException for an unknown type or a path that is not a dataset of that type
     */
    public static Source open(String type, Path path, boolean allowOutsideRoot) throws IOException {
        return switch (type) {
            case "manifest" -> ManifestSource.open(path, allowOutsideRoot);
            case "jsonl" -> JsonlManifestSource.open(path, allowOutsideRoot);
            case "folder" -> FolderSource.open(path, EnumSet.allOf(Modality.class), allowOutsideRoot);
            case "video_folder" -> FolderSource.open(path, EnumSet.of(Modality.VIDEO), allowOutsideRoot);
            case "idx" -> IdxSource.open(path);
            default -> throw new IllegalArgumentException("unknown dataset type '" + type + "' — use one of "
                    + String.join(", ", DatasetDecl.TYPES));
        };
    }
}
