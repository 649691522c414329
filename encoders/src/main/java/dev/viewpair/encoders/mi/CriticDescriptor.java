package dev.viewpair.encoders.mi;

import dev.viewpair.catalog.Entry;
import dev.viewpair.catalog.Param;
import java.util.List;
import java.util.Map;

/**
 * One critic of the critic catalogue ({@link Critics#standard()}): the name a recipe uses, its parameters, and how
 * to build it for two embedding widths.
 *
 * @param name the name a recipe uses ({@code cosine})
 * @param params its parameters with their defaults
 * @param doc one line for listings and the tables in docs/
 * @param equalWidths whether it scores only embeddings of equal width (the parameter-free and cosine critics)
 * @param factory builds a new, uninitialized critic
 */
public record CriticDescriptor(String name, List<Param> params, String doc, boolean equalWidths, Factory factory)
        implements Entry {
    /** Builds a critic from its checked parameters for view A's and view B's embedding widths. */
    @FunctionalInterface
    public interface Factory {
        Critic create(MiParams values, int dimA, int dimB);
    }

    public CriticDescriptor {
        params = List.copyOf(params);
    }

    /**
     * A new critic with these parameters (null or empty for the defaults).
     *
     * @param dimA the width of view A's embeddings (rows of the score matrix)
     * @param dimB the width of view B's embeddings (columns)
     * @throws IllegalArgumentException naming an undeclared key, a bad value, or widths it cannot score
     */
    public Critic create(Map<String, Object> given, int dimA, int dimB) {
        var values = MiParams.check("critic", name, params, given);
        if (dimA != dimB && equalWidths) {
            throw new IllegalArgumentException("critic '" + name + "' scores embeddings of equal width, got " + dimA
                    + " and " + dimB + "; use concat_mlp, separable_mlp or gaussian");
        }
        return factory.create(values, dimA, dimB);
    }
}
