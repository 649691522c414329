package dev.viewpair.recipes.run;

import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.catalog.Catalog;
import dev.viewpair.catalog.Param;
import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.SampleList;
import dev.viewpair.datasets.synth.SynthAv;
import dev.viewpair.datasets.types.DatasetType;
import dev.viewpair.datasets.types.DatasetTypes;
import dev.viewpair.encoders.mi.Bound;
import dev.viewpair.encoders.mi.BoundDescriptor;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.EncoderDescriptor;
import dev.viewpair.encoders.nn.EncoderInput;
import dev.viewpair.encoders.nn.EncoderTypes;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.OptimizerDescriptor;
import dev.viewpair.encoders.train.UpdateRule;
import dev.viewpair.encoders.train.UpdateRules;
import dev.viewpair.recipes.cli.CatalogTables;
import dev.viewpair.recipes.model.ChoiceDecl;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.validate.RecipeLoader;
import dev.viewpair.views.Modality;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a bound, an encoder type or an optimizer is one new class and one catalogue entry: a member declared only
 * here, in a catalogue handed to the loader, the trainer and the listing through {@link Families}, is validated (its
 * name and its own parameters, with positions and "did you mean"), written into the resolved recipe, built into a
 * trainer that trains a step, and listed; with a dataset type declared here too, a whole {@link Training} run given
 * those families opens the data, trains and writes its summary with the new bound's ceiling, and its embeddings are
 * read back with them.
 */
class NewMembersEndToEndTest {
    /** The new class: InfoNCE's estimate scaled by a factor in (0, 1]. */
    record ScaledInfoNce(double scale) implements Bound {
        @Override
        public NDArray estimate(NDArray scores) {
            return new InfoNce(false).estimate(scores).mul((float) scale);
        }

        /** InfoNCE's ceiling, scaled. */
        @Override
        public double logK(int batch) {
            return scale * Math.log(batch);
        }
    }

    /** The one catalogue entry. */
    static final BoundDescriptor SCALED = new BoundDescriptor("scaled_infonce",
            List.of(Param.optional("scale", NUMBER, 0.5, 0.0, 1.0, "factor on the estimate, in (0, 1]")),
            "InfoNCE scaled by a factor (a test's bound)", v -> new ScaledInfoNce(v.number("scale", 0, false, 1)));

