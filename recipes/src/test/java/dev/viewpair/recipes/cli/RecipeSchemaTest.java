package dev.viewpair.recipes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.viewpair.recipes.model.RecipeException;
import dev.viewpair.recipes.validate.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe schema ({@code ./viewpair schema}), checked with an independent validator (networknt's): the committed
 * {@code viewpair.schema.json} is the one the catalogues give; every shipped recipe, each carrying the line that
 * points editors at it, and every valid fixture pass it; values {@code validate} refuses where they stand fail it.
 */
class RecipeSchemaTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MODELINE = "# yaml-language-server: $schema=../viewpair.schema.json";
    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaCommand.json(), InputFormat.JSON);
    }

    private static List<String> errors(String yaml) {
        return schema.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
    }

    @Test
    void theCommittedSchemaIsTheGeneratedOne() throws Exception {
        assertEquals(SchemaCommand.json(), Files.readString(ROOT.resolve("viewpair.schema.json")),
                "viewpair.schema.json is stale: ./viewpair schema --out viewpair.schema.json");
        var r = CliRun.of("schema", "--out", dir.resolve("s.json").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(SchemaCommand.json(), Files.readString(dir.resolve("s.json")));
    }

    @Test
    void everyShippedRecipeCarriesTheSchemaLineAndPasses() throws IOException {
        List<Path> recipes;
        try (Stream<Path> files = Files.list(ROOT.resolve("recipes"))) {
            recipes = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(recipes.size() >= 5, recipes.toString());
        for (var recipe : recipes) {
            var text = Files.readString(recipe);
            assertEquals(MODELINE, text.lines().findFirst().orElse(""), recipe + " does not start with the schema line");
            assertEquals(List.of(), errors(text), recipe.toString());
        }
    }

    @Test
    void everyValidFixturePasses() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/recipes"))) {
            for (var fixture : files.toList()) {
                new RecipeLoader().load(fixture); // valid, as the schema must then find it
                var format = fixture.toString().endsWith(".json") ? InputFormat.JSON : InputFormat.YAML;
                assertEquals(List.of(), schema.validate(Files.readString(fixture), format), fixture.toString());
            }
        }
    }

    private static final String GOOD = """
            name: s
            dataset: {type: manifest, path: m.csv, split: {train: 0.8, test: 0.2}}
            views:
              a: {from: image, ops: [random_resized_crop: {size: 32, scale: [0.2, 1]}, hflip, normalize]}
              b: {like: a}
            encoders:
              net: {type: conv, widths: [8, 16], dim: 32, views: [a, b]}
            pairs:
              - {views: [a, b], bound: {type: interpolated, alpha: 0.5}, critic: {type: cosine, temperature: 0.2}}
            train: {epochs: 3, optimizer: {type: sgd, lr: 0.1, momentum: 0.9}, schedule: cosine, devices: [cpu]}
            eval: {knn: {k: 5}, linear_probe:}
            """;

    /** Each edit of GOOD is refused by validate at the value it changes, and by the schema. */
    @Test
    void whatValidateRefusesWhereItStandsTheSchemaRefuses() throws Exception {
        var file = Files.writeString(dir.resolve("s.yaml"), GOOD);
        new RecipeLoader().load(file);
        assertEquals(List.of(), errors(GOOD));
        var edits = List.of(
                List.of("epochs: 3", "epochs: abc"),
                List.of("epochs: 3", "epochs: 0"),
                List.of("size: 32", "size: 32, sise: 3"),
                List.of("scale: [0.2, 1]", "scale: [0.2, 1.5]"),
                List.of(", hflip,", ", random_resized_crop,"),
                List.of("hflip", "hflip: {p: 2}"),
                List.of("type: conv", "type: resnet"),
                List.of("dim: 32", "dim: 32, depth: 18"),
                List.of("alpha: 0.5", "alpha: 0.5, temperature: 1"),
                List.of("critic: {type: cosine", "critic: {type: cosinus"),
                List.of("momentum: 0.9", "momentum: 0.9, betas: [0.9, 0.99]"),
                List.of("schedule: cosine", "schedule: linear"),
                List.of("devices: [cpu]", "devices: [tpu]"),
                List.of("from: image", "from: smell"),
                List.of("b: {like: a}", "b: {like: a, from: image}"),
                List.of("b: {like: a}", "b: {ops: [hflip]}"),
                List.of("name: s", "name: s\nepoch: 3"),
                List.of("k: 5", "k: 0"),
                List.of("split: {train: 0.8, test: 0.2}", "split: {test: 1.0}"),
                List.of("type: manifest", "type: csv"));
        for (var edit : edits) {
            var text = GOOD.replace(edit.get(0), edit.get(1));
            assertFalse(text.equals(GOOD), edit.toString());
            Files.writeString(file, text);
            assertThrows(RecipeException.class, () -> new RecipeLoader().load(file), edit + " is valid");
            assertFalse(errors(text).isEmpty(), edit + " passes the schema");
        }
    }
}
