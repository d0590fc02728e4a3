"""The thread pools of the numeric libraries in a server process."""

from __future__ import annotations

BLAS_THREADS = 1


def limit_blas_threads() -> None:
    """Run BLAS (numpy's matrix products) on one thread.

    A request's vector math is a few small products. OpenBLAS's extra threads spin between
    calls on the cores that ONNX Runtime (the embedder, with threads of its own) and the event
    loop need: on 2 cores, retrieve p50 at 10,000 memories through the API was 17 ms with
    OpenBLAS's default threads and 10-11 ms with one (``make bench``)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=BLAS_THREADS, user_api="blas")
