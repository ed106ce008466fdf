"""``load_articles``: read a corpus into one row per article, with its load report."""
from __future__ import annotations

import hashlib
import warnings
from typing import Literal

import pandas as pd

from .dates import DateOrders
from .furniture import Templates, learn, remove, site_stats
from .readers import Source, expand, not_regular, read, readable, rel
from .report import (ATTRS_KEY, Collector, LoadError, LoadReport, attach_report, load_report, nothing_loaded,
                     read_cached_table, skip_error, skip_warning, write_cached_table, change_warning)
from .shape import shape_furniture
from ..engine.cache import CacheKey, write_parquet
from ..engine.forked import fork_available, run_forked
from ..engine.pool import paused_gc, release_memory
from ..engine.words import count_words, prime
from .widgets import widgets

__all__ = ["load_articles", "ARTICLE_COLUMNS", "LOADER_VERSION"]

ARTICLE_COLUMNS = [
    "article_id", "title", "caption", "credit", "body", "date", "source", "line",
    "url", "n_words", "n_paragraphs", "changes", "author", "tags", "dateline",
]
LOADER_VERSION = "loader-8"
#: From this many bytes of input up, the corpus is loaded in a forked child process and only the table comes
#: back (as Parquet bytes): the memory loading churns through goes with the child instead of staying pinned in
#: this one (at 40 MB of text, ≈ 90 MB less kept after loading; sending the table back costs ≈ 0.2 s). Below
#: it, the load runs here: at a few megabytes there is little to keep and the round trip would show.
CHILD_MIN_BYTES = 16 * 2**20
EMPTY_AFTER_FURNITURE = "article has no body left once page furniture is removed"
#: Removal labels that come from the widget catalogue (reported as furniture with origin "catalogue").
_EXTRA_WIDGET_LABELS = {"photo credit", "photo caption"}


def _catalogue_names() -> dict[str, str]:
    """Removal label → where its catalogue rule acts (cached per catalogue)."""
    rules = widgets()
    key = tuple(map(id, rules))
    if _NAMES.get("key") != key:
        names = {w.name: w.where for w in rules}
        names.update({k: "line" for k in _EXTRA_WIDGET_LABELS})
        _NAMES.update(key=key, names=names)
    return _NAMES["names"]


_NAMES: dict = {}


def finish(rec: dict, templates: dict[str, Templates]) -> dict | None:
    """A record made a table row: learned furniture removed, body joined, id and counts set.

    Returns None when nothing of the body is left (the caller counts the skip).
    """
    t = templates.get(rec["site"])
    furniture = []
    cut_end = False
    if t is not None:
        for where, template, text in remove(rec, t):
            rec["_events"].append((rec["line"], "removed", "learned page furniture", text))
            furniture.append(("learned", where, template, count_words(text)))
            cut_end = cut_end or where == "end of body"
    # what neither the catalogue nor the site's learned furniture took, told by its shape
    rec["paragraphs"], shaped = shape_furniture(rec["paragraphs"], cut_end=cut_end)
    rec["_events"].extend(shaped)
    names = _catalogue_names()
    for _, action, what, detail in rec["_events"]:
        if action == "removed" and what in names:
            furniture.append(("catalogue", names[what], what, count_words(detail)))
    paragraphs = rec.pop("paragraphs")
    body = "\n\n".join(p for _, p in paragraphs)
    if not body:
        return None
    title = rec["title"]
    known = rec.pop("_words", None) or {}          # paragraphs' words counted by the reader, if it did
    n_words = sum(known[p] if p in known else count_words(p) for _, p in paragraphs)
    rec.update(body=body, n_words=n_words, n_paragraphs=len(paragraphs), _furniture=furniture,
               article_id=rec.pop("given_id") or hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()[:16])
    return rec


def learn_templates(records: list[dict]) -> dict[str, Templates]:
    """The learned furniture of every site in ``records``."""
    return learn(site_stats(records))


