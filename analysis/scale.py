"""Large corpora: term counts without the full token table, on all cores or on a Dask cluster.

* :func:`count_terms` — the corpus's term frequencies (same columns as
  :func:`analysis.term_frequencies`) counted chunk by chunk in worker processes, never holding the
  token table. Given files instead of a table it streams them: JSONL is read in batches of lines,
  parsed, cleaned and counted in the workers, so memory does not grow with the corpus.
* :func:`term_frequencies` — the same on a Dask collection (a bag of article dicts, or a Dask
  DataFrame with the article columns), so a cluster can count an archive that outgrows one machine.
  Dask is imported only when used (``pip install "dask[distributed]"``).

>>> from analysis import load_articles, raw_dir
>>> count_terms(load_articles(raw_dir())).head(3)[["term", "count"]].values.tolist()
[['army', 8], ['forces', 6], ['iraqi', 6]]
"""
from __future__ import annotations

import hashlib
import os
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Literal, Sequence

import numpy as np
import pandas as pd

from ._parallel import (default_workers, process_map, read_parquet_cache, want_progress, with_progress,
                        write_parquet_atomic)
from .describe import column_texts, hash_texts
from .corpus import LOADER_VERSION, LoadError, LoadReport, load_report
from .corpus.furniture import SiteStats, learn
from .corpus.readers import JSONL_SUFFIXES, Source, expand, rel
from .corpus.report import (ATTRS_KEY, Collector, nothing_loaded, read_cached_table, skip_error, skip_warning,
                            write_cached_table)
from .corpus.stream import reread, source_tasks, stream_check, task_records, task_stats
from .paths import derived_dir
from .text import (TOKENIZER_VERSION, StopwordOption, _chunk_spans, _fill_chunk_cache, fold, is_punct,
                       make_room, sentence_spans, stopword_set)

__all__ = ["count_terms", "term_frequencies", "articles_bag"]


_NORMS: dict[tuple[str, bool], tuple[str, ...]] = {}
_NORMS_MAX = 150_000


def _chunk_norms(chunk: str, last: bool) -> tuple[str, ...]:
    """The normalised word tokens (punctuation dropped) of one folded whitespace chunk, cached."""
    key = (chunk, last)
    norms = _NORMS.get(key)
    if norms is None:
        norms = tuple(chunk[a:b].lower() for a, b in _chunk_spans(chunk, last) if not is_punct(chunk[a:b]))
        make_room(_NORMS, _NORMS_MAX)
        _NORMS[key] = norms
    return norms


