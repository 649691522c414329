package dev.viewpair.views.audio.io;

/**
 * Decoded samples, mono: {@code samples[0]} is sample number {@code first} (time × rate) of the sound. Reading
 * copies the part that a window overlaps and leaves the rest of it zero.
 */
record PcmBlock(long first, float[] samples) implements SampleReader {
    @Override
    public void read(long from, float[] out) {
        long lo = Math.max(from, first);
        long hi = Math.min(from + out.length, first + samples.length);
        if (hi > lo) {
            System.arraycopy(samples, (int) (lo - first), out, (int) (lo - from), (int) (hi - lo));
        }
    }

    /** The block's samples, decoded once before any read. */
    @Override
    public long decodedSamples() {
        return samples.length;
    }
}
