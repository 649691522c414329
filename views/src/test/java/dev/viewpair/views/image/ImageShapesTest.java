package dev.viewpair.views.image;

import static dev.viewpair.views.image.TestImages.photo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.views.MadeShapes;
import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.ShapeRule;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The shape rules of the image ops, each checked against what the op makes of a 120 × 160 photo. */
class ImageShapesTest {
    private static final Mat PHOTO = photo(120, 160);
    private static final Map<Modality, Mat> MEDIA = Map.of(Modality.IMAGE, PHOTO);

    private static ViewSpec view(OpSpec... ops) {
        return new ViewSpec("v", Modality.IMAGE, List.of(ops));
    }

    private static OpSpec op(String name, Object... keyValues) {
        var params = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new OpSpec(name, params);
    }

    private static String fixed(ViewSpec view) {
        return MadeShapes.assertFixedAsMade(view, MEDIA, 16000).toString();
    }

    @Test
    void cropsResizingAndRotationByAFixedAngleGiveTheSizeTheOpMakes() {
        assertEquals("{v=3 × 24 × 32}", fixed(view(op("random_resized_crop", "size", List.of(24, 32)), OpSpec.of("hflip"),
                op("color_jitter", "p", 0.8), OpSpec.of("normalize"))));
        assertEquals("{v=3 × 20 × 20}", fixed(view(op("center_crop", "size", 20))));
        assertEquals("{v=3 × 30 × 45}", fixed(view(op("random_resized_crop", "size", List.of(40, 60)), op("resize", "size", 30))));
        assertEquals("{v=3 × 45 × 30}", fixed(view(op("center_crop", "size", List.of(60, 40)), op("resize", "size", 30))));
        assertEquals("{v=3 × 60 × 64}", fixed(view(op("center_crop", "size", List.of(40, 50)),
                op("rotate", "degrees", List.of(30, 30), "expand", true))));
        assertEquals("{v=3 × 16 × 16}", fixed(view(OpSpec.of("grayscale"), op("random_resized_crop", "size", 16),
                op("rotate", "degrees", 20), op("gaussian_blur", "kernel", 3), op("random_erasing", "p", 1.0))));
        // combinators whose every outcome keeps the shape
        assertEquals("{v=3 × 32 × 32}", fixed(view(op("random_resized_crop", "size", 32),
                op("one_of", "ops", List.of("hflip", "grayscale")),
                op("random_apply", "ops", List.of(Map.of("gaussian_blur", Map.of("kernel", 3)), "solarize")))));
    }

    @Test
    void familyOpsGiveEachMemberItsShape() {
        assertEquals("{v.global0=3 × 32 × 32, v.global1=3 × 32 × 32, v.local0=3 × 16 × 16, v.local1=3 × 16 × 16, v.local2=3 × 16 × 16}",
                fixed(view(op("multi_crop", "global", 2, "global_size", 32, "local", 3, "local_size", 16), OpSpec.of("hflip"),
                        OpSpec.of("normalize"))));
        assertEquals("{v.L=1 × 32 × 32, v.ab=2 × 32 × 32}", fixed(view(op("random_resized_crop", "size", 32), OpSpec.of("lab_split"),
                OpSpec.of("hflip"))));
        var patches = fixed(view(op("center_crop", "size", 64), op("patch_grid", "grid", 2, "patch", 24, "stride", 16)));
        assertEquals("{v.r0c0=3 × 24 × 24, v.r0c1=3 × 24 × 24, v.r1c0=3 × 24 × 24, v.r1c1=3 × 24 × 24}", patches);
    }

    @Test
    void aSizeTheFileSetsIsTheFilesOwn() {
        assertEquals("{v=3 × H × W}", MadeShapes.declared(view(OpSpec.of("hflip"), OpSpec.of("normalize")), 16000).toString());
        assertEquals("{v=3 × ≥32 × ≥32}", MadeShapes.declared(view(op("resize", "size", 32)), 16000).toString());
    }

    @Test
    void whatDrawsASizeVariesAtTheOpThatDrawsIt() {
        var rotated = MadeShapes.assertVariesAsMade(view(op("center_crop", "size", 40), op("rotate", "degrees", 30, "expand", true)),
                MEDIA, 16000, 1);
        assertTrue(rotated.why().contains("rotate with expand: true draws the angle from [-30.0, 30.0]"), rotated.why());
        assertTrue(rotated.fix().contains("expand: false"), rotated.fix());

        var oneOf = MadeShapes.assertVariesAsMade(view(op("random_resized_crop", "size", 32),
                op("one_of", "ops", List.of(Map.of("center_crop", Map.of("size", 24)), "hflip"))), MEDIA, 16000, 1);
        assertEquals("24–32", oneOf.toString());
        assertTrue(oneOf.why().contains("one_of picks one of its ops per draw, and they give 3 × 24 × 24 and 3 × 32 × 32"),
                oneOf.why());

        var maybe = MadeShapes.assertVariesAsMade(view(op("random_resized_crop", "size", 32), op("center_crop", "size", 24, "p", 0.5)),
                MEDIA, 16000, 2);
        assertEquals("24–32", maybe.toString());
        assertTrue(maybe.why().contains("'center_crop' is applied with probability 0.5"), maybe.why());

        var randomApply = MadeShapes.assertVariesAsMade(view(op("random_resized_crop", "size", 32),
                op("random_apply", "ops", List.of(Map.of("center_crop", Map.of("size", 24))))), MEDIA, 16000, 1);
        assertTrue(randomApply.why().contains("'random_apply' is applied with probability 0.5"), randomApply.why());
    }

    @Test
    void everyOpOfTheCatalogueDeclaresARuleAndEveryOpThatChangesStageOrSplitsItsOwn() {
        for (var d : OpCatalog.standard().descriptors()) {
            assertNotNull(d.shape(), d.name());
            if (d.input() != d.output() || d.family()) {
                assertNotSame(ShapeRule.KEEPS, d.shape(), d.name() + " at " + d.input());
            }
        }
    }
}
