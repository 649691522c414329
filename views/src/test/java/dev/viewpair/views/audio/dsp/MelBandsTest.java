package dev.viewpair.views.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.viewpair.views.audio.io.TestAudio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mel bands folded in batch by batch as the STFT makes them ({@link Stft#bands}) against the filterbank applied
 * to the whole stored spectrogram ({@link MelFilterbank#apply} of {@link Stft#power}): the same values exactly, for
 * the lane FFT over one and several batches, power 1 and 2, and a size that goes through TarsosDSP; and a thread's
 * padding buffer, reused from a longer signal, leaves a shorter one's spectrum as a fresh STFT makes it.
 */
class MelBandsTest {
    @ParameterizedTest
    @CsvSource({
        "400, 160, 2, 16000",  // 101 frames: a batch of 81 and one of 20
        "400, 160, 1, 16000",
        "512, 128, 2, 3000",   // one batch
        "398, 100, 2, 8000",   // 199 has a prime factor above 5: TarsosDSP frame by frame
    })
    void bandsEqualTheFilterbankOfTheStoredSpectrogram(int nFft, int hop, double power, int length) {
        float[] x = TestAudio.noise(11, 0.3, length);
        var stft = new Stft(nFft, hop, nFft, power);
        var bank = new MelFilterbank(64, stft.bins(), 16_000, 0, 8000);
        assertArrayEquals(bank.apply(stft.power(x), stft.frames(length)), stft.bands(x, bank));
    }

    @ParameterizedTest
    @CsvSource({"400, 160", "398, 100"})
    void aReusedPaddingBufferLeavesTheSpectrumAsAFreshStftMakesIt(int nFft, int hop) {
        var used = new Stft(nFft, hop, nFft, 2);
        used.power(TestAudio.noise(5, 0.9, 24_000));
        float[] shorter = TestAudio.noise(6, 0.2, 7_001);
        assertArrayEquals(new Stft(nFft, hop, nFft, 2).power(shorter), used.power(shorter));
    }
}
