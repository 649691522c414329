package dev.viewpair.recipes.cli;

/** A mistake in what the user asked for: printed as its message, exit status 2, no stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
