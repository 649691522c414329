package dev.viewpair.datasets.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewpair.datasets.Sample;
import dev.viewpair.datasets.Source;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private static final List<String> IDS = IntStream.range(0, 10_000).mapToObj(i -> "sample-" + i).toList();

    /** A source of samples that carry only an id. */
    private record IdSource(List<String> ids) implements Source {
        @Override
        public long size() {
            return ids.size();
        }

        @Override
        public Sample get(long i) {
            return new Sample(ids.get((int) i), Map.of(), null, Map.of());
        }

        @Override
        public String describe() {
            return "ids";
        }
    }

    @Test
    void fractionsAreRespectedOnTenThousandIds() {
        var splits = Splits.of(Map.of("a", 0.5, "b", 0.3, "c", 0.2), 11);
        var counts = new HashMap<String, Integer>();
        IDS.forEach(id -> counts.merge(splits.assign(id), 1, Integer::sum));
        // binomial standard deviation on 10 000 draws is at most 0.005: allow four of them
        assertEquals(0.5, counts.get("a") / 10_000.0, 0.02);
        assertEquals(0.3, counts.get("b") / 10_000.0, 0.02);
        assertEquals(0.2, counts.get("c") / 10_000.0, 0.02);
    }

    @Test
    void assignmentDependsOnIdAndSeedOnlyNotOnMapOrder() {
        var forward = new LinkedHashMap<String, Double>();
        forward.put("train", 0.9);
        forward.put("test", 0.1);
        var backward = new LinkedHashMap<String, Double>();
        backward.put("test", 0.1);
        backward.put("train", 0.9);
        var one = Splits.of(forward, 5);
        var two = Splits.of(backward, 5);
        var otherSeed = Splits.of(forward, 6);
        int differ = 0;
        for (var id : IDS) {
            assertEquals(one.assign(id), two.assign(id), id);
            assertEquals(one.assign(id), one.assign(id), id);
            differ += one.assign(id).equals(otherSeed.assign(id)) ? 0 : 1;
        }
        // with 10% test, two independent assignments disagree on about 2·0.9·0.1 = 18% of ids
        assertEquals(0.18, differ / 10_000.0, 0.03);
        assertEquals(List.of("test", "train"), one.names());
    }

    @Test
    void zeroAndOneFractionsAreExact() {
        var all = Splits.of(Map.of("train", 1.0, "test", 0.0), 1);
        assertTrue(IDS.stream().allMatch(id -> all.assign(id).equals("train")));
    }

    @Test
    void selectKeepsSourceOrderAndPartitionsTheSource() {
        var source = new IdSource(IDS.subList(0, 2_000));
        var splits = Splits.of(Map.of("train", 0.8, "test", 0.2), 3);
        var train = splits.select(source, "train");
        var test = splits.select(source, "test");
        assertEquals(source.size(), train.size() + test.size());
        var seen = new HashSet<String>();
        for (var part : List.of(train, test)) {
            int previous = -1;
            for (var sample : part) {
                int index = source.ids().indexOf(sample.id());
                assertTrue(index > previous, "source order kept");
                previous = index;
                assertEquals(part.split(), splits.assign(sample.id()));
                assertTrue(seen.add(sample.id()), "each sample in one split only");
            }
        }
        assertEquals(train.get(7).id(), splits.select(source, "train").get(7).id());
        assertTrue(test.describe().startsWith("ids, split test ("), test.describe());
        assertThrows(IndexOutOfBoundsException.class, () -> test.get(test.size()));
    }

    @Test
    void badFractionsAreRejectedWithAClearMessage() {
        var sum = assertThrows(IllegalArgumentException.class, () -> Splits.of(Map.of("train", 0.9, "test", 0.05), 1));
        assertTrue(sum.getMessage().contains("sum to 0.95"), sum.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> Splits.of(Map.of("train", 1.1, "test", -0.1), 1));
        assertTrue(negative.getMessage().contains("between 0 and 1"), negative.getMessage());
        var nan = assertThrows(IllegalArgumentException.class, () -> Splits.of(Map.of("train", Double.NaN), 1));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.of(Map.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.of(Map.of(" ", 1.0), 1));
        // within the 1e-6 tolerance is fine
        Splits.of(Map.of("a", 0.3333333, "b", 0.3333333, "c", 0.3333333), 1);
    }

    @Test
    void selectingAnUnknownSplitNamesTheKnownOnes() {
        var splits = Splits.of(Map.of("train", 0.5, "val", 0.5), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> splits.select(new IdSource(IDS), "test"));
        assertTrue(e.getMessage().contains("[train, val]"), e.getMessage());
        assertNotEquals("", e.getMessage());
    }
}
