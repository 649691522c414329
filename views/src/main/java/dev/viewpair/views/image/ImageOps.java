package dev.viewpair.views.image;

import dev.viewpair.views.catalog.OpDescriptor;
import java.util.List;

/** The image op catalogue. */
public final class ImageOps {
    private ImageOps() {}

    public static List<OpDescriptor> descriptors() {
        return List.of();
    }
}
