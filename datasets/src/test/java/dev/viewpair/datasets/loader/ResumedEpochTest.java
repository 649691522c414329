package dev.viewpair.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.ViewTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** An epoch started part-way through its order gives the rest of the epoch, without viewing what it passes over. */
class ResumedEpochTest {
    private final Set<String> viewed = ConcurrentHashMap.newKeySet();

    /** Samples "s0".."s{n-1}"; s5 is unreadable; every sample viewed is remembered. */
    private Source source(int n) {
        return new Source() {
            @Override
            public long size() {
                return n;
            }

            @Override
            public Sample get(long i) {
                return new Sample("s" + i, Map.of(Modality.IMAGE, new MediaRef.EncodedBytes("mem/s" + i, new byte[0])),
                        null, Map.of());
            }

            @Override
            public String describe() {
                return "test source";
            }
        };
    }

    private final SampleViews views = (sample, epoch) -> {
        viewed.add(sample.id());
        if (sample.id().equals("s5")) {
            throw new MediaException("cannot decode s5");
        }
        return Map.of("v", new ViewTensor(new float[] {epoch}, new int[] {1}));
    };

    private static List<List<String>> batches(java.util.Iterator<ViewBatch> epoch) {
        var out = new ArrayList<List<String>>();
        epoch.forEachRemaining(b -> out.add(b.ids()));
        return out;
    }

    @Test
    void theRestOfAnEpochFromASamplePositionIsTheTailOfTheWholeEpoch() {
        try (var loader = BatchLoader.builder(source(30), views).batchSize(4).workers(2).seed(6).build()) {
            var whole = batches(loader.epoch(2));
            // the position after two batches: their 8 samples and the unreadable s5 if it came before their end
            long[] ordering = loader.order(2);
            int position = 0;
            int good = 0;
            while (good < 8) {
                if (ordering[position++] != 5) {
                    good++;
                }
            }
            viewed.clear();
            var rest = batches(loader.epoch(2, position));
            assertEquals(whole.subList(2, whole.size()), rest);
            for (int i = 0; i < position; i++) {
                assertFalse(viewed.contains("s" + ordering[i]), "sample s" + ordering[i] + " was viewed");
            }
            assertEquals(List.of(), batches(loader.epoch(2, 30)));
            assertThrows(IllegalArgumentException.class, () -> loader.epoch(2, 31));
        }
    }
}
