package dev.viewpair.recipes.run;

import dev.viewpair.datasets.loader.BadInput;

/**
 * A run stopped at a bad input because the recipe says {@code dataset.on_bad_input: fail_fast}. The input is
 * already in the run folder's {@code bad_inputs.jsonl}; everything written before it stays.
 */
public final class BadInputException extends RuntimeException {
    private final transient BadInput bad;

    BadInputException(BadInput bad) {
        super(bad.reason().contains(bad.file()) ? bad.reason() : bad.file() + ": " + bad.reason());
        this.bad = bad;
    }

    /** The input that stopped the run. */
    public BadInput bad() {
        return bad;
    }
}
