package dev.viewpair.recipes.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A recipe that cannot be used, with every problem found in it. It records no stack trace: what the
 * user needs is {@link #render()}, one line per problem.
 */
public final class RecipeException extends Exception {
    private final List<RecipeProblem> problems;

    /** @param problems at least one problem; kept sorted by position */
    public RecipeException(List<RecipeProblem> problems) {
        super(render(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a recipe exception needs at least one problem");
        }
        this.problems = problems.stream().sorted(RecipeProblem.BY_POSITION).toList();
    }

    public List<RecipeProblem> problems() {
        return problems;
    }

    /** One {@code FILE:LINE:COL: what is wrong — what to do} line per problem, in file order. */
    public String render() {
        return render(problems);
    }

    private static String render(List<RecipeProblem> problems) {
        return problems.stream().sorted(RecipeProblem.BY_POSITION).map(RecipeProblem::render)
                .collect(Collectors.joining("\n"));
    }
}
