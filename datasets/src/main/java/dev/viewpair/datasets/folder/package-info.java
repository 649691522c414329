/**
 * Datasets that are a folder tree, one class per subfolder: {@link dev.viewpair.datasets.folder.FolderSource}
 * makes one sample per media file, its modality from its extension and its label from its top-level folder, on
 * this machine or by URI through a storage. It imports the dataset contract ({@code datasets}), {@code
 * datasets.storage} and {@code views}.
 */
package dev.viewpair.datasets.folder;