def finalize(records: list[dict], templates: dict[str, Templates], col: Collector) -> list[dict]:
    """Finished rows, duplicates skipped, numeric dates read in their file's order of day and month
    (:class:`~.dates.DateOrders`); changes and furniture collected into ``col``."""
    rows: list[dict] = []
    dates = DateOrders(records)
    first_seen: dict[str, dict] = {}
    furniture: dict[tuple, list[int]] = {}
    prime(text for rec in records if "_words" not in rec for _, text in rec["paragraphs"])   # batched NLTK calls
    for rec in records:
        src, line = rec["source"], rec["line"]
        rec = finish(rec, templates)
        if rec is None:
            col.skip(src, line, EMPTY_AFTER_FURNITURE)
            continue
        aid = rec["article_id"]
        if aid in first_seen:
            other = first_seen[aid]
            col.skip(rec["source"], rec["line"],
                     f"duplicate article id {aid} (same as {other['source']}, line {other['line']})")
            continue
        first_seen[aid] = rec
        dates.settle(rec)
        for line, action, what, detail in rec.pop("_events"):
            col.changes.append({"article_id": aid, "source": rec["source"], "line": line,
                                "action": action, "what": what, "detail": detail, "n": 1})
        for what, n in sorted(rec.pop("_repairs").items()):
            col.changes.append({"article_id": aid, "source": rec["source"], "line": None,
                                "action": "repaired", "what": what, "detail": "", "n": n})
        seen_here = set()
        for origin, where, template, n_words in rec.pop("_furniture"):
            tally = furniture.setdefault((rec["site"], origin, where, template), [0, 0])
            tally[0] += (origin, where, template) not in seen_here
            tally[1] += n_words
            seen_here.add((origin, where, template))
        rows.append(rec)
    col.changes.extend(dates.changes())
    col.furniture.extend({"site": k[0], "origin": k[1], "where": k[2], "template": k[3],
                          "n_articles": v[0], "n_words": v[1]} for k, v in sorted(furniture.items()))
    return rows


def _change_text(changes: pd.DataFrame) -> dict[str, str]:
    """Per article, its changes summed by kind in order of first appearance: ``"what ×n; …"``."""
    per: dict[str, dict[str, int]] = {}
    for aid, what, n in zip(changes["article_id"].tolist(), changes["what"].tolist(), changes["n"].tolist()):
        if aid is None or what is None or aid != aid or what != what:     # unkeyed rows: never grouped
            continue
        kinds = per.setdefault(aid, {})
        kinds[what] = kinds.get(what, 0) + n
    return {aid: "; ".join(f"{w} ×{n}" for w, n in kinds.items()) for aid, kinds in per.items()}


def _table(rows: list[dict], report: LoadReport) -> pd.DataFrame:
    articles = pd.DataFrame(rows, columns=[c for c in ARTICLE_COLUMNS if c != "changes"])
    articles["date"] = pd.to_datetime(articles["date"]).astype("datetime64[ns]")
    for c in ("line", "n_words", "n_paragraphs"):
        articles[c] = articles[c].astype("int64")
    for c in ("author", "tags", "dateline", "url", "caption", "credit"):
        articles[c] = articles[c].fillna("").astype(str)
    changes = ""
    if len(report.changes):
        # as text even when no row is keyed to an article (a file's row only): the cached table reads the same
        changes = articles["article_id"].map(_change_text(report.changes)).fillna("").astype(str)
    articles.insert(ARTICLE_COLUMNS.index("changes"), "changes", changes)
    articles = articles[ARTICLE_COLUMNS]
    articles.attrs[ATTRS_KEY] = report.to_json()
    return articles


def load_articles(source: Source, *, on_error: Literal["warn", "raise"] = "warn",
                  cache: bool = False, progress: bool | None = None) -> pd.DataFrame:
    """Load articles from a file, a folder (recursive), a glob, or a list of these.

    Formats by extension: ``.txt``/``.md`` (scraped page-text dumps holding one or more articles, plain
    articles, or articles with a header block of ``Key: value`` lines), ``.jsonl`` and ``.csv``/``.tsv``
    with a ``body`` (optional ``title``, ``date``, ``url``, ``source``, ``id``, ``author``, ``tags``; a
    JSONL body may be a list of paragraphs).

    Returns one row per article: ``article_id`` (a content hash, stable across runs, or the input's
    ``id``), ``title``, ``caption``, ``credit``, ``body`` (paragraphs joined by blank lines), ``date``
    (with its time; NaT when unknown; a numeric date like ``05/04/2017`` in the order of day and month its
    file's dates prove, else day first, counted in the report), ``source`` (path relative to the corpus root, or the record's
    ``source``), ``line``, ``url``, ``n_words``, ``n_paragraphs``, ``changes``, ``author``, ``tags``,
    ``dateline``. Page furniture is removed: the widget catalogue (``analysis/data/widgets.tsv``) from
    every article, and what recurs across many articles of one site (its folder or ``source``). What was
    removed, repaired or skipped is in :func:`load_report`; skips are announced with one
    :class:`LoadWarning` (``on_error="raise"``: a :class:`LoadError` naming the file and line).

    ``cache=True`` keeps the table (Parquet) and its report (JSON) in ``data/derived/articles/``, keyed
    by the files' bytes and the loader's version; a corrupt cache is rebuilt. ``progress`` shows a bar
    while large JSONL files are parsed on all cores (default: from 2,000 lines up).

    >>> from analysis import raw_dir
    >>> arts = load_articles(raw_dir())
    >>> arts["n_words"].tolist()
    [256, 148]
    """
    if cache:
        return _cached_load(source, on_error, progress)
    if _load_in_child(source):
        return _forked_load(source, on_error, progress)
    return _load(source, on_error, progress)


