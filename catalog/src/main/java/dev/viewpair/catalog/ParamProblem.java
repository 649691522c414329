package dev.viewpair.catalog;

/**
 * One thing wrong with the parameters a recipe gave a catalogue entry.
 *
 * @param param the parameter's key ({@code null} for the entry as a whole)
 * @param message what is wrong
 * @param hint what to do
 */
public record ParamProblem(String param, String message, String hint) {}
