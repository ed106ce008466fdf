"""Term counts without the token table: distinct chunks expanded once, occurrences counted with NumPy."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..chars import fold, is_punct
from .cache import make_room
from .chunks import numbered_chunks
from .pool import paused_gc, process_map, want_progress, with_progress
from .treebank import chunk_spans, fill

__all__ = ["count_rows", "count_all", "sum_counts", "terms_table", "Counts"]

Counts = tuple  # (term counts, document frequencies, number of words): what a batch of articles gives back

_NORMS: dict[tuple[str, bool], tuple[str, ...]] = {}
NORMS_MAX = 150_000


def _chunk_norms(chunk: str, last: bool) -> tuple[str, ...]:
    """The normalised word tokens (punctuation dropped) of one folded whitespace chunk, remembered."""
    key = (chunk, last)
    norms = _NORMS.get(key)
    if norms is None:
        norms = tuple(chunk[a:b].lower() for a, b in chunk_spans(chunk, last) if not is_punct(chunk[a:b]))
        make_room(_NORMS, NORMS_MAX)
        _NORMS[key] = norms
    return norms


@paused_gc()
def count_rows(args: tuple[list[tuple[str, ...]], frozenset[str]]) -> Counts:
    """Counts, document frequencies and the number of words of some rows (runs in workers).

    Every distinct chunk is expanded into its words once; counts are NumPy bincounts over chunk numbers:
    the same counts as tokenising every sentence.
    """
    rows, stops = args
    row_of = [i for i, texts in enumerate(rows) for t in texts if t]
    _, occ, keys, owner = numbered_chunks([t for texts in rows for t in texts if t])
    if not keys:
        return Counter(), Counter(), 0
    keys = [(fold(c), last) for c, last in keys]
    fill(k for k in keys if k not in _NORMS)
    terms: dict[str, int] = {}
    n_tok = np.zeros(len(keys), dtype=np.int64)
    kept_start = np.zeros(len(keys) + 1, dtype=np.int64)
    kept: list[int] = []
    for i, key in enumerate(keys):
        norms = _chunk_norms(*key)
        n_tok[i] = len(norms)
        kept.extend(terms.setdefault(n, len(terms)) for n in norms if n not in stops)
        kept_start[i + 1] = len(kept)
    per_chunk = np.bincount(occ, minlength=len(keys))
    n_words = int((per_chunk * n_tok).sum())
    if not terms:                                    # every token a stopword
        return Counter(), Counter(), n_words
    art = np.asarray(row_of, dtype=np.int64)[owner]
    count, doc = _bincounts(np.asarray(kept, dtype=np.int64), kept_start, per_chunk, art, occ, len(terms))
    names = list(terms)
    return (Counter({names[t]: int(count[t]) for t in np.flatnonzero(count)}),
            Counter({names[t]: int(doc[t]) for t in np.flatnonzero(doc)}), n_words)


def _bincounts(kept: np.ndarray, kept_start: np.ndarray, per_chunk: np.ndarray, art: np.ndarray, occ: np.ndarray,
               n_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """Term counts (each chunk's kept terms times its occurrences) and document frequencies."""
    kept_len = np.diff(kept_start)
    n_keys = len(per_chunk)

    def expand(chunk_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lens = kept_len[chunk_ids]
        owner = np.repeat(np.arange(len(chunk_ids)), lens)
        first = np.cumsum(lens) - lens
        return kept[kept_start[chunk_ids][owner] + (np.arange(len(owner)) - first[owner])], owner

    present = np.flatnonzero(per_chunk)
    term_of, owner = expand(present)
    count = np.bincount(term_of, weights=per_chunk[present][owner], minlength=n_terms).astype(np.int64)
    pairs = np.unique(art * n_keys + occ)                    # distinct (article, chunk) pairs
    term_of, owner = expand(pairs % n_keys)
    doc_terms = np.unique((pairs // n_keys)[owner] * n_terms + term_of) % n_terms
    return count, np.bincount(doc_terms, minlength=n_terms)


def terms_table(counts: Counter, docs: Counter, n_words: int, min_count: int = 1) -> pd.DataFrame:
    """The term frequency table (``term``, ``count``, ``per_10k``, ``doc_freq``, ``rank``) from counts."""
    terms = [t for t, k in counts.items() if k >= max(min_count, 1)]
    out = pd.DataFrame({"term": pd.array(terms, dtype=object),
                        "count": np.fromiter((counts[t] for t in terms), dtype=np.int64, count=len(terms)),
                        "doc_freq": np.fromiter((docs.get(t, 0) for t in terms), dtype=np.int64, count=len(terms))})
    out["per_10k"] = out["count"] / max(n_words, 1) * 10_000
    out["rank"] = out["count"].rank(method="min", ascending=False).astype("int64")
    out = out.sort_values(["rank", "term"], kind="stable").reset_index(drop=True)
    out["term"] = out["term"].astype(str)
    return out[["term", "count", "per_10k", "doc_freq", "rank"]]


def count_all(rows: Sequence[tuple[str, ...]], stops: frozenset[str], min_count: int, workers: int,
              chunk_size: int, progress: bool | None) -> pd.DataFrame:
    """The term table of rows of texts, counted in batches of ``chunk_size`` rows on ``workers`` processes."""
    batches = [(rows[i:i + chunk_size], stops) for i in range(0, len(rows), chunk_size)]
    show = want_progress(progress, len(rows))
    if workers > 1 and len(batches) > 1:
        results: Iterable = process_map(count_rows, batches, workers=workers, progress=show, desc="counting",
                                        total=len(batches))
    else:
        results = map(count_rows, with_progress(batches, show, total=len(batches), desc="counting", unit="chunk"))
    return terms_table(*sum_counts(results), min_count)


def sum_counts(parts: Iterable[Counts]) -> Counts:
    """The counts, document frequencies and words of batches (or Dask partitions), summed."""
    counts: Counter = Counter()
    docs: Counter = Counter()
    n_words = 0
    for c, d, n in parts:
        counts.update(c)
        docs.update(d)
        n_words += n
    return counts, docs, n_words
