package dev.viewpair.encoders.train;

import ai.djl.ndarray.types.Shape;

/**
 * What a local–global pair's critic gives each sample's local vectors against the same sample's global vector: where
 * in a frame's feature map the sound's embedding matches ("Objects that Sound", Arandjelović &amp; Zisserman 2018).
 *
 * @param grid the local layer's grid ({@code H×W} of a feature map; its size is the number of positions)
 * @param scores one row per sample, one score per position in row-major grid order
 */
public record LocalScores(Shape grid, float[][] scores) {}
