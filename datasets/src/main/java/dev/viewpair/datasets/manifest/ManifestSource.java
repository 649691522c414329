package dev.viewpair.datasets.manifest;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset listed in a CSV manifest with a header row. Columns {@code image}, {@code audio}, {@code video}
 * name media files (relative to the manifest's folder); {@code id} (default: the row number) and
 * {@code label} are optional; every other column goes into the sample's metadata. Files are not opened
 * here: a missing or unreadable file is a bad input of the run, skipped and reported, not a failure to
 * open the dataset. A path that leaves the manifest's folder is refused unless allowed.
 */
public final class ManifestSource implements Source {
    private final Path manifest;
    private final List<Sample> samples;

    private ManifestSource(Path manifest, List<Sample> samples) {
        this.manifest = manifest;
        this.samples = samples;
    }

    /** Opens a manifest whose media all lie inside its folder. */
    public static ManifestSource open(Path manifest) throws IOException {
        return open(manifest, false);
    }

    /**
     * Opens a manifest.
     *
     * @param allowOutsideRoot accept media paths that leave the manifest's folder ({@code ../x}, absolute paths)
     * @throws IllegalArgumentException naming the file, line and column of a malformed row
     */
    public static ManifestSource open(Path manifest, boolean allowOutsideRoot) throws IOException {
        var root = manifest.toAbsolutePath().normalize().getParent();
        var lines = new ArrayList<Integer>();
        List<List<String>> rows;
        try {
            rows = Csv.parse(Files.readString(manifest, StandardCharsets.UTF_8), lines);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(manifest + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": the manifest is empty — it needs a header row such as id,image,audio,label");
        }
        var header = rows.get(0).stream().map(String::trim).toList();
        var media = new EnumMap<Modality, Integer>(Modality.class);
        for (var m : Modality.values()) {
            int col = header.indexOf(m.recipeName());
            if (col >= 0) {
                media.put(m, col);
            }
        }
        if (media.isEmpty()) {
            throw new IllegalArgumentException(manifest + ":1: the header names no media column — add image, audio or video");
        }
        int idCol = header.indexOf("id");
        int labelCol = header.indexOf("label");
        var samples = new ArrayList<Sample>(rows.size() - 1);
        var ids = new HashSet<String>();
        for (int r = 1; r < rows.size(); r++) {
            var row = rows.get(r);
            int line = lines.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(manifest + ":" + line + ": the row has " + row.size() + " fields, the header "
                        + header.size() + " — quote fields that contain commas");
            }
            String id = idCol >= 0 ? row.get(idCol).trim() : Integer.toString(r - 1);
            if (id.isEmpty() || !ids.add(id)) {
                throw new IllegalArgumentException(manifest + ":" + line + ": " + (id.isEmpty() ? "empty id" : "duplicate id '" + id + "'")
                        + " — every sample needs a unique id");
            }
            var refs = new EnumMap<Modality, MediaRef>(Modality.class);
            for (var e : media.entrySet()) {
                String value = row.get(e.getValue()).trim();
                if (value.isEmpty()) {
                    continue;
                }
                var path = root.resolve(value).normalize();
                if (!allowOutsideRoot && !path.startsWith(root)) {
                    throw new IllegalArgumentException(manifest + ":" + line + ":" + (e.getValue() + 1) + ": the "
                            + e.getKey().recipeName() + " path '" + value + "' leaves the dataset folder " + root
                            + " — move the file inside it, or allow paths outside the root explicitly");
                }
                refs.put(e.getKey(), new MediaRef.FileMedia(path));
            }
            var meta = new LinkedHashMap<String, String>();
            for (int c = 0; c < header.size(); c++) {
                if (c != idCol && c != labelCol && !media.containsValue(c)) {
                    meta.put(header.get(c), row.get(c));
                }
            }
            String label = labelCol >= 0 && !row.get(labelCol).isBlank() ? row.get(labelCol).trim() : null;
            samples.add(new Sample(id, refs, label, meta));
        }
        return new ManifestSource(manifest, List.copyOf(samples));
    }

    @Override
    public long size() {
        return samples.size();
    }

    @Override
    public Sample get(long i) {
        return samples.get((int) i);
    }

    @Override
    public String describe() {
        return "manifest " + manifest;
    }

    /** The samples' media per modality, for reports. */
    public Map<Modality, Long> mediaCounts() {
        var counts = new EnumMap<Modality, Long>(Modality.class);
        samples.forEach(s -> s.media().keySet().forEach(m -> counts.merge(m, 1L, Long::sum)));
        return counts;
    }
}
