/**
 * What every op and view shares, the bottom of {@code views}: the op contract ({@link dev.viewpair.views.Op},
 * {@link dev.viewpair.views.ViewContext}, {@link dev.viewpair.views.Rng}, {@link dev.viewpair.views.ViewFamily},
 * the time-cutting {@link dev.viewpair.views.AnchoredOp} with its {@link dev.viewpair.views.Window} and
 * {@link dev.viewpair.views.Apart} rules), what a recipe names ({@link dev.viewpair.views.OpSpec},
 * {@link dev.viewpair.views.ViewSpec}, {@link dev.viewpair.views.Modality}) and what comes out
 * ({@link dev.viewpair.views.ViewTensor}, {@link dev.viewpair.views.MediaException}). It may import the
 * {@code catalog} module and libraries only, none of its subpackages: they all build on it.
 */
package dev.viewpair.views;
