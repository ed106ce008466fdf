"""Worker processes: a lazy, ordered process-pool map and the progress bars of long runs."""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from .forked import progress_bar

__all__ = ["process_map", "want_progress", "with_progress", "default_workers", "paused_gc", "release_memory", "LARGE"]


def process_map(fn: Callable, *iterables: Iterable, workers: int, progress: bool = False, desc: str = "",
                total: int | None = None, window: int | None = None) -> Iterator:
    """``map(fn, *iterables)`` on ``workers`` processes (fork where available), results in order.

    The inputs are read lazily: at most ``window`` tasks (default ``4 * workers``) are in flight, so
    a stream of batches never sits in memory all at once.
    """
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    window = window or 4 * workers
    bar = progress_bar(total, desc, "chunk") if progress else None
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            pending: deque = deque()
            for args in zip(*iterables):
                pending.append(pool.submit(fn, *args))
                if len(pending) >= window:
                    yield pending.popleft().result()
                    if bar is not None:
                        bar.update()
            while pending:
                yield pending.popleft().result()
                if bar is not None:
                    bar.update()
    finally:
        if bar is not None:
            bar.close()


#: From this many articles (or lines) up, work is spread over all cores and shows a progress bar.
LARGE = 2000


def want_progress(progress: bool | None, n_items: int) -> bool:
    """``progress`` as given, or, when None (auto), a bar for large inputs only."""
    return n_items >= LARGE if progress is None else bool(progress)


def with_progress(items, progress: bool | None, *, total: int, desc: str, unit: str = "article"):
    """``items``, wrapped in a tqdm bar when :func:`want_progress` says so (notebook or terminal)."""
    if not want_progress(progress, total):
        return items
    return _counted(items, progress_bar(total, desc, unit))


def _counted(items, bar):
    """``items``, one bar step per item; the bar closed at the end."""
    try:
        for item in items:
            yield item
            bar.update()
    finally:
        bar.close()


def default_workers(n_items: int, threshold: int = LARGE) -> int:
    """All cores from ``threshold`` items up, else one (a pool costs more than it saves on small inputs)."""
    return (os.cpu_count() or 1) if n_items >= threshold else 1


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block (its state restored after).

    Loading and tokenising make millions of small objects (records, strings, tuples), none in reference
    cycles, and every full collection would also walk the objects of pandas and NLTK: a pause saves about
    a fifth of a cold load. Usable as a decorator.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def release_memory() -> None:
    """Hand the memory freed by a large step back to the system: glibc's ``malloc_trim`` (where the C
    library is glibc) and Arrow's unused pool memory. Freed memory otherwise stays in the process (the
    allocators keep it for later), so the next step would start from the last step's peak. Only free
    pages are returned; nothing in use moves.
    """
    import sys

    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim`` from the running process's own symbols, or None (another C library or OS)."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):          # musl and others have no malloc_trim
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int     # int malloc_trim(size_t pad)
    return trim
