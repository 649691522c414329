package dev.viewpair.views.image;

import dev.viewpair.views.ViewContext;
import dev.viewpair.views.ViewFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The multi-crop of SwAV and DINO (Caron et al. 2020, 2021): {@code globalCount} large crops and
 * {@code localCount} small ones, each an independent {@link RandomResizedCrop} of the same image. Members
 * {@code global0 … global(N-1)}, then {@code local0 … local(M-1)}; groups {@code global} and {@code local}.
 * The crops are drawn in member order from the view's random stream.
 *
 * @param globalCount how many global crops, ≥ 1
 * @param global the global crop (size, scale and ratio)
 * @param localCount how many local crops, ≥ 0
 * @param local the local crop
 */
public record MultiCrop(int globalCount, RandomResizedCrop global, int localCount, RandomResizedCrop local)
        implements ViewFamily<Mat> {
    public MultiCrop {
        if (globalCount < 1 || localCount < 0) {
            throw new IllegalArgumentException("multi_crop: needs at least one global crop and no negative count of local crops, got "
                    + globalCount + " and " + localCount);
        }
    }

    /** The global crops' names start with it ({@code global0}); it names their group too. */
    static final String GLOBAL = "global";

    @Override
    public List<String> members() {
        var names = new ArrayList<String>();
        for (int i = 0; i < globalCount; i++) {
            names.add(GLOBAL + i);
        }
        for (int i = 0; i < localCount; i++) {
            names.add("local" + i);
        }
        return names;
    }

    @Override
    public Map<String, List<String>> groups() {
        var groups = new LinkedHashMap<String, List<String>>();
        var names = members();
        groups.put(GLOBAL, names.subList(0, globalCount));
        if (localCount > 0) {
            groups.put("local", names.subList(globalCount, names.size()));
        }
        return groups;
    }

    @Override
    public List<Mat> apply(Mat image, ViewContext ctx) {
        var crops = new ArrayList<Mat>();
        for (int i = 0; i < globalCount + localCount; i++) {
            crops.add((i < globalCount ? global : local).apply(image, ctx));
        }
        return crops;
    }
}
