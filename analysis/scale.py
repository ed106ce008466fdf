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

import os
from pathlib import Path
from typing import Any, Iterable, Literal, Sequence

import pandas as pd

from .corpus import LoadError, LoadReport, load_report
from .corpus.columns import column_texts
from .corpus.readers import Source
from .engine.cache import CacheKey, cached_table
from .engine.counting import count_all, count_rows, sum_counts, terms_table
from .engine.pool import default_workers, paused_gc
from .engine.streaming import count_files
from .engine.treebank import TOKENIZER_VERSION
from .text import StopwordOption, check_ids, stopword_set

__all__ = ["count_terms", "term_frequencies", "articles_bag"]


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
    fields = [fields] if isinstance(fields, str) else list(fields)
    if not isinstance(articles, pd.DataFrame):
        with paused_gc():
            return count_files(articles, fields=fields, stops=stopword_set(stopwords), min_count=min_count,
                               workers=workers, chunk_size=chunk_size, progress=progress, cache=cache,
                               on_error=on_error)
    fields = [f for f in fields if f in articles.columns]
    if "article_id" in articles.columns:
        check_ids(articles, "count_terms")
    stops = stopword_set(stopwords)
    key = None
    if cache:
        key = CacheKey("terms", TOKENIZER_VERSION, fields, stops, min_count)
        for f in fields:
            key.texts(articles[f])

    def build() -> pd.DataFrame:
        rows = list(zip(*(column_texts(articles[f]) for f in fields)))          # text only, checked here
        n_workers = workers if workers is not None else default_workers(len(rows))
        return count_all(rows, stops, min_count, n_workers, chunk_size, progress)

    with paused_gc():
        return cached_table(key, build)


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
    return [count_rows((rows, stops))]


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
    return terms_table(*sum_counts(bag.map_partitions(_partition_counts, fields, stops).compute()), min_count)


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
