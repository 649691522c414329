package dev.viewpair.recipes.validate;

import dev.viewpair.encoders.train.DeviceNames;
import dev.viewpair.encoders.train.OptimizerDescriptor;
import dev.viewpair.recipes.model.Families;
import dev.viewpair.recipes.model.OptimizerDecl;
import dev.viewpair.recipes.model.TrainDecl;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code train} section: epochs, batch, the optimizer and its settings, the schedule, workers,
 * checkpoints, gradient guards and the devices the batch is split over.
 */
final class TrainReader {
    private static final List<String> KEYS = List.of("epochs", "batch", "optimizer", "schedule", "warmup_steps", "workers",
            "checkpoint_every", "clip_grad_norm", "on_nonfinite", "devices");
    private static final List<String> OPTIMIZER_KEYS = List.of("type", "lr", "weight_decay", "momentum", "nesterov",
            "trust_coefficient", "betas", "eps");

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
        if (devices != null && batch != null && batch % devices.size() != 0) {
            problems.add(devicesNode, "train.batch " + batch + " does not split evenly over the " + devices.size()
                    + " devices of " + s.path("devices") + ": each device takes an equal shard of every batch",
                    "make train.batch a multiple of " + devices.size() + ", e.g. " + (batch / devices.size() + 1) * devices.size());
        }
        if (problems.count() > before) {
            return null;
        }
        return new TrainDecl(epochs, batch, optimizer, schedule, warmup, workers, checkpointEvery, clipGradNorm,
                onNonFinite, devices);
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

    private OptimizerDecl optimizer(PosNode node) {
        var d = OptimizerDecl.DEFAULT;
        if (node instanceof PosNode.Scalar) {
            var type = Section.oneOf(node, "train.optimizer", families.optimizers().names(), families.optimizers().family(), problems);
            return type == null ? null : new OptimizerDecl(type, d.lr(), d.weightDecay());
        }
        int before = problems.count();
        var s = Section.of(node, "train.optimizer", OPTIMIZER_KEYS, problems);
        if (s == null) {
            return null;
        }
        var type = s.choice("type", d.type(), families.optimizers().names(), families.optimizers().family());
        var lr = s.number("lr", d.lr(), 0, true);
        var weightDecay = s.number("weight_decay", d.weightDecay(), 0, false);
        if (type == null) {
            return null;
        }
        var defaults = new OptimizerDecl(type, d.lr(), d.weightDecay());
        for (var entry : s.node().entries().values()) { // in file order
            // a setting of some optimizers' update rules (lr and weight_decay belong to every optimizer)
            var owners = families.optimizers().entries().stream().filter(o -> o.takes(entry.key()))
                    .map(OptimizerDescriptor::name).toList();
            if (!owners.isEmpty() && !owners.contains(type)) {
                problems.add(entry, "'" + entry.key() + "' does not apply to optimizer " + type,
                        "it is a setting of " + String.join(" and ", owners) + "; remove it or choose type: " + owners.get(0));
            }
        }
        var momentum = unit(s, "momentum", defaults.momentum());
        var nesterov = flag(s, "nesterov", defaults.nesterov());
        var trust = s.number("trust_coefficient", defaults.trustCoefficient(), 0, true);
        var eps = s.number("eps", defaults.eps(), 0, true);
        double beta1 = defaults.beta1();
        double beta2 = defaults.beta2();
        var betasNode = s.get("betas");
        if (betasNode != null) {
            var items = problems.list(betasNode, s.path("betas"), "[0.9, 0.999]");
            if (items != null && items.size() != 2) {
                problems.add(betasNode, s.path("betas") + " needs two numbers (β1, β2), got " + items.size(),
                        "write betas: [0.9, 0.999]");
            } else if (items != null) {
                Double first = unit(items.get(0), s.path("betas") + "[0]");
                Double second = unit(items.get(1), s.path("betas") + "[1]");
                beta1 = first == null ? beta1 : first;
                beta2 = second == null ? beta2 : second;
            }
        }
        if (Boolean.TRUE.equals(nesterov) && momentum != null && momentum == 0) {
            problems.add(s.get("nesterov"), s.path("nesterov") + " needs a momentum above 0", "set momentum: 0.9");
        }
        if (problems.count() > before) {
            return null;
        }
        return new OptimizerDecl(type, lr, weightDecay, momentum, nesterov, trust, beta1, beta2, eps);
    }

    /** A number in [0, 1) (a momentum or a β), the fallback when not given, or {@code null} and a problem. */
    private Double unit(Section s, String key, double fallback) {
        var v = s.get(key);
        return v == null ? Double.valueOf(fallback) : unit(v, s.path(key));
    }

    private Double unit(PosNode node, String path) {
        var x = problems.number(node, path, 0, false);
        if (x != null && x >= 1) {
            problems.add(node, path + " must be below 1, got " + x, "give a number in [0, 1), e.g. 0.9");
            return null;
        }
        return x;
    }

    /** true or false, the fallback when not given, or {@code null} and a problem. */
    private Boolean flag(Section s, String key, boolean fallback) {
        var v = s.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof PosNode.Scalar scalar && scalar.value() instanceof Boolean b) {
            return b;
        }
        problems.add(v, s.path(key) + ": expected true or false, got " + v.describe(), "write " + key + ": true");
        return null;
    }
}
