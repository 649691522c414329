package dev.viewpair.encoders.mi;

/** The mean of repeated estimates and its standard error, for tests that compare an average with a known answer. */
final class SampleStats {
    private SampleStats() {}

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The standard error of the mean: the sample standard deviation over √n. */
    static double standardError(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1) / values.length);
    }
}
