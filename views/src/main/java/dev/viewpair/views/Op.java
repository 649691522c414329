package dev.viewpair.views;

/**
 * One step of a view chain: a pure function of its input and the context's random stream.
 *
 * @param <I> what it takes (an OpenCV {@code Mat}, an {@link dev.viewpair.views.audio.io.Audio}, a
 *     {@link dev.viewpair.views.audio.dsp.Spectrogram})
 * @param <O> what it gives
 */
public interface Op<I, O> {
    O apply(I input, ViewContext ctx);
}
