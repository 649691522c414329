package dev.viewpair.encoders.onnx;

/**
 * A block that writes itself into an ONNX graph: the nodes that compute, in inference mode, what its forward pass
 * computes, with its parameters as initializers. DJL's own blocks are written by {@link OnnxBlocks}.
 */
public interface OnnxExportable {
    /**
     * Adds this block's nodes.
     *
     * @param graph the graph being built
     * @param input the name of the value the block is applied to
     * @return the name of the value it gives
     */
    String toOnnx(OnnxGraph graph, String input);
}
