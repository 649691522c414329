package dev.viewpair.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One class of the synthetic audio-visual dataset: a shape drawn in a colour family, heard as a pitch
 * contour played with a timbre.
 *
 * @param shape what is drawn, and the pitch contour of every sound event
 * @param family the hue range of the drawn shape, and the timbre of the sound
 */
public record Category(Shape shape, Family family) {

    /** The drawn shape; in the sound it is the pitch contour of each event. */
    public enum Shape {
        /** Heard as vibrato: the pitch wobbles around its centre. */
        CIRCLE,
        /** Heard as a steady pitch. */
        SQUARE,
        /** Heard as a rising glide. */
        TRIANGLE,
        /** Heard as a falling glide. */
        STAR
    }

    /** The colour family of the shape; in the sound it is the timbre. */
    public enum Family {
        /** Hues from magenta-red through orange to yellow; heard as a bright, sawtooth-like tone (all harmonics). */
        WARM,
        /** Hues from green through cyan to violet; heard as a hollow, square-wave-like tone (odd harmonics only). */
        COOL
    }

    /** Every category, shapes major, in a fixed order. */
    public static List<Category> all() {
        var all = new ArrayList<Category>();
        for (var shape : Shape.values()) {
            for (var family : Family.values()) {
                all.add(new Category(shape, family));
            }
        }
        return List.copyOf(all);
    }

    /** The label written to the manifest, such as {@code circle-warm}. */
    public String label() {
        return shape.name().toLowerCase(Locale.ROOT) + "-" + family.name().toLowerCase(Locale.ROOT);
    }
}
