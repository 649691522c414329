package dev.viewpair.views.audio;

import dev.viewpair.views.catalog.OpDescriptor;
import java.util.List;

/** The audio op catalogue. */
public final class AudioOps {
    private AudioOps() {}

    public static List<OpDescriptor> descriptors() {
        return List.of();
    }
}
