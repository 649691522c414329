package dev.viewpair.datasets.shards;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.loader.DecodedViews;
import dev.viewpair.datasets.loader.MediaDecoder;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.audio.io.Audio;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns one sample into the arrays a shard stores for it. Thread-safe; throws {@link MediaException} (or
 * {@link IllegalArgumentException}) for a sample whose media cannot be read, which the writer skips and lists.
 */
public interface SampleEncoder {
    /** Array name → dtype, for every array each sample gets, in a fixed order. */
    Map<String, Dtype> arrays();

    /** The sample's arrays, by the names of {@link #arrays()}. */
    Map<String, ArrayChunk> encode(Sample sample);

    /**
     * The decoded media ({@link StoreMode#DECODED}): an {@code image} array of 8-bit RGB pixels (height, width, 3)
     * at the source's size, and an {@code audio} array of mono float32 PCM (samples) at {@code sampleRate} — the
     * very forms the view ops start from, so views made from shards equal views made from the files.
     *
     * @param modalities what to decode (image, audio)
     * @throws IllegalArgumentException for video: views seek in video files, so shards keep video only as views
     */
    static SampleEncoder decoded(Set<Modality> modalities, int sampleRate) {
        if (modalities.contains(Modality.VIDEO)) {
            throw new IllegalArgumentException("decoded shards hold images and sound, not video (video views seek in "
                    + "the file at random times) — preprocess with --store views to store the video views instead");
        }
        var arrays = new LinkedHashMap<String, Dtype>();
        for (var m : new TreeSet<>(modalities)) {
            arrays.put(m.recipeName(), m == Modality.IMAGE ? Dtype.UINT8 : Dtype.FLOAT32);
        }
        return new SampleEncoder() {
            @Override
            public Map<String, Dtype> arrays() {
                return arrays;
            }

            @Override
            public Map<String, ArrayChunk> encode(Sample sample) {
                var out = new LinkedHashMap<String, ArrayChunk>();
                try (var scope = new PointerScope()) {
                    for (var name : arrays.keySet()) {
                        var modality = Modality.parse(name);
                        MediaRef ref = sample.media().get(modality);
                        if (ref == null) {
                            throw new MediaException("sample '" + sample.id() + "' has no " + name
                                    + " but the recipe's views read one — add a " + name + " column to the dataset");
                        }
                        Object media = MediaDecoder.decode(modality, ref, sampleRate);
                        out.put(name, media instanceof Mat image ? pixels(image) : samples((Audio) media));
                    }
                }
                return out;
            }
        };
    }

    /**
     * The finished views ({@link StoreMode#VIEWS}): one float32 array per view of the set (per member view of a
     * family: {@code lab.L}, {@code lab.ab}), each drawn once, with epoch 0's random streams.
     */
    static SampleEncoder views(ViewSet viewSet, int sampleRate) {
        var arrays = new LinkedHashMap<String, Dtype>();
        viewSet.chains().forEach(c -> c.members().forEach(m -> arrays.put(m, Dtype.FLOAT32)));
        var views = new DecodedViews(viewSet, sampleRate);
        return new SampleEncoder() {
            @Override
            public Map<String, Dtype> arrays() {
                return arrays;
            }

            @Override
            public Map<String, ArrayChunk> encode(Sample sample) {
                var out = new LinkedHashMap<String, ArrayChunk>();
                views.views(sample, 0).forEach((name, t) -> out.put(name, new ArrayChunk.F32(t.data(), t.shape())));
                return out;
            }
        };
    }

    private static ArrayChunk pixels(Mat image) {
        // decoded images are continuous; a copy makes sure of it before the bulk read
        Mat m = image.isContinuous() ? image : image.clone();
        var bytes = new byte[m.rows() * m.cols() * m.channels()];
        ((ByteBuffer) m.createBuffer()).get(bytes);
        return new ArrayChunk.U8(bytes, new int[] {m.rows(), m.cols(), m.channels()});
    }

    private static ArrayChunk samples(Audio audio) {
        return new ArrayChunk.F32(audio.samples(), new int[] {audio.samples().length});
    }
}
