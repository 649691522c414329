package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.mi.Nwj;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import java.util.Arrays;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** A pair with hard negatives: a view of its second view's kind through the second view's encoder. */
class HardNegativesTrainingTest {

    private static Encoder mlp() {
        return MlpEncoder.builder().hidden(32).dim(16).projection(32, 16).build();
    }

    private static SharedTrainer trainer(Encoder left, Encoder right, long seed) {
        return SharedTrainer.builder()
                .encoder("left", left, "a")
                .encoder("right", right, "b", "shifted")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(true), 1, "shifted"))
                // plain SGD: its update is the gradient itself, so a changed gradient shows in the weights
                .optimizer(new OptimizerConfig(new UpdateRule.Sgd(0, false), 0.1, 0, 0, 0, 0.1))
                .seed(seed)
                .device(Device.cpu())
                .build();
    }

    /** The batch with its 'shifted' view replaced by these values. */
    private static BatchData withShifted(BatchData batch, float[] shifted) {
        var values = new HashMap<String, float[]>();
        var shapes = new HashMap<String, long[]>();
        for (String view : new String[] {"a", "b"}) {
            values.put(view, batch.view(view));
            shapes.put(view, batch.shape(view));
        }
        values.put("shifted", shifted);
        shapes.put("shifted", batch.shape("b"));
        return new ArrayBatch(batch.size(), values, shapes);
    }

    @Test
    void theCeilingIsLog2KAndTheGradientReachesTheEncoderThroughTheShiftedView() {
        var data = new PairedClusters(4, 8);
        BatchData batch = data.batch(16, "a", "b", "shifted");
        float[] otherShifted = data.batch(16, "x").view("x");
        var right = new float[2][];
        for (int run = 0; run < 2; run++) {
            Encoder encoder = mlp();
            try (var trainer = trainer(mlp(), encoder, 4)) {
                BatchData b = run == 0 ? batch : withShifted(batch, otherShifted);
                StepMetrics m = trainer.trainStep(0, b, 0);
                double ceiling = (Math.log(32) + Math.log(16)) / 2;
                assertEquals(ceiling, m.pairLogK().get("ab"), 1e-12);
                assertTrue(m.pairNats().get("ab") <= ceiling + 1e-5, m.pairNats().toString());
                assertEquals(-m.pairNats().get("ab"), m.loss(), 1e-5);
                assertTrue(m.viewStd().containsKey("shifted"), "the shifted view is embedded: " + m.viewStd());
                right[run] = encoder.getParameters().get(0).getValue().getArray().toFloatArray();
            }
        }
        // same seed, same a and b: only the hard negatives differ, and so does the right encoder's update
        assertFalse(Arrays.equals(right[0], right[1]), "the shifted view did not change the encoder's gradient");
    }

    @Test
    void wiringMistakesAreNamed() {
        var nwj = assertThrows(IllegalArgumentException.class,
                () -> new PairSpec("ab", "a", "b", new Cosine(0.2, false), new Nwj(), 1, "shifted"));
        assertTrue(nwj.getMessage().contains("takes no hard negatives") && nwj.getMessage().contains("p(x)p(y)"),
                nwj.getMessage());
        var own = assertThrows(IllegalArgumentException.class,
                () -> new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1, "b"));
        assertTrue(own.getMessage().contains("other than the pair's own"), own.getMessage());
        var otherEncoder = assertThrows(IllegalArgumentException.class, () -> SharedTrainer.builder()
                .encoder("left", mlp(), "a", "shifted")
                .encoder("right", mlp(), "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1, "shifted"))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .build());
        assertTrue(otherEncoder.getMessage().contains("must share one encoder"), otherEncoder.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class, () -> SharedTrainer.builder()
                .encoder("left", mlp(), "a")
                .encoder("right", mlp(), "b")
                .pair(new PairSpec("ab", "a", "b", new Cosine(0.2, false), new InfoNce(false), 1, "shifted"))
                .optimizer(OptimizerConfig.constant(1e-3, 0))
                .build());
        assertTrue(unknown.getMessage().contains("'shifted'"), unknown.getMessage());
    }
}
