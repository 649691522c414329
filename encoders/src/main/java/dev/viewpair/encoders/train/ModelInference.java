package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.viewpair.encoders.nn.Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;

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
    public float[][] embed(String encoderName, Iterator<BatchData> batches, String viewName) {
        Encoder encoder = model.encoder(encoderName);
        var rows = new ArrayList<float[]>();
        while (batches.hasNext()) {
            BatchData batch = batches.next();
            try (NDManager batchManager = manager.newSubManager()) {
                NDArray x = BatchArrays.view(batch, viewName, batchManager);
                setup.encoder(encoderName, viewName, x.getShape());
                float[] flat = encoder.embed(x).toFloatArray();
                for (int i = 0; i < batch.size(); i++) {
                    rows.add(Arrays.copyOfRange(flat, i * encoder.dim(), (i + 1) * encoder.dim()));
                }
            }
        }
        return rows.toArray(float[][]::new);
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
                    NDArray a = encoderA.project(BatchArrays.view(batch, pair.viewA(), batchManager));
                    NDArray b = encoderB.project(BatchArrays.view(batch, pair.viewB(), batchManager));
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
            float[] flat = scores.toFloatArray();
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
                NDArray a = encoderA.project(BatchArrays.view(batch, first, batchManager));
                NDArray b = encoderB.project(BatchArrays.view(batch, second, batchManager));
                // the critic scores every pairing within the batch; the aligned ones are its diagonal
                float[] flat = pair.critic().scores(a, b).toFloatArray();
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
}
