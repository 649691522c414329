package dev.viewpair.recipes.model;

import java.util.List;
import java.util.Objects;

/**
 * How to train: {@code train: {epochs: 10, batch: 128, optimizer: {...}, schedule: cosine, warmup_steps: 50, workers: 2,
 * checkpoint_every: 500, clip_grad_norm: 1.0, on_nonfinite: stop, devices: [cpu], report_every: 60s}}.
 *
 * @param epochs passes over the training split, ≥ 1 (default 10)
 * @param batch samples per step, ≥ 2 since every other sample of the batch is a negative (default 128)
 * @param optimizer the optimizer (default {@link OptimizerDecl#DEFAULT})
 * @param schedule the learning-rate schedule after warm-up, a name of the schedule catalogue
 *     ({@link dev.viewpair.encoders.train.Schedules#standard()}; default constant)
 * @param warmupSteps steps of linear warm-up from 0 to the peak rate, ≥ 0 (default 0)
 * @param workers threads decoding and making views while the trainer computes, ≥ 1 (default 2)
 * @param checkpointEvery write a checkpoint every this many steps (atomically, replacing the last), 0 for
 *     only the final one (default 0)
 * @param clipGradNorm scale the gradients together so their global L2 norm is at most this, 0 for no clipping
 *     (default 0)
 * @param onNonFinite what a NaN or infinite estimate or gradient does, one of {@link #ON_NONFINITE}: {@code stop}
 *     the run (default) or {@code skip} the batch
 * @param devices where the encoders run, one replica per entry ({@code cpu}, {@code gpu}, {@code gpu:N}; default
 *     {@code [cpu]}); with several, each step's batch is split evenly over them, so {@code batch} is a multiple of
 *     their number (docs/devices.md). Where a run computes, not what: left out of {@link Recipe#hash()}
 * @param reportEvery how often the plots and {@code report.html} are rewritten while training (default {@link
 *     ReportEvery#DEFAULT}, every 60 s). How a run shows itself, not what it computes: left out of {@link Recipe#hash()}
 */
public record TrainDecl(int epochs, int batch, OptimizerDecl optimizer, String schedule, int warmupSteps, int workers,
        int checkpointEvery, double clipGradNorm, String onNonFinite, List<String> devices, ReportEvery reportEvery) {
    /** What {@code train.on_nonfinite} may say. */
    public static final List<String> ON_NONFINITE = List.of("stop", "skip");

    /** Where training runs when the recipe does not say. */
    public static final List<String> DEFAULT_DEVICES = List.of("cpu");

    /** The training of a recipe without a {@code train} section. */
    public static final TrainDecl DEFAULT = new TrainDecl(10, 128, OptimizerDecl.DEFAULT, "constant", 0, 2, 0, 0, "stop");

    public TrainDecl {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(onNonFinite, "onNonFinite");
        Objects.requireNonNull(reportEvery, "reportEvery");
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("train.devices needs at least one device");
        }
    }

    /** On the default devices ({@code [cpu]}), rewriting the report while training every 60 s. */
    public TrainDecl(int epochs, int batch, OptimizerDecl optimizer, String schedule, int warmupSteps, int workers,
            int checkpointEvery, double clipGradNorm, String onNonFinite) {
        this(epochs, batch, optimizer, schedule, warmupSteps, workers, checkpointEvery, clipGradNorm, onNonFinite,
                DEFAULT_DEVICES, ReportEvery.DEFAULT);
    }

    /** The same training on other devices (as {@code ./viewpair train --devices} asks). */
    public TrainDecl onDevices(List<String> devices) {
        return new TrainDecl(epochs, batch, optimizer, schedule, warmupSteps, workers, checkpointEvery, clipGradNorm,
                onNonFinite, devices, reportEvery);
    }

    /** Without gradient clipping, stopping on a non-finite value. */
    public TrainDecl(int epochs, int batch, OptimizerDecl optimizer, String schedule, int warmupSteps, int workers,
            int checkpointEvery) {
        this(epochs, batch, optimizer, schedule, warmupSteps, workers, checkpointEvery, 0, "stop");
    }
}
