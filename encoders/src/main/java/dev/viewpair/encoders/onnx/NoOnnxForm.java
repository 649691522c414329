package dev.viewpair.encoders.onnx;

/**
 * A block that cannot be written into an ONNX graph, and where it sits: the names of the blocks around it, outermost
 * first ({@code backbone/03LambdaBlock}), so that the message points at the block to change.
 */
public final class NoOnnxForm extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String block;
    private final String path;

    /**
     * @param block what the block is ({@code a ai.djl.nn.LambdaBlock 'double'})
     * @param path where it sits; empty when not known yet
     */
    NoOnnxForm(String block, String path) {
        super(block + (path.isEmpty() ? "" : " at " + path) + " has no ONNX form: only blocks that implement "
                + OnnxExportable.class.getSimpleName() + " and DJL's SequentialBlock, Conv1d, Conv2d, Conv3d and "
                + "Linear are exported");
        this.block = block;
        this.path = path;
    }

    /** The same block, inside the block named {@code parent}. */
    public NoOnnxForm within(String parent) {
        var failure = new NoOnnxForm(block, path.isEmpty() ? parent : parent + "/" + path);
        failure.setStackTrace(getStackTrace());
        return failure;
    }
}
