package dev.viewpair.recipes.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.validate.RecipeSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code viewpair schema [--out FILE]}: the recipe format as a JSON Schema, for editors. */
@Command(name = "schema", description = {"Write the recipe format as a JSON Schema (draft-07), generated from the"
        + " catalogues: every section, op, encoder type, bound, critic, optimizer, schedule and dataset type with its"
        + " parameters, kinds, ranges, defaults and docs.",
    "Editors with a YAML language server check and complete a recipe that starts with",
    "  # yaml-language-server: $schema=PATH/viewpair.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "the file to write (default: print it)")
    Path out;

    @Override
    public Integer call() throws Exception {
        var text = json();
        if (out == null) {
            System.out.print(text);
        } else {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.writeString(out, text);
            System.out.println("wrote the recipe schema to " + out);
        }
        return 0;
    }

    /** The schema of the standard catalogues as the text {@code schema} writes: two-space indents, a final newline. */
    static String json() throws Exception {
        var printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return new ObjectMapper().writer(printer).writeValueAsString(RecipeSchema.of(Families.standard())) + "\n";
    }
}
