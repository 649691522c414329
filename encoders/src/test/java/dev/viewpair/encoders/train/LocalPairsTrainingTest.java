package dev.viewpair.encoders.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Bilinear;
import dev.viewpair.encoders.mi.Bound;
import dev.viewpair.encoders.mi.Cosine;
import dev.viewpair.encoders.mi.InfoNce;
import dev.viewpair.encoders.mi.JensenShannon;
import dev.viewpair.encoders.mi.SeparableMlp;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.EncoderLayer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pairs of an intermediate stage and a global layer (Deep InfoMax) and of two stages (AMDIM) in the shared trainer:
 * the ceiling counts the positions, the estimate climbs on a batch it trains on, and the gradient reaches the stage's
 * weights through the local side and nothing the pair does not read.
 */
class LocalPairsTrainingTest {
    private static final int B = 8;

    /** Two views of 8 random 3×8×8 images: b is a plus a little noise. */
    private static BatchData images(long seed) {
        var random = new Random(seed);
        int n = B * 3 * 8 * 8;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = a[i] + 0.1f * (float) random.nextGaussian();
        }
        long[] shape = {B, 3, 8, 8};
        return new ArrayBatch(B, Map.of("a", a, "b", b), Map.of("a", shape, "b", shape));
    }

    /** Stages 4×4×4 (16 positions) and 8×2×2 (4 positions), embedding 12, projection 6. */
    private static Encoder conv() {
        return ConvEncoder.builder().widths(4, 8).dim(12).projection(16, 6).build();
    }

    private static SharedTrainer trainer(Encoder left, Encoder right, PairSpec pair) {
        return SharedTrainer.builder()
                .encoder("left", left, "a")
                .encoder("right", right, "b")
                .pair(pair)
                // plain SGD without decay: a weight no gradient reaches stays as it was
                .optimizer(new OptimizerConfig(new UpdateRule.Sgd(0, false), 0.05, 0, 0, 0, 0.05))
                .seed(3)
                .device(Device.cpu())
                .build();
    }

    private static PairSpec pair(String layerA, String layerB, Bound bound, int widthA, int widthB) {
        return new PairSpec("dim", "a", "b", new SeparableMlp(widthA, widthB, 8, new int[0]), bound, 1, null, layerA,
                layerB);
    }

    @Test
    void localGlobalInfoNceCountsEveryPositionInItsCeilingAndClimbs() {
        var batch = images(1);
        try (var trainer = trainer(conv(), conv(), pair("stage1", EncoderLayer.PROJECTION, new InfoNce(false), 4, 6))) {
            var first = trainer.trainStep(0, batch, 0);
            assertEquals(Math.log((B - 1) * 16 + 1), first.pairLogK().get("dim"), 1e-12);
            StepMetrics last = first;
            for (int step = 0; step < 40; step++) {
                last = trainer.trainStep(0, batch, 0);
            }
            assertTrue(last.pairNats().get("dim") > first.pairNats().get("dim") + 0.2,
                    "no progress on one batch: " + first.pairNats() + " → " + last.pairNats());
            assertTrue(last.pairNats().get("dim") <= last.pairLogK().get("dim") + 1e-5);
        }
    }

    @Test
    void theGradientReachesTheStageThroughTheLocalSideAndNotTheUnreadHead() {
        Encoder left = conv();
        Encoder right = conv();
        try (var trainer = trainer(left, right, pair("stage1", EncoderLayer.EMBEDDING, new JensenShannon(), 4, 12))) {
            trainer.trainStep(0, images(2), 0); // initializes the parameters from the batch's shapes
            var before = weights(left);
            var rightBefore = weights(right);
            trainer.trainStep(0, images(4), 0);
            var after = weights(left);
            var rightAfter = weights(right);
            for (String name : after.keySet()) {
                // the left encoder is read at stage1: its first conv moves; its second conv, linear and head do not
                boolean moved = !Arrays.equals(before.get(name), after.get(name));
                boolean firstConv = name.contains("backbone_02Conv2d");
                assertEquals(firstConv, moved, "left " + name);
            }
            for (String name : rightAfter.keySet()) {
                // the right encoder is read at its embedding: the backbone moves, its head does not
                boolean moved = !Arrays.equals(rightBefore.get(name), rightAfter.get(name));
                boolean weight = name.contains("Conv2d_weight") || name.contains("backbone_08Linear_weight");
                if (weight) {
                    assertTrue(moved, "right " + name);
                }
                if (name.contains("head")) {
                    assertFalse(moved, "right " + name);
                }
            }
        }
    }

    private static Map<String, float[]> weights(Encoder encoder) {
        var out = new java.util.TreeMap<String, float[]>();
        encoder.getParameters().forEach(p -> {
            if (p.getValue().getType() == ai.djl.nn.Parameter.Type.WEIGHT) {
                out.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        });
        return out;
    }

    @Test
    void localLocalPairsScoreEveryPositionOfBothMaps() {
        var pair = new PairSpec("amdim", "a", "b", new Bilinear(4, 8), new InfoNce(true), 1, null, "stage1", "stage2");
        try (var trainer = trainer(conv(), conv(), pair)) {
            var m = trainer.trainStep(0, images(3), 0);
            // B's positions pick among A's 16 positions of the other samples; symmetric: averaged with log B
            assertEquals((Math.log((B - 1) * 16 + 1) + Math.log(B)) / 2, m.pairLogK().get("amdim"), 1e-12);
            assertTrue(Double.isFinite(m.loss()));
            assertFalse(m.pairAlignment().containsKey("amdim"), "no alignment for local layers");
        }
    }

    @Test
    void wiringMistakesAreNamed() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> trainer(conv(), conv(),
                pair("stage3", EncoderLayer.PROJECTION, new InfoNce(false), 4, 6)));
        assertTrue(unknown.getMessage().contains("stage3") && unknown.getMessage().contains("stage1, stage2, embedding"),
                unknown.getMessage());
        var widths = assertThrows(IllegalArgumentException.class, () -> trainer(conv(), conv(),
                new PairSpec("dim", "a", "b", new Cosine(0.1, false), new InfoNce(false), 1, null, "stage1", "projection")));
        assertTrue(widths.getMessage().contains("stage1 of width 4"), widths.getMessage());
    }
}
