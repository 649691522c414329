package dev.viewpair.catalog;

/** The value kinds a parameter can take in a recipe. */
public enum ParamType {
    /** A real number, {@code 0.5}. */
    NUMBER("a number"),
    /** A whole number, {@code 64}. */
    INTEGER("a whole number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** Free text, {@code bilinear}. */
    STRING("a string"),
    /** A closed interval {@code [lo, hi]}; a single number x means [x, x]. */
    RANGE("a number or a [low, high] pair"),
    /** A list of numbers, {@code [0.485, 0.456, 0.406]}; a single number means a list of one. */
    NUMBERS("a list of numbers"),
    /** A non-empty list of whole numbers, {@code [32, 64, 128]} (layer widths). */
    INTEGERS("a list of whole numbers"),
    /**
     * A file or folder, {@code noise/}. A recipe's relative path is resolved against the recipe file's folder
     * (as {@code dataset.path} is), so the resolved recipe holds an absolute one; elsewhere it is relative to
     * the working directory.
     */
    PATH("a file or folder path"),
    /**
     * A {@link #PATH} to a file of weights a model starts training from ({@code init: resnet18.npz}), resolved as a path.
     * Only a fresh start reads it: a run continued from its checkpoint, or a trained run's model, takes its weights from
     * the checkpoint, so its file is not opened (nor checked) then and may be gone.
     */
    WEIGHTS("a path to a file of starting weights"),
    /** A time, {@code 1.5}, {@code 0.5s}, {@code 250ms}, {@code anchor}, {@code anchor + 0.5s}, {@code onset + 0.25s}. */
    TIME("a time such as 0.5s, anchor + 0.5s or onset + 0.25s"),
    /**
     * Settings of a component that declares its own keys, written as a map: {@code {detector: percussion, threshold: 6}}.
     * The map is checked against the component's declaration by the entry that takes it.
     */
    SETTINGS("a map such as {detector: percussion}"),
    /**
     * A list of nested ops, written like a view's {@code ops}: {@code [color_jitter: {brightness: 0.4}, grayscale]}.
     * Only {@code random_apply} and {@code one_of} take one; each nested op must take and give the stage where
     * the outer op sits.
     */
    OPS("a list of ops such as [color_jitter: {brightness: 0.4}, grayscale]");

    private final String description;

    ParamType(String description) {
        this.description = description;
    }

    /** How an error message describes the expected value. */
    public String description() {
        return description;
    }
}
