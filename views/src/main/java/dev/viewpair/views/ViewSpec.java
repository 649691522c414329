package dev.viewpair.views;

import java.util.List;

/**
 * A named chain of ops from one modality to a fixed-shape tensor.
 *
 * @param name the view's name, part of its random stream
 * @param from the modality it reads
 * @param ops the chain, first to last
 */
public record ViewSpec(String name, Modality from, List<OpSpec> ops) {
    public ViewSpec {
        ops = List.copyOf(ops);
    }
}
