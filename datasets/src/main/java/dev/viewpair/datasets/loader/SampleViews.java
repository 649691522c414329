package dev.viewpair.datasets.loader;

import dev.viewpair.datasets.Sample;
import dev.viewpair.views.ViewTensor;
import java.util.Map;

/**
 * Turns one sample into its views for one epoch: decode, then every view chain. Called on worker
 * threads, so it must be thread-safe. Throws {@link dev.viewpair.views.MediaException} for bad media.
 */
@FunctionalInterface
public interface SampleViews {
    Map<String, ViewTensor> views(Sample sample, int epoch);
}
