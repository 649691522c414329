/**
 * Reading a recipe file into a resolved {@link dev.viewpair.recipes.model.Recipe}: the YAML/JSON text into a tree
 * that keeps every node's position ({@code TreeReader}, {@code PosNode}), then one reader per section
 * ({@code DatasetReader}, {@code ViewsReader}, {@code EncodersReader}, {@code PairsReader}, {@code TrainReader},
 * {@code EvalReader}) run in order by {@code RecipeValidator}, each reporting its problems with FILE:LINE:COL and a
 * fix ({@code Problems}); the keys an encoder or the optimizer takes are those its type declares in its catalogue
 * ({@code DeclaredParams}). {@link dev.viewpair.recipes.validate.RecipeLoader} is the entry point. It imports the
 * recipe model and the catalogues of the lower modules (views, encoders, datasets); nothing of {@code run} or
 * {@code cli}.
 */
package dev.viewpair.recipes.validate;
