package dev.viewpair.datasets;

import dev.viewpair.views.Modality;
import java.util.Map;

/**
 * One record of a dataset.
 *
 * @param id a stable id, unique in the dataset: part of every view's random stream and of the split hash
 * @param media raw media per modality
 * @param label the class label, or {@code null}
 * @param meta any other columns of the record
 */
public record Sample(String id, Map<Modality, MediaRef> media, String label, Map<String, String> meta) {
    public Sample {
        media = Map.copyOf(media);
        meta = Map.copyOf(meta);
    }
}
