/**
 * MI estimation outside a recipe: the known-MI staircase benchmark of the bounds ({@link
 * dev.viewpair.encoders.estimate.Staircase}), a trained-critic estimate of the MI between two
 * arrays of paired rows ({@link dev.viewpair.encoders.estimate.PairEstimator}), and the KSG k-NN
 * estimator ({@link dev.viewpair.encoders.estimate.Ksg}). Reading files is the caller's job: these
 * take arrays.
 */
package dev.viewpair.encoders.estimate;
