package dev.viewpair.encoders.train;

/**
 * A pair's estimate, the loss or a gradient became NaN or infinite. Thrown before that step's optimizer
 * update, so the trained parameters still hold the previous step's values (under {@link NonFinitePolicy#STOP}
 * BatchNorm running statistics may already have absorbed the offending batch).
 */
public final class NonFiniteLossException extends RuntimeException {
    private final String pair;
    private final long step;

    NonFiniteLossException(String pair, long step, double value) {
        this(pair, step, "pair '" + pair + "' gave a non-finite estimate (" + value + ") at step " + step
                + "; the update was skipped. Lower the learning rate, raise the critic temperature, "
                + "or check the view tensors for NaN/Inf");
    }

    private NonFiniteLossException(String pair, long step, String message) {
        super(message);
        this.pair = pair;
        this.step = step;
    }

    /** Every estimate was finite but the gradient of a parameter was not. */
    static NonFiniteLossException gradient(String parameter, long step, double sum) {
        return new NonFiniteLossException(null, step, "the gradient of parameter '" + parameter + "' was not finite ("
                + sum + ") at step " + step + " although every estimate was; the update was skipped. Lower the learning "
                + "rate or raise the critic temperature");
    }

    /** Too many batches in a row were skipped under {@link NonFinitePolicy#SKIP}. */
    static NonFiniteLossException tooManySkipped(int skipped, long step, String last) {
        return new NonFiniteLossException(null, step, skipped + " batches in a row gave non-finite values (more than "
                + SharedTrainer.MAX_CONSECUTIVE_SKIPS + " are not skipped) up to step " + step + "; the last: " + last);
    }

    /** The pair whose estimate was not finite, or {@code null} when a gradient was. */
    public String pair() {
        return pair;
    }

    /** The step at which it happened. */
    public long step() {
        return step;
    }
}
