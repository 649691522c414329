package dev.viewpair.datasets.loader;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.ViewSet;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.audio.AudioDecoder;
import dev.viewpair.views.image.ImageDecoder;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;

/**
 * The standard {@link SampleViews}: decodes each modality a view reads through its adapter (OpenCV for
 * images, FFmpeg for audio, resampled to the recipe's rate), once per sample, then runs every view
 * chain of the {@link ViewSet} on the decoded media. Native memory of the sample is freed on return.
 */
public final class DecodedViews implements SampleViews {
    private final ViewSet viewSet;
    private final int sampleRate;

    public DecodedViews(ViewSet viewSet, int sampleRate) {
        this.viewSet = viewSet;
        this.sampleRate = sampleRate;
    }

    @Override
    public Map<String, ViewTensor> views(Sample sample, int epoch) {
        try (var scope = new PointerScope()) {
            var decoded = new EnumMap<Modality, Object>(Modality.class);
            for (var modality : viewSet.modalities()) {
                MediaRef ref = sample.media().get(modality);
                if (ref == null) {
                    throw new MediaException("sample '" + sample.id() + "' has no " + modality.recipeName()
                            + " but the recipe's views read one — add a " + modality.recipeName() + " column to the dataset");
                }
                decoded.put(modality, decode(modality, ref));
            }
            return viewSet.apply(decoded, epoch, sample.id());
        }
    }

    private Object decode(Modality modality, MediaRef ref) {
        return switch (modality) {
            case IMAGE -> ImageDecoder.decode(read(ref), ref.name());
            case AUDIO -> ref instanceof MediaRef.FileMedia f
                    ? AudioDecoder.decode(f.path(), sampleRate)
                    : AudioDecoder.decode(read(ref), ref.name(), sampleRate);
            case VIDEO -> throw new MediaException("video views are not available yet: '" + ref.name() + "'");
        };
    }

    private static byte[] read(MediaRef ref) {
        try {
            return ref.bytes();
        } catch (IOException e) {
            throw new MediaException("cannot read '" + ref.name() + "': " + e.getMessage() + " — check that the file exists and is readable", e);
        }
    }
}
