package dev.viewpair.views.audio.io;

import dev.viewpair.views.MediaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A PCM WAV read window by window: a window's samples lie at a byte offset computed from its start, read with one
 * positional read and converted as {@link WavReader} converts the whole file, so a window equals that slice of the
 * whole decode exactly. The file is opened per read, so nothing is held between windows.
 */
final class WavWindows implements SampleReader {
    private final Path file;
    private final WavReader.Layout layout;
    private long decodedSamples;

    WavWindows(Path file, WavReader.Layout layout) {
        this.file = file;
        this.layout = layout;
    }

    @Override
    public void read(long from, float[] out) {
        long lo = Math.max(from, 0);
        long hi = Math.min(from + out.length, layout.frames());
        if (hi <= lo) {
            return;
        }
        int count = (int) (hi - lo);
        var bytes = ByteBuffer.allocate(count * layout.bytesPerFrame()).order(ByteOrder.LITTLE_ENDIAN);
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = layout.dataOffset() + lo * layout.bytesPerFrame();
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, position + bytes.position()) < 0) {
                    throw new MediaException("audio file '" + file + "' ended before the " + layout.frames()
                            + " samples its header declared — it changed while being read; restore it or remove it");
                }
            }
        } catch (IOException e) {
            throw AudioDecoder.unreadable(file, e);
        }
        layout.mono(bytes, 0, count, out, (int) (lo - from));
        decodedSamples += count;
    }

    @Override
    public long decodedSamples() {
        return decodedSamples;
    }
}
