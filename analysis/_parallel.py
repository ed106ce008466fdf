"""Small shared helpers for the large-corpus paths: a process pool map and the caches' reads and atomic writes.

Caches hold data formats only (Parquet, JSON, NumPy arrays without pickling): reading a cache never runs
code. Every write goes through a temporary file with a unique name in the same folder and an atomic rename,
so concurrent runs never share a half-written file and a killed run never leaves one behind.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator


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
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc=desc, unit="chunk")
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
    from tqdm.auto import tqdm

    return tqdm(items, total=total, desc=desc, unit=unit)


def default_workers(n_items: int, threshold: int = LARGE) -> int:
    """All cores from ``threshold`` items up, else one (a pool costs more than it saves on small inputs)."""
    return (os.cpu_count() or 1) if n_items >= threshold else 1


def temp_path(path: Path) -> Path:
    """A unique temporary file name beside ``path`` (process id and a random part), for atomic writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def read_parquet_cache(path: Path):
    """The cached table at ``path``, or None when absent; a corrupt cache is deleted, never trusted."""
    import pandas as pd

    if not path.exists():
        return None
    try:
        return pd.read_parquet(path)
    except Exception:
        path.unlink(missing_ok=True)
        return None


def write_parquet_atomic(frame, path: Path) -> None:
    """Write a table as Parquet through a temporary file (without ``attrs``: reports are kept apart)."""
    tmp = temp_path(path)
    plain = frame.copy(deep=False)
    plain.attrs = {}
    try:
        plain.to_parquet(tmp, index=False)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json_atomic(obj: Any, path: Path) -> None:
    """Write a JSON-able object to ``path`` through a unique temporary file and an atomic rename."""
    tmp = temp_path(path)
    try:
        tmp.write_text(json.dumps(obj, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def read_json_cache(path: Path) -> Any:
    """The JSON object cached at ``path``, or None when absent; a corrupt cache is deleted, never trusted."""
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        path.unlink(missing_ok=True)
        return None


def write_npz_atomic(arrays: dict, path: Path) -> None:
    """Write NumPy arrays (no object arrays) to ``path`` (``.npz``) through a unique temporary file."""
    import numpy as np

    tmp = temp_path(path)
    try:
        with tmp.open("wb") as fh:
            np.savez(fh, **arrays)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def read_npz_cache(path: Path) -> dict | None:
    """The arrays cached at ``path``, read with ``allow_pickle=False``, or None when absent or corrupt
    (a corrupt cache is deleted)."""
    import numpy as np

    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: data[k] for k in data.files}
    except Exception:
        path.unlink(missing_ok=True)
        return None
