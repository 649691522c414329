package dev.viewpair.views;

import java.util.Locale;

/** The kinds of raw media a sample can carry; recipes name them in lower case ({@code from: image}). */
public enum Modality {
    IMAGE, AUDIO, VIDEO;

    /** The name a recipe uses. */
    public String recipeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a recipe name such as {@code audio}; returns {@code null} when it is none of them. */
    public static Modality parse(String name) {
        for (var m : values()) {
            if (m.recipeName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
