"""The caches: one key recipe (:class:`CacheKey`), and reads and atomic writes of data formats only.

Every cache of the package (articles, token tables, term counts, the gazetteer index) is named by a
:class:`CacheKey`: what is cached (also its folder under ``data/derived/``), the code version and settings
that made it, and the content it was made from (text columns, or files' bytes), hashed with SHA-1.
Caches hold data formats only (Parquet, JSON, NumPy arrays without pickling): reading a cache never runs
code. Every write goes through a temporary file with a unique name in the same folder and an atomic rename,
so concurrent runs never share a half-written file and a killed run never leaves one behind; a corrupt
cache is deleted and rebuilt, never trusted.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CacheKey", "cached_table", "hash_texts", "temp_path", "read_parquet_cache", "write_parquet_atomic", "read_json_cache",
           "write_json_atomic", "read_npz_cache", "write_npz_atomic"]


def _canon(value: object) -> object:
    """Settings in a form whose text is the same in every process (sets sorted, paths as text)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


class CacheKey:
    """The name of a cache: ``kind`` (its folder), the settings that made it and the content it was made from.

    >>> key = CacheKey("tokens", "treebank-1", {"fields": ["body"]}).texts(articles["body"])
    >>> key.path().parent.name, len(key.hex)
    ('tokens', 20)
    >>> key.hex == CacheKey("tokens", "treebank-1", {"fields": ["body"]}).texts(articles["body"]).hex
    True
    """

    def __init__(self, kind: str, *settings: object) -> None:
        self.kind = kind
        text = json.dumps([kind, _canon(settings)], ensure_ascii=False, sort_keys=True)
        self._h = hashlib.sha1(text.encode("utf-8", "surrogatepass"))

    def texts(self, column) -> "CacheKey":
        """Add a text column's content (see :func:`hash_texts`)."""
        hash_texts(self._h, column)
        return self

    def text(self, value: str) -> "CacheKey":
        """Add a piece of text (a file's name, a precomputed digest), delimited from what follows."""
        self._h.update(value.encode("utf-8", "surrogatepass") + b"\x00")
        return self

    def files(self, paths: Iterable[Path], names: Iterable[str] | None = None) -> "CacheKey":
        """Add files: each one's name and bytes, read in blocks."""
        paths = [Path(p) for p in paths]
        for path, name in zip(paths, names if names is not None else (p.name for p in paths)):
            self.text(name)
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 22), b""):
                    self._h.update(block)
        return self

    @property
    def hex(self) -> str:
        """The key: 20 hexadecimal digits."""
        return self._h.hexdigest()[:20]

    def path(self, suffix: str = ".parquet", prefix: str = "") -> Path:
        """Where this cache lives: ``data/derived/<kind>/<prefix><key><suffix>``."""
        from ..paths import derived_dir

        return derived_dir() / self.kind / f"{prefix}{self.hex}{suffix}"


def cached_table(key: "CacheKey | None", build: "Callable[[], pd.DataFrame]") -> "pd.DataFrame":
    """The table cached under ``key`` (Parquet), else ``build()`` written there; ``key=None``: just ``build()``."""
    if key is None:
        return build()
    path = key.path()
    cached = read_parquet_cache(path)
    if cached is not None:
        return cached
    table = build()
    write_parquet_atomic(table, path)
    return table


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


def write_parquet(frame, target) -> None:
    """Write a table as Parquet to a path or a binary buffer, without its ``attrs`` (reports are kept apart)."""
    plain = frame.copy(deep=False)
    plain.attrs = {}
    plain.to_parquet(target, index=False)


def write_parquet_atomic(frame, path: Path) -> None:
    """Write a table as Parquet through a temporary file (without ``attrs``: reports are kept apart)."""
    tmp = temp_path(path)
    try:
        write_parquet(frame, tmp)
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


def hash_texts(h, column: "pd.Series") -> None:
    """Feed a text column's content (missing values as ``""``) into the hashlib object ``h``, for cache keys.

    Arrow-backed columns (pandas' default ``str``) are hashed from their offset and data buffers, without
    making a Python string per row; other columns string by string. The two never share a key.
    """
    arrow = None
    if not hasattr(column.array, "__arrow_array__"):      # object column: hashed value by value, never converted
        h.update(f"object|{len(column)}|".encode())
        for label, v in zip(column.index, column.to_numpy(dtype=object, na_value=None).tolist()):
            if not isinstance(v, str) and not (v is None or (isinstance(v, float) and v != v)):
                raise TypeError(f"column {column.name!r}, row {label!r}: expected text, got {type(v).__name__} "
                                f"{str(v)[:40]!r}")
            h.update((v if isinstance(v, str) else "").encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return
    col = column.fillna("").astype(str)
    if hasattr(col.array, "__arrow_array__"):
        import pyarrow as pa

        data = pa.array(col.array)
        if data.null_count == 0 and (pa.types.is_string(data.type) or pa.types.is_large_string(data.type)):
            chunks = data.chunks if isinstance(data, pa.ChunkedArray) else [data]
            chunks = [pa.concat_arrays([c]) if c.offset else c for c in chunks]
            if not any(c.offset for c in chunks):
                arrow = (data.type, chunks)
    if arrow is None:
        h.update(f"object|{len(col)}|".encode())
        for v in col.to_numpy(dtype=object).tolist():
            h.update(v.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return
    import numpy as np
    import pyarrow as pa

    kind, chunks = arrow
    width = np.int64 if pa.types.is_large_string(kind) else np.int32
    h.update(f"arrow|{kind}|{len(col)}|{len(chunks)}".encode())
    for c in chunks:
        h.update(f"|{len(c)}|".encode())
        if not len(c):
            continue
        _, offsets, values = c.buffers()
        offs = memoryview(offsets)[: (len(c) + 1) * np.dtype(width).itemsize]
        h.update(offs)
        end = int(np.frombuffer(offs, dtype=width)[-1])
        if values is not None:
            h.update(memoryview(values)[:end])


def make_room(cache: dict, limit: int, needed: int = 1) -> None:
    """Keep an in-memory ``cache`` under ``limit`` entries by dropping its newest half when ``needed`` more
    would not fit.

    Entries are kept in insertion order and the frequent ones (``the``, ``said.``) arrive first, so
    dropping the newest keeps the cache useful as a corpus's rare words stream past.

    >>> memo = dict.fromkeys("abcd"); make_room(memo, 4); list(memo)
    ['a', 'b']
    """
    if len(cache) + needed <= limit:
        return
    keep = max(min(limit // 2, limit - needed), 0)
    for key in list(itertools.islice(reversed(cache), max(len(cache) - keep, 0))):
        del cache[key]
