package dev.viewpair.encoders.estimate;

import ai.djl.nn.Blocks;
import dev.viewpair.encoders.mi.Bound;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.encoders.mi.Critics;
import dev.viewpair.encoders.nn.Encoder;
import dev.viewpair.encoders.train.BatchData;
import dev.viewpair.encoders.train.OptimizerConfig;
import dev.viewpair.encoders.train.PairSpec;
import dev.viewpair.encoders.train.SharedTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The shared trainer set up to train critics directly on raw x and y (identity "encoders" of views
 * {@code x} and {@code y}), one pair per bound, each pair named after its bound and owning its
 * critic. Bounds that need log-densities ({@code ba}, {@code club}) get the critic they require.
 */
final class IdentityPair {
    static final String X = "x";
    static final String Y = "y";

    private IdentityPair() {}

    /**
     * @param bounds bound name → bound, each pair named after its bound (give stateful bounds their
     *     own instances)
     * @param critic the vocabulary critic for the bounds that take any
     */
    static SharedTrainer trainer(int dimX, int dimY, Map<String, Bound> bounds, String critic, double learningRate,
            long seed) {
        var builder = SharedTrainer.builder()
                .encoder(X, identity(dimX), X)
                .encoder(Y, identity(dimY), Y)
                .optimizer(OptimizerConfig.constant(learningRate, 0)) // no decay: Adam
                .seed(seed);
        bounds.forEach((name, bound) -> {
            String criticName = Bounds.standard().get(name).critic().orElse(critic);
            builder.pair(new PairSpec(name, X, Y, Critics.create(criticName, Map.of(), dimX, dimY), bound, 1));
        });
        return builder.build();
    }

    /** Fresh bounds by name with their default parameters, but for those given. */
    static Map<String, Bound> bounds(List<String> names, Map<String, Map<String, Object>> params) {
        var out = new LinkedHashMap<String, Bound>();
        names.forEach(name -> out.put(name, Bounds.create(name, params.getOrDefault(name, Map.of()))));
        return out;
    }

    private static Encoder identity(int dim) {
        return new Encoder(Blocks.identityBlock(), dim, Blocks.identityBlock(), dim);
    }

    /** Checks bound and critic names before any work starts. */
    static void checkNames(List<String> bounds, String critic) {
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("name at least one bound; known: " + String.join(", ", Bounds.standard().names()));
        }
        for (String bound : bounds) {
            if (Bounds.standard().find(bound).isEmpty()) {
                throw new IllegalArgumentException("unknown bound '" + bound + "'; known: "
                        + String.join(", ", new TreeSet<>(Bounds.standard().names())));
            }
        }
        if (bounds.stream().distinct().count() != bounds.size()) {
            throw new IllegalArgumentException("a bound is listed twice: " + bounds);
        }
        if (!List.of("concat_mlp", "separable_mlp").contains(critic)) {
            throw new IllegalArgumentException("the critic must be concat_mlp or separable_mlp, got '" + critic + "'");
        }
    }

    /** One batch of x and y rows, row-major. */
    record Batch(int size, int dimX, int dimY, float[] x, float[] y) implements BatchData {
        @Override
        public float[] view(String name) {
            return switch (name) {
                case X -> x;
                case Y -> y;
                default -> throw new IllegalArgumentException("no view " + name);
            };
        }

        @Override
        public long[] shape(String name) {
            return new long[] {size, name.equals(X) ? dimX : dimY};
        }
    }
}
