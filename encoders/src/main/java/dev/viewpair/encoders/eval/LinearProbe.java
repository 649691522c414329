package dev.viewpair.encoders.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The linear-probe evaluation: multinomial logistic regression on frozen embeddings.
 *
 * <p>Features are standardized with the training split's mean and standard deviation; the model
 * minimizes mean cross-entropy + {@code l2/2 · ‖W‖²} (biases not penalized) with L-BFGS and a
 * backtracking line search, in plain Java, rows evaluated in parallel chunks summed in a fixed order
 * (deterministic for any thread count). With several candidate penalties the probe holds out a
 * validation part of the training split, fits every candidate on the rest (largest penalty first, each
 * warm-started from the previous one), keeps the one with the best validation accuracy (ties to the larger
 * penalty), and refits it on the whole training split before measuring the test split.
 */
public final class LinearProbe {
    private static final int HISTORY = 10;
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final int CHUNK = 1024;
    private static final long VALIDATION_SEED = 0x5EED_F00DL;

    private final double[] l2Grid;
    private final double validationFraction;
    private final int maxIterations;

    /**
     * A probe with one fixed penalty (no validation split).
     *
     * @param l2 the L2 penalty on the weights (≥ 0; 1e-4 is a sensible start)
     * @param maxIterations the L-BFGS iteration limit (≥ 1)
     */
    public LinearProbe(double l2, int maxIterations) {
        this(new double[] {l2}, 0, maxIterations);
    }

