package dev.viewpair.encoders.train;

import java.util.regex.Pattern;

/** Checks the names that become checkpoint file names. */
final class Names {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private Names() {}

    static void check(String kind, String name) {
        if (name == null || !SAFE.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException(kind + " name '" + name
                    + "' must be letters, digits, '_', '.' or '-' (it names a checkpoint file)");
        }
    }
}
