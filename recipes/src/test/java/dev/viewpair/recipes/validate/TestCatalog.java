package dev.viewpair.recipes.validate;

import static dev.viewpair.catalog.ParamType.INTEGER;
import static dev.viewpair.catalog.ParamType.NUMBER;
import static dev.viewpair.catalog.ParamType.RANGE;
import static dev.viewpair.catalog.ParamType.TIME;
import static dev.viewpair.views.catalog.Stage.IMAGE;
import static dev.viewpair.views.catalog.Stage.SPECTROGRAM;
import static dev.viewpair.views.catalog.Stage.WAVEFORM;

import dev.viewpair.views.Op;
import dev.viewpair.views.audio.Clip;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.catalog.Param;
import dev.viewpair.views.catalog.Stage;
import java.util.List;

/**
 * A small op catalogue for recipe tests, with the names and parameters of the real image and audio
 * ops; their ops pass the input through, since validation never runs them — but for {@code clip}, the real op,
 * whose time window validation reads.
 */
public final class TestCatalog {
    private TestCatalog() {}

    public static final OpCatalog CATALOG = OpCatalog.of(List.of(
            op("random_resized_crop", IMAGE, IMAGE, 1.0,
                    Param.required("size", INTEGER, 1.0, null, "output side in pixels"),
                    Param.optional("scale", RANGE, List.of(0.08, 1.0), 0.0, 1.0, "area fraction"),
                    Param.optional("ratio", RANGE, List.of(0.75, 1.3333), 0.0, null, "aspect ratio")),
            op("hflip", IMAGE, IMAGE, 0.5),
            op("color_jitter", IMAGE, IMAGE, 1.0, Param.optional("brightness", NUMBER, 0.4, 0.0, null, "brightness jitter")),
            op("normalize", IMAGE, IMAGE, 1.0),
            op("normalize", SPECTROGRAM, SPECTROGRAM, 1.0),
            new OpDescriptor("clip", WAVEFORM, WAVEFORM, List.of(
                    Param.required("seconds", NUMBER, 0.001, null, "window length"),
                    Param.optional("at", TIME, "anchor", null, null, "window start"),
                    Param.optional("jitter", NUMBER, 0.0, 0.0, null, "random shift of the start")), 1.0, "clip (test)",
                    values -> new Clip(values.number("seconds"), values.time("at"), values.number("jitter"))),
            op("log_mel", WAVEFORM, SPECTROGRAM, 1.0, Param.optional("mels", INTEGER, 64, 1.0, null, "mel bands")),
            op("time_mask", SPECTROGRAM, SPECTROGRAM, 1.0, Param.optional("frames", INTEGER, 10, 0.0, null, "widest mask"))));

    private static OpDescriptor op(String name, Stage input, Stage output, double p, Param... params) {
        return new OpDescriptor(name, input, output, List.of(params), p, name + " (test)", values -> passThrough());
    }

    private static Op<Object, Object> passThrough() {
        return (input, ctx) -> input;
    }
}
