package dev.viewpair.views.chain;

import dev.viewpair.views.AnchoredOp;
import dev.viewpair.views.MediaException;
import dev.viewpair.views.Modality;
import dev.viewpair.views.Op;
import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewFamily;
import dev.viewpair.views.ViewSpec;
import dev.viewpair.views.ViewTensor;
import dev.viewpair.views.audio.dsp.Spectrogram;
import dev.viewpair.views.audio.io.Audio;
import dev.viewpair.views.audio.io.AudioTimeline;
import dev.viewpair.views.audio.Clip;
import dev.viewpair.views.catalog.OpDescriptor;
import dev.viewpair.views.catalog.Stage;
import dev.viewpair.views.image.ImageTensors;
import dev.viewpair.views.compose.RandomApply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A built view: the ops of a {@link ViewSpec}, checked against the catalogue and joined stage to stage.
 * Applying it never modifies its input, so several views can read one decoded sample.
 *
 * <p>A view may hold one family op ({@link ViewFamily}): the ops before it run once, the family splits
 * their result into members, and each member goes on through the ops after it. The view then makes
 * the member views {@code name.member} instead of one view {@code name}.
 */
public final class ViewChain {
    private final ViewSpec spec;
    private final List<Op<Object, Object>> before;
    private final ViewFamily<Object> family;
    private final List<Op<Object, Object>> after;
    private final List<AnchoredOp> anchored;
    /** The window its first op cuts from the media's own timeline, always; {@code null} when it cuts none. */
    private final AnchoredOp window;
    private final Stage output;

    private ViewChain(ViewSpec spec, List<Op<Object, Object>> before, ViewFamily<Object> family,
            List<Op<Object, Object>> after, List<AnchoredOp> anchored, AnchoredOp window, Stage output) {
        this.spec = spec;
        this.before = before;
        this.family = family;
        this.after = after;
        this.anchored = anchored;
        this.window = window;
        this.output = output;
    }

