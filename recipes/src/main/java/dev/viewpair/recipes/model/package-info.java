/**
 * A recipe as data: {@link dev.viewpair.recipes.model.Recipe}, resolved (every {@code like} expanded, every
 * default filled), and its sections' records ({@link dev.viewpair.recipes.model.DatasetDecl}, {@link
 * dev.viewpair.recipes.model.EncoderDecl}, {@link dev.viewpair.recipes.model.PairDecl}, {@link
 * dev.viewpair.recipes.model.TrainDecl}, {@link dev.viewpair.recipes.model.EvalDecl} and theirs); {@link
 * dev.viewpair.recipes.model.Families}, the catalogues a recipe is checked, written, run and listed against; the
 * writer that gives a recipe back as YAML and as the canonical JSON its hash is taken of; and {@link
 * dev.viewpair.recipes.model.RecipeProblem} and {@link dev.viewpair.recipes.model.RecipeException}, what is wrong
 * with a recipe file. It imports the catalogues' packages below it ({@code catalog}, {@code views}, {@code
 * encoders}, {@code datasets}); {@code validate} makes its records and {@code run}, {@code cli} and {@code api}
 * read them.
 */
package dev.viewpair.recipes.model;
