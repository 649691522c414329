package dev.viewpair.recipes.run;

import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.train.StepMetrics;
import dev.viewpair.recipes.model.Recipe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Watches every view's embedding std for collapse: below {@code 0.1/√D} (D its encoder's projection
 * width; an even spread gives about {@code 1/√D}) for {@value #STEPS} steps in a row, it warns once
 * per view, through the given printer and in {@link #warnings()}.
 */
final class CollapseWatch implements Consumer<StepMetrics> {
    static final int STEPS = 20;
    private final Map<String, String> encoderOfView = new LinkedHashMap<>();
    private final Map<String, Double> threshold = new LinkedHashMap<>();
    private final Map<String, Integer> below = new LinkedHashMap<>();
    private final Set<String> warned = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final Consumer<String> printer;

    /** @param encoders the built encoder of each name: the width its critics score is its projection's */
    CollapseWatch(Recipe recipe, Function<String, Encoder> encoders, Consumer<String> printer) {
        this.printer = printer;
        for (var e : recipe.encoders().values()) {
            int width = encoders.apply(e.name()).projectionDim();
            for (var view : e.views()) {
                encoderOfView.put(view, e.name());
                threshold.put(view, 0.1 / Math.sqrt(width));
            }
        }
    }

    @Override
    public void accept(StepMetrics m) {
        m.viewStd().forEach((view, std) -> {
            double limit = threshold.getOrDefault(view, 0.0);
            int run = std < limit ? below.getOrDefault(view, 0) + 1 : 0;
            below.put(view, run);
            if (run == STEPS && warned.add(view)) {
                var line = warning(view, std, m.step());
                warnings.add(line);
                printer.accept(line);
            }
        });
    }

    private String warning(String view, double std, long step) {
        return String.format("warning: view '%s' (encoder '%s') looks collapsed: its embedding std stayed below "
                + "%.4f (0.1/√D) for %d steps, %.5f at step %d", view, encoderOfView.get(view),
                threshold.get(view), STEPS, std, step);
    }

    /** Takes a step record of an earlier part of the run (resuming) as if it were happening now, silently. */
    @SuppressWarnings("unchecked")
    void replay(Map<String, Object> stepRecord) {
        var std = new LinkedHashMap<String, Double>();
        ((Map<String, Map<String, Object>>) stepRecord.get("views")).forEach((view, v) ->
                std.put(view, ((Number) v.get("std")).doubleValue()));
        long step = ((Number) stepRecord.get("step")).longValue();
        std.forEach((view, value) -> {
            int run = value < threshold.getOrDefault(view, 0.0) ? below.getOrDefault(view, 0) + 1 : 0;
            below.put(view, run);
            if (run == STEPS && warned.add(view)) {
                warnings.add(warning(view, value, step));
            }
        });
    }

    /** The warnings given so far, in order. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
