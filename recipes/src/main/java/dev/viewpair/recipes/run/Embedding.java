package dev.viewpair.recipes.run;

import dev.viewpair.datasets.Source;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * Embeddings of a finished run for use outside viewpair: the backbone embeddings of one view for every
 * sample of a split, as a float32 {@code .npy} (N × dim) with the sample ids and labels beside it in a CSV.
 */
public final class Embedding {
    private Embedding() {}

    /**
     * What was written.
     *
     * @param rows the number of samples embedded
     * @param dim the embedding width
     * @param encoder the encoder that embedded them
     * @param ids the CSV of ids and labels, row i of the array is line i + 1 (after the header)
     */
    public record Written(int rows, int dim, String encoder, Path ids) {}

    /**
     * @param recipe the run's resolved recipe ({@code RUN/recipe.yaml})
     * @param runDir the run folder; its last complete checkpoint is loaded ({@link Training#lastCheckpoint}, as
     *     {@code train --resume} finds it)
     * @param view the view to embed (any view fed to an encoder)
     * @param split {@code all}, or a split the recipe declares
     * @param out the {@code .npy} file to write
     * @param device where to compute ({@code cpu}, {@code gpu:0}), or {@code null} for the first of the run's
     *     {@code train.devices}: a run trained on GPUs embeds on a CPU-only machine with {@code cpu}
     * @throws IllegalArgumentException when the run has no checkpoint, the split is unknown, or the device is not there
     */
    public static Written write(Recipe recipe, Path runDir, String view, String split, Path out, String device) throws IOException {
        return write(Families.standard(), recipe, runDir, view, split, out, device);
    }

    /**
     * {@link #write(Recipe, Path, String, String, Path, String)} of a run trained with {@code families} ({@link
     * Training#with}): its data opened, its model built and its views made by them.
     */
    public static Written write(Families families, Recipe recipe, Path runDir, String view, String split, Path out,
            String device) throws IOException {
        var checkpoint = TrainedModel.checkpoint(runDir);
        var encoder = recipe.encoderOf(view);
        var data = DataPlan.of(families, recipe);
        Source source = switch (split) {
            case "all" -> data.all();
            case "train" -> data.train();
            case "test" -> {
                if (data.test() == null) {
                    throw new IllegalArgumentException("the recipe declares no test split — use --split all or train");
                }
                yield data.test();
            }
            default -> throw new IllegalArgumentException("unknown split '" + split + "' — use all, train or test");
        };
        var ids = new ArrayList<String>();
        var labels = new ArrayList<String>();
        float[][] rows;
        try (var model = TrainedModel.load(families, recipe, checkpoint, device)) {
            rows = model.embed(view, source, b -> {
                ids.addAll(b.ids());
                labels.addAll(b.labels());
            });
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Npy.write(out, rows);
        var name = out.getFileName().toString();
        var idsFile = out.resolveSibling(name.endsWith(".npy") ? name.substring(0, name.length() - 4) + ".ids.csv" : name + ".ids.csv");
        var csv = new StringBuilder("row,id,label\n");
        for (int i = 0; i < ids.size(); i++) {
            csv.append(i).append(',').append(quote(ids.get(i))).append(',').append(quote(labels.get(i))).append('\n');
        }
        Files.writeString(idsFile, csv, StandardCharsets.UTF_8);
        return new Written(rows.length, rows.length == 0 ? 0 : rows[0].length, encoder.name(), idsFile);
    }

    /** A CSV field: quoted where it holds a comma, a quote or a line break; empty for {@code null}. */
    static String quote(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
