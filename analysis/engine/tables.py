"""The token table's arrays, built per batch of texts without a Python object per token.

Each distinct (chunk, sentence-final) pair of a batch is tokenised once (:mod:`.treebank`); the token
rows are expanded from per-chunk arrays with NumPy. Batches run in worker processes and are merged.
"""
from __future__ import annotations

import os
import uuid
from typing import Callable

import numpy as np
import pandas as pd

from ..chars import fold
from .chunks import numbered_chunks
from .pool import paused_gc, process_map, want_progress
from .treebank import chunk_spans, fill

__all__ = ["token_arrays", "token_frame", "tokenize_texts"]

_COLUMNS = ("ids", "fld", "sent", "pos", "start", "end", "codes")


class _Variants:
    """The distinct (chunk, sentence-final) pairs of a batch, numbered, with their tokens laid out flat."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, bool], int] = {}
        self.off: list[int] = []
        self.len: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.surface: list[str] = []

    def number(self, key: tuple[str, bool]) -> int:
        vid = self.ids.get(key)
        if vid is None:
            chunk, last = key
            spans = chunk_spans(fold(chunk), last)
            vid = self.ids[key] = len(self.off)
            self.off.append(len(self.starts))
            self.len.append(len(spans))
            self.starts.extend(a for a, _ in spans)
            self.ends.extend(b for _, b in spans)
            self.surface.extend(chunk[a:b] for a, b in spans)
        return vid


def _empty() -> dict:
    arrays = {k: np.array([], dtype=np.int32) for k in _COLUMNS}
    arrays["fld"] = np.array([], dtype=np.int8)
    arrays["cats"] = np.array([], dtype=object)
    return arrays


@paused_gc()
def tokenize_texts(rows: list[tuple[str, ...]]) -> dict:
    """Token arrays for rows of texts (one text per field); runs in worker processes too."""
    items = [(row_i, f_i, text) for row_i, texts in enumerate(rows) for f_i, text in enumerate(texts) if text]
    found, vid, keys, owner = numbered_chunks([t for *_, t in items])
    if not len(vid):
        return _empty()
    fill({(fold(c), last) for c, last in keys})
    variants = _Variants()
    for key in keys:
        variants.number(key)
    return _expand(variants, vid, np.concatenate([c[1] for c in found]), np.concatenate([c[2] for c in found]),
                   owner, np.asarray([i[0] for i in items], dtype=np.int32),
                   np.asarray([i[1] for i in items], dtype=np.int8))


#: the vocabulary of this (worker) process over one run's batches: (run id, token -> the worker's code)
_RUN: dict = {"id": None, "vocab": {}}


def tokenize_batch(run: str, rows: list[tuple[str, ...]]) -> dict:
    """:func:`tokenize_texts` in a worker of run ``run``: token codes in the worker's vocabulary of the run,
    and only the tokens new to it sent back (``cats``, numbered from ``first``), so the main process maps a
    few new tokens per batch instead of every batch's vocabulary."""
    part = tokenize_texts(rows)
    if _RUN["id"] != run:
        _RUN["id"], _RUN["vocab"] = run, {}
    vocab: dict[str, int] = _RUN["vocab"]
    first = len(vocab)
    cats = part["cats"].tolist()
    new = [t for t in cats if t not in vocab]
    vocab.update(zip(new, range(first, first + len(new))))
    if len(cats):
        part["codes"] = np.fromiter(map(vocab.__getitem__, cats), dtype=np.int32, count=len(cats))[part["codes"]]
    part.update(cats=np.asarray(new, dtype=object), first=first, worker=os.getpid())
    return part


