package dev.viewpair.recipes.api;

import dev.viewpair.recipes.run.TrainedModel;

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
    public float[][] embedBatch(float[] values, long... shape) {
        return model.encode(name, values, shape);
    }

    @Override
    public void close() {
        model.close();
    }
}
