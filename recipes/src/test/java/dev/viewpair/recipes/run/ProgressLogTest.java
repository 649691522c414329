package dev.viewpair.recipes.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.junit.jupiter.api.Test;

/** Progress in a log: whole lines, the message set apart and never cut, no line written twice. */
class ProgressLogTest {
    private static final String MESSAGE = "loss -2.911 image-image 1.23 image-audio 0.45 audio-later 0.67 video-audio 0.89";

    @Test
    void aLogGetsWholeLinesAndTheLastOnceOnly() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var log = new ProgressLog("train", "steps", lines::add);
        try (var bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(40).setUnit(" steps", 1)
                .setRenderer(log).setConsumer(log).setUpdateIntervalMillis(5).build()) {
            for (int i = 1; i <= 40; i++) {
                Progress.message(bar.stepTo(i), MESSAGE);
                Thread.sleep(2);
            }
        }
        assertTrue(lines.size() >= 2, lines.toString());
        var last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("train 40/40 steps (100%) in 0:00:0"), last);
        assertTrue(last.endsWith(" — " + MESSAGE), last);
        // each line a count of its own: the closing refresh adds no copy of the last
        var counts = new ArrayList<String>();
        lines.forEach(l -> counts.add(l.split(" ")[1]));
        assertEquals(counts.size(), new HashSet<>(counts).size(), lines.toString());
        lines.forEach(l -> assertTrue(l.endsWith(MESSAGE) || l.startsWith("train 0/40"), l));
    }

    @Test
    void onATerminalTheMessageIsSetApartFromTheSpeed() throws Exception {
        List<String> drawn = new CopyOnWriteArrayList<>();
        try (var bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(4).setStyle(ProgressBarStyle.ASCII)
                .showSpeed().setUnit(" steps", 1).setConsumer(new DelegatingProgressBarConsumer(drawn::add, 200)).build()) {
            for (int i = 1; i <= 4; i++) {
                Progress.message(bar.stepTo(i), MESSAGE);
                Thread.sleep(5);
            }
        }
        var last = drawn.get(drawn.size() - 1);
        assertTrue(last.contains(" steps/s " + MESSAGE), last);
    }
}
