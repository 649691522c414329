package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.audio.io.TestAudio;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code background_noise} on a folder of files written with FFmpeg: the added part is a segment of one of the
 * decoded files scaled to the drawn SNR, recovered from the output; draws cover the SNR range and every file;
 * the catalogue's checks and the folder's errors.
 */
class BackgroundNoiseTest {
    private static final int RATE = 8000;
    private static final int CLIP = 800;

    @TempDir
    static Path folder;

    /** The decoded recordings, in the order the op lists them. */
    private static final List<float[]> DECODED = new ArrayList<>();

    @BeforeAll
    static void writeFolder() throws Exception {
        Files.createDirectories(folder.resolve("sub"));
        // a 0.5 s WAV, a 0.3 s FLAC in a subfolder, and a 0.05 s WAV shorter than the clip (looped)
        var files = List.of(write(folder.resolve("a.wav"), TestAudio.noise(1, 0.3, RATE / 2)),
                write(folder.resolve("sub/b.flac"), TestAudio.tone(440, 0.4, RATE, 3 * RATE / 10)),
                write(folder.resolve("c.wav"), TestAudio.noise(2, 0.2, RATE / 20)));
        Files.writeString(folder.resolve("notes.txt"), "not audio, not listed");
        for (var file : files) {
            DECODED.add(AudioDecoder.decode(file, RATE).samples());
        }
    }

    /** Writes mono float samples with FFmpeg, as a 16-bit WAV or a FLAC by the extension. */
    static Path write(Path file, float[] samples) throws Exception {
        boolean flac = file.toString().endsWith(".flac");
        try (var recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat(flac ? "flac" : "wav");
            recorder.setAudioCodec(flac ? avcodec.AV_CODEC_ID_FLAC : avcodec.AV_CODEC_ID_PCM_S16LE);
            recorder.setSampleRate(RATE);
            recorder.start();
            recorder.recordSamples(RATE, 1, FloatBuffer.wrap(samples));
            recorder.stop();
        }
        return file;
    }

    private static BackgroundNoise op(Path dir, Object snr) {
        return (BackgroundNoise) CatalogOps.<Audio>waveformOp("background_noise", Map.of("folder", dir.toString(), "snr", snr));
    }

    private static Audio clean() {
        return new Audio(TestAudio.tone(300, 0.5, RATE, CLIP), RATE);
    }

    private static Audio apply(BackgroundNoise op, Audio in, long seed) {
        return op.apply(in, new ViewContext(Rng.of(seed), 0));
    }

    /** The file and looped offset whose segment the added part is a multiple of, and that multiple's SNR. */
    private record Found(int file, int offset, double snrDb, double worstError) {}

    /**
     * Searches every file and offset (looping short files) for the segment the residual is proportional to:
     * the least-squares scale and the largest sample error left.
     */
    private static Found find(float[] clean, float[] mixed) {
        var residual = new double[clean.length];
        for (int i = 0; i < clean.length; i++) {
            residual[i] = mixed[i] - (double) clean[i];
        }
        Found best = null;
        for (int f = 0; f < DECODED.size(); f++) {
            float[] x = DECODED.get(f);
            int offsets = x.length >= clean.length ? x.length - clean.length + 1 : x.length;
            for (int o = 0; o < offsets; o++) {
                double xy = 0;
                double xx = 0;
                for (int i = 0; i < clean.length; i++) {
                    double s = x[(o + i) % x.length];
                    xy += s * residual[i];
                    xx += s * s;
                }
                double scale = xy / xx;
                double worst = 0;
                for (int i = 0; i < clean.length && (best == null || worst < best.worstError()); i++) {
                    worst = Math.max(worst, Math.abs(residual[i] - scale * x[(o + i) % x.length]));
                }
                if (best == null || worst < best.worstError()) {
                    double segmentRms = Math.abs(scale) * Math.sqrt(xx / clean.length);
                    best = new Found(f, o, 20 * Math.log10(TestAudio.rms(clean) / segmentRms), worst);
                }
            }
        }
        return best;
    }

    @Test
    void addsASegmentOfAFileScaledToTheSnr() {
        var op = op(folder, List.of(12.0, 12.0));
        var in = clean();
        for (long seed = 0; seed < 6; seed++) {
            var out = apply(op, in, seed);
            var found = find(in.samples(), out.samples());
            // float rounding of in + scale × segment only
            assertTrue(found.worstError() < 1e-6, "seed " + seed + ": " + found);
            assertEquals(12.0, found.snrDb(), 1e-3, "seed " + seed + ": " + found);
        }
    }

    @Test
    void snrsCoverTheRangeAndEveryFileIsReached() {
        var op = op(folder, List.of(3.0, 30.0));
        var in = clean();
        var files = new HashSet<Integer>();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (long seed = 0; seed < 40; seed++) {
            var found = find(in.samples(), apply(op, in, seed).samples());
            assertTrue(found.worstError() < 1e-6, found.toString());
            assertTrue(found.snrDb() > 3 - 1e-3 && found.snrDb() < 30 + 1e-3, found.toString());
            lowest = Math.min(lowest, found.snrDb());
            highest = Math.max(highest, found.snrDb());
            files.add(found.file());
        }
        // 40 uniform draws in a 27 dB range: the extremes fall within 4 dB of its ends but for odds of 2·(23/27)^40 ≈ 3e-3,
        // and the seeds are fixed
        assertTrue(lowest < 7 && highest > 26, lowest + " … " + highest);
        assertEquals(3, files.size(), "files reached: " + files);
    }

