package dev.viewpair.recipes.api;

import dev.viewpair.recipes.run.TrainedModel;
import java.util.Arrays;

/** One encoder of a run folder's model ({@link TrainedModel#encode}); it owns the model and frees it on close. */
final class RunEncoderModel implements EncoderModel {
    private final String name;
    private final TrainedModel model;
    private final long[] viewShape;
    private final int dim;

    RunEncoderModel(String name, TrainedModel model) {
        this.name = name;
        this.model = model;
        this.viewShape = model.viewShape(name);
        this.dim = model.encoder(name).dim();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] viewShape() {
        return viewShape.clone();
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public float[][] embed(float[]... views) {
        int per = Math.toIntExact(Arrays.stream(viewShape).reduce(1, Math::multiplyExact));
        var values = new float[Math.multiplyExact(views.length, per)];
        for (int i = 0; i < views.length; i++) {
            if (views[i].length != per) {
                throw new IllegalArgumentException("encoder '" + name + "' takes views of shape " + Arrays.toString(viewShape)
                        + " (" + per + " values each), but view " + i + " holds " + views[i].length
                        + " values: give each view flat, in C order, or call embedBatch(values, shape) with its shape");
            }
            System.arraycopy(views[i], 0, values, i * per, per);
        }
        var shape = new long[viewShape.length + 1];
        shape[0] = views.length;
        System.arraycopy(viewShape, 0, shape, 1, viewShape.length);
        return embedBatch(values, shape);
    }

    @Override
    public float[][] embedBatch(float[] values, long... shape) {
        return model.encode(name, values, shape);
    }

    @Override
    public void close() {
        model.close();
    }
}
