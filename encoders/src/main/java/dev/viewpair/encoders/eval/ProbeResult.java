package dev.viewpair.encoders.eval;

/**
 * The outcome of a linear probe.
 *
 * @param trainAccuracy accuracy on the training split
 * @param testAccuracy accuracy on the test split (the number to report)
 * @param classes the number of classes (largest label + 1)
 * @param iterations optimizer iterations used
 */
public record ProbeResult(double trainAccuracy, double testAccuracy, int classes, int iterations) {}
