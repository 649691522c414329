package dev.viewpair.encoders.mi;

import ai.djl.ndarray.NDArray;

/**
 * A constant operand for multiplication, division, minimum or maximum inside a recorded graph:
 * {@code x.mul(Constant.like(x, 2f))}, never {@code x.mul(2f)}.
 *
 * <p>DJL's arithmetic with a number makes the number a tensor on a Java direct buffer and drops that buffer's only
 * reference as soon as the op returns. The op's backward keeps the tensor (the derivative of x·c is c) and reads it
 * when the gradients are computed; a garbage collection in between frees the buffer, and the backward pass then
 * multiplies by whatever the freed memory holds. A constant made here lives on the operand's manager, the step's,
 * until that closes after the backward pass. Adding or subtracting a number, clipping, and ops whose result is
 * detached are safe: their backward does not read the number.
 */
public final class Constant {
    private Constant() {}

    /** A 0-d float array holding {@code value}, on {@code operand}'s manager. */
    public static NDArray like(NDArray operand, float value) {
        return operand.getManager().create(value);
    }
}