    /**
     * Builds a chain. Throws {@link IllegalArgumentException} naming the op when an op is unknown, its
     * parameters are wrong, it cannot take what the op before it gives, or a second family op follows the
     * first; recipe validation reports the same problems with file positions before this is ever called.
     */
    @SuppressWarnings("unchecked")
    public static ViewChain build(ViewSpec spec, OpCatalog catalog) {
        var before = new ArrayList<Op<Object, Object>>();
        var after = new ArrayList<Op<Object, Object>>();
        ViewFamily<Object> family = null;
        var anchored = new ArrayList<AnchoredOp>();
        AnchoredOp window = null;
        Stage stage = Stage.initial(spec.from());
        for (var opSpec : spec.ops()) {
            OpDescriptor d;
            Op<Object, Object> op;
            try {
                d = catalog.descriptor(opSpec, stage);
                op = catalog.make(opSpec, stage);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("view '" + spec.name() + "': " + e.getMessage(), e);
            }
            if (op instanceof AnchoredOp a) {
                anchored.add(a);
                boolean first = anchored.size() == 1 && before.isEmpty() && family == null;
                boolean always = d.probability(opSpec.params()) == 1;
                if (first && always) {
                    window = a;
                } else if (a.apart().isPresent()) {
                    // a later op's times are on the timeline of what the ops before it made, not the media's
                    throw new IllegalArgumentException("view '" + spec.name() + "': op '" + d.name() + "' keeps apart from"
                            + " view '" + a.apart().get().view() + "', so it must be the view's first op, always applied (no p)");
                }
            }
            if ((Object) op instanceof ViewFamily<?> f) {
                if (family != null) {
                    throw new IllegalArgumentException("view '" + spec.name() + "': op '" + d.name()
                            + "' is a second family op — a view splits into members once");
                }
                family = (ViewFamily<Object>) f;
            } else {
                (family == null ? before : after).add(RandomApply.of(op, d.probability(opSpec.params())));
            }
            stage = d.output();
        }
        return new ViewChain(spec, List.copyOf(before), family, List.copyOf(after), List.copyOf(anchored), window, stage);
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

    /** Whether the view splits into member views. */
    public boolean isFamily() {
        return family != null;
    }

    /** The names of the views it makes: {@code name.member} for each member of a family, else its own name. */
    public List<String> members() {
        return family == null ? List.of(spec.name()) : family.members().stream().map(m -> spec.name() + "." + m).toList();
    }

    /**
     * Groups of its member views a recipe may name besides single members: the view's own name for all of
     * them, and {@code name.group} for each group of the family. Empty for a view that is not a family.
     */
    public Map<String, List<String>> groups() {
        var out = new LinkedHashMap<String, List<String>>();
        if (family != null) {
            out.put(spec.name(), members());
            family.groups().forEach((g, ms) -> out.put(spec.name() + "." + g, ms.stream().map(m -> spec.name() + "." + m).toList()));
        }
        return out;
    }

    /** The ops that cut time windows, for drawing the anchor. */
    public List<AnchoredOp> anchoredOps() {
        return anchored;
    }

    /**
     * The window the view's first op cuts from the media's own timeline when that op is a window op
     * ({@code clip}, {@code audio_window}) that is always applied: the window another view may keep apart from.
     */
    public Optional<AnchoredOp> window() {
        return Optional.ofNullable(window);
    }

    /** Runs the chain of a view that is not a family on decoded media and returns the view as a float tensor. */
    public ViewTensor apply(Object media, ViewContext ctx) {
        if (family != null) {
            throw new IllegalStateException("view '" + spec.name() + "' makes member views " + members() + ": use applyMembers");
        }
        var input = readable(media);
        // Mats made by the ops are freed when the scope closes; the input Mat was made outside it.
        try (var scope = new PointerScope()) {
            return toTensor(run(before, input, ctx));
        }
    }

    /**
     * Runs a family view: the ops before the family op with {@code ctx}, the family op with {@code ctx}, then
     * each member asked for through the ops after it with the member's own context. Every member is drawn
     * whether asked for or not, so a member comes out the same whichever others are asked for.
     *
     * @param members member view name ({@code crops.local3}) → its context; names not among
     *     {@link #members()} are ignored
     * @return member view name → tensor, in member order
     */
    public Map<String, ViewTensor> applyMembers(Object media, ViewContext ctx, Map<String, ViewContext> members) {
        if (family == null) {
            throw new IllegalStateException("view '" + spec.name() + "' is not a family: use apply");
        }
        var input = readable(media);
        try (var scope = new PointerScope()) {
            var parts = family.apply(run(before, input, ctx), ctx);
            var names = members();
            var out = new LinkedHashMap<String, ViewTensor>();
            for (int i = 0; i < names.size(); i++) {
                var memberCtx = members.get(names.get(i));
                if (memberCtx != null) {
                    out.put(names.get(i), toTensor(run(after, parts.get(i), memberCtx)));
                }
            }
            return out;
        }
    }

    /**
     * An audio file read by seeking ({@link AudioTimeline}): a view whose first op is {@code clip}, always applied,
     * reads a window of it; another view reads all of it, decoded whole, when it lasts at most
     * {@value AudioTimeline#WHOLE_SECONDS} s. Decoding a longer one whole, up to some cap, would hand the other ops a
     * waveform as long as the file (an hour of podcast is 230 MB at 16 kHz) and make views of different lengths that
     * no batch holds: a view that needs it is a mistake in the recipe, said here.
     *
     * @return the media as the view's first op reads it
     */
    private Object readable(Object media) {
        if (media instanceof AudioTimeline timeline && (before.isEmpty() || !((Object) before.get(0) instanceof Clip))) {
            if (timeline.durationSeconds() <= AudioTimeline.WHOLE_SECONDS) {
                return timeline.whole();
            }
            throw new MediaException(String.format(Locale.ROOT, "view '%s' reads all of audio '%s', which lasts %.1f s:"
                    + " audio longer than %.0f s is read by seeking, one window at a time — start the view's ops with"
                    + " clip: {seconds: …} (always applied, no p:), then the ops that follow it", spec.name(),
                    timeline.path(), timeline.durationSeconds(), AudioTimeline.WHOLE_SECONDS));
        }
        return media;
    }

    private static Object run(List<Op<Object, Object>> ops, Object input, ViewContext ctx) {
        Object x = input;
        for (var op : ops) {
            x = op.apply(x, ctx);
        }
        return x;
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
}
