package dev.viewpair.views.catalog;

/**
 * One thing wrong with the parameters a recipe gave an op.
 *
 * @param param the parameter's key ({@code null} for the op as a whole)
 * @param message what is wrong
 * @param hint what to do
 */
public record ParamProblem(String param, String message, String hint) {}