    @Test
    void sameSeedSameViewOtherSeedOtherView() {
        var op = op(folder, List.of(3.0, 30.0));
        assertArrayEquals(apply(op, clean(), 7).samples(), apply(op, clean(), 7).samples());
        assertTrue(!Arrays.equals(apply(op, clean(), 7).samples(), apply(op, clean(), 8).samples()));
    }

    @Test
    void silenceStaysSilentAndPZeroLeavesTheClip() {
        var silent = new Audio(new float[CLIP], RATE);
        assertSame(silent, apply(op(folder, 10.0), silent, 1));
        var in = clean();
        for (double p : new double[] {0, 1}) {
            var chain = ViewChain.build(new ViewSpec("v", Modality.AUDIO, List.of(new OpSpec("background_noise",
                    Map.of("folder", folder.toString(), "p", p)))), OpCatalog.standard());
            for (long seed = 0; seed < 5; seed++) {
                var view = chain.apply(in, new ViewContext(Rng.of(seed), 0)).data();
                assertEquals(p == 0, Arrays.equals(in.samples(), view), "p " + p + ", seed " + seed);
            }
        }
    }

    @Test
    void aSilentFileIsRedrawnAndAnAllSilentFolderLeavesTheClip(@TempDir Path dir) throws Exception {
        write(dir.resolve("quiet.wav"), new float[RATE / 4]);
        var in = clean();
        assertSame(in, apply(op(dir, 10.0), in, 3));
        // with a second, audible file (read at the first use after it is written: another folder), a draw of the
        // silent one is redrawn, so every seed mixes something in
        var both = Files.createDirectories(dir.resolve("both"));
        Files.copy(dir.resolve("quiet.wav"), both.resolve("quiet.wav"));
        write(both.resolve("hiss.wav"), TestAudio.noise(4, 0.3, RATE / 4));
        int silentFirst = 0;
        for (long seed = 0; seed < 20; seed++) {
            assertTrue(TestAudio.rms(apply(op(both, 10.0), in, seed).samples()) > TestAudio.rms(in.samples()) * 1.01, "seed " + seed);
            var draws = Rng.of(seed);
            draws.uniform(10, 10);
            silentFirst += draws.nextInt(2) == 1 ? 1 : 0; // hiss.wav sorts first, quiet.wav second
        }
        assertTrue(silentFirst > 0, "some seed draws the silent file first");
    }

    @Test
    void aCorruptFileAmongGoodOnesIsSkippedAndCounted(@TempDir Path dir) throws Exception {
        write(dir.resolve("good.wav"), TestAudio.noise(5, 0.3, RATE / 2));
        Files.write(dir.resolve("broken.mp3"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        var sounds = BackgroundSounds.of(dir, RATE);
        assertEquals(1, sounds.sounds().size());
        assertEquals(1, sounds.skipped().size());
        assertTrue(sounds.skipped().get(0).startsWith("broken.mp3: "), sounds.skipped().toString());
        assertSame(sounds, BackgroundSounds.of(dir, RATE), "read once per folder and rate");
        assertTrue(TestAudio.rms(apply(op(dir, 10.0), clean(), 1).samples()) > TestAudio.rms(clean().samples()) * 1.01);
    }

    @Test
    void aFolderWithNothingReadableIsAClearError(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("broken.wav"), new byte[] {9, 9, 9, 9});
        var e = assertThrows(MediaException.class, () -> apply(new BackgroundNoise(dir, 10, 10), clean(), 1));
        assertTrue(e.getMessage().contains("none of its 1 audio files can be read") && e.getMessage().contains("broken.wav"),
                e.getMessage());
        var missing = dir.resolve("nowhere");
        var e2 = assertThrows(MediaException.class, () -> apply(new BackgroundNoise(missing, 10, 10), clean(), 1));
        assertTrue(e2.getMessage().contains("'" + missing + "' does not exist"), e2.getMessage());
    }

    @Test
    void theCatalogueChecksTheFolder(@TempDir Path dir) throws Exception {
        var d = OpCatalog.standard().find("background_noise", Stage.WAVEFORM).orElseThrow();
        var missing = d.check(Map.of("folder", dir.resolve("nowhere").toString()));
        assertEquals(1, missing.size());
        assertEquals("folder", missing.get(0).param());
        assertTrue(missing.get(0).message().contains("does not exist"), missing.get(0).message());
        Files.writeString(dir.resolve("readme.txt"), "no audio here");
        var empty = d.check(Map.of("folder", dir.toString()));
        assertTrue(empty.get(0).message().contains("holds no audio file"), empty.get(0).message());
        assertTrue(empty.get(0).hint().contains("wav"), empty.get(0).hint());
        var reversed = d.check(Map.of("folder", folder.toString(), "snr", List.of(30.0, 3.0)));
        assertEquals("snr", reversed.get(0).param());
        assertTrue(reversed.get(0).message().contains("low ≤ high"), reversed.get(0).message());
        assertEquals(List.of(), d.check(Map.of("folder", folder.toString())));
    }
}
