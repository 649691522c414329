package dev.viewpair.encoders.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;

/**
 * Synthetic paired views on 1×8×8 "images": x = a cluster center + within-cluster noise; view "a"
 * is x, view "b" is x plus fresh noise, view "c" (if asked) is x plus other fresh noise.
 */
final class PairedClusters {
    static final long[] SAMPLE = {1, 8, 8};
    private static final int PIXELS = 64;

    private final float[][] centers;
    private final Random random;

    PairedClusters(int clusters, long seed) {
        random = new Random(seed);
        centers = new float[clusters][PIXELS];
        for (float[] center : centers) {
            for (int j = 0; j < PIXELS; j++) {
                center[j] = (float) random.nextGaussian();
            }
        }
    }

    BatchData batch(int size, String... views) {
        var values = new HashMap<String, float[]>();
        var shapes = new HashMap<String, long[]>();
        for (String view : views) {
            values.put(view, new float[size * PIXELS]);
            shapes.put(view, new long[] {size, SAMPLE[0], SAMPLE[1], SAMPLE[2]});
        }
        for (int i = 0; i < size; i++) {
            float[] center = centers[random.nextInt(centers.length)];
            for (int j = 0; j < PIXELS; j++) {
                float x = center[j] + 0.5f * (float) random.nextGaussian();
                for (int v = 0; v < views.length; v++) {
                    float noise = v == 0 ? 0 : 0.3f * (float) random.nextGaussian();
                    values.get(views[v])[i * PIXELS + j] = x + noise;
                }
            }
        }
        return new ArrayBatch(size, values, shapes);
    }

    List<BatchData> batches(int count, int size, String... views) {
        var out = new ArrayList<BatchData>();
        for (int i = 0; i < count; i++) {
            out.add(batch(size, views));
        }
        return out;
    }
}
