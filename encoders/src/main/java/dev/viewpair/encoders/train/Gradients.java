package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step's gradients of every trained parameter, by stable name, as handles on the step's manager: their
 * global norm, clipping, the optimizer's updates, and setting them back to 0 for the next step.
 */
final class Gradients {
    private final Model model;
    private final Map<String, NDArray> byName;

    private Gradients(Model model, Map<String, NDArray> byName) {
        this.model = model;
        this.byName = byName;
    }

    /**
     * Every trained parameter's gradient after the backward pass (a finite loss can still give a non-finite
     * gradient, a 0/0 inside an op's backward, so they are checked before the update).
     */
    static Gradients of(Model model, NDManager stepManager) {
        var gradients = new LinkedHashMap<String, NDArray>();
        model.namedParameters().forEach((name, parameter) -> {
            NDArray value = parameter.getArray();
            if (parameter.requiresGradient() && value.hasGradient()) {
                NDArray gradient = value.getGradient();
                gradient.attach(stepManager);
                gradients.put(name, gradient);
            }
        });
        return new Gradients(model, gradients);
    }

    /** The gradients by parameter name, for adding the replicas' into them. */
    Map<String, NDArray> byName() {
        return byName;
    }

    /**
     * The global L2 norm over all gradients, read with one host sync. Squares are summed in double precision: in
     * float, gradients above about 1e19 (large but finite, as an NWJ or DV critic can give) would overflow to an
     * infinite norm and pass for a non-finite gradient.
     */
    double globalNorm() {
        if (byName.isEmpty()) {
            return 0;
        }
        var squares = new NDList();
        byName.values().forEach(g -> squares.add(g.toType(DataType.FLOAT64, false).square().sum()));
        return Math.sqrt(NDArrays.stack(squares).sum().getDouble());
    }

    /** Which gradient is not finite (only looked for once the global norm was not). */
    String nonFinite() {
        for (var entry : byName.entrySet()) {
            if (!Double.isFinite(entry.getValue().toType(DataType.FLOAT64, false).sum().getDouble())) {
                return entry.getKey();
            }
        }
        return "(none alone: their squared norms overflowed together)";
    }

    /** Scales every gradient so that their global norm is at most {@code maxNorm} (0: no clipping). */
    void clip(double maxNorm, double norm) {
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6)); // as torch.nn.utils.clip_grad_norm_
            byName.values().forEach(g -> g.muli(scale));
        }
    }

    /** The optimizer's updates: each parameter with a gradient, weights decayed, biases and the like not. */
    List<StatefulOptimizer.Update> updates() {
        var updates = new ArrayList<StatefulOptimizer.Update>();
        model.namedParameters().forEach((name, parameter) -> {
            NDArray g = byName.get(name);
            if (g != null) {
                updates.add(new StatefulOptimizer.Update(name, parameter.getArray(), g,
                        parameter.getType() == Parameter.Type.WEIGHT));
            }
        });
        return updates;
    }

    /**
     * Sets every gradient to 0 for the next step (they accumulate), in the gradient's own memory: the handle made
     * here closes with the step, the gradient lives on with its parameter.
     */
    static void zero(Model model, NDManager stepManager) {
        for (Parameter parameter : model.namedParameters().values()) {
            NDArray value = parameter.getArray();
            if (!parameter.requiresGradient() || !value.hasGradient()) {
                continue;
            }
            NDArray gradient = value.getGradient();
            gradient.attach(stepManager);
            InPlace.zero(gradient);
        }
    }
}
