package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a skipped batch must leave as it found: the running statistics (BatchNorm), copied before the forward
 * pass, and the bounds' moving averages.
 */
final class SkipUndo {
    private final List<PairSpec> pairs;
    /** copy → original */
    private final Map<NDArray, NDArray> statistics;
    private final List<double[]> boundStates;

    private SkipUndo(List<PairSpec> pairs, Map<NDArray, NDArray> statistics, List<double[]> boundStates) {
        this.pairs = pairs;
        this.statistics = statistics;
        this.boundStates = boundStates;
    }

    /** Takes the copies, on the step's manager. */
    static SkipUndo snapshot(Model model, NDManager stepManager) {
        var copies = new IdentityHashMap<NDArray, NDArray>();
        for (Parameter parameter : model.namedParameters().values()) {
            if (!parameter.requiresGradient()) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(stepManager);
                copies.put(copy, parameter.getArray());
            }
        }
        var pairs = model.pairs();
        return new SkipUndo(pairs, copies, pairs.stream().map(pair -> pair.bound().state()).toList());
    }

    /** Puts back the statistics and the bounds' states. */
    void restore() {
        statistics.forEach(InPlace::copy);
        for (int i = 0; i < pairs.size(); i++) {
            pairs.get(i).bound().restoreState(boundStates.get(i));
        }
    }
}