    /** The new encoder type's class: one linear layer on the flattened input, then an activation if any. */
    static final class LinearEncoder {
        static Encoder of(int dim, String activation) {
            var backbone = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(dim).build());
            if (activation.equals("relu")) {
                backbone.add(Activation.reluBlock());
            } else if (activation.equals("tanh")) {
                backbone.add(Activation.tanhBlock());
            }
            return new Encoder(backbone, dim, Blocks.identityBlock(), dim);
        }
    }

    /** Its catalogue entry, with a parameter of its own (no standard encoder type has one named so). */
    static final EncoderDescriptor LINEAR = new EncoderDescriptor("linear",
            List.of(Param.optional("dim", INTEGER, 16, 1.0, null, "embedding size"),
                    Param.choice("activation", "none", List.of("none", "relu", "tanh"), "applied to the layer's output")),
            "one linear layer on the flattened input (a test's encoder type)", v -> new EncoderInput.OneShape("flattens its views"),
            v -> LinearEncoder.of(v.integer("dim"), v.string("activation")));

    /** A new optimizer's entry: SGD with momentum, its own setting named {@code beta}. */
    static final OptimizerDescriptor HEAVY_BALL = new OptimizerDescriptor("heavy_ball",
            List.of(Param.optional("beta", NUMBER, 0.9, 0.0, 1.0, "the velocity's decay, in [0, 1)").belowMax()),
            "Polyak's heavy ball (a test's optimizer)", v -> new UpdateRule.Sgd(v.number("beta"), false));

    /** A new dataset type: a text file listing image files, one a line, each a sample without a label. */
    static final DatasetType IMAGE_LIST = new DatasetType("image_list",
            "image files listed in a text file (a test's dataset type)", (path, allowOutsideRoot) -> {
                var samples = new ArrayList<Sample>();
                for (var line : Files.readAllLines(path)) {
                    var file = path.resolveSibling(line);
                    samples.add(new Sample(line, Map.of(Modality.IMAGE, new MediaRef.FileMedia(file)), null, Map.of()));
                }
                return new ListedImages(new SampleList("image list", path, samples));
            }, null, false);

    /** What the new dataset type opens. */
    record ListedImages(SampleList list) implements SampleList.Backed {}

    static final Families FAMILIES = Families.standard()
            .withBounds(new Catalog<>("bound", plus(Bounds.standard().entries(), SCALED)))
            .withEncoders(new Catalog<>("encoder type", plus(EncoderTypes.standard().entries(), LINEAR)))
            .withDatasets(new Catalog<>("dataset type", plus(DatasetTypes.standard().entries(), IMAGE_LIST)))
            .withOptimizers(new Catalog<>("optimizer", plus(UpdateRules.standard().entries(), HEAVY_BALL)));

    private static <E> List<E> plus(Collection<E> standard, E added) {
        var all = new ArrayList<>(standard);
        all.add(added);
        return all;
    }

    private static final String RECIPE = """
            name: scaled
            dataset: {type: folder, path: images}
            views:
              img_a: {from: image, ops: [hflip]}
              img_b: {like: img_a}
            encoders:
              image: {type: conv, widths: [4], dim: 8, views: [img_a, img_b]}
            pairs:
              - {views: [img_a, img_b], bound: {type: scaled_infonce, scale: 0.25}, critic: dot}
            train: {epochs: 1, batch: 4}
            """;

    @TempDir
    Path dir;

    private Recipe load(Families families, String text) throws RecipeException, IOException {
        return new RecipeLoader(families).load(Files.writeString(dir.resolve("recipe.yaml"), text));
    }

    /** The single problem of a recipe that must fail to load, as FILE:LINE:COL: message — hint. */
    private String problem(String text) {
        var e = assertThrows(RecipeException.class, () -> load(FAMILIES, text));
        assertEquals(1, e.problems().size(), e.render());
        return e.problems().get(0).render();
    }

    /** The resolved recipe holds each of {@code written} and reads back to the same recipe. */
    private void assertWrittenAndReadBack(Recipe recipe, String... written) throws Exception {
        var yaml = recipe.toYaml();
        for (var text : written) {
            assertTrue(yaml.contains(text), yaml);
        }
        Files.writeString(dir.resolve("again.yaml"), yaml);
        assertEquals(recipe, new RecipeLoader(FAMILIES).load(dir.resolve("again.yaml")));
    }

    @Test
    void aNewBoundIsValidatedAgainstTheCatalogueItIsGiven() throws Exception {
        var recipe = load(FAMILIES, RECIPE);
        assertEquals(new ChoiceDecl("scaled_infonce", Map.of("scale", 0.25)), recipe.pairs().get(0).bound());
        // the standard catalogue does not know it
        var unknown = assertThrows(RecipeException.class, () -> load(Families.standard(), RECIPE)).render();
        assertTrue(unknown.contains(":9:43: pairs[0].bound.type: unknown bound 'scaled_infonce'"), unknown);

        var file = dir.resolve("recipe.yaml");
        var misspelt = problem(RECIPE.replace("type: scaled_infonce", "type: scaled_infonse"));
        assertEquals(file + ":9:43: pairs[0].bound.type: unknown bound 'scaled_infonse' — did you mean 'scaled_infonce'?", misspelt);
        var badKey = problem(RECIPE.replace("scale: 0.25", "scael: 0.25"));
        assertEquals(file + ":9:59: unknown key 'scael' for bound 'scaled_infonce' in pairs[0].bound — did you mean 'scale'?",
                badKey);
        var badValue = problem(RECIPE.replace("scale: 0.25", "scale: 2"));
        assertEquals(file + ":9:36: pairs[0].bound: bound 'scaled_infonce': 'scale' must be a number in (0, 1], got 2"
                + " — change the bound's parameters (see docs/bounds.md)", badValue);
    }

    @Test
    void aNewBoundIsWrittenIntoTheResolvedRecipe() throws Exception {
        var recipe = load(FAMILIES, RECIPE);
        assertWrittenAndReadBack(recipe, "type: scaled_infonce", "scale: 0.25");
    }

    @Test
    void aNewBoundIsBuiltIntoATrainerThatTrainsAStep() throws Exception {
        var recipe = load(FAMILIES, RECIPE);
        try (var trainer = RecipeTrainer.build(FAMILIES, recipe, List.of(Device.cpu()), 1)) {
            var metrics = trainer.trainStep(0, batch(4), 0);
            double nats = metrics.pairNats().get("img_a-img_b");
            assertTrue(Double.isFinite(nats) && nats <= 0.25 * Math.log(4) + 1e-6, "scaled estimate " + nats);
            assertEquals(1, trainer.step());
        }
        var built = FAMILIES.bounds().get("scaled_infonce").create(Map.of());
        assertEquals(0.5, assertInstanceOf(ScaledInfoNce.class, built).scale());
        assertFalse(FAMILIES.bounds().get("scaled_infonce").isUpper());
    }

    @Test
    void aNewBoundIsListed() {
        var table = CatalogTables.table(FAMILIES, "bounds");
        assertTrue(table.contains("| `scaled_infonce` | lower | any | `scale` (0.5) | InfoNCE scaled by a factor (a test's bound) |"),
                table);
        assertFalse(CatalogTables.table(Families.standard(), "bounds").contains("scaled_infonce"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWholeRunTrainsWithTheFamiliesItIsGiven() throws Exception {
        var images = SynthAv.generate(dir.resolve("data"), 8, 1, 1, done -> {}).resolveSibling("images");
        try (var files = Files.list(images)) {
            Files.write(dir.resolve("images.txt"), files.map(f -> "data/images/" + f.getFileName()).sorted().toList());
        }
        var recipe = load(FAMILIES, RECIPE.replace("{type: folder, path: images}", "{type: image_list, path: images.txt}")
                .replace("batch: 4}", "batch: 4, workers: 1}"));
        var standard = assertThrows(IllegalArgumentException.class, () -> DataPlan.of(recipe)).getMessage();
        assertTrue(standard.startsWith("unknown dataset type 'image_list'"), standard);
        var data = DataPlan.of(FAMILIES, recipe);
        assertInstanceOf(ListedImages.class, data.all());
        assertEquals(8, data.train().size());

        var runDir = dir.resolve("run");
        var printed = new ByteArrayOutputStream();
        var summary = new Training(recipe, runDir, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .with(FAMILIES).run();
        var console = printed.toString(StandardCharsets.UTF_8);
        assertEquals(2L, ((Number) summary.get("steps")).longValue(), console);
        var json = new ObjectMapper().readValue(runDir.resolve("summary.json").toFile(), Map.class);
        var pair = (Map<String, Object>) ((Map<String, Object>) json.get("pairs")).get("img_a-img_b");
        assertEquals("scaled_infonce", pair.get("bound"));
        assertEquals(0.25 * Math.log(4), ((Number) pair.get("log_k")).doubleValue(), 1e-12);
        assertEquals(recipe.hash(), json.get("recipe_hash"));
        assertTrue(console.contains(String.format("/ %.2f nats", 0.25 * Math.log(4))), console);
        assertEquals(recipe, new RecipeLoader(FAMILIES).load(runDir.resolve("recipe.yaml")));
        // the trained model is read back with the same families: its data, its trainer and its views
        var embedded = Embedding.write(FAMILIES, recipe, runDir, "img_a", "all", dir.resolve("emb/img_a.npy"), "cpu");
        assertEquals(8, embedded.rows());
        assertEquals(8, embedded.dim());
    }

    private static final String LINEAR_RECIPE = RECIPE.replace("{type: conv, widths: [4], dim: 8,", "{type: linear, dim: 8, activation: relu,")
            .replace("{type: scaled_infonce, scale: 0.25}", "infonce");

    @Test
    void aNewEncoderTypeIsValidatedWrittenBuiltAndListed() throws Exception {
        var recipe = load(FAMILIES, LINEAR_RECIPE);
        assertEquals("linear", recipe.encoders().get("image").type());
        assertEquals(Map.of("dim", 8, "activation", "relu"), recipe.encoders().get("image").params());
        var file = dir.resolve("recipe.yaml");
        var unknown = assertThrows(RecipeException.class, () -> load(Families.standard(), LINEAR_RECIPE)).render();
        assertTrue(unknown.contains(":7:17: encoders.image.type: unknown encoder type 'linear'"), unknown);
        assertEquals(file + ":7:17: encoders.image.type: unknown encoder type 'linaer' — did you mean 'linear'?",
                problem(LINEAR_RECIPE.replace("type: linear", "type: linaer")));
        assertEquals(file + ":7:30: encoders.image.dim must be ≥ 1, got 0 — give a whole number ≥ 1",
                problem(LINEAR_RECIPE.replace("dim: 8", "dim: 0")));
        // its own parameter: a name outside its choices, a misspelt key, and a key of other types
        assertEquals(file + ":7:45: encoders.image.activation: unknown activation 'rleu' — did you mean 'relu'?",
                problem(LINEAR_RECIPE.replace("activation: relu", "activation: rleu")));
        assertEquals(file + ":7:33: unknown key 'activaton' in encoders.image — did you mean 'activation'?",
                problem(LINEAR_RECIPE.replace("activation: relu", "activaton: relu")));
        assertEquals(file + ":7:33: 'downsample' does not apply to encoder type linear — it is a setting of conv;"
                + " remove it or choose type: conv", problem(LINEAR_RECIPE.replace("activation: relu", "downsample: pool")));
        // the standard types do not take it
        assertEquals(file + ":7:44: 'activation' does not apply to encoder type conv — it is a setting of linear;"
                + " remove it or choose type: linear", problem(RECIPE.replace("dim: 8,", "dim: 8, activation: relu,")));

        assertWrittenAndReadBack(recipe, "type: linear", "activation: relu");

        try (var trainer = RecipeTrainer.build(FAMILIES, recipe, List.of(Device.cpu()), 1)) {
            var metrics = trainer.trainStep(0, batch(4), 0);
            assertTrue(Double.isFinite(metrics.pairNats().get("img_a-img_b")), metrics.toString());
            assertEquals(8, trainer.encoder("image").dim());
            // flatten, linear and the activation the recipe asked for
            assertEquals(3, trainer.encoder("image").backbone().getChildren().size());
        }
        var table = CatalogTables.table(FAMILIES, "encoders");
        assertTrue(table.contains("| `linear` | `dim` (16), `activation` (none) | one linear layer on the flattened input"
                + " (a test's encoder type) |"), table);
    }

    private static final String HEAVY_BALL_RECIPE = RECIPE.replace("{type: scaled_infonce, scale: 0.25}", "infonce")
            .replace("train: {epochs: 1, batch: 4}", "train: {epochs: 1, batch: 4, optimizer: {type: heavy_ball, lr: 0.01, beta: 0.5}}");

    @Test
    void aNewOptimizerIsValidatedWrittenBuiltAndListed() throws Exception {
        var recipe = load(FAMILIES, HEAVY_BALL_RECIPE);
        assertEquals(new OptimizerDecl("heavy_ball", 0.01, 1e-4, Map.of("beta", 0.5)), recipe.train().optimizer());
        var file = dir.resolve("recipe.yaml");
        assertEquals(file + ":10:76: train.optimizer.beta must be below 1, got 1.5 — give a number in [0, 1), e.g. 0.9",
                problem(HEAVY_BALL_RECIPE.replace("beta: 0.5", "beta: 1.5")));
        assertEquals(file + ":10:70: unknown key 'bta' in train.optimizer — did you mean 'beta'?",
                problem(HEAVY_BALL_RECIPE.replace("beta: 0.5", "bta: 0.5")));
        assertEquals(file + ":10:70: 'momentum' does not apply to optimizer heavy_ball — it is a setting of sgd and lars;"
                + " remove it or choose type: sgd", problem(HEAVY_BALL_RECIPE.replace("beta: 0.5", "momentum: 0.5")));

        assertWrittenAndReadBack(recipe, "type: heavy_ball", "beta: 0.5");

        assertEquals(new UpdateRule.Sgd(0.5, false), FAMILIES.optimizers().get("heavy_ball").create(recipe.train().optimizer().params()));
        try (var trainer = RecipeTrainer.build(FAMILIES, recipe, List.of(Device.cpu()), 1)) {
            var metrics = trainer.trainStep(0, batch(4), 0);
            assertTrue(Double.isFinite(metrics.pairNats().get("img_a-img_b")), metrics.toString());
        }
        var table = CatalogTables.table(FAMILIES, "optimizers");
        assertTrue(table.contains("`beta` (0.9) | Polyak's heavy ball (a test's optimizer) |"), table);
    }

    /** Random 3×8×8 images, the same for every view. */
    private static BatchData batch(int size) {
        return images(size, 8);
    }

    /** {@code size} random 3×side×side images, the same for every view. */
    static BatchData images(int size, int side) {
        var random = new Random(3);
        var values = new float[size * 3 * side * side];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new BatchData() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public float[] view(String name) {
                return values.clone();
            }

            @Override
            public long[] shape(String name) {
                return new long[] {size, 3, side, side};
            }
        };
    }
}
