package dev.viewpair.recipes.cli;

import dev.viewpair.recipes.run.Embedding;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code viewpair embed RUN_DIR --out emb.npy}: a trained encoder's embeddings as a NumPy array, ids beside it. */
@Command(name = "embed", description = "Write the embeddings of a finished run as .npy (N × dim, float32), "
        + "with the sample ids and labels in a .ids.csv beside it.")
final class EmbedCommand implements Callable<Integer> {
    @Mixin
    RunFolder folder;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the .npy to write")
    Path out;

    @Option(names = "--view", paramLabel = "VIEW", description = "the view to embed (default: the linear probe's view "
            + "of the first encoder, else its first view)")
    String view;

    @Option(names = "--split", defaultValue = "all", description = "all, train or test (default ${DEFAULT-VALUE})")
    String split;

    @Override
    public Integer call() throws Exception {
        return folder.run(recipe -> {
            var chosen = view != null ? view : defaultView(recipe);
            // the views an encoder embeds: declared views and the member views of view families
            var embedded = recipe.encoders().values().stream().flatMap(e -> e.views().stream()).toList();
            if (!embedded.contains(chosen)) {
                var suggestion = dev.viewpair.catalog.Suggest.closest(chosen, embedded);
                throw new UserError("the run has no view '" + chosen + "' fed to an encoder"
                        + (suggestion != null ? " — did you mean '" + suggestion + "'?" : " — views: " + String.join(", ", embedded)));
            }
            var written = Embedding.write(recipe, folder.run, chosen, split, out, folder.device);
            System.out.printf("wrote %d × %d embeddings of view '%s' (encoder '%s') to %s; ids and labels in %s%n",
                    written.rows(), written.dim(), chosen, written.encoder(), out, written.ids());
        });
    }

    private static String defaultView(dev.viewpair.recipes.model.Recipe recipe) {
        var first = recipe.encoders().values().iterator().next();
        var probeViews = recipe.eval().linearProbe().map(p -> p.views()).orElse(java.util.List.of());
        return first.views().stream().filter(probeViews::contains).findFirst().orElse(first.views().get(0));
    }
}
