package dev.viewpair.views.catalog;

/**
 * What a {@link ShapeRule} is told besides its input and parameters.
 *
 * @param origin where the op is written (the validator's position, kept in the {@link Dim.Varies} dimensions the op
 *     draws so a refusal can point at it), or {@code null}
 * @param member for a family op ({@code multi_crop}), the member view whose shape is asked ({@code local0}); else
 *     {@code null}
 */
public record ShapeContext(Object origin, String member) {
    /** The context of an ordinary op. */
    public static ShapeContext at(Object origin) {
        return new ShapeContext(origin, null);
    }
}
