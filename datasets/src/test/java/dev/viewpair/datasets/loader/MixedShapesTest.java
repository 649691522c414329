package dev.viewpair.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.Modality;
import dev.viewpair.views.ViewTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A view whose shape differs between the samples of a batch is a user's error naming both samples, the view and the fix. */
class MixedShapesTest {
    private static final Source FOUR = new Source() {
        @Override
        public long size() {
            return 4;
        }

        @Override
        public Sample get(long i) {
            return new Sample("s" + i, Map.of(Modality.AUDIO, new MediaRef.EncodedBytes("mem/s" + i + ".wav", new byte[0])),
                    "c", Map.of());
        }

        @Override
        public String describe() {
            return "four samples";
        }
    };

    @Test
    void aSampleWhoseViewHasAnotherShapeStopsTheBatchWithBothShapesAndTheFix() {
        // sample s2's spectrogram has 100 frames, the others 108; also a same-size transposed shape must not pass
        for (var odd : new int[][] {{1, 64, 100}, {1, 108, 64}}) {
            SampleViews views = (sample, epoch) -> {
                int[] shape = sample.id().equals("s2") ? odd : new int[] {1, 64, 108};
                return Map.of("b", new ViewTensor(new float[shape[0] * shape[1] * shape[2]], shape));
            };
            try (var loader = BatchLoader.builder(FOUR, views).batchSize(4).workers(1).shuffle(false).build()) {
                var e = assertThrows(IllegalArgumentException.class, () -> loader.epoch(0).next());
                var m = e.getMessage();
                assertTrue(m.contains("view 'b' of sample 's2' has shape [" + odd[0] + ", " + odd[1] + ", " + odd[2] + "]")
                        && m.contains("sample 's0' (first in its batch) has shape [1, 64, 108]")
                        && m.contains("clip for sound, after any op that changes the length"), m);
            }
        }
    }
}
