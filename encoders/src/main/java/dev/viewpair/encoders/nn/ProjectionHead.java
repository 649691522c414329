package dev.viewpair.encoders.nn;

import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.STRING;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.viewpair.catalog.Constraint;
import dev.viewpair.catalog.Param;
import dev.viewpair.catalog.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The projection head an {@link Encoder} puts on its embedding ({@code d} wide): the MLP the MI loss sees through, as
 * SimCLR, BYOL and DINO use them. Every encoder type declares the same head parameters ({@link #PARAMS}, with the rules
 * between them, {@link #RULES}) and builds its head with {@link #of(Params, int)}.
 *
 * @param kind the architecture
 * @param hidden the width of the hidden layers (0 for {@link Kind#LINEAR})
 * @param bottleneck the width of DINO's L2-normalized bottleneck (0 for the other kinds)
 * @param out the projection's size, what critics score
 */
public record ProjectionHead(Kind kind, int hidden, int bottleneck, int out) {
    /** The head architectures a recipe names with {@code head:}. */
    public enum Kind {
        /** Linear(h)–ReLU–Linear(out): what {@code projection: N} alone gives (h = the embedding size). */
        MLP(0, 128, "Linear(hidden)–ReLU–Linear(out); what projection: N alone gives (hidden = dim)"),
        /** One Linear(out). */
        LINEAR(0, 128, "one Linear(out)"),
        /** SimCLR (v1, with BN on the hidden layer as its code has it): Linear(h, no bias)–BN–ReLU–Linear(out). */
        SIMCLR(0, 128, "SimCLR's: Linear(hidden, no bias)–BatchNorm–ReLU–Linear(out); hidden = dim, out 128 by default"),
        /** BYOL's projector: Linear(h)–BN–ReLU–Linear(out). */
        BYOL(4096, 256, "BYOL's: Linear(hidden)–BatchNorm–ReLU–Linear(out); hidden 4096, out 256 by default"),
        /** DINO's: a 3-layer GELU MLP to a bottleneck, L2-normalized, then a weight-normalized Linear without bias. */
        DINO(2048, 65536, "DINO's: Linear(hidden)–GELU–Linear(hidden)–GELU–Linear(bottleneck), L2-normalized, then a "
                + "weight-normalized Linear(out) without bias; hidden 2048, bottleneck 256, out 65536 by default");

        /** The hidden width when a recipe gives none; 0: the embedding size. */
        private final int defaultHidden;
        private final int defaultOut;
        private final String doc;

        Kind(int defaultHidden, int defaultOut, String doc) {
            this.defaultHidden = defaultHidden;
            this.defaultOut = defaultOut;
            this.doc = doc;
        }

        /** The name a recipe uses: {@code simclr}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** One line for docs. */
        public String doc() {
            return doc;
        }

        static Kind of(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    /** DINO's bottleneck width when a recipe gives none. */
    public static final int DEFAULT_BOTTLENECK = 256;

    private static final List<String> KINDS = Arrays.stream(Kind.values()).map(Kind::key).toList();

    /** The head parameters every encoder type declares, after its own (see {@link #withHead}). */
    public static final List<Param> PARAMS = List.of(
            Param.optionalUnset("projection", INTEGER, 0.0, null,
                    "size of the projection head's output; none when left out or 0 (unless head is given)"),
            new Param("head", STRING, Param.Unset.NONE, null, null,
                    "the head's architecture: " + String.join(", ", KINDS) + " (docs/heads.md); mlp when only "
                            + "projection is given", false, false, KINDS),
            Param.optionalUnset("head_hidden", INTEGER, 1.0, null,
                    "width of the head's hidden layers; the head's default when left out"),
            Param.optionalUnset("head_bottleneck", INTEGER, 1.0, null,
                    "width of DINO's L2-normalized bottleneck (head: dino only); " + DEFAULT_BOTTLENECK + " when left out"));

    /** The rules between the head parameters, checked by validation with the position of the key to change. */
    public static final List<Constraint> RULES = List.of(
            Constraint.require("head_hidden", v -> !v.has("head_hidden") || hasHead(v),
                    v -> "is set but the encoder has no head", "add head: simclr (or projection: N), or remove head_hidden"),
            Constraint.require("head_hidden", v -> !v.has("head_hidden") || !"linear".equals(kindKey(v)),
                    v -> "does not apply to head: linear, which has no hidden layer", "remove head_hidden, or choose head: mlp"),
            Constraint.require("head_bottleneck", v -> !v.has("head_bottleneck") || "dino".equals(kindKey(v)),
                    v -> "applies to head: dino only, got head: " + kindKey(v), "remove head_bottleneck, or choose head: dino"));

    public ProjectionHead {
        int wantHidden = kind == Kind.LINEAR ? 0 : 1;
        if (out <= 0 || (wantHidden > 0 ? hidden <= 0 : hidden != 0) || (kind == Kind.DINO ? bottleneck <= 0 : bottleneck != 0)) {
            throw new IllegalArgumentException("a " + kind.key() + " head needs a positive out"
                    + (wantHidden > 0 ? " and hidden" : "") + (kind == Kind.DINO ? " and bottleneck" : "")
                    + ", got hidden=" + hidden + ", bottleneck=" + bottleneck + ", out=" + out);
        }
    }

    /** Today's head: Linear(hidden)–ReLU–Linear(out). */
    public static ProjectionHead mlp(int hidden, int out) {
        return new ProjectionHead(Kind.MLP, hidden, 0, out);
    }

    /**
     * An encoder of this backbone and head.
     *
     * @param head the head, or {@code null} for none: the projection is then the embedding
     * @param pooledOverSpace as {@link Encoder#Encoder(Block, int, Block, int, boolean)} has it
     */
    public static Encoder encoder(Block backbone, int dim, ProjectionHead head, boolean pooledOverSpace) {
        return encoder(backbone, null, dim, head, pooledOverSpace);
    }

    /**
     * As {@link #encoder(Block, int, ProjectionHead, boolean)}, for a backbone whose stages a recipe can read.
     *
     * @param stages as {@link Encoder#Encoder(Block, StagedBackbone, int, Block, int, boolean)} has it
     */
    public static Encoder encoder(Block backbone, StagedBackbone stages, int dim, ProjectionHead head,
            boolean pooledOverSpace) {
        return head == null ? new Encoder(backbone, stages, dim, new ParameterFree.Identity(), dim, pooledOverSpace)
                : new Encoder(backbone, stages, dim, head.block(), head.out(), pooledOverSpace);
    }

    /** An encoder type's own parameters followed by the head's ({@link #PARAMS}). */
    static List<Param> withHead(List<Param> own) {
        var all = new ArrayList<>(own);
        all.addAll(PARAMS);
        return List.copyOf(all);
    }

    /**
     * The head the checked values ask for on a {@code dim}-wide embedding, or {@code null} for none (neither {@code
     * head} nor a positive {@code projection}); left-out sizes take the head's defaults.
     */
    public static ProjectionHead of(Params v, int dim) {
        if (!hasHead(v)) {
            return null;
        }
        var kind = Kind.of(kindKey(v));
        int hidden = kind == Kind.LINEAR ? 0
                : v.has("head_hidden") ? v.integer("head_hidden")
                : kind.defaultHidden > 0 ? kind.defaultHidden : dim;
        int bottleneck = kind != Kind.DINO ? 0 : v.has("head_bottleneck") ? v.integer("head_bottleneck") : DEFAULT_BOTTLENECK;
        int out = v.has("projection") && v.integer("projection") > 0 ? v.integer("projection") : kind.defaultOut;
        return new ProjectionHead(kind, hidden, bottleneck, out);
    }

    private static boolean hasHead(Params v) {
        return v.has("head") || v.has("projection") && v.integer("projection") > 0;
    }

    private static String kindKey(Params v) {
        return v.has("head") ? v.string("head") : Kind.MLP.key();
    }

    /** The trainable parameters the head has on a {@code dim}-wide embedding (BatchNorm's running statistics aside). */
    public long parameterCount(int dim) {
        long d = dim;
        long h = hidden;
        return switch (kind) {
            case MLP -> d * h + h + h * out + out;
            case LINEAR -> d * out + out;
            case SIMCLR -> d * h + 2 * h + h * out + out;
            case BYOL -> d * h + h + 2 * h + h * out + out;
            case DINO -> d * h + h + h * h + h + h * bottleneck + bottleneck + (long) bottleneck * out;
        };
    }

    /** A new, uninitialized block: embedding → projection. */
    public Block block() {
        var head = new SequentialBlock();
        switch (kind) {
            case MLP -> head.add(linear(hidden)).add(new ParameterFree.Relu()).add(linear(out));
            case LINEAR -> head.add(linear(out));
            // BatchNorm's shift makes the first layer's bias redundant (SimCLR's code leaves it out)
            case SIMCLR -> head.add(Linear.builder().setUnits(hidden).optBias(false).build())
                    .add(new BatchNorm()).add(new ParameterFree.Relu()).add(linear(out));
            case BYOL -> head.add(linear(hidden)).add(new BatchNorm()).add(new ParameterFree.Relu()).add(linear(out));
            case DINO -> head.add(linear(hidden)).add(new ParameterFree.Gelu())
                    .add(linear(hidden)).add(new ParameterFree.Gelu())
                    .add(linear(bottleneck))
                    .add(new ParameterFree.L2Normalize())
                    .add(new WeightNormLinear(out));
        }
        return head;
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }
}
