"""``count_terms`` on files: read once in batches through the workers, cleaned as ``load_articles`` cleans.

Pass one parses and cleans each batch in a worker, spools the records to a temporary JSON Lines file and
sends back the sites' furniture candidates; pass two reads the spools, removes the learned furniture and
counts. Only counts travel back, so memory stays flat however large the archive; the spools (about the
size of the text) live in ``data/derived/tmp/`` and are removed when the count ends, however it ends.
"""
from __future__ import annotations

import os
import shutil
import uuid
import warnings
from collections import Counter
from pathlib import Path
from typing import Iterable, Literal, Sequence

import pandas as pd

from ..corpus import LOADER_VERSION
from ..corpus.furniture import SiteStats, learn
from ..corpus.readers import JSONL_SUFFIXES, Source, expand, rel
from ..corpus.report import (ATTRS_KEY, Collector, nothing_loaded, read_cached_table, skip_error, skip_warning,
                             write_cached_table)
from ..corpus.stream import source_tasks, spool_task, spooled_records, stream_check
from ..paths import derived_dir
from .cache import CacheKey
from .counting import count_rows, terms_table
from .pool import process_map, want_progress, with_progress
from .treebank import TOKENIZER_VERSION

__all__ = ["count_files"]

FIELDS = ("title", "caption", "body")


def _run(fn, tasks: Iterable, n_workers: int, show: bool, n_tasks: int, desc: str) -> Iterable:
    """``map(fn, tasks)`` on ``n_workers`` processes (in order), with a progress bar when ``show``."""
    if n_workers > 1:
        return process_map(fn, tasks, workers=n_workers, progress=show, desc=desc, total=n_tasks)
    return with_progress(map(fn, tasks), show, total=n_tasks, desc=desc, unit="chunk")


def _plan(files: list[Path], root: Path, chunk_size: int, key: CacheKey) -> tuple[dict[Path, bool], int]:
    """Which files can be streamed and the number of tasks; each file's name and content go into ``key``."""
    streamable: dict[Path, bool] = {}
    n_tasks = 0
    for f in files:
        digest, ok, n_lines = stream_check(f)
        key.text(rel(f, root)).text(digest)
        streamable[f] = ok and f.suffix.lower() in JSONL_SUFFIXES
        n_tasks += -(-n_lines // chunk_size) if streamable[f] else 1
    return streamable, n_tasks


def _count_spool(args: tuple[str, list[str], frozenset[str], dict, set[int] | None]) -> tuple:
    """Finish and count one spooled task (runs in workers): only counts, ids and skips come back."""
    spool, fields, stops, templates, lines = args
    recs, skipped = spooled_records(spool, templates, lines)
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
    counts, docs, n_words = count_rows((rows, stops))
    return meta, counts, docs, n_words, skipped, changes


class _Totals:
    """The sums over tasks, with the articles whose id an earlier task already had."""

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.docs: Counter = Counter()
        self.changes: Counter = Counter()
        self.n_words = 0
        self.seen: dict[str, tuple[str, int]] = {}
        self.again: dict[str, set[int]] = {}

    def add(self, spool: str, result: tuple, col: Collector, sign: int = 1) -> None:
        meta, c, d, n, skipped, ch = result
        for counter, part in ((self.counts, c), (self.docs, d), (self.changes, ch)):
            if sign > 0:
                counter.update(part)
            else:
                counter.subtract(part)
        self.n_words += sign * n
        if sign < 0:
            return
        col.skipped.extend(skipped)
        for aid, src, line in meta:
            if aid in self.seen:
                col.skip(src, line, f"duplicate article id {aid} (same as {self.seen[aid][0]}, line {self.seen[aid][1]})")
                self.again.setdefault(spool, set()).add(line)
            else:
                self.seen[aid] = (src, line)


def _count_spools(spools: list[str], fields: list[str], stops: frozenset[str], templates: dict, n_workers: int,
                  show: bool, col: Collector, on_error: str) -> _Totals:
    """Pass two: count every spool; then take back what articles repeating an earlier id added."""
    totals = _Totals()
    tasks = ((s, fields, stops, templates, None) for s in spools)
    for spool, result in zip(spools, _run(_count_spool, tasks, n_workers, show, len(spools), "counting")):
        totals.add(spool, result, col)
        if on_error == "raise" and col.skipped:
            raise skip_error(col.skipped[0])
    for spool, lines in totals.again.items():
        meta, c, d, n, _, ch = _count_spool((spool, fields, stops, templates, lines))
        totals.add(spool, ([], c, d, n, [], ch), col, sign=-1)
    return totals


def count_files(source: Source, *, fields: Sequence[str], stops: frozenset[str], min_count: int,
                workers: int | None, chunk_size: int, progress: bool | None, cache: bool,
                on_error: Literal["warn", "raise"]) -> pd.DataFrame:
    """:func:`analysis.count_terms` on files, streamed (see the module's docstring)."""
    fields = [f for f in fields if f in FIELDS]
    files, root = expand(source)
    key = CacheKey("terms", TOKENIZER_VERSION, LOADER_VERSION, fields, stops, min_count)
    streamable, n_tasks = _plan(files, root, chunk_size, key)
    path = key.path(".parquet", prefix="src-")
    report_path = path.with_suffix(".report.json")
    if cache and (cached := read_cached_table(path, report_path, on_error=on_error, stacklevel=3,
                                              where="load_report(result).skipped")) is not None:
        return cached
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    show = want_progress(progress, n_tasks * chunk_size)
    col = Collector()
    spool_dir = derived_dir() / "tmp" / f"spool-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    spool_dir.mkdir(parents=True)
    try:
        spools: list[str] = []
        stats: dict[str, SiteStats] = {}
        tasks = ((t, str(spool_dir / f"{i:07d}.jsonl"))
                 for i, t in enumerate(source_tasks(files, root, col, chunk_size, streamable)))
        for part in _run(_spool_and_name, tasks, n_workers, show, n_tasks, "reading"):
            spools.append(part[0])
            for e in part[1]:
                stats.setdefault(e[0], SiteStats()).add(e)
        totals = _count_spools(spools, fields, stops, learn(stats), n_workers, show, col, on_error)
    finally:
        shutil.rmtree(spool_dir, ignore_errors=True)
    return _finish(totals, col, source, min_count, path if cache else None, report_path)


def _spool_and_name(args: tuple[tuple, str]) -> tuple[str, list]:
    return args[1], spool_task(args)


def _finish(totals: _Totals, col: Collector, source: Source, min_count: int, path: Path | None,
            report_path: Path) -> pd.DataFrame:
    """The table with its load report; skips announced; cached when ``path`` is given."""
    col.changes = [{"article_id": "", "source": "", "line": None, "action": "", "what": w, "detail": "", "n": k}
                   for w, k in sorted(totals.changes.items()) if k > 0]
    report = col.report()
    if len(report.skipped):
        warnings.warn(skip_warning(report, "load_report(result).skipped"), stacklevel=4)
    if not totals.seen:
        raise nothing_loaded(source, report)
    result = terms_table(totals.counts, totals.docs, totals.n_words, min_count)
    result.attrs[ATTRS_KEY] = report.to_json()
    if path is not None:
        write_cached_table(result, report, path, report_path)
    return result