def _load(source: Source, on_error: str, progress: bool | None, warn: bool = True) -> pd.DataFrame:
    """:func:`load_articles` in this process (``warn=False``: skips only in the report, not announced)."""
    col = Collector()
    rows = _rows(source, col, on_error, progress)
    report = col.report()
    if on_error == "raise" and len(report.skipped):
        raise skip_error(report.skipped.iloc[0])
    if warn and (announced := change_warning(report, "load_report(articles).changes")) is not None:
        warnings.warn(announced, stacklevel=3)
    if warn and len(report.skipped):
        warnings.warn(skip_warning(report, "load_report(articles).skipped"), stacklevel=3)
    if not rows:
        raise nothing_loaded(source, report)
    articles = _table(rows, report)
    rows.clear()
    release_memory()
    return articles


@paused_gc()
def _rows(source: Source, col: Collector, on_error: str, progress: bool | None) -> list[dict]:
    """Every file read, the furniture learned and removed: the table's rows (skips and changes in ``col``)."""
    files, root = expand(source)
    records: list[dict] = []
    for path in files:
        rel_ = rel(path, root)
        if readable(path, rel_, col) is None:
            continue
        records.extend(read(path, rel_, col, progress=progress))
        if on_error == "raise" and col.skipped:
            raise skip_error(col.skipped[0])
    return finalize(records, learn_templates(records), col)


def _cache_key(source: Source, on_error: str) -> CacheKey:
    """The articles cache's key: loader version, settings, widget catalogue, and each file's name and bytes."""
    files, root = expand(source)
    key = CacheKey("articles", LOADER_VERSION, on_error, [(w.where, w.name, w.pattern.pattern) for w in widgets()])
    for path in files:
        why = not_regular(path)
        if why:
            key.text(rel(path, root)).text(why)
        else:
            key.files([path], [rel(path, root)])
    return key


def _cached_load(source: Source, on_error: Literal["warn", "raise"], progress: bool | None) -> pd.DataFrame:
    """:func:`load_articles` through a Parquet table and a JSON report in ``data/derived/articles/``."""
    key = _cache_key(source, on_error)
    table_path, report_path = key.path(".parquet"), key.path(".report.json")
    articles = read_cached_table(table_path, report_path, on_error=on_error, columns=ARTICLE_COLUMNS,
                                 where="load_report(articles).skipped (cached load)", stacklevel=3)
    if articles is not None:
        return _dated(articles)
    articles = load_articles(source, on_error=on_error, progress=progress)
    write_cached_table(articles, load_report(articles), table_path, report_path)
    return articles


def _dated(articles: pd.DataFrame) -> pd.DataFrame:
    """A table back from Parquet with its dates in the loader's own type (Parquet may hand back microseconds)."""
    articles["date"] = articles["date"].astype("datetime64[ns]")
    return articles


def _load_in_child(source: Source) -> bool:
    """Whether to load in a forked child: fork available and at least :data:`CHILD_MIN_BYTES` of input files."""
    import os
    import stat

    if not fork_available():
        return False
    try:
        files, _ = expand(source)
    except Exception:                      # noqa: BLE001 - the load in this process raises the clear error
        return False
    size = 0
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            continue
        size += st.st_size if stat.S_ISREG(st.st_mode) else 0
    return size >= CHILD_MIN_BYTES


def _forked_load(source: Source, on_error: Literal["warn", "raise"], progress: bool | None) -> pd.DataFrame:
    """:func:`load_articles` run in a forked child (:mod:`analysis.engine.forked`); the same table and report."""
    import io
    import json

    table, report = run_forked(_load_as_bytes, source, on_error, progress, expected=(LoadError, OSError, TypeError))
    articles = _dated(pd.read_parquet(io.BytesIO(table)))
    del table
    articles = attach_report(articles, json.loads(report), on_error=on_error,
                             where="load_report(articles).skipped", stacklevel=3)
    release_memory()
    return articles


def _load_as_bytes(source: Source, on_error: str, progress: bool | None) -> tuple[bytes, bytes]:
    """In the child: the loaded table as Parquet bytes and its report as JSON bytes (skips not announced
    there: the parent announces them)."""
    import io
    import json

    articles = _load(source, on_error, progress, warn=False)
    buf = io.BytesIO()
    write_parquet(articles, buf)
    return buf.getvalue(), json.dumps(load_report(articles).to_dict(), ensure_ascii=False).encode()
