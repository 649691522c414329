/**
 * The dataset-type catalogue: every kind of source a recipe's {@code dataset.type} may name
 * ({@link dev.viewpair.datasets.types.DatasetType}, {@link dev.viewpair.datasets.types.DatasetTypes#standard()}), each
 * declared once with how to open it from this machine's files and, where it can be, by URI through a storage. It
 * imports the source packages it opens and the catalogue machinery; nothing imports it from below.
 */
package dev.viewpair.datasets.types;
