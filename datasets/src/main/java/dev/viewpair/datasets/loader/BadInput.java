package dev.viewpair.datasets.loader;

/**
 * A sample that could not be turned into views, and why.
 *
 * @param sampleId the sample's id
 * @param file the media that failed (a file path or a name)
 * @param reason what went wrong, for a person
 */
public record BadInput(String sampleId, String file, String reason) {}
