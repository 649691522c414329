package dev.viewpair.views.audio.io;

import dev.viewpair.views.MediaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The audio modality adapter: decodes any file FFmpeg reads (WAV, FLAC, MP3, OGG, the audio track of a
 * video, …) into mono float PCM at the rate a recipe asks for: FFmpeg resamples, and the channels are
 * averaged ({@link PcmFrames}). Plain WAV and native FLAC already at the asked rate skip FFmpeg
 * ({@link WavReader}, {@link FlacReader}): opening FFmpeg costs more than decoding a short clip.
 * One grabber per call, so calls from several threads are independent.
 */
public final class AudioDecoder {
    /** No limit on the decoded length. */
    public static final double NO_LIMIT = Double.POSITIVE_INFINITY;

    private static final String PROBE_BYTES = "4096";

    static {
        // FFmpeg reports every recoverable glitch on stderr; errors reach us as exceptions anyway.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private AudioDecoder() {}

    /** Decodes a whole file to mono at {@code sampleRate}. */
    public static Audio decode(Path file, int sampleRate) {
        return decode(file, sampleRate, NO_LIMIT);
    }

    /**
     * Decodes at most the first {@code maxSeconds} of a file to mono at {@code sampleRate}.
     *
     * @throws MediaException when the file is missing, empty, not audio, or corrupt
     */
    public static Audio decode(Path file, int sampleRate, double maxSeconds) {
        checkArguments(sampleRate, maxSeconds);
        long size = size(file);
        if (triesJavaFirst(file, size)) {
            var pcm = readInJava(file, sampleRate, maxSeconds);
            if (pcm != null) {
                return pcm;
            }
        }
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            return grab(grabber, file.toString(), sampleRate, maxSeconds);
        } catch (FrameGrabber.Exception e) {
            throw closeFailed(file.toString(), e);
        }
    }

