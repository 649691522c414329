package dev.viewpair.encoders;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Frees the Java direct buffers nothing references any more and takes native memory of the given sizes back,
 * filled with {@link #MARK}: a tensor that still reads a freed buffer then shows the mark (the allocator hands a
 * freed block of a size to the next request of that size).
 */
public final class FreedNativeMemory {
    /** The value written into every reclaimed block. */
    public static final float MARK = 12345f;

    private FreedNativeMemory() {}

    /**
     * @param copies how many blocks of each size to take
     * @param bytes the sizes
     * @return the blocks; hold them until the check is done, or their memory is freed again
     */
    public static List<ByteBuffer> reclaim(int copies, long... bytes) throws InterruptedException {
        collectGarbage();
        var blocks = new ArrayList<ByteBuffer>();
        for (long size : bytes) {
            for (int i = 0; i < copies; i++) {
                var block = ByteBuffer.allocateDirect(Math.toIntExact(size)).order(ByteOrder.nativeOrder());
                while (block.remaining() >= Float.BYTES) {
                    block.putFloat(MARK);
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** Runs the garbage collector until an object dropped now is reclaimed, so buffers dropped earlier are freed. */
    private static void collectGarbage() throws InterruptedException {
        var queue = new ReferenceQueue<Object>();
        var witness = new PhantomReference<>(new Object(), queue);
        do {
            System.gc();
        } while (queue.remove(10) == null);
        Reference.reachabilityFence(witness);
    }
}
