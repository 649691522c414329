package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.viewpair.encoders.nn.Encoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Parameter initialization from shapes: each encoder from the first sample shape it sees (the first training
 * batch's, a batch to embed, or the shape a checkpoint recorded), the critics from the projection widths. Later
 * views of an encoder are checked against the shape it was set up for.
 */
final class ShapeSetup {
    private final Model model;
    private final NDManager manager;
    /** Each initialized encoder's sample shape (batch dimension left out), as its first view gave it. */
    private final Map<String, long[]> sampleShapes = new HashMap<>();

    ShapeSetup(Model model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    /** Every trained view's encoder from the first shard's arrays, and the critics for a batch of this size. */
    void fromBatch(Map<String, NDArray> inputs, int batchSize) {
        for (String view : model.trainedViews()) {
            encoder(model.encoderNameOf(view), view, inputs.get(view).getShape());
        }
        critics(batchSize);
    }

    /** Every encoder from the sample shape a checkpoint recorded for it, and the critics. */
    void fromSampleShapes(Map<String, long[]> shapes) {
        shapes.forEach((name, sample) -> encoder(name, name, batchShape(1, sample)));
        critics(1);
    }

    /** The sample shape an encoder was set up for (what a checkpoint records to set it up again). */
    long[] sampleShape(String encoder) {
        return sampleShapes.get(encoder);
    }

    /**
     * Initializes the encoder on the first shape it sees; later views must give the same sample shape, or for an
     * encoder pooled over space ({@link Encoder#pooledOverSpace()}) the same rank and channels.
     *
     * @param source the view (or checkpoint entry) the shape comes from, for the message
     */
    void encoder(String name, String source, Shape batchShape) {
        long[] sample = Arrays.copyOfRange(batchShape.getShape(), 1, batchShape.dimension());
        long[] known = sampleShapes.get(name);
        Encoder encoder = model.encoders().get(name);
        if (known == null) {
            if (!encoder.isInitialized()) {
                encoder.initialize(manager, DataType.FLOAT32, batchShape);
            }
            sampleShapes.put(name, sample); // the first view's: a checkpoint initializes from it
        } else if (encoder.pooledOverSpace()) {
            if (known.length != sample.length || known[0] != sample[0]) {
                throw new IllegalArgumentException("'" + source + "' gives samples of shape " + Arrays.toString(sample)
                        + " but encoder '" + name + "' was set up for " + Arrays.toString(known)
                        + ": views that share a conv encoder may differ in size but need the same channels");
            }
        } else if (!Arrays.equals(known, sample)) {
            throw new IllegalArgumentException("'" + source + "' gives samples of shape " + Arrays.toString(sample)
                    + " but encoder '" + name + "' was set up for " + Arrays.toString(known)
                    + ": views that share an encoder must have the same shape");
        }
    }

    private void critics(int batch) {
        for (PairSpec pair : model.pairs()) {
            if (!pair.critic().isInitialized()) {
                Shape shape = new Shape(batch, model.encoderOf(pair.viewA()).projectionDim());
                pair.critic().initialize(manager, DataType.FLOAT32, shape, shape);
            }
        }
    }

    private static Shape batchShape(long batch, long[] sample) {
        long[] shape = new long[sample.length + 1];
        shape[0] = batch;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        return new Shape(shape);
    }
}