    /**
     * A file as views read it, at {@code sampleRate}: a PCM WAV or a native FLAC that the Java readers decode at that
     * rate, whatever its length, as an {@link AudioTimeline} that decodes only the windows asked for (their samples
     * equal the whole decode's exactly; a view that reads all of a file of at most
     * {@value AudioTimeline#WHOLE_SECONDS} s gets it decoded whole, {@link AudioTimeline#whole}); any other file
     * decoded whole, exactly as {@link #decode(Path, int)} does, when it lasts at most
     * {@value AudioTimeline#WHOLE_SECONDS} s or its length is not known without decoding it, else as a timeline that
     * FFmpeg decodes in blocks. The length comes from the file's header: a PCM WAV's data chunk, a native FLAC's
     * STREAMINFO, else the duration FFmpeg reads from the container.
     *
     * @return an {@link Audio} or an {@link AudioTimeline}
     * @throws MediaException when the file is missing, empty, not audio, or corrupt
     */
    public static Sound open(Path file, int sampleRate) {
        checkArguments(sampleRate, NO_LIMIT);
        long size = size(file);
        byte[] head = head(file, size, FIRST_HEAD_BYTES);
        var wav = WavReader.layout(ByteBuffer.wrap(head), size);
        if (wav == null && head.length < size && WavReader.isRiff(head)) {
            // metadata chunks in front of the samples: look further
            head = head(file, size, HEAD_BYTES);
            wav = WavReader.layout(ByteBuffer.wrap(head), size);
        }
        // a clip's window of a short file costs a fraction of its whole decode too (a pair's two 1 s windows of a 4 s
        // FLAC: about 40 %), so WAV and FLAC are read by window whatever their length
        if (wav != null && wav.supported() && wav.rate() == sampleRate && wav.frames() > 0) {
            return new AudioTimeline(file, sampleRate, wav.frames() / (double) sampleRate, new WavWindows(file, wav));
        }
        var flac = FlacReader.isFlac(head) ? flacStream(file, size) : null;
        if (flac != null && flac.decodable(sampleRate) && flac.totalSamples() > 0) {
            return new AudioTimeline(file, sampleRate, flac.totalSamples() / (double) sampleRate,
                    new FlacWindows(file, size, flac));
        }
        String name = file.toString();
        try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
            start(grabber, name, sampleRate);
            double seconds = grabber.getLengthInTime() / 1e6;
            if (seconds > AudioTimeline.WHOLE_SECONDS) {
                return new AudioTimeline(file, sampleRate, seconds, new FfmpegBlocks(file, "audio", seconds, sampleRate));
            }
            // a short file (or one of unknown length) goes the way decode sends it: the started grabber serves when
            // decode would go straight to FFmpeg
            return triesJavaFirst(file, size) ? decode(file, sampleRate) : readAll(grabber, name, sampleRate, NO_LIMIT);
        } catch (FrameGrabber.Exception e) {
            throw closeFailed(name, e);
        }
    }

    /** The file's size, checked: it exists, is readable and not empty. */
    private static long size(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new MediaException("audio file '" + file + "' does not exist — restore it, or remove it from the dataset", e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (size == 0) {
            throw new MediaException("audio file '" + file + "' is empty (0 bytes) — re-export or remove it");
        }
        return size;
    }

    /** The error for a file that exists but cannot be read. */
    static MediaException unreadable(Path file, IOException e) {
        return new MediaException("cannot read audio file '" + file + "': " + e.getMessage()
                + " — check that the path exists and is readable", e);
    }

    /** Whether {@link #decode(Path, int, double)} tries the Java readers before FFmpeg. */
    private static boolean triesJavaFirst(Path file, long size) {
        String lower = file.toString().toLowerCase(java.util.Locale.ROOT);
        return (lower.endsWith(".wav") || lower.endsWith(".flac")) && size < JAVA_READER_BYTES;
    }

    /** The first {@code bytes} bytes of a file (all of a smaller one): where WAV and FLAC say their layout. */
    private static byte[] head(Path file, long size, int bytes) {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(size, bytes));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A native FLAC's metadata, read from the file; {@code null} when it does not parse (FFmpeg then judges it). */
    private static FlacReader.Stream flacStream(Path file, long size) {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return FlacReader.stream((position, length) -> {
                if (position + length > size) {
                    throw new FlacReader.Malformed();
                }
                var bytes = ByteBuffer.allocate(length);
                while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
                    // positional reads until the block is read (or the file ends, which the check above rules out)
                }
                return bytes.array();
            });
        } catch (FlacReader.Malformed e) {
            return null;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Decodes encoded bytes (a whole file's content) to mono at {@code sampleRate}; {@code name} is for messages. */
    public static Audio decode(byte[] bytes, String name, int sampleRate) {
        return decode(bytes, name, sampleRate, NO_LIMIT);
    }

    /**
     * Decodes at most the first {@code maxSeconds} of encoded bytes to mono at {@code sampleRate}.
     *
     * @param name where the bytes came from, used only in messages
     * @throws MediaException when the bytes are empty, not audio, or corrupt
     */
    public static Audio decode(byte[] bytes, String name, int sampleRate, double maxSeconds) {
        checkArguments(sampleRate, maxSeconds);
        if (bytes.length == 0) {
            throw new MediaException("audio '" + name + "' is empty (0 bytes) — re-export or remove it");
        }
        var pcm = readInJava(bytes, sampleRate, maxSeconds);
        if (pcm != null) {
            return pcm;
        }
        // the whole array as mark limit, so FFmpeg may seek anywhere while probing the container
        try (var grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes), bytes.length)) {
            return grab(grabber, name, sampleRate, maxSeconds);
        } catch (FrameGrabber.Exception e) {
            throw closeFailed(name, e);
        }
    }

    /**
     * WAV and FLAC files up to this size are read in Java (see {@link WavReader} and {@link FlacReader});
     * larger ones stream through FFmpeg.
     */
    private static final long JAVA_READER_BYTES = 64L << 20;
    /** Bytes read to find a WAV's data chunk or a FLAC's signature; a WAV with more in front is left to FFmpeg. */
    private static final int HEAD_BYTES = 64 << 10;
    /** Bytes read first: a WAV's header up to its data chunk (44 bytes, more with metadata chunks), FLAC's signature. */
    private static final int FIRST_HEAD_BYTES = 4 << 10;

    private static Audio readInJava(Path file, int sampleRate, double maxSeconds) {
        try {
            return readInJava(Files.readAllBytes(file), sampleRate, maxSeconds);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** Plain WAV or native FLAC at the asked rate, decoded in Java; {@code null} for anything else. */
    private static Audio readInJava(byte[] bytes, int sampleRate, double maxSeconds) {
        long maxSamples = maxSamples(sampleRate, maxSeconds);
        var pcm = WavReader.read(bytes, sampleRate, maxSamples);
        return pcm != null ? pcm : FlacReader.read(bytes, sampleRate, maxSamples);
    }

    private static long maxSamples(int sampleRate, double maxSeconds) {
        return maxSeconds == NO_LIMIT ? Long.MAX_VALUE : (long) Math.ceil(maxSeconds * sampleRate);
    }

    private static void checkArguments(int sampleRate, double maxSeconds) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive, got " + maxSeconds);
        }
    }

    private static Audio grab(FFmpegFrameGrabber grabber, String name, int sampleRate, double maxSeconds) {
        start(grabber, name, sampleRate);
        return readAll(grabber, name, sampleRate, maxSeconds);
    }

    private static void start(FFmpegFrameGrabber grabber, String name, int sampleRate) {
        grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
        grabber.setSampleRate(sampleRate);
        // JavaCV asks for one decoder thread per core; viewpair parallelizes over files, and FLAC's frame threads
        // made a short file decode 5× slower
        grabber.setAudioOption("threads", "1");
        // audio containers declare their streams in the header; probing FFmpeg's default 5 MB read a WAV
        // through a growing seek-back buffer (4 ms for 130 KB, against 0.5 ms)
        grabber.setOption("probesize", PROBE_BYTES);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("cannot decode audio '" + name + "': " + FfmpegErrors.describe(e)
                    + " — check that it is an audio file FFmpeg reads (WAV, FLAC, MP3, OGG, …) and not truncated", e);
        }
        if (grabber.getAudioChannels() == 0) {
            throw new MediaException("'" + name + "' has no audio stream — give an audio file or a video with sound");
        }
    }

    /** Decodes what a started grabber gives, up to {@code maxSeconds}. */
    private static Audio readAll(FFmpegFrameGrabber grabber, String name, int sampleRate, double maxSeconds) {
        long limit = maxSeconds == NO_LIMIT ? Integer.MAX_VALUE - 8 : (long) Math.ceil(maxSeconds * sampleRate);
        float[] pcm = new float[initialCapacity(grabber, sampleRate, limit)];
        int length = 0;
        try {
            for (var frame = grabber.grabSamples(); frame != null && length < limit; frame = grabber.grabSamples()) {
                int n = PcmFrames.length(frame);
                if (length + (long) n > Integer.MAX_VALUE - 8) {
                    throw new MediaException("audio '" + name + "' is too long to hold in memory at " + sampleRate
                            + " Hz — decode it with a maxSeconds limit");
                }
                if (length + n > pcm.length) {
                    pcm = Arrays.copyOf(pcm, Math.max(length + n, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * pcm.length)));
                }
                // the frame is reused by the grabber: copy its samples out before the next grab
                PcmFrames.copyMono(frame, 0, n, pcm, length);
                length += n;
            }
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("audio '" + name + "' is corrupt after " + length + " samples: " + FfmpegErrors.describe(e)
                    + " — re-encode it (e.g. ffmpeg -i in -ar " + sampleRate + " out.wav) or remove it", e);
        }
        if (length == 0) {
            throw new MediaException("audio '" + name + "' holds no samples — it is truncated or has an empty audio stream; re-export or remove it");
        }
        return new Audio(Arrays.copyOf(pcm, (int) Math.min(length, limit)), sampleRate);
    }

    /** Room for the expected length (the container's duration, when it tells), so that most files never regrow. */
    private static int initialCapacity(FFmpegFrameGrabber grabber, int sampleRate, long limit) {
        long micros = grabber.getLengthInTime();
        long expected = micros > 0 ? (long) Math.ceil(micros * 1e-6 * sampleRate) + sampleRate / 10 : sampleRate;
        return (int) Math.max(1, Math.min(expected, limit));
    }

    private static MediaException closeFailed(String name, FrameGrabber.Exception e) {
        return new MediaException("could not release the decoder of audio '" + name + "': " + FfmpegErrors.describe(e), e);
    }
}
