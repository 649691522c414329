/**
 * The small public Java API: {@link dev.viewpair.recipes.api.Views} opens a recipe, or builds views in code, iterates
 * a dataset and gives each sample's views as float arrays with their shapes (dataset preprocessing scripts, feature
 * dumps; {@code examples/Example.java} shows it); {@link dev.viewpair.recipes.api.TrainedRun} opens a finished run
 * and gives its embeddings and pair scores ({@link dev.viewpair.encoders.train.Inference}, which evaluation and
 * {@code embed} read too). It imports {@code run}, {@code validate} and {@code model}; nothing imports it.
 */
package dev.viewpair.recipes.api;