def _expand(variants: _Variants, vid: np.ndarray, chunk_start: np.ndarray, chunk_sent: np.ndarray,
            chunk_text: np.ndarray, text_row: np.ndarray, text_fld: np.ndarray) -> dict:
    """One row per token from one row per chunk occurrence (NumPy repeats over the variants' layout)."""
    lens = np.asarray(variants.len, dtype=np.int64)[vid]
    chunk_of = np.repeat(np.arange(len(vid)), lens)
    first = np.cumsum(lens) - lens
    tok = np.arange(len(chunk_of))
    flat = np.asarray(variants.off, dtype=np.int64)[vid][chunk_of] + (tok - first[chunk_of])
    base = chunk_start[chunk_of]
    text_of = chunk_text[chunk_of]
    text_first = np.searchsorted(text_of, np.arange(len(text_row)), side="left")   # texts are contiguous runs
    cat = pd.Categorical(variants.surface)
    return {"ids": text_row[text_of], "fld": text_fld[text_of],
            "sent": chunk_sent[chunk_of].astype(np.int32),
            "pos": (tok - text_first[text_of]).astype(np.int32),
            "start": (base + np.asarray(variants.starts, dtype=np.int64)[flat]).astype(np.int32),
            "end": (base + np.asarray(variants.ends, dtype=np.int64)[flat]).astype(np.int32),
            "codes": cat.codes.astype(np.int32)[flat], "cats": np.asarray(cat.categories, dtype=object)}


def code_dtype(n: int) -> np.dtype:
    """The integer type pandas gives the codes of a categorical with ``n`` categories (so row numbers made
    in it become an article column without a copy)."""
    for t in (np.int8, np.int16, np.int32):
        if n < np.iinfo(t).max:
            return np.dtype(t)
    return np.dtype(np.int64)


#: A merged column starts this large (bytes; virtual: pages are only resident once written). Above glibc's
#: largest mmap threshold, so the column is mapped memory, which ``realloc`` grows and shrinks in place.
MERGE_START_BYTES = 64 << 20
#: bytes per article a column starts with below that (a small table reserves little; it grows as needed)
START_BYTES_PER_ARTICLE = 4096
#: rows per batch of a worker: enough to amortise a task, few enough that the batches in flight (their
#: texts and token arrays) stay small beside the table however large the corpus
BATCH_MIN, BATCH_MAX = 200, 500
#: codes are remapped this many rows at a time (the temporary index array stays small)
REMAP_ROWS = 1 << 20


