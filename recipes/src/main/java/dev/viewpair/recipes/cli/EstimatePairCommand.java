package dev.viewpair.recipes.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewpair.datasets.npy.CsvMatrix;
import dev.viewpair.datasets.npy.Npy;
import dev.viewpair.encoders.estimate.Ksg;
import dev.viewpair.encoders.estimate.MarginalTransform;
import dev.viewpair.encoders.estimate.PairEstimator;
import dev.viewpair.encoders.mi.BoundDescriptor;
import dev.viewpair.encoders.mi.Bounds;
import dev.viewpair.catalog.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code viewpair estimate pair --x X.npy --y Y.npy}: the MI between two arrays of paired rows, by
 * a trained critic ({@link PairEstimator}) or by KSG ({@link Ksg}).
 */
@Command(name = "pair", description = {
    "The MI between two arrays of paired rows (row i of X goes with row i of Y), read from .npy "
            + "(<f4, <f8, <i4, <i8; 1-D arrays are one column) or .csv (numbers, optional header line).",
    "By default the rows are cut in 5 folds and each is held out once: a critic trained with a lower bound on the "
            + "other 4 is read on it (cross-fitting); the estimate is the mean of the 5 readings and the 95%% "
            + "interval a Student-t interval over them, so it holds the differences between critics trained on "
            + "different rows as well as the held-out sampling.",
    "--readout log-ratio (the default for smile and js, whose critics aim at the log density ratio) reads the mean of "
            + "the critic's score of each held-out row's own pair, a plug-in of the MI; --readout bound reads the bound "
            + "(the only read-out of the other bounds).",
    "--transform maps each coordinate first (fitted on each fold's training rows): rank (uniform scores), gaussian-copula "
            + "(normal scores) or none (standardized); each is invertible per coordinate, so the MI is unchanged.",
    "--method ksg uses the Kraskov k-nearest-neighbour estimator instead (no training; O(n²), seconds at n = 5000, "
            + "best in few dimensions); it gives no interval (ci95 is null): a bootstrap would repeat rows, which "
            + "KSG's neighbour distances cannot take."})
final class EstimatePairCommand implements Callable<Integer> {
    @Option(names = "--x", required = true, paramLabel = "FILE", description = "the first array: .npy or .csv, n rows")
    Path x;

    @Option(names = "--y", required = true, paramLabel = "FILE", description = "the second array: .npy or .csv, n rows")
    Path y;

    @Option(names = "--method", defaultValue = "critic", paramLabel = "critic|ksg",
            description = "critic (default: a trained critic and --bound) or ksg")
    String method;

    @Option(names = "--bound", paramLabel = "NAME", description = "lower bound for the critic (default smile): ${COMPLETION-CANDIDATES}",
            completionCandidates = PairBounds.class)
    String bound;

    @Option(names = "--readout", paramLabel = "NAME", description = "what is read on each held-out fold: log-ratio "
            + "(default for smile and js: the mean of the critic's score of each row's own pair) or bound (the bound's "
            + "value; the default for the other bounds)")
    String readout;

    @Option(names = "--steps", paramLabel = "N", description = "most training steps for the critic (default 2000; "
            + "training stops early when a held-back fifth stops improving)")
    Integer steps;

    @Option(names = "--folds", paramLabel = "K", description = "cross-fitting folds for the critic (default 5; at least "
            + "2): K critics, each trained on K − 1 folds and read on the one left")
    Integer folds;

    @Option(names = "--transform", paramLabel = "NAME", description = "per-coordinate map before estimating: "
            + "none, rank or gaussian-copula (default: gaussian-copula, chosen on known-MI tasks)")
    String transform;

