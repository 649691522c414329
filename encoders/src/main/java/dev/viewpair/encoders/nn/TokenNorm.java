package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;

import ai.djl.nn.norm.LayerNorm;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.List;

/**
 * DJL's LayerNorm over the last axis of a {@code B × T × D} token batch, with a learned scale and shift of size D and
 * timm's epsilon for ViTs, 1e-6 (PyTorch's default is 1e-5), written into ONNX graphs as {@code LayerNormalization}
 * from its own settings (DJL's protected fields, which a subclass reads).
 */
final class TokenNorm extends LayerNorm implements OnnxExportable {
    /** timm's LayerNorm epsilon for ViTs. */
    static final float EPSILON = 1e-6f;
    /** The token width's axis of a {@code B × T × D} batch. */
    private static final int TOKEN_AXIS = 2;

    TokenNorm() {
        super(LayerNorm.builder().axis(TOKEN_AXIS).optEpsilon(EPSILON));
    }

    /** ONNX's LayerNormalization normalizes over the axes from {@code axis} to the last: here the last one only. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return graph.node("LayerNormalization", List.of(input,
                        OnnxBlocks.initializer(graph, "ln_gamma", OnnxBlocks.value(this, gamma)),
                        OnnxBlocks.initializer(graph, "ln_beta", OnnxBlocks.value(this, beta))),
                attribute("axis", (long) axis[0]), attribute("epsilon", epsilon));
    }
}
