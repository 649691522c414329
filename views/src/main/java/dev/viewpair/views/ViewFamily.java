package dev.viewpair.views;

import java.util.List;
import java.util.Map;

/**
 * An op that turns one input into several member views: the global and local crops of {@code multi_crop},
 * the {@code L} and {@code ab} channels of {@code lab_split}, the patches of {@code patch_grid}. In a view
 * {@code v}, member {@code m} is the view {@code v.m}: it goes on through the ops after the family op with
 * its own random stream, and every section of a recipe can name it.
 *
 * @param <T> what it takes, and what each member is
 */
public interface ViewFamily<T> extends Op<T, List<T>> {
    /** The members' names, in the order {@link #apply} returns them ({@code global0}, {@code L}, {@code r0c1}). */
    List<String> members();

    /**
     * Named subsets of the members that a recipe may use as a group besides the whole family
     * ({@code global} and {@code local} for {@code multi_crop}); empty by default.
     */
    default Map<String, List<String>> groups() {
        return Map.of();
    }
}
