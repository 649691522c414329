package dev.viewpair.views;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The random source of one view op chain. Every draw is a pure function of
 * (recipe seed, epoch, sample id, stream name), so the same view comes out of the same sample
 * whatever thread or order produced it.
 */
public final class Rng {
    private final SplittableRandom random;
    /** Box–Muller makes normal draws in pairs: the second one waits here. */
    private double spareGaussian = Double.NaN;

    private Rng(long state) {
        this.random = new SplittableRandom(state);
    }

    /** The stream for one view of one sample in one epoch. */
    public static Rng forView(long seed, int epoch, String sampleId, String viewName) {
        return new Rng(mix(mix(mix(seed, epoch), hash(sampleId)), hash("view:" + viewName)));
    }

    /** The stream that the views of one sample share in one epoch (the anchor draws). */
    public static Rng forAnchor(long seed, int epoch, String sampleId) {
        return new Rng(mix(mix(mix(seed, epoch), hash(sampleId)), hash("anchor")));
    }

    /** A stream derived from any seed, for generators and tests. */
    public static Rng of(long seed) {
        return new Rng(mix(seed, 0x5eed));
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi); returns lo when hi ≤ lo. */
    public double uniform(double lo, double hi) {
        return hi <= lo ? lo : lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** True with probability p. */
    public boolean bernoulli(double p) {
        return random.nextDouble() < p;
    }

    /** A standard normal draw (Box–Muller, both outputs used, so it depends on nothing but this stream). */
    public double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double angle = 2.0 * Math.PI * u2;
        spareGaussian = r * Math.sin(angle);
        return r * Math.cos(angle);
    }

    /** A child stream, for code that hands randomness to a sub-op without disturbing this one. */
    public Rng split() {
        return new Rng(random.nextLong());
    }

    /** The next raw 64-bit value. */
    public long nextLong() {
        return random.nextLong();
    }

    /** FNV-1a over UTF-8 bytes: stable across JVMs, unlike {@link String#hashCode()} mixing. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finalizer over a combination of two values. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
