"""The rate the Python peers of the benchmarks are measured by, one implementation for all of them."""
import time


def per_second(counts, seconds, warmup):
    """Items per second of `counts`, an iterable yielding how many items each step made (1 per sample made in the loop,
    a batch's size from a DataLoader): the items made in the `seconds` after the first `warmup` seconds."""
    start = time.perf_counter()
    measured_from = None
    counted = 0
    for n in counts:
        now = time.perf_counter()
        if measured_from is None:
            if now - start >= warmup:
                measured_from = now
        else:
            counted += n
            if now - measured_from >= seconds:
                return counted / (now - measured_from)
    raise ValueError("the items ran out before the measurement ended")
