package dev.viewpair.views.audio.io;

import java.nio.FloatBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Reads the float PCM of an audio {@link Frame} (as a JavaCV grabber in {@code SampleMode.FLOAT} returns it,
 * planar or interleaved) as mono. Channels are averaged, as torchaudio and librosa make mono: FFmpeg's own
 * downmix sums stereo at −3 dB each, which lifts identical full-scale channels to 1.41, outside the nominal ±1.
 */
public final class PcmFrames {
    private PcmFrames() {}

    /** How many sample frames (samples per channel) the frame holds. */
    public static int length(Frame frame) {
        int channels = Math.max(1, frame.audioChannels);
        boolean planar = frame.samples.length > 1;
        return frame.samples[0].remaining() / (planar ? 1 : channels);
    }

    /**
     * Copies sample frames {@code [from, from + count)} of the frame into {@code out} at {@code offset}, averaging
     * the channels. Copy before the grabber's next grab: it reuses the frame.
     */
    public static void copyMono(Frame frame, int from, int count, float[] out, int offset) {
        int channels = Math.max(1, frame.audioChannels);
        boolean planar = frame.samples.length > 1;
        if (channels == 1) {
            var b = (FloatBuffer) frame.samples[0];
            b.get(b.position() + from, out, offset, count);
            return;
        }
        float scale = 1f / channels;
        for (int i = from; i < from + count; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                var b = (FloatBuffer) frame.samples[planar ? c : 0];
                sum += b.get(b.position() + (planar ? i : i * channels + c));
            }
            out[offset + i - from] = sum * scale;
        }
    }
}
