package dev.viewpair.encoders.train;

import java.util.Map;

/** A batch held in maps, as a data loader would hand it over. */
record ArrayBatch(int size, Map<String, float[]> views, Map<String, long[]> shapes) implements BatchData {

    @Override
    public float[] view(String name) {
        float[] values = views.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no view " + name);
        }
        return values;
    }

    @Override
    public long[] shape(String name) {
        return shapes.get(name);
    }
}
