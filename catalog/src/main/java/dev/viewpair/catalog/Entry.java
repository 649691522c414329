package dev.viewpair.catalog;

import java.util.List;

/** One member of a family of configurable components: the name a recipe uses, its parameters, one line of docs. */
public interface Entry {
    /** The name a recipe uses: {@code infonce}, {@code adamw}, {@code resize}. */
    String name();

    /** Its declared parameters, in the order listings show them. */
    List<Param> params();

    /** One line for listings and the tables in docs/. */
    String doc();

    /** The rules between its parameters, checked after each parameter passed its own checks; none by default. */
    default List<Constraint> constraints() {
        return List.of();
    }
}
