package dev.viewpair.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long audio files reach the views as timelines read by seeking; short ones decoded whole as before. */
class DecodedLongAudioTest {
    private static final int RATE = 8000;

    @TempDir
    Path dir;

    /** A mono 16-bit WAV of a rising ramp, so that every window differs. */
    private Path wav(String name, double seconds) throws Exception {
        int n = (int) (seconds * RATE);
        var b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (i % 65536 - 32768));
        }
        return Files.write(dir.resolve(name), b.array());
    }

    @Test
    void aLongFileBecomesATimelineWhoseViewsAreThoseOfTheWholeDecode() throws Exception {
        var file = wav("long.wav", AudioTimeline.WHOLE_SECONDS + 10);
        var ref = new MediaRef.FileMedia(file);
        assertInstanceOf(AudioTimeline.class, MediaDecoder.decodeForViews(Modality.AUDIO, ref, RATE));
        assertInstanceOf(Audio.class, MediaDecoder.decode(Modality.AUDIO, ref, RATE), "decoded shards keep the whole sound");
        // a short WAV too: its clips decode only their windows
        var short1 = new MediaRef.FileMedia(wav("short.wav", 3));
        assertInstanceOf(AudioTimeline.class, MediaDecoder.decodeForViews(Modality.AUDIO, short1, RATE));

        var specs = List.of(new ViewSpec("sound", Modality.AUDIO, List.of(new OpSpec("clip", Map.of("seconds", 1.0)))));
        var views = ViewSet.build(specs, OpCatalog.standard(), 3);
        var sample = new Sample("s", Map.of(Modality.AUDIO, ref), null, Map.of());
        var seeking = new DecodedViews(views, RATE).views(sample, 2).get("sound").data();
        var whole = views.apply(Map.of(Modality.AUDIO, AudioDecoder.decode(file, RATE)), 2, "s").get("sound").data();
        assertArrayEquals(whole, seeking);
        var shortSample = new Sample("s", Map.of(Modality.AUDIO, short1), null, Map.of());
        assertArrayEquals(views.apply(Map.of(Modality.AUDIO, AudioDecoder.decode(short1.path(), RATE)), 2, "s").get("sound").data(),
                new DecodedViews(views, RATE).views(shortSample, 2).get("sound").data());
    }

    @Test
    void aViewOfAShortFileWithoutClipReadsItsWholeDecode() throws Exception {
        var file = wav("short.wav", 3);
        var specs = List.of(new ViewSpec("all", Modality.AUDIO, List.of(new OpSpec("gain", Map.of()))));
        var views = ViewSet.build(specs, OpCatalog.standard(), 3);
        var sample = new Sample("s", Map.of(Modality.AUDIO, new MediaRef.FileMedia(file)), null, Map.of());
        assertArrayEquals(views.apply(Map.of(Modality.AUDIO, AudioDecoder.decode(file, RATE)), 0, "s").get("all").data(),
                new DecodedViews(views, RATE).views(sample, 0).get("all").data());
    }

    @Test
    void aViewOfALongFileWithoutClipIsABadInputNamingTheFile() throws Exception {
        var file = wav("long.wav", AudioTimeline.WHOLE_SECONDS + 10);
        var specs = List.of(new ViewSpec("all", Modality.AUDIO, List.of(new OpSpec("gain", Map.of()))));
        var sample = new Sample("s", Map.of(Modality.AUDIO, new MediaRef.FileMedia(file)), null, Map.of());
        var e = assertThrows(BadMediaException.class,
                () -> new DecodedViews(ViewSet.build(specs, OpCatalog.standard(), 3), RATE).views(sample, 0));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("clip:"), e.getMessage());
    }
}
