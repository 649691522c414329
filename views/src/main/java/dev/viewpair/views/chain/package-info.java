/**
 * Views built from a recipe, the top of {@code views}: {@link dev.viewpair.views.chain.OpCatalog} assembles
 * every media package's op descriptors and the combinators', {@link dev.viewpair.views.chain.ViewChain} joins one
 * view's ops stage to stage, and {@link dev.viewpair.views.chain.ViewSet} makes every view of a sample, drawing its
 * anchor (on an onset of its sound for views at {@code at: onset}: {@link dev.viewpair.views.chain.OnsetAnchors}). It may
 * import every other package of {@code views}; none of them imports it.
 */
package dev.viewpair.views.chain;
