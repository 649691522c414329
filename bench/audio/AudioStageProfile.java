import dev.viewpair.views.Modality;
import dev.viewpair.views.OpSpec;
import dev.viewpair.views.Rng;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.chain.ViewSet;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.audio.AddNoise;
import dev.viewpair.views.audio.io.AudioDecoder;
import dev.viewpair.views.audio.Clip;
import dev.viewpair.views.audio.Gain;
import dev.viewpair.views.audio.LogMel;
import dev.viewpair.views.chain.OpCatalog;
import dev.viewpair.catalog.TimeExpr;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Per-pair CPU time of each stage of the audio benchmark's pipeline, on one thread: thread CPU time
 * (ThreadMXBean), not wall time, so that other tenants of a shared machine distort it far less than a
 * pairs-per-second figure.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp "views/target/classes:$(cat /tmp/cp.txt)" bench/audio/AudioStageProfile.java DATA_DIR [ROUNDS]</pre>
 *
 * Stages: decoding a WAV file and a FLAC file whole (per file); opening one ({@link AudioDecoder#open}, as the
 * benchmark and the batch loader do) and reading the two windows of a pair (1 s at a random anchor and 0.5 s
 * later); for one view (a 1 s crop) the clip, gain, noise and 64-band log-mel ops as {@code AudioPipelineBench}
 * configures them; then a whole pair through the same {@link ViewSet}, from an opened file. One pair = one file
 * opened + two views. Prints microseconds per call.
 */
public class AudioStageProfile {
    private static final int RATE = 16_000;
    private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private interface Stage {
        Object run(int i);
    }

    /** CPU microseconds per call of {@code stage} over {@code calls} calls. */
    private static double micros(Stage stage, int calls) {
        long sink = 0;
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            sink += System.identityHashCode(stage.run(i)) & 1;
        }
        long used = CPU.getCurrentThreadCpuTime() - start;
        if (sink < 0) {
            System.out.println(sink);
        }
        return used / 1e3 / calls;
    }

    /** Opens a file and reads a pair's two windows: 1 s at an anchor where both fit, and 1 s from 0.5 s later. */
    private static Object pairWindows(Path file, int i) {
        var sound = AudioDecoder.open(file, RATE);
        double anchor = Rng.of(i).uniform(0, Math.max(0, sound.durationSeconds() - 1.5));
        sound.window(anchor, RATE);
        return sound.window(anchor + 0.5, RATE);
    }

    private static ViewSpec view(String name, String at) {
        return new ViewSpec(name, Modality.AUDIO, List.of(
                new OpSpec("clip", Map.of("seconds", 1.0, "at", at)),
                new OpSpec("gain", Map.of("db", List.of(-6.0, 6.0))),
                new OpSpec("noise", Map.of("snr", List.of(10.0, 30.0))),
                new OpSpec("log_mel", Map.of("mels", 64, "n_fft", 400, "hop", 160))));
    }

    public static void main(String[] args) throws Exception {
        var dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        var wav = files.stream().filter(p -> p.toString().endsWith(".wav")).toList();
        var flac = files.stream().filter(p -> p.toString().endsWith(".flac")).toList();
        var decoded = files.stream().map(f -> AudioDecoder.decode(f, RATE)).toList();
        var clip = new Clip(1.0, TimeExpr.ANCHOR, 0);
        var gain = new Gain(-6, 6, false);
        var noise = new AddNoise(10, 30, AddNoise.Color.WHITE);
        var logMel = new LogMel(64, 400, 160, 400, 0, 0, 2, 1e-6);
        var crops = decoded.stream().map(a -> clip.apply(a, new ViewContext(Rng.of(1), 0.5))).toList();
        var views = ViewSet.build(List.of(view("now", "anchor"), view("later", "anchor + 0.5s")), OpCatalog.standard(), 7);
        int n = files.size();
        var ctx = new ViewContext(Rng.of(3), 0.5);
        for (int r = 0; r < rounds; r++) {
            // the first rounds warm the JIT up; the last one is printed
            double wavMicros = micros(i -> AudioDecoder.decode(wav.get(i % wav.size()), RATE), 20 * wav.size());
            double flacMicros = micros(i -> AudioDecoder.decode(flac.get(i % flac.size()), RATE), 20 * flac.size());
            double wavWindowsMicros = micros(i -> pairWindows(wav.get(i % wav.size()), i), 20 * wav.size());
            double flacWindowsMicros = micros(i -> pairWindows(flac.get(i % flac.size()), i), 20 * flac.size());
            double clipMicros = micros(i -> clip.apply(decoded.get(i % n), ctx), 200 * n);
            double gainMicros = micros(i -> gain.apply(crops.get(i % n), ctx), 200 * n);
            double noiseMicros = micros(i -> noise.apply(crops.get(i % n), new ViewContext(Rng.of(i), 0)), 100 * n);
            double melMicros = micros(i -> logMel.apply(crops.get(i % n), ctx), 40 * n);
            double viewsMicros = micros(i -> views.apply(Map.of(Modality.AUDIO, decoded.get(i % n)), i / n, "s" + (i % n)), 20 * n);
            double pairMicros = micros(i -> {
                var file = files.get(i % n);
                return views.apply(Map.of(Modality.AUDIO, AudioDecoder.open(file, RATE)), i / n, file.getFileName().toString());
            }, 20 * n);
            if (r == rounds - 1) {
                System.out.printf(Locale.ROOT, "CPU µs per call, one thread (%d WAV, %d FLAC files)%n", wav.size(), flac.size());
                System.out.printf(Locale.ROOT, "  decode WAV        %8.1f%n  decode FLAC       %8.1f%n", wavMicros, flacMicros);
                System.out.printf(Locale.ROOT, "  open + 2 windows, WAV  %8.1f%n  open + 2 windows, FLAC %8.1f%n",
                        wavWindowsMicros, flacWindowsMicros);
                System.out.printf(Locale.ROOT, "  clip 1 s          %8.1f%n  gain              %8.1f%n", clipMicros, gainMicros);
                System.out.printf(Locale.ROOT, "  noise             %8.1f%n  log_mel 64        %8.1f%n", noiseMicros, melMicros);
                System.out.printf(Locale.ROOT, "  two views (no decode) %8.1f%n  whole pair        %8.1f%n", viewsMicros, pairMicros);
            }
        }
    }
}
