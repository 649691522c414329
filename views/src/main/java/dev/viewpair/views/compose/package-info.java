/**
 * Ops made of other ops ({@code random_apply}, {@code one_of}, {@code sequence}), whatever the media. It may
 * import {@code dev.viewpair.views} only; their descriptors are in {@link dev.viewpair.views.chain.OpCatalog}.
 */
package dev.viewpair.views.compose;
