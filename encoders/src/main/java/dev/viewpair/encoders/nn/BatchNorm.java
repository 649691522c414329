package dev.viewpair.encoders.nn;

import static dev.viewpair.encoders.onnx.OnnxGraph.attribute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.viewpair.encoders.onnx.OnnxBlocks;
import dev.viewpair.encoders.onnx.OnnxExportable;
import dev.viewpair.encoders.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * Batch normalization over the channels (axis 1) of a batch of any rank ({@code B × C}, {@code B × C × T}, {@code B
 * × C × H × W}, {@code B × C × T × H × W}), with a learned scale and shift: DJL's {@code BatchNorm} with its defaults,
 * computed by the same function ({@code ai.djl.nn.norm.BatchNorm.batchNorm}), as a block whose settings are its own
 * constants, so that the ONNX export writes what it computes. DJL keeps those settings in private fields without
 * getters, which only reflection could read.
 *
 * <p>It carries DJL's class name and parameter names on purpose: a parameter's name in a checkpoint holds the name of
 * its block's class where a {@code SequentialBlock} holds it ({@code 01backbone_03BatchNorm_gamma}), so checkpoints
 * written with DJL's block load into this one; its parameters are {@code gamma}, {@code beta} (trained), {@code
 * runningMean} and {@code runningVar} (not trained), of DJL's parameter types and so of DJL's initial values, and
 * PyTorch's {@code weight}, {@code bias}, {@code running_mean} and {@code running_var} ({@link TorchModule}).
 */
public final class BatchNorm extends AbstractBlock implements OnnxExportable {
    /** Added to the variance before its square root: PyTorch's and DJL's default. */
    public static final float EPSILON = 1e-5f;
    /**
     * The share of the running statistics kept at each training step, as DJL counts it (DJL's default; PyTorch's
     * momentum 0.1, the share of the batch's statistics).
     */
    public static final float MOMENTUM = 0.9f;

    private static final byte VERSION = 1;
    private static final int AXIS = 1;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /** A batch norm, its parameters sized by the first batch's channels. */
    public BatchNorm() {
        super(VERSION);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        var channels = new Shape(inputShapes[0].get(AXIS));
        for (var p : List.of(gamma, beta, runningMean, runningVar)) {
            p.setShape(channels);
        }
    }

    /** In training, the batch's statistics, the running ones moved towards them; in inference, the running ones. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var device = x.getDevice();
        return ai.djl.nn.norm.BatchNorm.batchNorm(x, store.getValue(runningMean, device, training),
                store.getValue(runningVar, device, training), store.getValue(gamma, device, training),
                store.getValue(beta, device, training), AXIS, MOMENTUM, EPSILON, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** {@code BatchNormalization} on the running statistics, as inference computes it. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        var in = new ArrayList<String>();
        in.add(input);
        for (var p : List.of(gamma, beta, runningMean, runningVar)) {
            in.add(OnnxBlocks.initializer(graph, "bn_" + p.getName(), OnnxBlocks.value(this, p)));
        }
        return graph.node("BatchNormalization", in, attribute("epsilon", EPSILON));
    }
}
