package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.LayerOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/** {@link Inference} on a trainer's model, on the trainer's first device; each batch's arrays freed with it. */
final class ModelInference implements Inference {
    private final Model model;
    private final ShapeSetup setup;
    private final NDManager manager;

    ModelInference(Model model, ShapeSetup setup, NDManager manager) {
        this.model = model;
        this.setup = setup;
        this.manager = manager;
    }

    @Override
    public float[][] embed(String encoderName, Iterator<BatchData> batches, String viewName, String layer) {
        Encoder encoder = model.encoder(encoderName);
        var rows = new ArrayList<float[]>();
        while (batches.hasNext()) {
            BatchData batch = batches.next();
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray x = BatchArrays.view(batch, viewName, batchManager);
                setup.encoder(encoderName, viewName, x.getShape());
                float[] flat = pooled(encoder.layers(x, Set.of(layer)).get(layer)).toFloatArray();
                int width = flat.length / batch.size(); // the input layer's width is the view's size
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(Arrays.copyOfRange(flat, i * width, (i + 1) * width));
                }
            }
        }
        return rows.toArray(float[][]::new);
    }

    /** A global layer's vectors; a local layer's averaged over its positions. */
    private static NDArray pooled(LayerOutput output) {
        return output.local() ? output.values().mean(new int[] {1}) : output.values();
    }

    /** The pair's layer of one view, in inference mode, global (pairs of local layers are not scored here). */
    private static NDArray global(PairSpec pair, Encoder encoder, NDArray x, String layer) {
        var output = encoder.layers(x, Set.of(layer)).get(layer);
        if (output.local()) {
            throw new IllegalArgumentException("pair '" + pair.name() + "' reads the local layer '" + layer + "': its"
                    + " scores are a stack per position, not one score per pair of samples");
        }
        return output.values();
    }

    @Override
    public float[][] pairScores(String pairName, Iterator<BatchData> batches) {
        PairSpec pair = model.pair(pairName);
        Encoder encoderA = model.encoderOf(pair.viewA());
        Encoder encoderB = model.encoderOf(pair.viewB());
        try (NDManager evalManager = manager.newSubManager()) {
            var projectionsA = new NDList();
            var projectionsB = new NDList();
            while (batches.hasNext()) {
                BatchData batch = batches.next();
                try (NDManager batchManager = manager.newSubManager()) {
                    NDArray a = global(pair, encoderA, BatchArrays.view(batch, pair.viewA(), batchManager), pair.layerA());
                    NDArray b = global(pair, encoderB, BatchArrays.view(batch, pair.viewB(), batchManager), pair.layerB());
                    // keep the projections, free the inputs with the batch
                    a.attach(evalManager);
                    b.attach(evalManager);
                    projectionsA.add(a);
                    projectionsB.add(b);
                }
            }
            NDArray scores = pair.critic().scores(NDArrays.concat(projectionsA), NDArrays.concat(projectionsB));
            int n = (int) scores.getShape().get(0);
            int m = (int) scores.getShape().get(1);
            float[] flat = scores.toType(DataType.FLOAT32, false).toFloatArray(); // the exact posterior's are double
            var out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = Arrays.copyOfRange(flat, i * m, (i + 1) * m);
            }
            return out;
        }
    }

    @Override
    public float[] alignedScores(String pairName, String first, String second, Iterator<BatchData> batches) {
        PairSpec pair = model.pair(pairName);
        Encoder encoderA = model.encoderOf(pair.viewA());
        Encoder encoderB = model.encoderOf(pair.viewB());
        var out = new ArrayList<Float>();
        while (batches.hasNext()) {
            BatchData batch = batches.next();
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray a = global(pair, encoderA, BatchArrays.view(batch, first, batchManager), pair.layerA());
                NDArray b = global(pair, encoderB, BatchArrays.view(batch, second, batchManager), pair.layerB());
                // the critic scores every pairing within the batch; the aligned ones are its diagonal
                float[] flat = pair.critic().scores(a, b).toType(DataType.FLOAT32, false).toFloatArray();
                int n = batch.size();
                for (int i = 0; i < n; i++) {
                    out.add(flat[i * n + i]);
                }
            }
        }
        var scores = new float[out.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = out.get(i);
        }
        return scores;
    }

    @Override
    public LocalScores localScores(String pairName, BatchData batch) {
        PairSpec pair = model.pair(pairName);
        try (NDManager batchManager = manager.newSubManager()) {
            var a = model.encoderOf(pair.viewA()).layers(BatchArrays.view(batch, pair.viewA(), batchManager),
                    Set.of(pair.layerA())).get(pair.layerA());
            var b = model.encoderOf(pair.viewB()).layers(BatchArrays.view(batch, pair.viewB(), batchManager),
                    Set.of(pair.layerB())).get(pair.layerB());
            if (a.local() == b.local()) {
                throw new IllegalArgumentException("pair '" + pairName + "' reads " + (a.local() ? "two local" : "two global")
                        + " layers: score maps need one local layer and one global");
            }
            var local = a.local() ? a : b;
            // P×B×B, entry (p, i, j): sample i's position p against sample j; the diagonal pairs each sample with itself
            NDArray stack = PairScores.of(pair.critic(), a, b);
            int rank = stack.getShape().dimension();
            float[] flat = stack.diagonal(0, rank - 2, rank - 1).transpose().toFloatArray(); // B×P
            int positions = Math.toIntExact(local.positions());
            var rows = new float[batch.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * positions, (i + 1) * positions);
            }
            return new LocalScores(local.grid(), rows);
        }
    }
}