def _count_rows(args: tuple[list[tuple[str, ...]], frozenset[str]]) -> tuple[Counter, Counter, int]:
    """Counts, document frequencies and the number of word tokens of some rows (runs in workers).

    Splits each sentence into whitespace chunks (C-speed ``str.split``), gives every distinct chunk an
    integer id, and expands each distinct chunk into its Treebank tokens once; the counts are then
    NumPy bincounts over chunk ids: the same counts as tokenising every sentence.
    """
    rows, stops = args
    ids: dict[str, int] = {}
    seqs: list[list[int]] = []
    for texts in rows:
        keys: list[str] = []
        for text in texts:
            if not text:
                continue
            folded = fold(text)
            for s0, s1 in sentence_spans(folded, folded=True):
                chunks = folded[s0:s1].split()
                if chunks:
                    keys.extend(chunks)
                    keys[-1] += "\n"          # a sentence's last chunk: the final-period rules apply
        seqs.append([ids.setdefault(k, len(ids)) for k in keys])
    if not ids:
        return Counter(), Counter(), 0
    distinct = list(ids)
    _fill_chunk_cache((k[:-1], True) if k.endswith("\n") else (k, False)
                      for k in distinct if (k.rstrip("\n"), k.endswith("\n")) not in _NORMS)
    # per distinct chunk: its number of word tokens, and its kept (non-stopword) norms as term ids
    terms: dict[str, int] = {}
    n_tok = np.zeros(len(distinct), dtype=np.int64)
    kept_start = np.zeros(len(distinct) + 1, dtype=np.int64)
    kept: list[int] = []
    for i, k in enumerate(distinct):
        norms = _chunk_norms(k[:-1], True) if k.endswith("\n") else _chunk_norms(k, False)
        n_tok[i] = len(norms)
        kept.extend(terms.setdefault(n, len(terms)) for n in norms if n not in stops)
        kept_start[i + 1] = len(kept)
    occ = np.concatenate([np.asarray(s, dtype=np.int64) for s in seqs])
    art = np.repeat(np.arange(len(seqs)), [len(s) for s in seqs])
    per_chunk = np.bincount(occ, minlength=len(distinct))
    n_words = int((per_chunk * n_tok).sum())
    if not terms:                                    # every token a stopword
        return Counter(), Counter(), n_words
    kept_arr = np.asarray(kept, dtype=np.int64)
    kept_len = np.diff(kept_start)

    def expand(chunk_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The term ids of the given chunks (ragged), and for each the index of its chunk in ``chunk_ids``."""
        lens = kept_len[chunk_ids]
        owner = np.repeat(np.arange(len(chunk_ids)), lens)
        first = np.cumsum(lens) - lens
        return kept_arr[kept_start[chunk_ids][owner] + (np.arange(len(owner)) - first[owner])], owner

    # counts: each distinct chunk's kept terms, weighted by how often the chunk occurs
    present = np.flatnonzero(per_chunk)
    term_of, owner = expand(present)
    count = np.bincount(term_of, weights=per_chunk[present][owner], minlength=len(terms)).astype(np.int64)
    # document frequencies: distinct (article, term) pairs
    pairs = np.unique(art * len(distinct) + occ)
    term_of, owner = expand(pairs % len(distinct))
    doc_terms = np.unique((pairs // len(distinct))[owner] * len(terms) + term_of) % len(terms)
    doc = np.bincount(doc_terms, minlength=len(terms))
    names = list(terms)
    counts = Counter({names[t]: int(count[t]) for t in np.flatnonzero(count)})
    docs = Counter({names[t]: int(doc[t]) for t in np.flatnonzero(doc)})
    return counts, docs, n_words


def _table(counts: Counter, docs: Counter, n_words: int, min_count: int = 1) -> pd.DataFrame:
    terms = [t for t, k in counts.items() if k >= max(min_count, 1)]
    out = pd.DataFrame({"term": pd.array(terms, dtype=object),
                        "count": np.fromiter((counts[t] for t in terms), dtype=np.int64, count=len(terms)),
                        "doc_freq": np.fromiter((docs.get(t, 0) for t in terms), dtype=np.int64, count=len(terms))})
    out["per_10k"] = out["count"] / max(n_words, 1) * 10_000
    out["rank"] = out["count"].rank(method="min", ascending=False).astype("int64")
    out = out.sort_values(["rank", "term"], kind="stable").reset_index(drop=True)
    out["term"] = out["term"].astype(str)
    return out[["term", "count", "per_10k", "doc_freq", "rank"]]


def count_terms(articles: pd.DataFrame | Source, *, fields: Sequence[str] = ("title", "body"),
                stopwords: StopwordOption = True, min_count: int = 1, workers: int | None = None,
                chunk_size: int = 500, progress: bool | None = None, cache: bool = False,
                on_error: Literal["warn", "raise"] = "warn") -> pd.DataFrame:
    """Term frequencies of a (large) corpus, counted in parallel without building the token table.

    ``articles`` is a table from :func:`analysis.load_articles`, or what ``load_articles`` takes (a
    file, folder, glob or list of them). Either way the result is the same as
    ``term_frequencies(tokens(load_articles(...)), fields=fields, stopwords=stopwords)``. Files are
    streamed: ``chunk_size`` JSONL lines at a time are parsed, cleaned and counted in the workers and
    only the counts come back, so memory stays flat however large the archive (other files are one
    task each). Articles whose id was already seen are skipped, as ``load_articles`` skips them; what
    is skipped is in ``load_report(result)`` (a :class:`~analysis.corpus.LoadReport`, changes summed
    per kind; the page furniture is learned in a first pass over the files, as ``load_articles`` learns
    it) and announced with one :class:`~analysis.corpus.LoadWarning`.

    ``workers`` defaults to all cores from 2,000 articles up (always for files); ``progress`` shows a
    tqdm bar (default: from 2,000 articles or lines up); ``cache=True`` keeps the table as Parquet in
    ``data/derived/terms/`` under a key of the texts (or the files' bytes) and the settings, so an
    unchanged corpus is not counted again.

    >>> count_terms(raw_dir(), stopwords="news").head(3)[["term", "count"]].values.tolist()
    [['army', 8], ['forces', 6], ['iraqi', 6]]
    """
    if not isinstance(articles, pd.DataFrame):
        return _count_source(articles, fields=fields, stops=stopword_set(stopwords), min_count=min_count,
                             workers=workers, chunk_size=chunk_size, progress=progress, cache=cache,
                             on_error=on_error)
    fields = [f for f in fields if f in articles.columns]
    stops = stopword_set(stopwords)
    path = None
    if cache:
        h = hashlib.sha1(f"{TOKENIZER_VERSION}|{fields}|{sorted(stops)}|{min_count}".encode())
        for f in fields:
            hash_texts(h, articles[f])
        path = derived_dir() / "terms" / f"{h.hexdigest()[:20]}.parquet"
        cached = read_parquet_cache(path)
        if cached is not None:
            return cached
    rows = list(zip(*(column_texts(articles[f]) for f in fields)))
    result = _count_all(rows, stops, min_count, workers, chunk_size, progress)
    if path is not None:
        write_parquet_atomic(result, path)
    return result


def _count_task(args: tuple[tuple, list[str], frozenset[str], dict]) -> tuple:
    """Read, clean and count one streaming task (runs in workers): only counts and ids come back."""
    task, fields, stops, templates = args
    recs, skipped = task_records(task, templates)
    local: dict[str, tuple[str, int]] = {}
    meta: list[tuple[str, str, int]] = []
    rows: list[tuple[str, ...]] = []
    changes: Counter = Counter()
    for r in recs:
        aid = r["article_id"]
        if aid in local:
            src, line = local[aid]
            skipped.append({"source": r["source"], "line": r["line"],
                            "reason": f"duplicate article id {aid} (same as {src}, line {line})"})
            continue
        local[aid] = (r["source"], r["line"])
        meta.append((aid, r["source"], r["line"]))
        rows.append(tuple(str(r.get(f) or "") for f in fields))
        changes.update(what for _, _, what, _ in r["_events"])
        changes.update(r["_repairs"])
    counts, docs, n_words = _count_rows((rows, stops))
    return task[1], meta, counts, docs, n_words, skipped, changes


def _count_source(source: Source, *, fields: Sequence[str], stops: frozenset[str], min_count: int,
                  workers: int | None, chunk_size: int, progress: bool | None, cache: bool,
                  on_error: Literal["warn", "raise"]) -> pd.DataFrame:
    """:func:`count_terms` on files, streamed (see there)."""
    fields = [f for f in fields if f in ("title", "caption", "body")]
    files, root = expand(source)
    streamable, key, n_tasks = _plan(files, root, chunk_size,
                                     f"{TOKENIZER_VERSION}|{LOADER_VERSION}|{fields}|{sorted(stops)}|{min_count}")
    path = derived_dir() / "terms" / f"src-{key}.parquet" if cache else None
    if path is not None and (cached := _cached_counts(path, on_error)) is not None:
        return cached

    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    show = want_progress(progress, n_tasks * chunk_size)
    templates = _learn_furniture(files, root, chunk_size, streamable, n_workers, show, n_tasks)
    col = Collector()
    tasks = ((t, fields, stops, templates) for t in source_tasks(files, root, col, chunk_size, streamable))
    results = _run(_count_task, tasks, n_workers, show, n_tasks, "counting")
    counts: Counter = Counter()
    docs: Counter = Counter()
    changes: Counter = Counter()
    n_words = 0
    seen: dict[str, tuple[str, int]] = {}
    again: dict[str, set[tuple[int, str]]] = {}
    for file, meta, c, d, n, skipped, ch in results:
        counts.update(c)
        docs.update(d)
        changes.update(ch)
        n_words += n
        col.skipped.extend(skipped)
        for aid, src, line in meta:
            if aid in seen:
                col.skip(src, line, f"duplicate article id {aid} (same as {seen[aid][0]}, line {seen[aid][1]})")
                again.setdefault(file, set()).add((line, aid))
            else:
                seen[aid] = (src, line)
        if on_error == "raise" and col.skipped:
            raise skip_error(col.skipped[0])
    # Articles that repeat an id seen in an earlier batch were counted by their worker: take them back.
    c, d, n, ch = _duplicates_counts(again, root, streamable, templates, fields, stops)
    counts.subtract(c)
    docs.subtract(d)
    n_words -= n
    changes.subtract(ch)
    col.changes = [{"article_id": "", "source": "", "line": None, "action": "", "what": w, "detail": "", "n": k}
                   for w, k in sorted(changes.items()) if k > 0]
    report = col.report()
    if len(report.skipped):
        warnings.warn(skip_warning(report, "load_report(result).skipped"), stacklevel=3)
    if not seen:
        raise nothing_loaded(source, report)
    result = _table(counts, docs, n_words, min_count)
    result.attrs[ATTRS_KEY] = report.to_json()
    if path is not None:
        write_cached_table(result, report, path, path.with_suffix(".report.json"))
    return result


def _plan(files: list[Path], root: Path, chunk_size: int, settings: str) -> tuple[dict[Path, bool], str, int]:
    """Which files can be streamed, the cache key of files and settings, and the number of tasks."""
    streamable: dict[Path, bool] = {}
    key = hashlib.sha1(settings.encode())
    n_tasks = 0
    for f in files:
        digest, ok, n_lines = stream_check(f)
        key.update(f"{rel(f, root)}|{digest}".encode())
        streamable[f] = ok and f.suffix.lower() in JSONL_SUFFIXES
        n_tasks += -(-n_lines // chunk_size) if streamable[f] else 1
    return streamable, key.hexdigest()[:20], n_tasks


def _run(fn, tasks: Iterable, n_workers: int, show: bool, n_tasks: int, desc: str) -> Iterable:
    """``map(fn, tasks)`` on ``n_workers`` processes (in order), with a progress bar when ``show``."""
    if n_workers > 1:
        return process_map(fn, tasks, workers=n_workers, progress=show, desc=desc, total=n_tasks)
    return with_progress(map(fn, tasks), show, total=n_tasks, desc=desc, unit="chunk")


def _duplicates_counts(again: dict[str, set[tuple[int, str]]], root: Path, streamable: dict[Path, bool],
                       templates: dict, fields: list[str], stops: frozenset[str]) -> tuple:
    """The counts and changes of the articles skipped as duplicates after their worker counted them."""
    counts: Counter = Counter()
    docs: Counter = Counter()
    changes: Counter = Counter()
    n_words = 0
    for file, lines in again.items():
        p = Path(file)
        recs = [r for r in reread(p, rel(p, root), streamable[p], {ln for ln, _ in lines}, templates)
                if (r["line"], r["article_id"]) in lines]
        c, d, n = _count_rows(([tuple(str(r.get(f) or "") for f in fields) for r in recs], stops))
        counts.update(c)
        docs.update(d)
        n_words += n
        for r in recs:
            changes.update(what for _, _, what, _ in r["_events"])
            changes.update(r["_repairs"])
    return counts, docs, n_words, changes


def _learn_furniture(files: list[Path], root: Path, chunk_size: int, streamable: dict[Path, bool], n_workers: int,
                     show: bool, n_tasks: int) -> dict:
    """First pass over the files: each site's page furniture, learned as :func:`load_articles` learns it."""
    parts = _run(task_stats, source_tasks(files, root, Collector(), chunk_size, streamable), n_workers, show,
                 n_tasks, "learning page furniture")
    stats: dict[str, SiteStats] = {}
    for part in parts:
        for e in part:
            stats.setdefault(e[0], SiteStats()).add(e)
    return learn(stats)


def _cached_counts(path: Path, on_error: Literal["warn", "raise"]) -> pd.DataFrame | None:
    """The cached table with its JSON report, or None (absent or corrupt: rebuilt, never fatal)."""
    return read_cached_table(path, path.with_suffix(".report.json"), on_error=on_error,
                             where="load_report(result).skipped", stacklevel=4)


def _count_all(rows, stops, min_count, workers, chunk_size, progress) -> pd.DataFrame:
    n_workers = workers if workers is not None else default_workers(len(rows))
    chunks = [(rows[i:i + chunk_size], stops) for i in range(0, len(rows), chunk_size)]
    total_counts: Counter = Counter()
    total_docs: Counter = Counter()
    n_words = 0
    show = want_progress(progress, len(rows))
    if n_workers > 1 and len(chunks) > 1:
        results: Iterable = process_map(_count_rows, chunks, workers=n_workers, progress=show, desc="counting",
                                        total=len(chunks))
    else:
        results = map(_count_rows, with_progress(chunks, show, total=len(chunks), desc="counting", unit="chunk"))
    for c, d, n in results:
        total_counts.update(c)
        total_docs.update(d)
        n_words += n
    return _table(total_counts, total_docs, n_words, min_count)


# -------------------------------------------------------------------------------------------------
# Dask
def articles_bag(sources: Sequence[str | os.PathLike], *, npartitions: int | None = None) -> Any:
    """A Dask bag of article dicts, one file per task, each read with :func:`analysis.load_articles`."""
    import dask.bag as db

    from .corpus import load_articles

    def read(path):
        return load_articles(path).to_dict("records")

    return db.from_sequence([str(s) for s in sources], npartitions=npartitions or len(sources)).map(read).flatten()


def _partition_counts(records: Iterable[dict], fields: Sequence[str], stops: frozenset[str]) -> list:
    rows = [tuple(str(r.get(f) or "") for f in fields) for r in records]
    return [_count_rows((rows, stops))]


def term_frequencies(collection: Any, *, fields: Sequence[str] = ("title", "body"),
                     stopwords: StopwordOption = True, min_count: int = 1) -> pd.DataFrame:
    """Term frequencies of a Dask bag of article dicts or a Dask DataFrame of articles.

    Each partition is counted where it lives; only the per-partition counters travel to the client.
    Equals :func:`count_terms` (and :func:`analysis.term_frequencies`) on the same articles. Articles
    are counted as given: an id repeated in two files is counted twice here, while ``load_articles``
    and ``count_terms(path)`` keep the first (each file read by :func:`articles_bag` is deduplicated).

    >>> import dask                        # with a cluster: Client(LocalCluster(n_workers=2)) or Client("tcp://…")
    >>> with dask.config.set(scheduler="sync"):
    ...     tf = term_frequencies(articles_bag([raw_dir()]))
    >>> tf.head(2)[["term", "count"]].values.tolist()
    [['army', 8], ['forces', 6]]
    """
    stops = stopword_set(stopwords)
    fields = list(fields)
    if hasattr(collection, "to_delayed") and hasattr(collection, "columns"):      # Dask DataFrame
        fields = [f for f in fields if f in collection.columns]
        bag = collection[fields].to_bag(format="dict")
    else:
        bag = collection
    parts = bag.map_partitions(_partition_counts, fields, stops).compute()
    counts: Counter = Counter()
    docs: Counter = Counter()
    n_words = 0
    for c, d, n in parts:
        counts.update(c)
        docs.update(d)
        n_words += n
    return _table(counts, docs, n_words, min_count)


# -------------------------------------------------------------------------------------------------
# Command line
def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.scale ARCHIVE... [--out terms.csv]``: term counts of a large archive, streamed."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m analysis.scale",
                                 description="Term frequencies of an archive (files, folders or globs), streamed "
                                             "on all cores with a progress bar; the same counts as "
                                             "term_frequencies(tokens(load_articles(...))).")
    ap.add_argument("sources", nargs="+", help="files, folders or globs that load_articles reads")
    ap.add_argument("--out", type=Path, help="write the whole table as CSV here")
    ap.add_argument("--stopwords", choices=["english", "news", "none"], default="english")
    ap.add_argument("--fields", default="title,body", help="comma-separated article fields (default: title,body)")
    ap.add_argument("--top", type=int, default=20, help="print the N most frequent terms (default 20)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--cache", action="store_true", help="reuse/keep the result in data/derived/terms/")
    args = ap.parse_args(argv)
    stop: StopwordOption = {"english": True, "news": "news", "none": False}[args.stopwords]
    try:
        tf = count_terms(args.sources if len(args.sources) > 1 else args.sources[0], stopwords=stop,
                         fields=args.fields.split(","), workers=args.workers, cache=args.cache, progress=True)
    except LoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report: LoadReport = load_report(tf)
    print(report.summary(), file=sys.stderr)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tf.to_csv(args.out, index=False)
        print(f"{len(tf):,} terms written to {args.out}", file=sys.stderr)
    print(tf.head(args.top).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
