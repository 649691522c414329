package dev.viewpair.datasets.types;

import dev.viewpair.catalog.Catalog;
import dev.viewpair.datasets.folder.FolderSource;
import dev.viewpair.datasets.idx.IdxSource;
import dev.viewpair.datasets.jsonl.JsonlManifestSource;
import dev.viewpair.datasets.manifest.ManifestSource;
import dev.viewpair.datasets.shards.ShardSource;
import dev.viewpair.views.Modality;
import java.util.EnumSet;
import java.util.List;

/**
 * The dataset-type catalogue: every kind of source a recipe may name, declared once. Validation, the run's data
 * plan, {@code viewpair list datasets} and the tables in docs/ read it.
 */
public final class DatasetTypes {
    /** The type of a shards folder written by {@code viewpair preprocess}, whose samples carry their split. */
    public static final String SHARDS = "shards";

    private static final Catalog<DatasetType> STANDARD = new Catalog<>("dataset type", List.of(
            new DatasetType("manifest", "a CSV file, one sample per row: id, media columns, label",
                    ManifestSource::open, ManifestSource::open, false),
            new DatasetType("jsonl", "a JSON-lines manifest, one sample per line", JsonlManifestSource::open,
                    JsonlManifestSource::open, false),
            new DatasetType("folder", "a folder of media, one subfolder per class",
                    (path, outside) -> FolderSource.open(path, EnumSet.allOf(Modality.class), outside),
                    (storage, uri, outside) -> FolderSource.open(storage, uri, EnumSet.allOf(Modality.class)), true),
            new DatasetType("idx", "MNIST / Fashion-MNIST IDX files: their folder or the images file",
                    (path, outside) -> IdxSource.open(path), null, false),
            new DatasetType("video_folder", "a folder of videos, one subfolder per class",
                    (path, outside) -> FolderSource.open(path, EnumSet.of(Modality.VIDEO), outside),
                    (storage, uri, outside) -> FolderSource.open(storage, uri, EnumSet.of(Modality.VIDEO)), true),
            new DatasetType(SHARDS, "a shards folder written by viewpair preprocess; each sample keeps its split",
                    (path, outside) -> ShardSource.open(path), null, true)));

    private DatasetTypes() {}

    /** The names of a catalogue's types that are read by URI, in catalogue order. */
    public static List<String> readByUri(Catalog<DatasetType> catalog) {
        return catalog.entries().stream().filter(t -> t.byUri().isPresent()).map(DatasetType::name).toList();
    }

    /** Every dataset type viewpair ships. */
    public static Catalog<DatasetType> standard() {
        return STANDARD;
    }
}
