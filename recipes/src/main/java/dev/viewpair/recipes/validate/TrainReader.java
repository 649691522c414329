package dev.viewpair.recipes.validate;

import dev.viewpair.catalog.ParamChecks;
import dev.viewpair.encoders.train.DeviceNames;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.ReportEvery;
import dev.viewpair.recipes.model.TrainDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code train} section: epochs, batch, the optimizer and its settings, the schedule, workers,
 * checkpoints, gradient guards, the devices the batch is split over and how often the report is rewritten.
 */
final class TrainReader {
    static final List<String> KEYS = List.of("epochs", "batch", "optimizer", "schedule", "warmup_steps", "workers",
            "checkpoint_every", "clip_grad_norm", "on_nonfinite", "devices", "report_every");
    /** The keys of the optimizer besides its type's settings: those of every optimizer. */
    static final List<String> OPTIMIZER_KEYS = List.of("type", "lr", "weight_decay");

    private final Families families;
    private final Problems problems;

    TrainReader(Families families, Problems problems) {
        this.families = families;
        this.problems = problems;
    }

    /** The train settings, or {@code null} when they have problems (they are reported). */
    TrainDecl read(PosNode node) {
        int before = problems.count();
        var s = Section.of(node, "train", KEYS, problems);
        if (s == null) {
            return null;
        }
        var d = TrainDecl.DEFAULT;
        var epochs = s.integer("epochs", d.epochs(), 1);
        var batch = s.integer("batch", d.batch(), 2);
        var optimizerNode = s.get("optimizer");
        var optimizer = optimizerNode == null ? d.optimizer() : optimizer(optimizerNode);
        var schedule = s.choice("schedule", d.schedule(), families.schedules().names(), families.schedules().family());
        var warmup = s.integer("warmup_steps", d.warmupSteps(), 0);
        var workers = s.integer("workers", d.workers(), 1);
        var checkpointEvery = s.integer("checkpoint_every", d.checkpointEvery(), 0);
        var clipGradNorm = s.number("clip_grad_norm", d.clipGradNorm(), 0, false);
        var onNonFinite = s.choice("on_nonfinite", d.onNonFinite(), TrainDecl.ON_NONFINITE, "on_nonfinite policy");
        var devicesNode = s.get("devices");
        var devices = devicesNode == null ? d.devices() : devices(devicesNode, s.path("devices"));
        var reportNode = s.get("report_every");
        var reportEvery = reportNode == null ? d.reportEvery() : reportEvery(reportNode, s.path("report_every"));
        if (devices != null && batch != null && batch % devices.size() != 0) {
            problems.add(devicesNode, "train.batch " + batch + " does not split evenly over the " + devices.size()
                    + " devices of " + s.path("devices") + ": each device takes an equal shard of every batch",
                    "make train.batch a multiple of " + devices.size() + ", e.g. " + (batch / devices.size() + 1) * devices.size());
        }
        if (problems.count() > before) {
            return null;
        }
        return new TrainDecl(epochs, batch, optimizer, schedule, warmup, workers, checkpointEvery, clipGradNorm,
                onNonFinite, devices, reportEvery);
    }

    /**
     * {@code devices: cpu} or {@code devices: [gpu:0, gpu:1]}: the names' syntax only, since a recipe may be checked
     * on another machine than the one it trains on (the trainer checks that the GPUs are there).
     */
    private List<String> devices(PosNode node, String path) {
        var items = node instanceof PosNode.Sequence ? problems.list(node, path, "[cpu]") : List.of(node);
        if (items.isEmpty()) {
            problems.add(node, path + " is empty", "name at least one device: [cpu], or [gpu:0, gpu:1] for two GPUs");
            return null;
        }
        var names = new ArrayList<String>();
        for (PosNode item : items) {
            String name = problems.text(item, path);
            if (name == null) {
                return null;
            }
            try {
                DeviceNames.parse(name);
            } catch (IllegalArgumentException e) {
                problems.add(item, path + ": " + e.getMessage(), Problems.suggest(name, List.of("cpu", "gpu", "gpu:0", "gpu:1"), "for example"));
                return null;
            }
            names.add(name.strip());
        }
        return names;
    }

    /** {@code report_every}: a time such as {@code 60s} or {@code 2m}. */
    static final Pattern TIME = Pattern.compile("\\s*([0-9]{1,7})\\s*(s|m)\\s*");

    /**
     * {@code report_every: 500} (steps; 0 for only at the end) or {@code report_every: 60s} / {@code 2m} (wall time),
     * or {@code null} and a problem.
     */
    private ReportEvery reportEvery(PosNode node, String path) {
        String hint = "write a number of steps (report_every: 500), a time (60s or 2m), or 0 for only at the end";
        if (node instanceof PosNode.Scalar s && s.value() instanceof String text) {
            var m = TIME.matcher(text);
            if (!m.matches()) {
                problems.add(node, path + ": expected a number of steps or a time such as 60s or 2m, got " + node.describe(),
                        hint);
                return null;
            }
            int seconds = Integer.parseInt(m.group(1)) * (m.group(2).equals("m") ? 60 : 1);
            if (seconds < 1) {
                problems.add(node, path + " must be at least 1s, got " + node.describe(), "0 steps (report_every: 0) "
                        + "writes the report only at the end; a time writes it that often: 30s, 2m");
                return null;
            }
            return new ReportEvery.Seconds(seconds);
        }
        if (node instanceof PosNode.Scalar s && s.value() instanceof Number) {
            var steps = problems.integer(node, path, 0);
            return steps == null ? null : new ReportEvery.Steps(steps);
        }
        problems.add(node, path + ": expected a number of steps or a time such as 60s or 2m, got " + node.describe(), hint);
        return null;
    }

    private OptimizerDecl optimizer(PosNode node) {
        var d = OptimizerDecl.DEFAULT;
        var family = families.optimizers();
        if (node instanceof PosNode.Scalar) {
            var type = Section.oneOf(node, "train.optimizer", family.names(), family.family(), problems);
            return type == null ? null
                    : new OptimizerDecl(type, d.lr(), d.weightDecay(), ParamChecks.filled(family.get(type).params(), Map.of()));
        }
        int before = problems.count();
        var s = Section.of(node, "train.optimizer", DeclaredParams.keys(OPTIMIZER_KEYS, family), problems);
        if (s == null) {
            return null;
        }
        var type = s.choice("type", d.type(), family.names(), family.family());
        var lr = s.number("lr", d.lr(), 0, true);
        var weightDecay = s.number("weight_decay", d.weightDecay(), 0, false);
        var params = type == null ? null : DeclaredParams.read(s, family.get(type), family, problems);
        if (problems.count() > before) {
            return null;
        }
        return new OptimizerDecl(type, lr, weightDecay, params);
    }
}
