package dev.viewpair.recipes.run;

import ai.djl.Device;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.encoders.train.DeviceNames;
import dev.viewpair.encoders.train.NonFinitePolicy;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.encoders.train.SharedTrainer;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.Recipe;
import dev.viewpair.views.chain.ViewShapes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /** The recipe's encoders, critics, bounds and optimizer, from the standard catalogues, in one trainer on {@code devices}. */
    static SharedTrainer build(Recipe recipe, List<Device> devices, long batchesPerEpoch) {
        return build(Families.standard(), recipe, devices, batchesPerEpoch, false);
    }

    /** As {@link #build(Recipe, List, long)}, each member built by its descriptor in {@code families}. */
    static SharedTrainer build(Families families, Recipe recipe, List<Device> devices, long batchesPerEpoch) {
        return build(families, recipe, devices, batchesPerEpoch, false);
    }

    /**
     * As {@link #build(Families, Recipe, List, long)}.
     *
     * @param forCheckpoint whether a checkpoint's weights will be loaded into it: the encoders are then built without
     *     their starting weights ({@code init}), whose files are not read
     */
    static SharedTrainer build(Families families, Recipe recipe, List<Device> devices, long batchesPerEpoch,
            boolean forCheckpoint) {
        var train = recipe.train();
        var b = SharedTrainer.builder().seed(recipe.seed()).devices(devices);
        var encoders = new LinkedHashMap<String, Encoder>();
        for (var e : recipe.encoders().values()) {
            var encoder = e.build(families, forCheckpoint);
            encoders.put(e.name(), encoder);
            b.encoder(e.name(), encoder, e.views().toArray(String[]::new));
        }
        for (var p : recipe.pairs()) {
            var layerA = layer(families, recipe, encoders, p.viewA(), p.layerA());
            var layerB = layer(families, recipe, encoders, p.viewB(), p.layerB());
            int[] widths = PairSpec.criticWidths(layerA.local(), layerA.width(), layerB.local(), layerB.width());
            var critic = families.critics().get(p.critic().type()).create(p.critic().params(), widths[0], widths[1]);
            var bound = families.bounds().get(p.bound().type()).create(p.bound().params());
            b.pair(new PairSpec(p.name(), p.viewA(), p.viewB(), critic, bound, p.weight(), p.negatives().orElse(null),
                    p.layerA(), p.layerB(), p.warmup()));
        }
        int totalSteps = (int) Math.min(Integer.MAX_VALUE, train.epochs() * batchesPerEpoch);
        var o = train.optimizer();
        var rule = families.optimizers().get(o.type()).create(o.params());
        b.optimizer(families.schedules().get(train.schedule())
                .config(rule, o.lr(), o.weightDecay(), train.warmupSteps(), totalSteps));
        b.clipGradNorm(train.clipGradNorm());
        b.onNonFinite("skip".equals(train.onNonFinite()) ? NonFinitePolicy.SKIP : NonFinitePolicy.STOP);
        return b.build();
    }

    /** The layer a pair reads of a view: of its encoder, or the view itself ({@code VIEW@input}, of the view's size). */
    private static EncoderLayer layer(Families families, Recipe recipe, Map<String, Encoder> encoders, String view,
            String name) {
        if (name.equals(EncoderLayer.INPUT)) {
            // a member view of a family is a key of its family's shapes
            var shape = recipe.views().values().stream()
                    .flatMap(spec -> ViewShapes.of(families.ops(), spec, recipe.audio().sampleRate()).stream())
                    .map(shapes -> shapes.get(view)).filter(Objects::nonNull).findFirst().orElseThrow();
            return EncoderLayer.input(Arrays.stream(shape.sizes().orElseThrow()).asLongStream().reduce(1, (x, y) -> x * y));
        }
        return encoders.get(recipe.encoderOf(view).name()).layer(name).orElseThrow();
    }
}
