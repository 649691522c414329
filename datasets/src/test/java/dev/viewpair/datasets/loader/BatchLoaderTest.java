package dev.viewpair.datasets.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.MediaRef;
import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.ViewTensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
    /** Samples "s0".."s{n-1}"; sample s7 is unreadable. */
    private static Source source(int n) {
        return new Source() {
            @Override
            public long size() {
                return n;
            }

            @Override
            public Sample get(long i) {
                var ref = new MediaRef.EncodedBytes("mem/s" + i + ".png", new byte[0]);
                return new Sample("s" + i, Map.of(Modality.IMAGE, ref), "c" + (i % 3), Map.of());
            }

            @Override
            public String describe() {
                return "test source";
            }
        };
    }

    /** A view whose values encode the sample index and epoch, so stacking can be checked exactly. */
    private static final SampleViews VIEWS = (sample, epoch) -> {
        int i = Integer.parseInt(sample.id().substring(1));
        if (i == 7) {
            throw new MediaException("cannot decode " + sample.media().get(Modality.IMAGE).name());
        }
        return Map.of("v", new ViewTensor(new float[] {i, epoch, -i}, new int[] {3}));
    };

    @Test
    void stacksFullBatchesSkippingAndReportingBadInputs() {
        var bad = new CopyOnWriteArrayList<BadInput>();
        try (var loader = BatchLoader.builder(source(20), VIEWS).batchSize(4).workers(2).seed(3)
                .onBadInput(bad::add).build()) {
            var seen = new ArrayList<String>();
            var it = loader.epoch(1);
            while (it.hasNext()) {
                var b = it.next();
                assertEquals(4, b.size());
                assertArrayEquals(new long[] {4, 3}, b.shapes().get("v"));
                float[] d = b.data().get("v");
                for (int k = 0; k < 4; k++) {
                    int i = Integer.parseInt(b.ids().get(k).substring(1));
                    assertArrayEquals(new float[] {i, 1, -i}, new float[] {d[3 * k], d[3 * k + 1], d[3 * k + 2]});
                    assertEquals("c" + (i % 3), b.labels().get(k));
                }
                seen.addAll(b.ids());
            }
            // 19 readable samples make 4 full batches; the 3 left over are dropped
            assertEquals(16, seen.size());
            assertEquals(16, new HashSet<>(seen).size());
            assertFalse(seen.contains("s7"));
            assertEquals(1, bad.size());
            assertEquals("s7", bad.get(0).sampleId());
            assertEquals("mem/s7.png", bad.get(0).file());
            assertTrue(bad.get(0).reason().contains("cannot decode"));
        }
    }

    @Test
    void orderIsSeededPerEpochAndIndependentOfWorkerCount() {
        List<String> one;
        List<String> two;
        try (var a = BatchLoader.builder(source(40), VIEWS).batchSize(5).workers(1).seed(9).build();
                var b = BatchLoader.builder(source(40), VIEWS).batchSize(5).workers(2).seed(9).build()) {
            one = ids(a, 0);
            two = ids(b, 0);
            assertEquals(one, two);
            assertNotEquals(one, ids(a, 1));
        }
    }

    @Test
    void keepsThePartialLastBatchWhenAsked() {
        try (var loader = BatchLoader.builder(source(10), VIEWS).batchSize(4).workers(2).shuffle(false)
                .keepPartialLast(true).build()) {
            var sizes = new ArrayList<Integer>();
            loader.epoch(0).forEachRemaining(b -> sizes.add(b.size()));
            // 9 readable samples in source order: 4 + 4 + 1
            assertEquals(List.of(4, 4, 1), sizes);
            assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s8", "s9"), ids(loader, 0));
        }
    }

    private static List<String> ids(BatchLoader loader, int epoch) {
        var out = new ArrayList<String>();
        loader.epoch(epoch).forEachRemaining(b -> out.addAll(b.ids()));
        return out;
    }
}
