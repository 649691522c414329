package dev.viewpair.encoders.nn;

/**
 * The view shapes an encoder type takes, as its catalogue entry declares them ({@link EncoderDescriptor#input}) from
 * its parameters; validation checks the shapes of the views fed to one encoder against it before anything runs. Said
 * in plain terms (ranks, sides), since the shapes of views are not known here.
 */
public sealed interface EncoderInput {
    /**
     * {@code C × H × W} views (images, spectrograms) pooled over space: views may differ in height and width but not in
     * channels, and each side must be at least {@code minSide}.
     *
     * @param minSide the smallest height or width it takes
     * @param shrinks why it needs that side, for the message: {@code halves its input with max pooling after each width}
     * @param fix what a recipe can change when a side is smaller
     * @param channels the channels its views must have, 0 for any
     * @param channelsFrom what fixes them, for the message ({@code init /data/r18.npz}); {@code null} when any will do
     */
    record Maps(int minSide, String shrinks, String fix, long channels, String channelsFrom) implements EncoderInput {
        /** Views of any channels. */
        public Maps(int minSide, String shrinks, String fix) {
            this(minSide, shrinks, fix, 0, null);
        }
    }

    /**
     * {@code C × T} views (waveforms) pooled over time: views may differ in length but not in channels.
     *
     * @param takes what it takes, for the message: {@code waveforms}
     * @param fix what a recipe can change when a view is not one
     */
    record Sequences(String takes, String fix) implements EncoderInput {}

    /**
     * Views of any rank that all have one shape.
     *
     * @param why why they need one, for the message: {@code flattens its views}
     */
    record OneShape(String why) implements EncoderInput {}

    /**
     * {@code C × H × W} views cut into square patches: each side a multiple of {@code patch}, and all views of one
     * size, since the encoder learns one position embedding per patch.
     *
     * @param patch the side of a patch
     */
    record Patches(int patch) implements EncoderInput {}

    /**
     * Frame stacks as the {@code frames} op makes them ({@code 3·n × H × W}: the RGB of frame 0, then of frame 1, …),
     * pooled over time and space: views may differ in height and width but not in frames, and each side must be at
     * least {@code minSide}. An image (a view not made by {@code frames}) is not one.
     *
     * @param why why it needs frame stacks, for the message: {@code convolves over time}
     * @param notClipFix what a recipe can change when a view is not a frame stack
     * @param minSide the smallest height or width it takes
     * @param shrinks why it needs that side, for the message: {@code halves its input with max pooling after each width}
     * @param fix what a recipe can change when a side is smaller
     */
    record Clips(String why, String notClipFix, int minSide, String shrinks, String fix) implements EncoderInput {}
}