    private LinearProbe(double[] l2Grid, double validationFraction, int maxIterations) {
        if (l2Grid.length == 0 || Arrays.stream(l2Grid).anyMatch(l2 -> !(l2 >= 0)) || maxIterations < 1) {
            throw new IllegalArgumentException("linear probe needs penalties ≥ 0 and maxIterations ≥ 1, got "
                    + Arrays.toString(l2Grid) + " and " + maxIterations);
        }
        if (l2Grid.length > 1 && !(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(
                    "choosing among penalties needs a validation fraction in (0, 1), got " + validationFraction);
        }
        this.l2Grid = Arrays.stream(l2Grid).boxed().sorted((a, b) -> Double.compare(b, a))
                .mapToDouble(Double::doubleValue).toArray();
        this.validationFraction = validationFraction;
        this.maxIterations = maxIterations;
    }

    /**
     * A probe that chooses its penalty on a validation split.
     *
     * @param l2Grid the candidate penalties (≥ 0), at least one
     * @param validationFraction the part of the training split held out to choose among them, in (0, 1)
     * @param maxIterations the L-BFGS iteration limit per fit (≥ 1)
     */
    public static LinearProbe selecting(double[] l2Grid, double validationFraction, int maxIterations) {
        return new LinearProbe(l2Grid.clone(), validationFraction, maxIterations);
    }

    /** Penalties 1e-6 … 1e-1 (one per decade) chosen on a fifth of the training split; 300 iterations per fit. */
    public static LinearProbe defaults() {
        return selecting(new double[] {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1}, 0.2, 300);
    }

    /**
     * Trains on the training split (choosing the penalty first when there are several) and measures accuracy
     * on both splits.
     *
     * @param trainX training embeddings, one row per sample, equal widths
     * @param trainY training labels in {@code [0, classes)}
     * @param testX test embeddings of the same width
     * @param testY test labels
     */
    public ProbeResult fit(float[][] trainX, int[] trainY, float[][] testX, int[] testY) {
        int width = checkSplit("train", trainX, trainY, -1);
        checkSplit("test", testX, testY, width);
        int classes = 1 + Math.max(Arrays.stream(trainY).max().orElse(0), Arrays.stream(testY).max().orElse(0));
        var candidates = new ArrayList<ProbeResult.Candidate>();
        double chosen = l2Grid[0];
        double[] start = null;
        int validationSize = (int) Math.round(trainX.length * validationFraction);
        if (l2Grid.length > 1 && validationSize >= 1 && validationSize < trainX.length) {
            int[] order = permutation(trainX.length);
            int[] heldOut = Arrays.copyOfRange(order, 0, validationSize);
            int[] kept = Arrays.copyOfRange(order, validationSize, order.length);
            var scaler = Standardizer.fit(rows(trainX, kept));
            double[][] fitX = scaler.apply(rows(trainX, kept));
            double[][] validationX = scaler.apply(rows(trainX, heldOut));
            int[] fitY = labels(trainY, kept);
            int[] validationY = labels(trainY, heldOut);
            double best = -1;
            double[] parameters = null;
            for (double l2 : l2Grid) {
                var objective = new SoftmaxObjective(fitX, fitY, classes, l2);
                parameters = minimize(objective, parameters == null ? new double[objective.size()] : parameters,
                        new int[1]);
                double accuracy = objective.accuracy(parameters, validationX, validationY);
                candidates.add(new ProbeResult.Candidate(l2, accuracy));
                if (accuracy > best) { // the grid runs from the largest penalty down: ties keep the larger
                    best = accuracy;
                    chosen = l2;
                    start = parameters.clone();
                }
            }
        }
        var scaler = Standardizer.fit(trainX);
        double[][] train = scaler.apply(trainX);
        double[][] test = scaler.apply(testX);
        var objective = new SoftmaxObjective(train, trainY, classes, chosen);
        int[] iterations = new int[1];
        double[] parameters = minimize(objective, start != null ? start : new double[objective.size()], iterations);
        return new ProbeResult(
                objective.accuracy(parameters, train, trainY),
                objective.accuracy(parameters, test, testY),
                classes,
                iterations[0],
                chosen,
                List.copyOf(candidates),
                trainX.length,
                validationSize,
                testX.length);
    }

    /** The validation split: a fixed pseudo-random subset, the same for every call on the same number of rows. */
    private static int[] permutation(int n) {
        int[] order = IntStream.range(0, n).toArray();
        var random = new SplittableRandom(VALIDATION_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static float[][] rows(float[][] x, int[] indices) {
        return Arrays.stream(indices).mapToObj(i -> x[i]).toArray(float[][]::new);
    }

    private static int[] labels(int[] y, int[] indices) {
        return Arrays.stream(indices).map(i -> y[i]).toArray();
    }

    private static int checkSplit(String split, float[][] x, int[] y, int width) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException(
                    "linear probe " + split + " split needs as many labels as embeddings (≥ 1), got "
                            + x.length + " embeddings and " + y.length + " labels");
        }
        int expected = width < 0 ? x[0].length : width;
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != expected) {
                throw new IllegalArgumentException("linear probe " + split + " embedding " + i + " has width "
                        + x[i].length + ", expected " + expected);
            }
            if (y[i] < 0) {
                throw new IllegalArgumentException("linear probe " + split + " label " + i + " is negative: " + y[i]);
            }
        }
        return expected;
    }

    /** L-BFGS (two-loop recursion) with an Armijo backtracking line search. */
    private double[] minimize(SoftmaxObjective f, double[] x, int[] iterations) {
        int n = x.length;
        double[][] s = new double[HISTORY][];
        double[][] y = new double[HISTORY][];
        double[] rho = new double[HISTORY];
        int stored = 0;
        double[] gradient = new double[n];
        double value = f.evaluate(x, gradient);
        int iteration = 0;
        while (iteration < maxIterations && norm(gradient) > GRADIENT_TOLERANCE) {
            iteration++;
            double[] direction = gradient.clone();
            double[] alpha = new double[stored];
            for (int k = stored - 1; k >= 0; k--) {
                alpha[k] = rho[k] * dot(s[k], direction);
                axpy(-alpha[k], y[k], direction);
            }
            if (stored > 0) {
                scale(direction, dot(s[stored - 1], y[stored - 1]) / dot(y[stored - 1], y[stored - 1]));
            }
            for (int k = 0; k < stored; k++) {
                double beta = rho[k] * dot(y[k], direction);
                axpy(alpha[k] - beta, s[k], direction);
            }
            scale(direction, -1);
            double slope = dot(gradient, direction);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                direction = gradient.clone();
                scale(direction, -1);
                slope = dot(gradient, direction);
                stored = 0;
            }
            double stepSize = stored == 0 ? Math.min(1, 1 / norm(gradient)) : 1;
            double[] next = new double[n];
            double[] nextGradient = new double[n];
            double nextValue;
            while (true) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + stepSize * direction[i];
                }
                nextValue = f.evaluate(next, nextGradient);
                if (nextValue <= value + 1e-4 * stepSize * slope || stepSize < 1e-12) {
                    break;
                }
                stepSize /= 2;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = next[i] - x[i];
                yk[i] = nextGradient[i] - gradient[i];
            }
            double curvature = dot(sk, yk);
            if (curvature > 1e-12) {
                if (stored == HISTORY) {
                    System.arraycopy(s, 1, s, 0, HISTORY - 1);
                    System.arraycopy(y, 1, y, 0, HISTORY - 1);
                    System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
                    stored--;
                }
                s[stored] = sk;
                y[stored] = yk;
                rho[stored] = 1 / curvature;
                stored++;
            }
            boolean stalled = value - nextValue <= 1e-12 * Math.max(1, Math.abs(value));
            x = next;
            value = nextValue;
            gradient = nextGradient;
            if (stalled) {
                break;
            }
        }
        iterations[0] = iteration;
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    /** Per-feature standardization with the training split's statistics. */
    private record Standardizer(double[] mean, double[] scale) {
        static Standardizer fit(float[][] x) {
            int width = x[0].length;
            double[] mean = new double[width];
            double[] squares = new double[width];
            for (float[] row : x) {
                for (int j = 0; j < width; j++) {
                    mean[j] += row[j];
                    squares[j] += (double) row[j] * row[j];
                }
            }
            double[] scale = new double[width];
            for (int j = 0; j < width; j++) {
                mean[j] /= x.length;
                double variance = Math.max(squares[j] / x.length - mean[j] * mean[j], 0);
                // a constant feature carries nothing: leave it at zero rather than divide by zero
                scale[j] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
            }
            return new Standardizer(mean, scale);
        }

        double[][] apply(float[][] x) {
            double[][] out = new double[x.length][mean.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < mean.length; j++) {
                    out[i][j] = (x[i][j] - mean[j]) * scale[j];
                }
            }
            return out;
        }
    }

    /** Mean softmax cross-entropy + l2/2‖W‖²; parameters are W (classes×width) then b (classes). */
    private record SoftmaxObjective(double[][] x, int[] labels, int classes, double l2) {
        int width() {
            return x[0].length;
        }

        int size() {
            return classes * (width() + 1);
        }

        double evaluate(double[] parameters, double[] gradient) {
            int chunks = (x.length + CHUNK - 1) / CHUNK;
            // each chunk sums its own rows; the chunks are then added in index order, so the result does not
            // depend on how many threads ran them
            var partials = IntStream.range(0, chunks).parallel()
                    .mapToObj(c -> chunk(parameters, c * CHUNK, Math.min(x.length, (c + 1) * CHUNK))).toList();
            Arrays.fill(gradient, 0);
            double loss = 0;
            for (var p : partials) {
                loss += p.loss;
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] += p.gradient[k];
                }
            }
            int biasOffset = classes * width();
            double penalty = 0;
            for (int k = 0; k < parameters.length; k++) {
                gradient[k] /= x.length;
                if (k < biasOffset) {
                    penalty += parameters[k] * parameters[k];
                    gradient[k] += l2 * parameters[k];
                }
            }
            return loss / x.length + l2 / 2 * penalty;
        }

        private record Partial(double loss, double[] gradient) {}

        private Partial chunk(double[] parameters, int from, int to) {
            int width = width();
            int biasOffset = classes * width;
            double[] gradient = new double[parameters.length];
            double loss = 0;
            double[] logits = new double[classes];
            for (int i = from; i < to; i++) {
                logits(parameters, x[i], logits);
                double max = Arrays.stream(logits).max().orElseThrow();
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    logits[c] = Math.exp(logits[c] - max);
                    sum += logits[c];
                }
                loss += Math.log(sum) - Math.log(logits[labels[i]]);
                for (int c = 0; c < classes; c++) {
                    double error = logits[c] / sum - (c == labels[i] ? 1 : 0);
                    int row = c * width;
                    for (int j = 0; j < width; j++) {
                        gradient[row + j] += error * x[i][j];
                    }
                    gradient[biasOffset + c] += error;
                }
            }
            return new Partial(loss, gradient);
        }

        double accuracy(double[] parameters, double[][] features, int[] truth) {
            double[] logits = new double[classes];
            int correct = 0;
            for (int i = 0; i < features.length; i++) {
                logits(parameters, features[i], logits);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (logits[c] > logits[best]) {
                        best = c;
                    }
                }
                correct += best == truth[i] ? 1 : 0;
            }
            return (double) correct / features.length;
        }

        private void logits(double[] parameters, double[] row, double[] out) {
            int width = width();
            for (int c = 0; c < classes; c++) {
                double z = parameters[classes * width + c];
                for (int j = 0; j < width; j++) {
                    z += parameters[c * width + j] * row[j];
                }
                out[c] = z;
            }
        }
    }
}
