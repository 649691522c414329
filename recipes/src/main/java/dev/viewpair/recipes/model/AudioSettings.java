package dev.viewpair.recipes.model;

/**
 * How audio is decoded for every audio view: {@code audio: {sample_rate: 16000}}.
 *
 * @param sampleRate the rate, in Hz, every audio track is resampled to (mono)
 */
public record AudioSettings(int sampleRate) {
    /** The rate when the recipe says nothing. */
    public static final int DEFAULT_SAMPLE_RATE = 16_000;

    /** The settings of a recipe without an {@code audio} section. */
    public static final AudioSettings DEFAULT = new AudioSettings(DEFAULT_SAMPLE_RATE);
}
