package dev.viewpair.datasets.jsonl;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.DatasetRoot;
import dev.viewpair.datasets.MediaFolder;
import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.SampleList;
import dev.viewpair.datasets.manifest.ManifestException;
import dev.viewpair.datasets.storage.Storage;
import dev.viewpair.datasets.storage.StoredFolder;
import dev.viewpair.views.Modality;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * A dataset listed in a JSON Lines manifest: one JSON object per line, with the keys of the CSV manifest
 * ({@link dev.viewpair.datasets.manifest.ManifestSource}): {@code image}, {@code audio}, {@code video} — media
 * paths, at least one per line; {@code id} — optional, unique (else the first media path); {@code label} —
 * optional; any other key goes to {@code meta} (numbers and booleans as their text, nested values as JSON).
 * Blank lines are skipped. Paths are relative to the file's folder; one that leads out of it (also through a symbolic link) is
 * refused unless opened with {@code allowOutsideRoot} (see {@link DatasetRoot}). Problems raise a
 * {@link ManifestException} naming file and line.
 */
public final class JsonlManifestSource implements SampleList.Backed {
    private static final List<String> MEDIA_KEYS = List.of("image", "audio", "video");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final SampleList list;

    private JsonlManifestSource(Path file, List<Sample> samples) {
        this.file = file;
        this.list = new SampleList("jsonl", file, samples);
    }

    /** Reads a JSONL manifest whose media all lie inside its folder. */
    public static JsonlManifestSource open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * Reads a JSONL manifest.
     *
     * @param allowOutsideRoot whether media paths may lead out of the file's folder
     * @throws ManifestException when a line is not a valid record; the message names file and line
     * @throws IOException when the file cannot be read
     */
    public static JsonlManifestSource open(Path file, boolean allowOutsideRoot) throws IOException {
        String text = ManifestException.readUtf8(file);
        var root = new MediaFolder.Local(new DatasetRoot(file.toAbsolutePath().normalize().getParent()));
        return new JsonlManifestSource(file, samples(file.toString(), text, root, allowOutsideRoot));
    }

    /**
     * Reads a JSONL manifest in a {@link Storage} ({@code hdfs://…/data.jsonl}): its media paths are relative to its
     * folder there, and read through the storage. The rules are those of a manifest on this machine.
     *
     * @param allowOutsideRoot whether media paths may lead out of the file's folder
     * @throws ManifestException when a line is not a valid record; the message names the URI and line
     * @throws IOException when the file cannot be read
     */
    public static SampleList.Backed open(Storage storage, URI file, boolean allowOutsideRoot) throws IOException {
        var name = Storage.display(file);
        var root = new MediaFolder.Stored(storage, StoredFolder.of(file));
        var list = new SampleList("jsonl", name, samples(name, ManifestException.utf8(name, storage.read(file)), root, allowOutsideRoot));
        return () -> list;
    }

    private static List<Sample> samples(String file, String text, MediaFolder root, boolean allowOutsideRoot) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        var samples = new ArrayList<Sample>();
        var idLines = new HashMap<String, Integer>();
        var lines = text.split("\r?\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            var line = lines[n - 1];
            if (line.isBlank()) {
                continue;
            }
            var sample = sample(file, root, n, line, allowOutsideRoot);
            var earlier = idLines.putIfAbsent(sample.id(), n);
            if (earlier != null) {
                throw new ManifestException(file, n, "id '" + sample.id() + "' is already used on line " + earlier + "; ids must be unique");
            }
            samples.add(sample);
        }
        if (samples.isEmpty()) {
            throw new ManifestException(file, 0, "has no records; write one JSON object per line, e.g. {\"image\": \"a.png\", \"label\": \"cat\"}");
        }
        return samples;
    }

    private static Sample sample(String file, MediaFolder root, int n, String line, boolean allowOutsideRoot) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new ManifestException(file, n, "not valid JSON (" + e.getOriginalMessage() + "); write one JSON object per line");
        }
        if (!node.isObject()) {
            throw new ManifestException(file, n, "a line must be a JSON object such as {\"image\": \"a.png\"}, not " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        var media = new EnumMap<Modality, MediaRef>(Modality.class);
        String firstMedia = null;
        for (var key : MEDIA_KEYS) {
            var value = text(file, n, key, node.get(key));
            if (!value.isEmpty()) {
                MediaFolder.Resolved resolved;
                try {
                    resolved = root.resolve(value, allowOutsideRoot);
                } catch (MediaFolder.BadPath e) {
                    throw new ManifestException(file, n, "\"" + key + "\": '" + value + "' " + e.getMessage());
                }
                media.put(Modality.parse(key), resolved.media());
                if (firstMedia == null) {
                    firstMedia = resolved.relative();
                }
            }
        }
        if (media.isEmpty()) {
            throw new ManifestException(file, n, "the record has no image, audio or video path");
        }
        var id = text(file, n, "id", node.get("id"));
        var label = text(file, n, "label", node.get("label"));
        var meta = new LinkedHashMap<String, String>();
        node.fields().forEachRemaining(e -> {
            if (!MEDIA_KEYS.contains(e.getKey()) && !e.getKey().equals("id") && !e.getKey().equals("label")) {
                var v = e.getValue();
                meta.put(e.getKey(), v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
            }
        });
        return new Sample(id.isEmpty() ? firstMedia : id, media, label.isEmpty() ? null : label, meta);
    }

    /** A media path, id or label: a string or number; absent or null is empty. */
    private static String text(String file, int n, String key, JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new ManifestException(file, n, "\"" + key + "\" must be a string, not " + v);
        }
        return v.asText().strip();
    }

    @Override
    public SampleList list() {
        return list;
    }

    /** The manifest file. */
    public Path file() {
        return file;
    }

    /** The modalities that at least one record has a file for. */
    public Set<Modality> modalities() {
        return list.modalities();
    }
}