    @Option(names = "--k", paramLabel = "K", description = "KSG's neighbour count (default 3)")
    Integer k;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seeds the split, batches and critic (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print one JSON object {mi_nats, ci95: [lo, hi] or null, method, readout (null for ksg), transform, detail, n}")
    boolean json;

    /** The bounds {@code --bound} takes: the lower bounds, less BA (arrays of unknown law give no H(Y)). */
    static final class PairBounds extends ArrayList<String> {
        PairBounds() {
            super(new TreeSet<>(Bounds.standard().names()));
            Bounds.standard().entries().stream().filter(BoundDescriptor::isUpper).forEach(d -> remove(d.name()));
            remove("ba");
        }
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        MarginalTransform marginals = transform();
        float[][] xs = read(x);
        float[][] ys = read(y);
        if (xs.length != ys.length) {
            throw new UserError("--x " + x + " has " + xs.length + " rows but --y " + y + " has " + ys.length
                    + "; the rows must be paired, one per sample");
        }
        int n = xs.length;
        String name;
        String readoutLabel = null;
        String detail;
        double mi;
        double[] interval;
        try {
            if (method.equals("ksg")) {
                int neighbours = k == null ? Ksg.DEFAULT_K : k;
                name = "ksg";
                detail = "KSG estimator 1, k = " + neighbours + ", " + marginals.label() + " marginals (fitted on all rows)";
                mi = Ksg.estimate(marginals.fit(xs).applyRows(xs), marginals.fit(ys).applyRows(ys), neighbours);
                interval = null;
            } else {
                name = bound == null ? "smile" : bound;
                var options = PairEstimator.Options.defaults().withBounds(List.of(name)).withSeed(seed)
                        .withTransform(marginals).withReadout(readout());
                readoutLabel = options.readout().label();
                if (steps != null) {
                    options = options.withSteps(steps);
                }
                if (folds != null) {
                    options = options.withFolds(folds);
                }
                var estimate = PairEstimator.estimate(xs, ys, options);
                detail = estimate.method();
                mi = estimate.miNats();
                interval = new double[] {estimate.ci95Low(), estimate.ci95High()};
            }
        } catch (IllegalArgumentException e) {
            // the estimators' own checks (non-finite values, too few rows): about the user's data
            throw new UserError(x + ", " + y + ": " + e.getMessage());
        }
        if (!Double.isFinite(mi)) {
            System.err.println("viewpair: no estimate: " + detail + "; try another --seed or --bound");
            return 1;
        }
        if (json) {
            var out = new LinkedHashMap<String, Object>();
            out.put("mi_nats", mi);
            out.put("ci95", interval);
            out.put("method", name);
            out.put("readout", readoutLabel);
            out.put("transform", marginals.label());
            out.put("detail", detail);
            out.put("n", n);
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            String ci = interval == null ? "no interval"
                    : String.format(Locale.ROOT, "95%% CI %.3f–%.3f", interval[0], interval[1]);
            System.out.printf(Locale.ROOT, "MI ≈ %.3f nats (%s), method %s%s, %s marginals, n = %d%n  %s%n", mi, ci, name,
                    readoutLabel == null ? "" : " (" + readoutLabel + " read-out)", marginals.label(), n, detail);
        }
        return 0;
    }

    private void checkOptions() {
        if (!List.of("critic", "ksg").contains(method)) {
            throw new UserError("--method must be critic or ksg, got '" + method + "'");
        }
        if (method.equals("ksg") && (bound != null || steps != null || folds != null || readout != null)) {
            throw new UserError("--bound, --readout, --steps and --folds are for --method critic; KSG trains nothing");
        }
        if (method.equals("critic") && k != null) {
            throw new UserError("--k is for --method ksg");
        }
        if (k != null && k < 1) {
            throw new UserError("--k must be at least 1, got " + k);
        }
        if (steps != null && steps < 1) {
            throw new UserError("--steps must be at least 1, got " + steps);
        }
        if (folds != null && folds < 2) {
            throw new UserError("--folds must be at least 2 (each fold is read by a critic trained on the others), got "
                    + folds);
        }
        if (bound != null) {
            var known = new PairBounds();
            if (Bounds.standard().find(bound).filter(BoundDescriptor::isUpper).isPresent()) {
                throw new UserError("'" + bound + "' is an upper bound; estimate pair reads lower bounds: " + String.join(", ", known));
            }
            if (bound.equals("ba")) {
                throw new UserError("'ba' needs the entropy H(Y), which arrays of unknown law do not give; choose one of: "
                        + String.join(", ", known));
            }
            if (!known.contains(bound)) {
                String close = Suggest.closest(bound, known);
                throw new UserError("unknown bound '" + bound + "'" + (close == null ? "" : " — did you mean '" + close + "'?")
                        + " Known: " + String.join(", ", known));
            }
        }
    }

    /** --readout, or the one that suits the bound ({@link PairEstimator.Readout#forBound}). */
    private PairEstimator.Readout readout() {
        String name = bound == null ? "smile" : bound;
        if (readout == null) {
            return PairEstimator.Readout.forBound(name);
        }
        PairEstimator.Readout parsed;
        try {
            parsed = PairEstimator.Readout.parse(readout);
        } catch (IllegalArgumentException e) {
            String close = Suggest.closest(readout, PairEstimator.Readout.labels());
            throw new UserError("--readout: " + e.getMessage() + (close == null ? "" : " — did you mean '" + close + "'?"));
        }
        if (parsed == PairEstimator.Readout.LOG_RATIO && PairEstimator.Readout.forBound(name) != parsed) {
            throw new UserError("--readout log-ratio needs a critic trained toward the log density ratio (--bound smile or "
                    + "js); --bound " + name + " is read with --readout bound");
        }
        return parsed;
    }

    /** --transform, or the estimator's default. */
    private MarginalTransform transform() {
        if (transform == null) {
            return PairEstimator.DEFAULT_TRANSFORM;
        }
        try {
            return MarginalTransform.parse(transform);
        } catch (IllegalArgumentException e) {
            String close = Suggest.closest(transform, MarginalTransform.labels());
            throw new UserError("--transform: " + e.getMessage() + (close == null ? "" : " — did you mean '" + close + "'?"));
        }
    }

    /** The rows of a .npy or .csv file, its problems as user errors naming it. */
    private static float[][] read(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file");
        }
        try {
            if (lower.endsWith(".npy")) {
                return Npy.readMatrix(file);
            }
            if (lower.endsWith(".csv")) {
                return CsvMatrix.read(file);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError(file + ": cannot read it: " + e.getMessage());
        }
        throw new UserError(file + ": expected a .npy or .csv file (np.save(path, a) or comma-separated numbers)");
    }
}
