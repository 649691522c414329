package dev.viewpair.datasets.manifest;

import dev.viewpair.datasets.DatasetRoot;
import dev.viewpair.datasets.MediaFolder;
import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.SampleList;
import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.storage.StoredFolder;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A dataset listed in a CSV manifest: a header row, then one sample per row.
 *
 * <p>Columns (any order, names case-insensitive): {@code image}, {@code audio}, {@code video} — media file
 * paths, at least one of these columns, an empty cell meaning the row lacks that modality; {@code id} —
 * optional, unique; {@code label} — optional, an empty cell meaning no label; any other column goes to the
 * sample's {@code meta} under its header. Paths are relative to the manifest's folder, the dataset root; a
 * path that leads out of it (by {@code ..}, as an absolute path, or through a symbolic link) is refused unless
 * the source is opened with {@code allowOutsideRoot} (see {@link DatasetRoot}).
 *
 * <p>Files are not opened here: a missing or corrupt file is a bad input for the decoders to skip later.
 * {@link #missingFiles()} lists the missing ones for a report.
 */
public final class ManifestSource implements SampleList.Backed {
    private static final List<String> MEDIA_COLUMNS = List.of("image", "audio", "video");

    private final Path manifest;
    private final SampleList list;

    private ManifestSource(Path manifest, List<Sample> samples) {
        this.manifest = manifest;
        this.list = new SampleList("manifest", manifest, samples);
    }

    /** Reads a manifest whose media all lie inside its folder. */
    public static ManifestSource open(Path manifest) throws IOException {
        return open(manifest, false);
    }

    /**
     * Reads a manifest.
     *
     * @param allowOutsideRoot whether media paths may lead out of the manifest's folder ({@code ..}, or an
     *     absolute path elsewhere)
     * @throws ManifestException when the text is not a valid manifest; the message names file and line
     * @throws IOException when the file cannot be read
     */
    public static ManifestSource open(Path manifest, boolean allowOutsideRoot) throws IOException {
        String text = ManifestException.readUtf8(manifest);
        var root = new MediaFolder.Local(new DatasetRoot(manifest.toAbsolutePath().normalize().getParent()));
        var name = manifest.toString();
        return new ManifestSource(manifest, new Parser(name, root, allowOutsideRoot).parse(CsvReader.parse(name, text)));
    }

    /**
     * Reads a manifest in a {@link Storage} ({@code hdfs://…/manifest.csv}): its media paths are relative to its
     * folder there, and read through the storage. The rules are those of a manifest on this machine.
     *
     * @param allowOutsideRoot whether media paths may lead out of the manifest's folder
     * @throws ManifestException when the text is not a valid manifest; the message names the URI and line
     * @throws IOException when the file cannot be read
     */
    public static SampleList.Backed open(Storage storage, URI manifest, boolean allowOutsideRoot) throws IOException {
        var name = Storage.display(manifest);
        String text = ManifestException.utf8(name, storage.read(manifest));
        var root = new MediaFolder.Stored(storage, StoredFolder.of(manifest));
        var list = new SampleList("manifest", name, new Parser(name, root, allowOutsideRoot).parse(CsvReader.parse(name, text)));
        return () -> list;
    }

    @Override
    public SampleList list() {
        return list;
    }

    /** The manifest file. */
    public Path manifest() {
        return manifest;
    }

    /** The modalities that at least one row has a file for. */
    public Set<Modality> modalities() {
        return list.modalities();
    }

    /** The media files the manifest lists that do not exist (checked now, in manifest order). */
    public List<Path> missingFiles() {
        var missing = new ArrayList<Path>();
        for (var sample : list.samples()) {
            for (var modality : Modality.values()) {
                if (sample.media().get(modality) instanceof MediaRef.FileMedia file && !Files.isRegularFile(file.path())) {
                    missing.add(file.path());
                }
            }
        }
        return missing;
    }

    /** Turns CSV records into samples, checking the header and each row. */
    private static final class Parser {
        private final String manifest;
        private final MediaFolder root;
        private final boolean allowOutsideRoot;

        Parser(String manifest, MediaFolder root, boolean allowOutsideRoot) {
            this.manifest = manifest;
            this.root = root;
            this.allowOutsideRoot = allowOutsideRoot;
        }

        List<Sample> parse(List<CsvReader.Record> records) {
            if (records.isEmpty()) {
                throw new ManifestException(manifest, 0, "is empty; it needs a header row such as id,image,audio,label");
            }
            var header = records.get(0);
            var columns = columns(header);
            if (MEDIA_COLUMNS.stream().noneMatch(columns::containsKey)) {
                throw new ManifestException(manifest, header.line(), "the header " + String.join(",", header.fields())
                        + " has no media column; name at least one column image, audio or video");
            }
            var samples = new ArrayList<Sample>(records.size() - 1);
            var idLines = new HashMap<String, Long>();
            for (int row = 1; row < records.size(); row++) {
                var record = records.get(row);
                var sample = sample(row, record, header.fields(), columns);
                var earlier = idLines.putIfAbsent(sample.id(), record.line());
                if (earlier != null) {
                    throw new ManifestException(manifest, record.line(), "id '" + sample.id() + "' is already used on line "
                            + earlier + "; ids must be unique" + (columns.containsKey("id") ? "" : " (add an id column)"));
                }
                samples.add(sample);
            }
            return samples;
        }

        /** Column index by recognized name (lower case) or, for meta columns, by header text. */
        private Map<String, Integer> columns(CsvReader.Record header) {
            var columns = new LinkedHashMap<String, Integer>();
            for (int c = 0; c < header.fields().size(); c++) {
                var name = header.fields().get(c).strip();
                if (name.isEmpty()) {
                    throw new ManifestException(manifest, header.line(), "column " + (c + 1) + " of the header has no name");
                }
                var lower = name.toLowerCase(Locale.ROOT);
                var key = MEDIA_COLUMNS.contains(lower) || lower.equals("id") || lower.equals("label") ? lower : name;
                if (columns.putIfAbsent(key, c) != null) {
                    throw new ManifestException(manifest, header.line(), "column '" + name + "' appears twice in the header");
                }
            }
            return columns;
        }

        private Sample sample(int row, CsvReader.Record record, List<String> header, Map<String, Integer> columns) {
            var fields = record.fields();
            if (fields.size() != header.size()) {
                throw new ManifestException(manifest, record.line(), "the row has " + fields.size() + " fields but the header has "
                        + header.size() + "; quote fields that contain commas");
            }
            var media = new EnumMap<Modality, MediaRef>(Modality.class);
            String firstMedia = null;
            for (var column : MEDIA_COLUMNS) {
                var cell = cell(fields, columns.get(column));
                if (!cell.isEmpty()) {
                    var resolved = resolve(row, record.line(), column, cell);
                    media.put(Modality.parse(column), resolved.media());
                    if (firstMedia == null) {
                        firstMedia = resolved.relative();
                    }
                }
            }
            if (media.isEmpty()) {
                throw new ManifestException(manifest, record.line(), "the row has no image, audio or video file");
            }
            var id = cell(fields, columns.get("id"));
            var label = cell(fields, columns.get("label"));
            var meta = new LinkedHashMap<String, String>();
            columns.forEach((name, c) -> {
                if (!MEDIA_COLUMNS.contains(name) && !name.equals("id") && !name.equals("label")) {
                    meta.put(name, fields.get(c));
                }
            });
            // Without an id the id is the media path: unlike a row number it survives reordering the manifest,
            // so splits and per-sample random streams stay put.
            return new Sample(id.isEmpty() ? firstMedia : id, media, label.isEmpty() ? null : label, meta);
        }

        private static String cell(List<String> fields, Integer column) {
            return column == null ? "" : fields.get(column).strip();
        }

        private MediaFolder.Resolved resolve(int row, long line, String column, String cell) {
            try {
                return root.resolve(cell, allowOutsideRoot);
            } catch (MediaFolder.BadPath e) {
                throw new ManifestException(manifest, line, "row " + row + ", column " + column + ": '" + cell + "' " + e.getMessage());
            }
        }
    }
}
