package dev.viewpair.views;

import dev.viewpair.views.chain.ViewSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.catalog.Dim;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Shape;
import dev.viewpair.views.chain.ViewShapes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test helper: a view's declared shapes (its ops' shape rules) against the shapes its real ops make from real media,
 * over several samples and epochs, so a rule cannot drift from its op.
 */
public final class MadeShapes {
    private static final int DRAWS = 12;

    private MadeShapes() {}

    /** The declared shapes of a view, every op declaring a rule. */
    public static Map<String, Shape> declared(ViewSpec view, int sampleRate) {
        return ViewShapes.of(OpCatalog.standard(), view, sampleRate).orElseThrow();
    }

    /** The shapes the view's ops make from {@code media}, one list per draw (sample and epoch), member by member. */
    public static List<Map<String, ViewTensor>> made(ViewSpec view, Map<Modality, ?> media) {
        var set = ViewSet.build(List.of(view), OpCatalog.standard(), 5);
        var out = new ArrayList<Map<String, ViewTensor>>();
        for (int draw = 0; draw < DRAWS; draw++) {
            out.add(set.apply(media, draw % 3, "s" + draw));
        }
        return out;
    }

    /** Asserts that the recipe fixes every dimension of every member and the ops make exactly those; returns the shapes. */
    public static Map<String, Shape> assertFixedAsMade(ViewSpec view, Map<Modality, ?> media, int sampleRate) {
        var declared = declared(view, sampleRate);
        for (var draw : made(view, media)) {
            assertEquals(declared.keySet(), draw.keySet());
            draw.forEach((name, tensor) -> assertArrayEquals(declared.get(name).sizes()
                    .orElseThrow(() -> new AssertionError(name + " is declared " + declared.get(name) + ", not fixed")),
                    tensor.shape(), name + " is declared " + declared.get(name)));
        }
        return declared;
    }

    /**
     * Asserts that the view's dimension {@code dim} is declared varying, that the ops make more than one size there, and
     * that every size made lies in the declared range where one is declared; returns what varies.
     */
    public static Dim.Varies assertVariesAsMade(ViewSpec view, Map<Modality, ?> media, int sampleRate, int dim) {
        var shape = declared(view, sampleRate).get(view.name());
        assertTrue(shape.dim(dim) instanceof Dim.Varies, view.name() + " is declared " + shape);
        var varies = (Dim.Varies) shape.dim(dim);
        Set<Integer> sizes = new HashSet<>();
        for (var draw : made(view, media)) {
            int size = draw.get(view.name()).shape()[dim];
            sizes.add(size);
            varies.range().ifPresent(r -> assertTrue(size >= r.low() && size <= r.high(), size + " outside " + r));
        }
        assertTrue(sizes.size() > 1, "the ops made one size only: " + sizes);
        return varies;
    }
}
