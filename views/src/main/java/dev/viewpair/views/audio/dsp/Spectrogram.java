package dev.viewpair.views.audio.dsp;

/**
 * A time–frequency image, row-major as bins × frames (frequency rows, time columns).
 *
 * @param data values, length bins × frames
 * @param bins frequency rows (FFT bins or mel bands or coefficients)
 * @param frames time columns
 */
public record Spectrogram(float[] data, int bins, int frames) {
    public Spectrogram {
        if (data.length != bins * frames) {
            throw new IllegalArgumentException("spectrogram " + bins + "x" + frames + " needs " + bins * frames
                    + " values, got " + data.length);
        }
    }
}
