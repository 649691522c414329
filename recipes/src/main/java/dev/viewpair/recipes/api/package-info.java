/**
 * The small public Java API: {@link dev.viewpair.recipes.api.Views} opens a recipe, or builds views in code, iterates
 * a dataset and gives each sample's views as float arrays with their shapes (dataset preprocessing scripts, feature
 * dumps; {@code examples/Example.java} shows it); {@link dev.viewpair.recipes.api.TrainedRun} opens a finished run
 * and gives its embeddings and pair scores ({@link dev.viewpair.encoders.train.Inference}, which evaluation and
 * {@code embed} read too); {@link dev.viewpair.recipes.api.EncoderModel} is a trained encoder outside a recipe, such as
 * an exported ONNX file ({@link dev.viewpair.recipes.api.OnnxEncoderModel}, run by ONNX Runtime). It imports {@code
 * run}, {@code validate} and {@code model}; the CLI ({@code encode}) imports it.
 */
package dev.viewpair.recipes.api;
