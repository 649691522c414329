package dev.viewpair.recipes.validate;

import dev.viewpair.encoders.nn.EncoderLayer;
import dev.viewpair.recipes.model.EncoderDecl;
import dev.viewpair.recipes.model.Families;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The layers of a recipe's encoders, which {@code VIEW@LAYER} names: each encoder built (not initialized) to ask it. */
final class EncoderLayers {
    private EncoderLayers() {}

    /**
     * Encoder name → its layers; an encoder whose build fails is left out (its parameters' problems are reported by
     * the encoders section, and its layers are then not checked).
     */
    static Map<String, List<EncoderLayer>> of(Families families, Map<String, EncoderDecl> encoders) {
        var out = new LinkedHashMap<String, List<EncoderLayer>>();
        for (var e : encoders.values()) {
            try {
                // without starting weights: building reads no file, and the layers do not depend on them
                out.put(e.name(), e.build(families, true).layers());
            } catch (RuntimeException reportedWithTheEncoder) {
                // its parameters' problem is reported where the encoder is declared
            }
        }
        return out;
    }
}
