package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An optimizer whose state (per-parameter slot arrays and the update count) the trainer owns, so that a
 * checkpoint holds it and a resumed run continues exactly. Updates are NDArray ops in place on the weights and
 * on the slot arrays, which live on a long-lived manager and are made once per parameter; temporaries close with a
 * scope of the step (an op on a long-lived array puts its result on that array's manager, so without the scope
 * {@code v.sqrt()} would pile up there step after step).
 */
abstract sealed class StatefulOptimizer {
    private static final String MAGIC = "viewpair-optimizer";
    private static final int VERSION = 1;

    /** One parameter's share of a step. */
    record Update(String name, NDArray weight, NDArray gradient, boolean decayed) {}

    private final NDManager manager;
    final double weightDecay;
    private final Map<String, NDArray[]> slots = new LinkedHashMap<>();
    private long updates;

    private StatefulOptimizer(NDManager manager, double weightDecay) {
        this.manager = manager;
        this.weightDecay = weightDecay;
    }

    /** The optimizer of a config; its slot arrays are made on {@code manager}. */
    static StatefulOptimizer of(OptimizerConfig config, NDManager manager) {
        UpdateRule rule = config.rule();
        if (rule instanceof UpdateRule.AdamW a) {
            return new AdamW(manager, config.weightDecay(), a);
        }
        if (rule instanceof UpdateRule.Sgd s) {
            return new Sgd(manager, config.weightDecay(), s);
        }
        return new Lars(manager, config.weightDecay(), (UpdateRule.Lars) rule);
    }

    /** Applies one update to every given parameter at this learning rate. */
    final void step(List<Update> parameters, float learningRate) {
        updates++;
        // made before the scope, which would close them with the temporaries
        parameters.forEach(p -> slots.computeIfAbsent(p.name(), name -> newSlots(p.weight())));
        try (NDScope scope = new NDScope()) {
            for (Update p : parameters) {
                update(p, slots.get(p.name()), learningRate, updates);
            }
        }
    }

    /** The number of updates applied so far. */
    final long updates() {
        return updates;
    }

    /** The slot arrays of one parameter, or {@code null} before its first update (for tests). */
    final NDArray[] slots(String parameter) {
        return slots.get(parameter);
    }

    /** The rule's name, stored with the state so that a checkpoint cannot be continued by another rule. */
    abstract String type();

    abstract int slotCount();

    /** Updates {@code p.weight()} in place; {@code t} counts updates from 1. */
    abstract void update(Update p, NDArray[] state, float lr, long t);

    private NDArray[] newSlots(NDArray weight) {
        var state = new NDArray[slotCount()];
        for (int i = 0; i < state.length; i++) {
            state[i] = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        }
        return state;
    }

