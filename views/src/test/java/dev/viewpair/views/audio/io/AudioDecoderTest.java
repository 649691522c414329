package dev.viewpair.views.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MediaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudioDecoderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tone.wav", "tone.flac"})
    void decodesStereo44kToneToMono16k(String name) throws Exception {
        var file = TestAudio.writeStereoTone(dir.resolve(name), 440, 2.0, 44100);

        var audio = AudioDecoder.decode(file, 16000);

        assertEquals(16000, audio.sampleRate());
        assertEquals(32000, audio.samples().length, 32, "2 s at 16 kHz, less at most the resampler's unflushed delay");
        assertEquals(440, TestAudio.zeroCrossingHz(audio.samples(), 16000), 0.5);
        // both channels carried the same 0.5-amplitude sine: their average is that sine again
        double rms = TestAudio.rms(Arrays.copyOfRange(audio.samples(), 1000, 31000));
        assertEquals(0.5 / Math.sqrt(2), rms, 0.005);
    }

    @Test
    void decodesBytesLikeTheFile() throws Exception {
        var file = TestAudio.writeStereoTone(dir.resolve("tone.flac"), 440, 1.0, 44100);

        var fromFile = AudioDecoder.decode(file, 16000);
        var fromBytes = AudioDecoder.decode(Files.readAllBytes(file), "tone.flac", 16000);

        assertEquals(fromFile.sampleRate(), fromBytes.sampleRate());
        assertTrue(Arrays.equals(fromFile.samples(), fromBytes.samples()));
    }

    @Test
    void maxSecondsStopsEarly() throws Exception {
        var file = TestAudio.writeStereoTone(dir.resolve("long.wav"), 440, 3.0, 44100);

        var audio = AudioDecoder.decode(file, 16000, 0.5);

        assertEquals(8000, audio.samples().length);
        assertEquals(440, TestAudio.zeroCrossingHz(audio.samples(), 16000), 1.0);
    }

    @Test
    void corruptFileIsAMediaExceptionNamingIt() throws Exception {
        var file = dir.resolve("broken.wav");
        Files.writeString(file, "this is not a sound file, just some text pretending to be one\n".repeat(20));

        var e = assertThrows(MediaException.class, () -> AudioDecoder.decode(file, 16000));

        assertTrue(e.getMessage().contains("broken.wav"), e.getMessage());
    }

    @Test
    void truncatedWavIsAMediaException() throws Exception {
        var whole = Files.readAllBytes(TestAudio.writeStereoTone(dir.resolve("whole.wav"), 440, 1.0, 44100));
        var header = Arrays.copyOf(whole, 44);

        var e = assertThrows(MediaException.class, () -> AudioDecoder.decode(header, "cut.wav", 16000));

        assertTrue(e.getMessage().contains("cut.wav"), e.getMessage());
    }

    @Test
    void emptyAndMissingInputAreRejectedBeforeFfmpeg() throws Exception {
        var empty = Files.write(dir.resolve("empty.flac"), new byte[0]);

        var e1 = assertThrows(MediaException.class, () -> AudioDecoder.decode(empty, 16000));
        var e2 = assertThrows(MediaException.class, () -> AudioDecoder.decode(new byte[0], "empty.mp3", 16000));
        var e3 = assertThrows(MediaException.class, () -> AudioDecoder.decode(dir.resolve("nowhere.wav"), 16000));

        assertTrue(e1.getMessage().contains("empty.flac") && e1.getMessage().contains("empty"), e1.getMessage());
        assertTrue(e2.getMessage().contains("empty.mp3"), e2.getMessage());
        assertTrue(e3.getMessage().contains("nowhere.wav"), e3.getMessage());
    }

    @Test
    void textBytesAreAMediaException() {
        byte[] text = "RIFF but not really".getBytes(StandardCharsets.US_ASCII);

        var e = assertThrows(MediaException.class, () -> AudioDecoder.decode(text, "fake.wav", 16000));

        assertTrue(e.getMessage().contains("fake.wav"), e.getMessage());
    }
}
