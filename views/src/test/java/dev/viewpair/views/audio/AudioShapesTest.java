package dev.viewpair.views.audio;

import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.TestAudio;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MadeShapes;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape rules of the audio ops (clip, the length changers, the STFT front ends), checked against the ops on sound. */
class AudioShapesTest {
    private static final int RATE = 16000;

    private static Map<Modality, Audio> sound(int rate, double seconds) {
        return Map.of(Modality.AUDIO, new Audio(TestAudio.noise(3, 0.3, (int) (rate * seconds)), rate));
    }

    private static ViewSpec view(OpSpec... ops) {
        return new ViewSpec("v", Modality.AUDIO, List.of(ops));
    }

    private static OpSpec op(String name, Object... keyValues) {
        var params = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new OpSpec(name, params);
    }

    private static String fixed(int rate, OpSpec... ops) {
        return MadeShapes.assertFixedAsMade(view(ops), sound(rate, 3), rate).get("v").toString();
    }

    @Test
    void clipAndTheSpectrogramsGiveTheFramesTheStftMakes() {
        assertEquals("1 × 16000", fixed(RATE, op("clip", "seconds", 1.0)));
        assertEquals("1 × 64 × 101", fixed(RATE, op("clip", "seconds", 1.0), OpSpec.of("log_mel")));
        assertEquals("1 × 40 × 24", fixed(RATE, op("clip", "seconds", 0.37), op("log_mel", "mels", 40, "n_fft", 512, "hop", 256)));
        assertEquals("1 × 201 × 80", fixed(RATE, op("clip", "seconds", 0.5), op("spectrogram", "n_fft", 401, "hop", 100)));
        assertEquals("1 × 13 × 51", fixed(RATE, op("clip", "seconds", 1.0), op("mfcc", "n_mfcc", 13, "n_fft", 1024, "hop", 320)));
        assertEquals("1 × 64 × 51", fixed(8000, op("clip", "seconds", 1.0), op("log_mel", "n_fft", 256, "hop", 160)));
        assertEquals("1 × 64 × 101", fixed(RATE, op("clip", "seconds", 1.0), op("pitch_shift", "semitones", List.of(-1, 1)),
                OpSpec.of("gain"), OpSpec.of("noise"), OpSpec.of("fade"), op("reverse", "p", 1.0), OpSpec.of("log_mel"),
                OpSpec.of("time_mask"), OpSpec.of("freq_mask"), OpSpec.of("normalize")));
    }

    @Test
    void oneRateOrAClipAfterwardsKeepsTheLengthFixed() {
        assertEquals("1 × 64 × 91", fixed(RATE, op("clip", "seconds", 1.0), op("time_stretch", "rate", List.of(1.1, 1.1)),
                OpSpec.of("log_mel")));
        assertEquals("1 × 17778", fixed(RATE, op("clip", "seconds", 1.0), op("speed", "factor", List.of(0.9, 0.9))));
        assertEquals("1 × 64 × 101", fixed(RATE, op("clip", "seconds", 1.2), op("time_stretch", "rate", List.of(0.8, 1.25)),
                op("clip", "seconds", 1.0, "at", 0), OpSpec.of("log_mel")));
    }

    @Test
    void aDrawnRateMakesTheLengthVaryWithinTheRangeItDeclares() {
        var stretched = MadeShapes.assertVariesAsMade(view(op("clip", "seconds", 1.0), op("time_stretch", "rate", List.of(0.8, 1.25)),
                OpSpec.of("log_mel")), sound(RATE, 3), RATE, 2);
        assertEquals("81–126", stretched.toString());
        assertEquals("time_stretch draws rate from [0.8, 1.25], so its 1 s (16000 samples) become 0.8–1.25 s (12800–20000"
                + " samples)", stretched.why());
        assertTrue(stretched.fix().startsWith("clip after time_stretch"), stretched.fix());
        var sped = MadeShapes.assertVariesAsMade(view(op("clip", "seconds", 0.5), OpSpec.of("speed")), sound(RATE, 3), RATE, 1);
        assertEquals("7273–8889", sped.toString());
    }

    @Test
    void theFilesLengthIsTheFilesOwn() {
        assertEquals("{v=1 × 64 × frames(n)}", MadeShapes.declared(view(OpSpec.of("log_mel")), RATE).toString());
    }
}
