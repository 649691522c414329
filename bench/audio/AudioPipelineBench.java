import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.chain.OpCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The viewpair side of the audio pipeline benchmark: pairs of views per second, as a recipe would make them.
 *
 * <pre>java -cp "views/target/classes:$(cat /tmp/cp.txt)" bench/audio/AudioPipelineBench.java DATA_DIR THREADS SECONDS [WARMUP]</pre>
 *
 * One pair = open one file with {@link AudioDecoder#open} (mono, 16 kHz), as the batch loader does for views
 * ({@code MediaDecoder.decodeForViews}), and apply a {@link ViewSet} of two views built through
 * {@link OpCatalog#standard()}: a 1 s clip at the sample's anchor and a 1 s clip 0.5 s later, each followed by gain
 * (±6 dB), noise (SNR 10–30 dB) and a 64-band log-mel. The anchor is drawn so that both windows fit. A WAV or FLAC
 * opens as a timeline whose clips decode only their windows (the same samples as the whole decode). THREADS workers take files round-robin; every pass over the files is a new epoch, so every pair
 * is new. Prints one JSON line.
 */
public class AudioPipelineBench {
    private static final int RATE = 16_000;

    private static ViewSpec view(String name, String at) {
        return new ViewSpec(name, Modality.AUDIO, List.of(
                new OpSpec("clip", Map.of("seconds", 1.0, "at", at)),
                new OpSpec("gain", Map.of("db", List.of(-6.0, 6.0))),
                new OpSpec("noise", Map.of("snr", List.of(10.0, 30.0))),
                new OpSpec("log_mel", Map.of("mels", 64, "n_fft", 400, "hop", 160))));
    }

    public static void main(String[] args) throws Exception {
        var dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 3.0;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".wav") || p.toString().endsWith(".flac")).sorted().toList();
        }
        var views = ViewSet.build(List.of(view("now", "anchor"), view("later", "anchor + 0.5s")), OpCatalog.standard(), 7);

        var next = new AtomicLong();
        var pairs = new AtomicLong();
        var stop = new AtomicBoolean();
        var workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            workers[w] = new Thread(() -> {
                while (!stop.get()) {
                    long i = next.getAndIncrement();
                    var file = files.get((int) (i % files.size()));
                    var audio = AudioDecoder.open(file, RATE);
                    var out = views.apply(Map.of(Modality.AUDIO, audio), (int) (i / files.size()), file.getFileName().toString());
                    if (out.get("later").shape()[1] != 64) {
                        throw new IllegalStateException("unexpected view shape");
                    }
                    pairs.incrementAndGet();
                }
            });
            workers[w].start();
        }
        Thread.sleep((long) (warmup * 1000));
        long startCount = pairs.get();
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long endCount = pairs.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (var worker : workers) {
            worker.join();
        }
        System.out.printf(Locale.ROOT, "{\"side\": \"viewpair\", \"config\": \"viewpair, %d thread%s\", \"pairs_per_s\": %.3f}%n",
                threads, threads == 1 ? "" : "s", (endCount - startCount) / elapsed);
    }
}
