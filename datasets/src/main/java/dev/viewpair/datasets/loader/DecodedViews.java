package dev.viewpair.datasets.loader;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.MediaSniffer;
import dev.viewpair.datasets.Sample;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewTensor;
import java.util.EnumMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;

/**
 * The standard {@link SampleViews}: decodes each modality a view reads ({@link MediaDecoder}: OpenCV for
 * images, FFmpeg for audio, resampled to the recipe's rate; an audio file longer than
 * {@value dev.viewpair.views.audio.io.AudioTimeline#WHOLE_SECONDS} s and a video file are opened as one timeline that all
 * the sample's views share — what one window decodes serves the others, frames are read as the views ask; media
 * from shards is already decoded), once per sample, then runs every view chain
 * of the {@link ViewSet} on the decoded media. Native memory of the sample, the video's decoders and decoded
 * sound included, is freed on return.
 */
public final class DecodedViews implements SampleViews {
    private final ViewSet viewSet;
    private final int sampleRate;

    public DecodedViews(ViewSet viewSet, int sampleRate) {
        this.viewSet = viewSet;
        this.sampleRate = sampleRate;
    }

    /** The anchors its views placed on onsets so far, and the samples that had none ({@code at: onset}). */
    public ViewSet.OnsetTally onsetTally() {
        return viewSet.onsetTally();
    }

    @Override
    public Map<String, ViewTensor> views(Sample sample, int epoch) {
        var decoded = new EnumMap<Modality, Object>(Modality.class);
        try (var scope = new PointerScope()) {
            for (var modality : viewSet.modalities()) {
                MediaRef ref = sample.media().get(modality);
                if (ref == null) {
                    throw new MediaException("sample '" + sample.id() + "' has no " + modality.recipeName()
                            + " but the recipe's views read one — add a " + modality.recipeName() + " column to the dataset");
                }
                decoded.put(modality, decodeOrExplain(modality, ref));
            }
            try {
                return viewSet.apply(decoded, epoch, sample.id());
            } catch (MediaException e) {
                // a view that cannot be made from media that decoded: name the file when only one is read
                var files = viewSet.modalities().stream().map(m -> sample.media().get(m).name()).toList();
                throw new BadMediaException(String.join(" + ", files), e.getMessage(), e);
            }
        } finally {
            // a video holds open FFmpeg grabbers (and a stored one a local copy), which no pointer scope frees
            MediaDecoder.close(decoded.get(Modality.VIDEO), sample.media().get(Modality.VIDEO));
        }
    }

    /**
     * Decodes one medium, naming it in any failure: a decoder's own message gets a hint when the content is of
     * another modality (a PNG named .wav); any other exception from a decoder — they parse untrusted bytes —
     * becomes a bad input too rather than the end of a run.
     */
    private Object decodeOrExplain(Modality modality, MediaRef ref) {
        try {
            return MediaDecoder.decodeForViews(modality, ref, sampleRate);
        } catch (MediaException e) {
            var hint = MediaSniffer.mismatch(ref, modality);
            throw new BadMediaException(ref.name(), hint.map(h -> e.getMessage() + "; " + h).orElse(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new BadMediaException(ref.name(), modality.recipeName() + " '" + ref.name() + "' made the decoder fail ("
                    + e + ") — re-encode it or remove it from the dataset, and please report it", e);
        }
    }
}
