package dev.viewpair.recipes.run;

import ai.djl.Device;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.mi.Critics;
import dev.viewpair.encoders.nn.ConvEncoder;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.MlpEncoder;
import dev.viewpair.encoders.train.DeviceNames;
import dev.viewpair.encoders.train.NonFinitePolicy;
import dev.viewpair.encoders.train.OptimizerConfig;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.encoders.train.UpdateRule;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.Recipe;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A recipe's trainer: its encoders, critics, bounds and optimizer built from their declarations, on the devices
 * a run names. What training and {@code embed} (which loads a checkpoint into it) share.
 */
final class RecipeTrainer {
    private RecipeTrainer() {}

    /**
     * The devices named, checked against what the engine sees and against the batch, which they split evenly.
     *
     * @throws IllegalArgumentException naming {@code key}, the device and what to do
     */
    static List<Device> devices(Recipe recipe, List<String> names, String key) {
        var devices = DeviceNames.resolve(names, key);
        int batch = recipe.train().batch();
        if (batch % devices.size() != 0) {
            throw new IllegalArgumentException(key + ": " + devices.size() + " devices cannot split train.batch " + batch
                    + " evenly (each takes an equal shard of every batch): make the batch a multiple of " + devices.size()
                    + " or name " + (devices.size() - 1) + " or fewer devices");
        }
        return devices;
    }

    /** The recipe's encoders, critics, bounds and optimizer in one trainer on {@code devices}. */
    static SharedTrainer build(Recipe recipe, List<Device> devices, long batchesPerEpoch) {
        var train = recipe.train();
        var b = SharedTrainer.builder().seed(recipe.seed()).devices(devices);
        var encoders = new LinkedHashMap<String, Encoder>();
        for (var e : recipe.encoders().values()) {
            var encoder = encoder(e);
            encoders.put(e.name(), encoder);
            b.encoder(e.name(), encoder, e.views().toArray(String[]::new));
        }
        for (var p : recipe.pairs()) {
            int dimA = encoders.get(recipe.encoderOf(p.viewA()).name()).projectionDim();
            int dimB = encoders.get(recipe.encoderOf(p.viewB()).name()).projectionDim();
            var critic = Critics.create(p.critic().type(), p.critic().params(), dimA, dimB);
            var bound = Bounds.create(p.bound().type(), p.bound().params());
            b.pair(new PairSpec(p.name(), p.viewA(), p.viewB(), critic, bound, p.weight(), p.negatives().orElse(null)));
        }
        int totalSteps = (int) Math.min(Integer.MAX_VALUE, train.epochs() * batchesPerEpoch);
        var o = train.optimizer();
        double finalLr = "cosine".equals(train.schedule()) ? o.lr() * 0.01 : o.lr();
        UpdateRule rule = switch (o.type()) {
            case "sgd" -> new UpdateRule.Sgd(o.momentum(), o.nesterov());
            case "lars" -> new UpdateRule.Lars(o.momentum(), o.trustCoefficient());
            default -> new UpdateRule.AdamW(o.beta1(), o.beta2(), o.eps());
        };
        b.optimizer(new OptimizerConfig(rule, o.lr(), o.weightDecay(), train.warmupSteps(), totalSteps, finalLr));
        b.clipGradNorm(train.clipGradNorm());
        b.onNonFinite("skip".equals(train.onNonFinite()) ? NonFinitePolicy.SKIP : NonFinitePolicy.STOP);
        return b.build();
    }

    private static Encoder encoder(EncoderDecl e) {
        int[] widths = e.widths().stream().mapToInt(Integer::intValue).toArray();
        return switch (e.type()) {
            case "conv" -> {
                var c = ConvEncoder.builder().widths(widths).dim(e.dim()).downsampling("stride".equals(e.downsample())
                        ? ConvEncoder.Downsampling.STRIDE : ConvEncoder.Downsampling.MAX_POOL);
                if (e.hasProjection()) {
                    c.projection(e.dim(), e.projection());
                }
                yield c.build();
            }
            case "mlp" -> {
                var m = MlpEncoder.builder().hidden(widths).dim(e.dim());
                if (e.hasProjection()) {
                    m.projection(e.dim(), e.projection());
                }
                yield m.build();
            }
            default -> throw new IllegalArgumentException("encoder type '" + e.type() + "' cannot be built");
        };
    }
}
