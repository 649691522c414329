package dev.viewpair.recipes.model;

import java.util.Objects;

/**
 * Cross-view retrieval evaluation, one entry of {@code retrieval: [[img_a, sound]]}: each sample's
 * query view must find the same sample's gallery view among all samples' gallery views.
 *
 * @param query the view whose embeddings search
 * @param gallery the view whose embeddings are searched
 */
public record RetrievalDecl(String query, String gallery) {
    public RetrievalDecl {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(gallery, "gallery");
    }
}
