package dev.viewpair.encoders.eval;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of a linear probe.
 *
 * @param trainAccuracy accuracy on the training split
 * @param testAccuracy accuracy on the test split (the number to report)
 * @param classes the number of classes (largest label + 1)
 * @param iterations optimizer iterations of the final fit
 * @param l2 the penalty of the final fit
 * @param candidates every penalty tried with its validation accuracy; empty when the penalty was fixed
 * @param trainSize rows in the training split
 * @param validationSize rows of it held out to choose the penalty (0 when fixed)
 * @param testSize rows in the test split
 */
public record ProbeResult(double trainAccuracy, double testAccuracy, int classes, int iterations, double l2,
        List<Candidate> candidates, int trainSize, int validationSize, int testSize) {
    /** One penalty tried and the validation accuracy it reached. */
    public record Candidate(double l2, double validationAccuracy) {}

    /** The protocol in one line, for logs and reports. */
    public String protocol() {
        String choice = candidates.isEmpty()
                ? String.format("L2 %.0e fixed", l2)
                : String.format("L2 chosen from {%s} on a validation split of %d of the %d training rows (best %.0e, "
                        + "validation accuracy %.3f), then refit on all %d", candidates.stream()
                                .map(c -> String.format("%.0e", c.l2())).collect(Collectors.joining(", ")),
                        validationSize, trainSize, l2, candidates.stream().filter(c -> c.l2() == l2).findFirst()
                                .map(Candidate::validationAccuracy).orElse(Double.NaN), trainSize);
        return String.format("multinomial logistic regression on standardized frozen embeddings (L-BFGS); %s; "
                + "tested on %d rows", choice, testSize);
    }
}
