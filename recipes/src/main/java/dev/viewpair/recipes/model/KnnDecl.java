package dev.viewpair.recipes.model;

/**
 * Evaluation by k-nearest-neighbour classification on embeddings: {@code knn: {k: 20}}.
 *
 * @param k neighbours that vote, ≥ 1 (default 20)
 */
public record KnnDecl(int k) {
    public static final int DEFAULT_K = 20;
}
