package dev.viewpair.datasets.shards;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.viewpair.views.Rng;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.bytedeco.opencv.opencv_core.Mat;

/** Test data: PNG/JPEG images and WAV clips of different sizes, with a manifest, written with real encoders. */
final class ShardFiles {
    private ShardFiles() {}

    /**
     * Writes {@code n} samples (ids s00..): image i is (20 + 3i) × (24 + 5i) pixels of seeded noise, PNG or JPEG;
     * sound i is a 22.05 kHz 16-bit WAV of 0.6 + 0.05·i seconds. Sample {@code broken} gets an image that is not one.
     * Returns the manifest.
     */
    static Path write(Path dir, int n, int broken) throws IOException {
        Files.createDirectories(dir);
        var lines = new ArrayList<String>();
        lines.add("id,image,audio,label");
        var rng = Rng.of(11);
        for (int i = 0; i < n; i++) {
            var id = String.format("s%02d", i);
            var image = dir.resolve(id + (i % 2 == 0 ? ".png" : ".jpg"));
            if (i == broken) {
                Files.writeString(image, "not an image");
            } else {
                int h = 20 + 3 * i;
                int w = 24 + 5 * i;
                var pixels = new byte[h * w * 3];
                for (int p = 0; p < pixels.length; p++) {
                    pixels[p] = (byte) rng.nextInt(256);
                }
                try (var mat = new Mat(h, w, CV_8UC3)) {
                    ((ByteBuffer) mat.createBuffer()).put(pixels);
                    imwrite(image.toString(), mat);
                }
            }
            var audio = dir.resolve(id + ".wav");
            int rate = 22_050;
            var pcm = new short[(int) ((0.6 + 0.05 * i) * rate)];
            for (int t = 0; t < pcm.length; t++) {
                pcm[t] = (short) (8000 * Math.sin(2 * Math.PI * (220 + 30 * i) * t / rate) + rng.nextInt(200));
            }
            Files.write(audio, wav(pcm, rate));
            lines.add(id + "," + image.getFileName() + "," + audio.getFileName() + ",c" + (i % 3));
        }
        var manifest = dir.resolve("manifest.csv");
        Files.write(manifest, lines);
        return manifest;
    }

    /** A mono 16-bit PCM WAV file, from the format's specification. */
    static byte[] wav(short[] pcm, int rate) {
        var b = ByteBuffer.allocate(44 + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * pcm.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * pcm.length);
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }
}