    /** Writes the rule, the update count and every slot array. */
    final void write(DataOutputStream out) throws IOException {
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(type());
        out.writeLong(updates);
        out.writeInt(slots.size());
        for (var entry : slots.entrySet()) {
            out.writeUTF(entry.getKey());
            for (NDArray slot : entry.getValue()) {
                byte[] bytes = slot.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * Replaces the state with what {@link #write} wrote.
     *
     * @param known the parameter names the trainer has, to refuse state written for another model
     * @throws IOException naming what differs when the state is not this rule's or not this model's
     */
    final void read(DataInputStream in, String source, Set<String> known) throws IOException {
        if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
            throw new IOException(source + " is not a viewpair optimizer state of version " + VERSION);
        }
        String type = in.readUTF();
        if (!type.equals(type())) {
            throw new IOException(source + " holds the state of optimizer '" + type + "', but the trainer uses '"
                    + type() + "'");
        }
        long count = in.readLong();
        int parameters = in.readInt();
        var loaded = new LinkedHashMap<String, NDArray[]>();
        try {
            for (int i = 0; i < parameters; i++) {
                String name = in.readUTF();
                if (!known.contains(name)) {
                    throw new IOException(source + " holds state for parameter '" + name
                            + "', which the model does not have: it was saved from a different architecture");
                }
                var state = new NDArray[slotCount()];
                loaded.put(name, state);
                for (int s = 0; s < state.length; s++) {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    state[s] = manager.decode(bytes);
                }
            }
        } catch (IOException | RuntimeException e) {
            loaded.values().forEach(StatefulOptimizer::close);
            throw e;
        }
        slots.values().forEach(StatefulOptimizer::close);
        slots.clear();
        slots.putAll(loaded);
        updates = count;
    }

    private static void close(NDArray[] state) {
        for (NDArray a : state) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** AdamW: slots m and v. */
    static final class AdamW extends StatefulOptimizer {
        private final UpdateRule.AdamW rule;

        AdamW(NDManager manager, double weightDecay, UpdateRule.AdamW rule) {
            super(manager, weightDecay);
            this.rule = rule;
        }

        @Override
        String type() {
            return rule.type();
        }

        @Override
        int slotCount() {
            return 2;
        }

        @Override
        void update(Update p, NDArray[] state, float lr, long t) {
            NDArray w = p.weight();
            NDArray g = p.gradient();
            NDArray m = state[0];
            NDArray v = state[1];
            if (p.decayed() && weightDecay > 0) {
                w.muli((float) (1 - lr * weightDecay));
            }
            m.muli((float) rule.beta1()).addi(g.mul((float) (1 - rule.beta1())));
            v.muli((float) rule.beta2()).addi(g.square().muli((float) (1 - rule.beta2())));
            double correction1 = 1 - Math.pow(rule.beta1(), t);
            double correction2 = 1 - Math.pow(rule.beta2(), t);
            NDArray denominator = v.sqrt().muli((float) (1 / Math.sqrt(correction2))).addi((float) rule.epsilon());
            w.subi(m.div(denominator).muli((float) (lr / correction1)));
        }
    }

    /** SGD with momentum: slot b (none without momentum). */
    static final class Sgd extends StatefulOptimizer {
        private final UpdateRule.Sgd rule;

        Sgd(NDManager manager, double weightDecay, UpdateRule.Sgd rule) {
            super(manager, weightDecay);
            this.rule = rule;
        }

        @Override
        String type() {
            return rule.type();
        }

        @Override
        int slotCount() {
            return rule.momentum() > 0 ? 1 : 0;
        }

        @Override
        void update(Update p, NDArray[] state, float lr, long t) {
            NDArray w = p.weight();
            NDArray d = p.decayed() && weightDecay > 0 ? p.gradient().add(w.mul((float) weightDecay)) : p.gradient();
            if (rule.momentum() > 0) {
                NDArray b = state[0].muli((float) rule.momentum()).addi(d);
                d = rule.nesterov() ? d.add(b.mul((float) rule.momentum())) : b;
            }
            w.subi(d.mul(lr));
        }
    }

    /** LARS: slot b, which already holds the learning rate and trust ratio. */
    static final class Lars extends StatefulOptimizer {
        private final UpdateRule.Lars rule;

        Lars(NDManager manager, double weightDecay, UpdateRule.Lars rule) {
            super(manager, weightDecay);
            this.rule = rule;
        }

        @Override
        String type() {
            return rule.type();
        }

        @Override
        int slotCount() {
            return 1;
        }

        @Override
        void update(Update p, NDArray[] state, float lr, long t) {
            NDArray w = p.weight();
            NDArray g = p.gradient();
            NDArray step;
            if (p.decayed()) {
                NDArray d = weightDecay > 0 ? g.add(w.mul((float) weightDecay)) : g;
                NDArray weightNorm = w.norm();
                NDArray updateNorm = d.norm();
                // r = η‖w‖/‖d‖, or 1 where a norm is 0 (a fresh zero weight, a zero gradient); no host sync
                NDArray defined = weightNorm.gt(0f).logicalAnd(updateNorm.gt(0f));
                NDArray trust = NDArrays.where(defined,
                        weightNorm.mul((float) rule.trustCoefficient()).div(updateNorm), weightNorm.onesLike());
                step = d.mul(trust.muli(lr));
            } else {
                step = g.mul(lr);
            }
            w.subi(state[0].muli((float) rule.momentum()).addi(step));
        }
    }
}
