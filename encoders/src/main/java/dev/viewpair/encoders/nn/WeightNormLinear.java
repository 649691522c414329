package dev.viewpair.encoders.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;

/**
 * DINO's last layer: a Linear without bias whose weight is weight-normalized, each output unit's weight row {@code v}
 * used as {@code g · v / ‖v‖} with the gain {@code g} fixed at 1 (DINO's {@code norm_last_layer=True}), so only the
 * direction {@code v} is learned. Its one parameter is {@code weight} ({@code out × in}), PyTorch's {@code weight_v}.
 */
final class WeightNormLinear extends AbstractBlock implements OnnxExportable {
    private static final byte VERSION = 1;

    private final int units;
    private final Parameter weight;
    private long inputFeatures;

    WeightNormLinear(int units) {
        super(VERSION);
        this.units = units;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        inputFeatures = inputShapes[0].get(inputShapes[0].dimension() - 1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(units, inputFeatures));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray v = store.getValue(weight, x.getDevice(), training);
        return Linear.linear(x, v.div(v.norm(new int[] {1}, true)));
    }

    /** The weight normalized once, row by row as the forward pass normalizes it, then a plain product. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var v = weight.getArray();
        int in = (int) v.getShape().get(1);
        float[] rows = v.toFloatArray();
        for (int start = 0; start < rows.length; start += in) {
            double squares = 0;
            for (int i = start; i < start + in; i++) {
                squares += (double) rows[i] * rows[i];
            }
            float norm = (float) Math.sqrt(squares);
            for (int i = start; i < start + in; i++) {
                rows[i] /= norm;
            }
        }
        return OnnxBlocks.linear(graph, input, rows, units, in, null);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].slice(0, inputShapes[0].dimension() - 1).add(units)};
    }
}
