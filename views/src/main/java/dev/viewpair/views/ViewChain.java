package dev.viewpair.views;

import dev.viewpair.views.audio.Spectrogram;
import dev.viewpair.views.audio.Audio;
import dev.viewpair.views.catalog.OpCatalog;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.views.image.ImageTensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A built view: the ops of a {@link ViewSpec}, checked against the catalogue and joined stage to stage.
 * Applying it never modifies its input, so several views can read one decoded sample.
 */
public final class ViewChain {
    private final ViewSpec spec;
    private final List<Op<Object, Object>> ops;
    private final List<AnchoredOp> anchored;
    private final Stage output;

    private ViewChain(ViewSpec spec, List<Op<Object, Object>> ops, List<AnchoredOp> anchored, Stage output) {
        this.spec = spec;
        this.ops = ops;
        this.anchored = anchored;
        this.output = output;
    }

    /**
     * Builds a chain. Throws {@link IllegalArgumentException} naming the op when an op is unknown, its
     * parameters are wrong, or it cannot take what the op before it gives; recipe validation reports
     * the same problems with file positions before this is ever called.
     */
    @SuppressWarnings("unchecked")
    public static ViewChain build(ViewSpec spec, OpCatalog catalog) {
        var ops = new ArrayList<Op<Object, Object>>();
        var anchored = new ArrayList<AnchoredOp>();
        Stage stage = Stage.initial(spec.from());
        for (var opSpec : spec.ops()) {
            if (catalog.find(opSpec.name()).isEmpty()) {
                throw new IllegalArgumentException("view '" + spec.name() + "': unknown op '" + opSpec.name() + "'");
            }
            final Stage current = stage;
            OpDescriptor d = catalog.find(opSpec.name(), stage).orElseThrow(() -> new IllegalArgumentException(
                    "view '" + spec.name() + "': op '" + opSpec.name() + "' cannot take "
                            + current.name().toLowerCase() + " (what the op before it gives)"));
            var problems = d.check(opSpec.params());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("view '" + spec.name() + "', op '" + d.name() + "': "
                        + problems.get(0).message() + " — " + problems.get(0).hint());
            }
            Op<Object, Object> op;
            try {
                op = (Op<Object, Object>) d.factory().apply(d.params(opSpec.params()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("view '" + spec.name() + "', op '" + d.name() + "': " + e.getMessage(), e);
            }
            if (op instanceof AnchoredOp a) {
                anchored.add(a);
            }
            double p = d.probability(opSpec.params());
            ops.add(p >= 1.0 ? op : new RandomApply(op, p));
            stage = d.output();
        }
        return new ViewChain(spec, List.copyOf(ops), List.copyOf(anchored), stage);
    }

    public String name() {
        return spec.name();
    }

    public ViewSpec spec() {
        return spec;
    }

    public Modality from() {
        return spec.from();
    }

    /** The stage the last op gives. */
    public Stage output() {
        return output;
    }

    /** The ops that cut time windows, for drawing the anchor. */
    public List<AnchoredOp> anchoredOps() {
        return anchored;
    }

    /** Runs the chain on decoded media and returns the view as a float tensor. */
    public ViewTensor apply(Object media, ViewContext ctx) {
        // Mats made by the ops are freed when the scope closes; the input Mat was made outside it.
        try (var scope = new PointerScope()) {
            Object x = media;
            for (var op : ops) {
                x = op.apply(x, ctx);
            }
            return toTensor(x);
        }
    }

    private ViewTensor toTensor(Object x) {
        if (x instanceof Mat m) {
            return ImageTensors.toChw(m);
        }
        if (x instanceof Spectrogram s) {
            // no chain starts at a spectrogram: this one was made by this chain's ops, so nothing else holds it
            return new ViewTensor(s.data(), new int[] {1, s.bins(), s.frames()});
        }
        if (x instanceof Audio a) {
            // a waveform view may be the decoded audio itself, which the sample's other views read too
            return new ViewTensor(a.samples().clone(), new int[] {1, a.samples().length});
        }
        throw new IllegalStateException("view '" + spec.name() + "' ends in " + x.getClass().getSimpleName());
    }

    /** Applies an op with probability p, else passes the input through. */
    private record RandomApply(Op<Object, Object> op, double p) implements Op<Object, Object> {
        @Override
        public Object apply(Object input, ViewContext ctx) {
            return ctx.rng().bernoulli(p) ? op.apply(input, ctx) : input;
        }
    }
}
