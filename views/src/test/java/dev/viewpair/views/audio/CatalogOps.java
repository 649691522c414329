package dev.viewpair.views.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.viewpair.views.Op;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.views.catalog.Stage;
import java.util.List;
import java.util.Map;

/** Builds ops the way a recipe does: by name and raw parameters, through the standard catalogue. */
final class CatalogOps {
    private CatalogOps() {}

    @SuppressWarnings("unchecked")
    static <O> Op<Audio, O> waveformOp(String name, Map<String, Object> params) {
        var d = OpCatalog.standard().find(name, Stage.WAVEFORM).orElseThrow();
        assertEquals(List.of(), d.check(params), "parameters of " + name);
        return (Op<Audio, O>) d.factory().apply(d.params(params));
    }
}
