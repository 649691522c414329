package dev.viewpair.recipes.model;

import dev.viewpair.views.ViewSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resolved recipe: every {@code like} expanded, every default filled, the dataset path made
 * absolute. Made by {@code dev.viewpair.recipes.validate.RecipeLoader}, which has checked that every
 * name it holds refers to something that exists.
 *
 * @param name the recipe's name (letters, digits, {@code . _ -}); defaults to the file name
 * @param seed the seed every random draw derives from (default 0)
 * @param dataset where the samples come from
 * @param audio audio decoding settings
 * @param views view name → view, in recipe order
 * @param encoders encoder name → encoder, in recipe order
 * @param pairs the MI terms of the loss, in recipe order
 * @param train how to train
 * @param eval what to evaluate
 */
public record Recipe(
        String name,
        long seed,
        DatasetDecl dataset,
        AudioSettings audio,
        Map<String, ViewSpec> views,
        Map<String, EncoderDecl> encoders,
        List<PairDecl> pairs,
        TrainDecl train,
        EvalDecl eval) {

    public Recipe {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(eval, "eval");
        views = Frozen.map(views);
        encoders = Frozen.map(encoders);
        pairs = List.copyOf(pairs);
    }

    /** The encoder a view is fed to. */
    public EncoderDecl encoderOf(String view) {
        return encoders.values().stream()
                .filter(e -> e.views().contains(view))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("view '" + view + "' is fed to no encoder"));
    }

    /**
     * The recipe as YAML in the recipe format, keys in recipe order; loading it gives an equal recipe.
     * A run folder stores this.
     */
    public String toYaml() {
        return RecipeWriter.yaml(this);
    }

    /** The canonical JSON form: compact, every map's keys sorted. Equal recipes give equal text. */
    public String toCanonicalJson() {
        return RecipeWriter.canonicalJson(this);
    }

    /** SHA-256 of {@link #toCanonicalJson()}, in lower-case hex: a stable fingerprint for resume checks. */
    public String hash() {
        try {
            var canonical = RecipeWriter.canonicalJson(this);
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
