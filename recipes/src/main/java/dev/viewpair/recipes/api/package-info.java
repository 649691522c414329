/**
 * The small public Java API: {@link dev.viewpair.recipes.api.Views} opens a recipe, or builds views in code, iterates
 * a dataset and gives each sample's views as float arrays with their shapes (dataset preprocessing scripts, feature
 * dumps; {@code examples/Example.java} shows it); {@link dev.viewpair.recipes.api.TrainedRun} opens a finished run
 * and gives its embeddings and pair scores ({@link dev.viewpair.encoders.train.Inference}, which evaluation and
 * {@code embed} read too); {@link dev.viewpair.recipes.api.Encoders} loads one trained encoder as an
 * {@link dev.viewpair.recipes.api.EncoderModel}, view tensors in and embeddings out without the recipe's dataset or
 * views ({@code examples/EncodeExample.java}), from a run folder or from an exported ONNX file
 * ({@link dev.viewpair.recipes.api.OnnxEncoderModel}, run by ONNX Runtime). It imports {@code run}, {@code validate}
 * and {@code model}; only {@code cli} imports it ({@code encode} goes through {@code EncoderModel}).
 */
package dev.viewpair.recipes.api;
