package dev.viewpair.views.catalog;

import dev.viewpair.catalog.Params;

/**
 * How an op transforms its input's shape, from its checked parameters: each op descriptor has one, so a recipe's
 * view shapes are known before any file is read.
 */
@FunctionalInterface
public interface ShapeRule {
    /** The rule of an op that gives what it takes, shape and all (flips, colour, noise, filters). */
    ShapeRule KEEPS = (input, params, context) -> input;

    /**
     * The output's shape.
     *
     * @param input the shape the op is given
     * @param params the op's checked parameters, defaults filled in
     * @param context where the op is written, and which member a family op is asked about
     */
    Shape apply(Shape input, Params params, ShapeContext context);
}