class _Merged:
    """The arrays of consecutive batches as one, filled as the batches arrive (row numbers shifted, each
    worker's token codes mapped onto one vocabulary as its new tokens come, sorted at the end).

    Columns grow in place (``ndarray.resize`` of mapped memory) and a batch's arrays are freed once copied:
    the peak is the table plus the batches in flight, never all the batches beside the table.
    """

    def __init__(self, n_rows: int) -> None:
        # bytes a column starts with: MERGE_START_BYTES, or fewer for a small table
        self.start = max(1, min(MERGE_START_BYTES, n_rows * START_BYTES_PER_ARTICLE))
        ids = code_dtype(n_rows)                         # the article codes' own type: no copy later
        self.cols: dict[str, np.ndarray] = {"ids": np.empty(self.start // ids.itemsize, dtype=ids)}
        self.n = 0
        self.vocab: dict[str, int] = {}
        self.of_worker: dict[int, np.ndarray] = {}       # a worker's codes -> codes of the merged vocabulary

    def add(self, part: dict, row_offset: int) -> None:
        n = len(part["codes"])
        end = self.n + n
        part["ids"] += np.int32(row_offset)
        known = self.of_worker.get(part["worker"], np.empty(0, dtype=np.int32))
        if part["first"] != len(known):                   # a worker's batches are merged in the order it made them
            raise RuntimeError("token batches of a worker arrived out of order")
        get, vocab = self.vocab.setdefault, self.vocab
        new = np.fromiter((get(t, len(vocab)) for t in part.pop("cats")), dtype=np.int32)
        known = self.of_worker[part["worker"]] = np.concatenate([known, new])
        part["codes"] = known[part["codes"]] if n else part["codes"]
        for k in _COLUMNS:
            dtype = part[k].dtype
            col = self.cols.setdefault(k, np.empty(self.start // dtype.itemsize, dtype=dtype))
            if end > len(col):
                col.resize(max(end, 2 * len(col)), refcheck=False)
            col[self.n:end] = part.pop(k)
        self.n = end

    def arrays(self) -> dict:
        """The merged arrays, token codes in the order of the sorted vocabulary."""
        for col in self.cols.values():
            col.resize(self.n, refcheck=False)
        words = list(self.vocab)
        order = sorted(range(len(words)), key=words.__getitem__)
        rank = np.empty(len(words), dtype=np.int32)
        rank[order] = np.arange(len(words), dtype=np.int32)
        codes = self.cols["codes"]
        for a in range(0, self.n, REMAP_ROWS):
            codes[a:a + REMAP_ROWS] = rank[codes[a:a + REMAP_ROWS]]
        return {"cats": np.asarray([words[i] for i in order], dtype=object), **self.cols}


def token_arrays(batch_rows: Callable[[int, int], list[tuple[str, ...]]], n_rows: int, *, workers: int,
                 progress: bool | None) -> dict:
    """The token arrays of rows ``0..n_rows``: in one process, or in batches on ``workers`` processes.

    ``batch_rows(a, b)`` gives the texts of rows ``a..b``; batches are made as the workers take them, so
    the corpus's texts are never all held as Python strings at once.
    """
    if workers <= 1 or n_rows <= 1:
        return tokenize_texts(batch_rows(0, n_rows))
    size = min(BATCH_MAX, max(BATCH_MIN, n_rows // (workers * 8) + 1))
    offsets = list(range(0, n_rows, size))
    batches = (batch_rows(o, min(o + size, n_rows)) for o in offsets)
    merged, run = _Merged(n_rows), uuid.uuid4().hex
    for part, off in zip(process_map(tokenize_batch, [run] * len(offsets), batches, workers=workers,
                                     progress=want_progress(progress, n_rows), desc="tokenising",
                                     total=len(offsets)), offsets):
        merged.add(part, off)
    return merged.arrays()


def token_frame(arrays: dict, article_ids: np.ndarray, fields: list[str], stops: frozenset[str]) -> pd.DataFrame:
    """The token table from the arrays: categoricals for the texts, norms and flags computed once per
    distinct token (never per row), the arrays used without copies (and taken out of ``arrays``, so that
    one narrowed to a smaller type is freed at once)."""
    from ..chars import is_punct, normalize_token

    cats = list(arrays["cats"])
    norm_of_cat = np.array([normalize_token(t) for t in cats], dtype=object)
    norm_cats, norm_code_of_cat = (np.unique(norm_of_cat, return_inverse=True) if cats
                                   else (np.array([], dtype=object), np.array([], dtype=np.int64)))
    codes = arrays["codes"]
    norm_codes = norm_code_of_cat.astype(np.int32)[codes] if cats else codes
    stop = np.array([n in stops for n in norm_cats], dtype=bool)
    punct = np.array([is_punct(n) for n in norm_cats], dtype=bool)
    return pd.DataFrame({
        "article_id": pd.Categorical.from_codes(arrays.pop("ids"), categories=pd.Index(article_ids))
        if len(article_ids) else pd.Categorical([]),
        "field": pd.Categorical.from_codes(arrays.pop("fld"), categories=list(fields)),
        "sentence": arrays.pop("sent"),
        "position": arrays.pop("pos"),
        "token": pd.Categorical.from_codes(codes, categories=pd.Index(cats))
        if cats else pd.Categorical([]),
        "norm": pd.Categorical.from_codes(norm_codes, categories=pd.Index(norm_cats))
        if cats else pd.Categorical([]),
        "is_stop": stop[norm_codes] if cats else np.array([], dtype=bool),
        "is_punct": punct[norm_codes] if cats else np.array([], dtype=bool),
        "start": arrays.pop("start"),
        "end": arrays.pop("end"),
    }, copy=False)
