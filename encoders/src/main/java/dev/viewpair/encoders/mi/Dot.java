package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/** The separable dot-product critic: {@code s_ij = za_i · zb_j}. No parameters. */
public final class Dot extends ScoringBlock {

    @Override
    public NDArray scores(NDArray za, NDArray zb) {
        checkPair(za, zb);
        return za.matMul(zb.transpose());
    }
}
