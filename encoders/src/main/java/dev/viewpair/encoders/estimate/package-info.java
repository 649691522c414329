/**
 * MI estimation outside a recipe: the known-MI staircase benchmark of the bounds ({@link
 * dev.viewpair.encoders.estimate.Staircase}), a cross-fitted trained-critic estimate of the MI between two
 * arrays of paired rows ({@link dev.viewpair.encoders.estimate.PairEstimator}) after a per-coordinate
 * {@link dev.viewpair.encoders.estimate.MarginalTransform}, the KSG k-NN estimator ({@link
 * dev.viewpair.encoders.estimate.Ksg}), and known-MI tasks in the style of Czyż et al. 2023 ({@link
 * dev.viewpair.encoders.estimate.MiTasks}, closed forms in {@link dev.viewpair.encoders.estimate.KnownMi})
 * with the benchmark that runs the estimators on them ({@link dev.viewpair.encoders.estimate.MiBenchmark}).
 * Reading files is the caller's job: these take arrays.
 */
package dev.viewpair.encoders.estimate;
