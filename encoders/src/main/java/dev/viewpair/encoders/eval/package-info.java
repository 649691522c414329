/**
 * Evaluations of frozen embeddings, in plain Java and deterministic for any thread count: {@link
 * dev.viewpair.encoders.eval.LinearProbe} (logistic regression, with {@link dev.viewpair.encoders.eval.ProbeResult}),
 * {@link dev.viewpair.encoders.eval.KnnClassifier}, cross-view {@link dev.viewpair.encoders.eval.Retrieval} (with
 * {@link dev.viewpair.encoders.eval.RetrievalResult}), the {@link dev.viewpair.encoders.eval.Tsne} map, and the
 * row-vector helpers they share ({@link dev.viewpair.encoders.eval.Vectors}); and intervals of an accuracy over
 * trials, independent or in clusters ({@link dev.viewpair.encoders.eval.WilsonInterval},
 * {@link dev.viewpair.encoders.eval.DesignEffect}). They take embeddings as {@code
 * float[][]} rows, so they import DJL (kNN's matrix products) and no other viewpair package; the run hands them
 * the embeddings.
 */
package dev.viewpair.encoders.eval;
