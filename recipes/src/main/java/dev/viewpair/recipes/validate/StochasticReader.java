package dev.viewpair.recipes.validate;

import dev.viewpair.encoders.nn.EncoderDescriptor;
import dev.viewpair.encoders.nn.GaussianPosterior;
import dev.viewpair.recipes.model.ChoiceDecl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Reads an encoder's {@code stochastic: {type: gaussian, min_std: 0.01}} (or {@code stochastic: gaussian}): the kind
 * of posterior, its floor of σ (&gt; 0), and whether the encoder's type can have one at all
 * ({@link EncoderDescriptor#stochasticRefusal()}). Each problem is reported at the key to change.
 */
final class StochasticReader {
    /** The key under an encoder. */
    static final String KEY = "stochastic";
    private static final List<String> KEYS = List.of("type", "min_std");

    private StochasticReader() {}

    /**
     * The posterior as declared, defaults filled in; empty when the encoder has none; {@code null} and a problem when
     * it is wrong.
     *
     * @param type the encoder's type, or {@code null} when it is itself wrong
     */
    static Optional<ChoiceDecl> read(Section encoder, EncoderDescriptor type, Problems problems) {
        var node = encoder.get(KEY);
        if (node == null) {
            return Optional.empty();
        }
        var path = encoder.path(KEY);
        int before = problems.count();
        String kind;
        Double minStd = GaussianPosterior.DEFAULT_MIN_STD;
        if (node instanceof PosNode.Mapping) {
            var s = Section.of(node, path, KEYS, problems);
            if (s == null) {
                return null;
            }
            var typeNode = s.required("type", GaussianPosterior.TYPE);
            kind = typeNode == null ? null : Section.oneOf(typeNode, s.path("type"), List.of(GaussianPosterior.TYPE),
                    "posterior", problems);
            minStd = s.number("min_std", GaussianPosterior.DEFAULT_MIN_STD, 0, true);
        } else {
            kind = Section.oneOf(node, path, List.of(GaussianPosterior.TYPE), "posterior", problems);
        }
        if (type != null) {
            type.stochasticRefusal().ifPresent(reason -> problems.add(node, path + ": " + reason,
                    "remove stochastic, or use an encoder type that takes a projection head (conv, mlp, vit, resnet …)"));
        }
        if (problems.count() > before || kind == null || minStd == null) {
            return null;
        }
        var params = new LinkedHashMap<String, Object>();
        params.put("min_std", minStd);
        return Optional.of(new ChoiceDecl(kind, params));
    }
}
