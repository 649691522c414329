package dev.viewpair.views.catalog;

import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * One dimension of a view's shape, as the recipe alone tells it: a number, a size that each file sets (the same
 * on every draw of that file), or a size that differs between draws of one sample (epochs, or samples of one
 * batch), which no batch can stack.
 */
public sealed interface Dim {
    /** A size the recipe fixes. */
    record Fixed(int size) implements Dim {
        @Override
        public Dim map(IntUnaryOperator f, String symbol) {
            return new Fixed(f.applyAsInt(size));
        }

        @Override
        public String toString() {
            return String.valueOf(size);
        }
    }

    /**
     * A size the file sets: the image's height, the recording's length, or one computed from them.
     *
     * @param symbol how it prints: {@code H}, {@code n}, {@code ≥32}
     */
    record OfFile(String symbol) implements Dim {
        @Override
        public Dim map(IntUnaryOperator f, String mapped) {
            return new OfFile(mapped);
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    /**
     * A size drawn anew for each draw of a sample.
     *
     * @param range the smallest and largest size, when the recipe tells them
     * @param why what draws it, for messages ("time_stretch draws rate from [0.8, 1.25] …")
     * @param fix how to make it fixed
     * @param origin where the op that draws it is written (the validator's position), or {@code null}
     */
    record Varies(Optional<Range> range, String why, String fix, Object origin) implements Dim {
        @Override
        public Dim map(IntUnaryOperator f, String symbol) {
            return new Varies(range.map(r -> new Range(f.applyAsInt(r.low()), f.applyAsInt(r.high()))), why, fix, origin);
        }

        @Override
        public String toString() {
            return range.map(Range::toString).orElse("varies");
        }
    }

    /** The smallest and largest size a varying dimension takes. */
    record Range(int low, int high) {
        @Override
        public String toString() {
            return low + "–" + high;
        }
    }

    /** A size the recipe fixes. */
    static Dim fixed(int size) {
        return new Fixed(size);
    }

    /**
     * This size through a non-decreasing function: a fixed size stays fixed, a file's size stays the file's (then
     * printed as {@code symbol}), a varying one keeps varying for the same reason, its range mapped.
     */
    Dim map(IntUnaryOperator f, String symbol);
}
