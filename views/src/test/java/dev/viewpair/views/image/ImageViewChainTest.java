package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.photo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.chain.ViewChain;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ImageViewChainTest {
    private static final Mat PHOTO = photo(120, 160);

    /** A SimCLR-style view, as a recipe would declare it. */
    private static ViewSpec simclr(String name) {
        return new ViewSpec(name, Modality.IMAGE, List.of(
                new OpSpec("random_resized_crop", Map.of("size", 32, "scale", List.of(0.2, 1.0))),
                OpSpec.of("hflip"),
                new OpSpec("color_jitter", Map.of("brightness", 0.8, "contrast", 0.8, "saturation", 0.8, "hue", 0.2, "p", 0.8)),
                new OpSpec("grayscale", Map.of("p", 0.2)),
                new OpSpec("gaussian_blur", Map.of("kernel", 5, "p", 0.5)),
                OpSpec.of("normalize")));
    }

    @Test
    void aChainFromTheCatalogueMakesADeterministicChwTensor() {
        var chain = ViewChain.build(simclr("img_a"), OpCatalog.standard());
        assertEquals(Stage.IMAGE, chain.output());
        var ctx = new ViewContext(Rng.forView(7, 0, "s1", "img_a"), 0);
        var view = chain.apply(PHOTO, ctx);
        assertArrayEquals(new int[] {3, 32, 32}, view.shape());
        assertEquals(view, chain.apply(PHOTO, new ViewContext(Rng.forView(7, 0, "s1", "img_a"), 0)));
        assertNotEquals(view, chain.apply(PHOTO, new ViewContext(Rng.forView(7, 0, "s1", "img_b"), 0)));
        assertNotEquals(view, chain.apply(PHOTO, new ViewContext(Rng.forView(7, 1, "s1", "img_a"), 0)));
    }

    @Test
    void aViewSetGivesTwoDifferentViewsOfOneSample() {
        var set = ViewSet.build(List.of(simclr("img_a"), simclr("img_b")), OpCatalog.standard(), 7);
        var views = set.apply(Map.of(Modality.IMAGE, PHOTO), 2, "sample-9");
        assertEquals(List.of("img_a", "img_b"), List.copyOf(views.keySet()));
        assertNotEquals(views.get("img_a"), views.get("img_b"));
        assertEquals(views, set.apply(Map.of(Modality.IMAGE, PHOTO), 2, "sample-9"));
    }

    @Test
    void withoutNormalizeTheTensorIsInUnitRange() {
        var spec = new ViewSpec("plain", Modality.IMAGE, List.of(
                new OpSpec("resize", Map.of("size", 24)), new OpSpec("center_crop", Map.of("size", 24))));
        var view = ViewChain.build(spec, OpCatalog.standard()).apply(PHOTO, new ViewContext(Rng.of(1), 0));
        assertArrayEquals(new int[] {3, 24, 24}, view.shape());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : view.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= 0 && max <= 1 && max > 0.9, min + "…" + max);
    }

    @Test
    void theCatalogueListsEveryImageOpWithDefaultsThatPassItsOwnCheck() {
        var combinators = Set.of(OpCatalog.RANDOM_APPLY, OpCatalog.ONE_OF);
        var image = OpCatalog.standard().descriptors().stream()
                .filter(d -> d.input() == Stage.IMAGE && !d.family() && !combinators.contains(d.name())).toList();
        assertEquals(Set.of("random_resized_crop", "center_crop", "resize", "hflip", "vflip", "rotate", "color_jitter",
                "grayscale", "gaussian_blur", "solarize", "posterize", "equalize", "auto_contrast", "random_erasing",
                "normalize"), image.stream().map(d -> d.name()).collect(Collectors.toSet()));
        // torchvision's Random* classes that default to p = 0.5
        var halfTheTime = Set.of("hflip", "vflip", "solarize", "posterize", "equalize", "auto_contrast", "random_erasing");
        for (var d : image) {
            assertEquals(Stage.IMAGE, d.output());
            assertTrue(d.acceptsProbability());
            assertTrue(!d.doc().isBlank() && d.params().stream().noneMatch(p -> p.doc().isBlank()), d.name());
            var required = d.params().stream().filter(p -> p.isRequired())
                    .collect(Collectors.toMap(p -> p.name(), p -> (Object) (p.max() == null ? 16 : p.max().intValue())));
            assertEquals(List.of(), d.check(required), d.name());
            d.factory().apply(d.params(required)); // the defaults make a valid op
            assertEquals(halfTheTime.contains(d.name()) ? 0.5 : 1.0, d.probability(Map.of()), d.name());
        }
        var families = OpCatalog.standard().descriptors().stream().filter(d -> d.family()).toList();
        assertEquals(List.of("multi_crop", "lab_split", "patch_grid"), families.stream().map(d -> d.name()).toList());
        for (var d : families) {
            assertEquals(Stage.IMAGE, d.input());
            assertTrue(!d.acceptsProbability() && !d.keys().contains("p"), d.name() + " takes no p");
            assertEquals(List.of(), d.check(Map.of()), d.name());
            assertTrue(d.factory().apply(d.params(Map.of())) instanceof dev.viewpair.views.ViewFamily<?>, d.name());
        }
    }

    @Test
    void badParametersTheCheckCannotSeeAreRefusedWhenBuilding() {
        var cases = Map.of(
                new OpSpec("gaussian_blur", Map.of("kernel", 4)), "odd",
                new OpSpec("random_resized_crop", Map.of("size", 32, "interpolation", "bilinera")), "did you mean 'bilinear'",
                new OpSpec("center_crop", Map.of("size", List.of(1, 2, 3))), "[height, width]",
                new OpSpec("normalize", Map.of("std", List.of(0.2, 0.2))), "[r, g, b]");
        cases.forEach((op, message) -> {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> ViewChain.build(new ViewSpec("v", Modality.IMAGE, List.of(op)), OpCatalog.standard()));
            assertTrue(e.getMessage().contains(message), e.getMessage());
        });
    }
}
