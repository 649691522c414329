package dev.viewpair.encoders.train;

/**
 * A pair's estimate became NaN or infinite. Thrown before that step's optimizer update, so the
 * trained parameters still hold the previous step's values (BatchNorm running statistics may
 * already have absorbed the offending batch).
 */
public final class NonFiniteLossException extends RuntimeException {
    private final String pair;
    private final long step;

    NonFiniteLossException(String pair, long step, double value) {
        super("pair '" + pair + "' gave a non-finite estimate (" + value + ") at step " + step
                + "; the update was skipped. Lower the learning rate, raise the critic temperature, "
                + "or check the view tensors for NaN/Inf");
        this.pair = pair;
        this.step = step;
    }

    /** The pair whose estimate was not finite. */
    public String pair() {
        return pair;
    }

    /** The step at which it happened. */
    public long step() {
        return step;
    }
}
