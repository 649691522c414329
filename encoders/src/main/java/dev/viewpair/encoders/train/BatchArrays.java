package dev.viewpair.encoders.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/** A {@link BatchData} view as an NDArray: the whole batch's, or one of equal shards of it. */
final class BatchArrays {
    private BatchArrays() {}

    /** The whole batch's view. */
    static NDArray view(BatchData batch, String view, NDManager target) {
        return shard(batch, view, 0, 1, target);
    }

    /** Shard {@code shard} of {@code shards} equal ones of the batch's view (the whole view for one shard). */
    static NDArray shard(BatchData batch, String view, int shard, int shards, NDManager target) {
        long[] shape = batch.shape(view);
        float[] values = batch.view(view);
        Objects.requireNonNull(shape, () -> "batch has no shape for view '" + view + "'");
        Objects.requireNonNull(values, () -> "batch has no values for view '" + view + "'");
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (shape.length < 2 || shape[0] != batch.size() || count != values.length) {
            throw new IllegalArgumentException("view '" + view + "' of a batch of " + batch.size() + " has shape "
                    + Arrays.toString(shape) + " and " + values.length
                    + " values; expected [batch, ...] with one value per element");
        }
        if (shards == 1) {
            return target.create(values, new Shape(shape));
        }
        int length = values.length / shards;
        long[] shardShape = shape.clone();
        shardShape[0] = shape[0] / shards;
        return target.create(Arrays.copyOfRange(values, shard * length, (shard + 1) * length), new Shape(shardShape));
    }
}
