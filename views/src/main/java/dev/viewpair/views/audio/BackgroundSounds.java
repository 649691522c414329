package dev.viewpair.views.audio;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.audio.io.Sound;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The background recordings of one folder at one rate, for {@link BackgroundNoise}: every audio file under the
 * folder (recursively, by extension, hidden files left out), in path order so that a seed picks the same file on
 * every machine. Each folder is read once per process, at first use, and shared by every thread: files up to
 * {@value dev.viewpair.views.audio.io.AudioTimeline#WHOLE_SECONDS} s are held decoded (4 bytes a sample: 16 kHz mono is about 3.8 MB a minute),
 * longer ones are {@link dev.viewpair.views.audio.io.AudioTimeline}s that read only the windows asked for. Files that cannot be decoded are
 * left out and reported once.
 *
 * @param folder the folder
 * @param sounds the readable recordings, in path order
 * @param skipped the files that could not be read, each with the reason
 */
record BackgroundSounds(Path folder, List<Sound> sounds, List<String> skipped) {
    /** The file name extensions read as audio, lower case. */
    static final Set<String> EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac", "aif",
            "aiff", "wma", "mka", "webm");

    private static final System.Logger LOG = System.getLogger(BackgroundSounds.class.getName());

    private record Key(Path folder, int sampleRate) {}

    /** Loaded once per key; a holder per key so that loading one folder does not block the others. */
    private static final ConcurrentHashMap<Key, Holder> LOADED = new ConcurrentHashMap<>();

    BackgroundSounds {
        sounds = List.copyOf(sounds);
        skipped = List.copyOf(skipped);
    }

    /**
     * The recordings of a folder at a rate, read at the first call and shared afterwards.
     *
     * @throws MediaException when the folder is missing, holds no audio file, or none of them can be read
     */
    static BackgroundSounds of(Path folder, int sampleRate) {
        var key = new Key(folder.toAbsolutePath().normalize(), sampleRate);
        return LOADED.computeIfAbsent(key, k -> new Holder()).get(key);
    }

    /**
     * The audio files under a folder, in path order.
     *
     * @throws MediaException when the folder is missing or cannot be listed
     */
    static List<Path> audioFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new MediaException("background folder '" + folder + "' "
                    + (Files.exists(folder) ? "is a file, not a folder" : "does not exist")
                    + ": give a folder of background recordings (WAV, FLAC, MP3, OGG, M4A, …)");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(BackgroundSounds::isAudio)
                    .sorted(Comparator.comparing(p -> folder.relativize(p).toString())).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MediaException("background folder '" + folder + "' cannot be listed: " + e.getMessage()
                    + ": check its permissions");
        }
    }

    private static boolean isAudio(Path file) {
        var name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static BackgroundSounds load(Path folder, int sampleRate) {
        var files = audioFiles(folder);
        if (files.isEmpty()) {
            throw new MediaException("background folder '" + folder + "' holds no audio file: add recordings with one of "
                    + "the extensions " + String.join(", ", EXTENSIONS.stream().sorted().toList()));
        }
        var sounds = new ArrayList<Sound>();
        var skipped = new ArrayList<String>();
        for (var file : files) {
            try {
                var sound = AudioDecoder.open(file, sampleRate);
                // a short recording serves many samples: held decoded rather than read by window every time
                sounds.add(sound instanceof AudioTimeline t && t.durationSeconds() <= AudioTimeline.WHOLE_SECONDS
                        ? t.whole() : sound);
            } catch (MediaException e) {
                skipped.add(folder.relativize(file) + ": " + e.getMessage());
            }
        }
        if (sounds.isEmpty()) {
            throw new MediaException("background folder '" + folder + "': none of its " + files.size()
                    + " audio files can be read (first: " + skipped.get(0) + "): replace them with readable recordings");
        }
        if (!skipped.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "background_noise: left out " + skipped.size() + " of " + files.size()
                    + " files under '" + folder + "' that cannot be read (first: " + skipped.get(0) + ")");
        }
        return new BackgroundSounds(folder, sounds, skipped);
    }

    /** Loads its folder once; a failure is kept and thrown again, so every thread sees the same error. */
    private static final class Holder {
        private BackgroundSounds sounds;
        private MediaException failure;

        synchronized BackgroundSounds get(Key key) {
            if (sounds == null && failure == null) {
                try {
                    sounds = load(key.folder(), key.sampleRate());
                } catch (MediaException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new MediaException(failure.getMessage(), failure);
            }
            return sounds;
        }
    }
}
