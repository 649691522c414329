package dev.viewpair.views.audio.io;

/**
 * Decodes the samples of one long file by position, for an {@link AudioTimeline}: a WAV by byte offset
 * ({@link WavWindows}), a native FLAC frame by frame ({@link FlacWindows}), anything else through FFmpeg in blocks
 * ({@link FfmpegBlocks}), each a {@link PcmBlock}; or a whole track decoded already (a {@code PcmBlock} alone). Not thread-safe: the timeline serializes its reads.
 */
sealed interface SampleReader permits WavWindows, FlacWindows, FfmpegBlocks, PcmBlock {
    /**
     * Writes the sound's samples {@code [from, from + out.length)} (mono, at the timeline's rate) into {@code out},
     * which holds zeros, and leaves zero where the sound has none.
     *
     * @throws dev.viewpair.views.MediaException when the file cannot be read or is corrupt there
     */
    void read(long from, float[] out);

    /** The samples decoded so far, each counted every time it was decoded (what a window costs). */
    long decodedSamples();
}
