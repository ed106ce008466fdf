"""The load report: what loading removed, repaired or skipped, and which page furniture it learned.

A loaded table carries its report as JSON text in ``articles.attrs["load_report"]``: plain data, so
``pd.concat`` and ``merge`` of loaded tables keep working, and immutable, so the copy pandas makes of
``attrs`` after every operation costs nothing however large the report. :func:`load_report` rebuilds
the :class:`LoadReport` from it.
"""
from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["LoadError", "LoadWarning", "LoadReport", "load_report"]

CHANGE_COLUMNS = ["article_id", "source", "line", "action", "what", "detail", "n"]
SKIP_COLUMNS = ["source", "line", "reason"]
FURNITURE_COLUMNS = ["site", "origin", "where", "template", "n_articles", "n_words"]
ATTRS_KEY = "load_report"


class LoadError(ValueError):
    """Input that cannot be loaded; the message names the file (and line) and the problem."""


class LoadWarning(UserWarning):
    """Something in the input was skipped; it is counted in the load report."""


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    if "line" in df:
        df["line"] = pd.array([v if type(v) is int else None if v is None or pd.isna(v) else int(v)
                               for v in df["line"].tolist()], dtype="Int64")
    for c in ("n", "n_articles", "n_words"):
        if c in df:
            df[c] = df[c].astype("int64")
    return df


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts of str / int / None (JSON-able, comparable with ==)."""
    out = []
    columns = list(df.columns)
    for row in zip(*(df[c].tolist() for c in columns)):
        out.append({k: (v if type(v) is str else None if v is None or (not isinstance(v, str) and pd.isna(v))
                        else int(v) if isinstance(v, (int,)) or hasattr(v, "__index__") else v)
                    for k, v in zip(columns, row)})
    return out


#: how many kinds of skip reason a summary names (the report lists every skip)
SUMMARY_REASONS = 6


@dataclass
class LoadReport:
    """What loading did: per-article changes, per-input skips and the page furniture removed.

    ``changes``: one row per removal or repair (``article_id``, ``source``, ``line``, ``action``,
    ``what``, ``detail``, ``n``). ``skipped``: one row per skipped file, record or article
    (``source``, ``line``, ``reason``). ``furniture``: one row per page-furniture template removed
    (``site``, ``origin`` *learned* or *catalogue*, ``where`` it sat, ``template``, ``n_articles``
    it was removed from, ``n_words`` removed).

    >>> r = LoadReport.from_dict({"files_read": 1, "skipped": [{"source": "a.txt", "line": 3,
    ...                           "reason": "article has no body"}]})
    >>> r.summary()
    '1 file(s) read; skipped 1: article has no body ×1.'
    >>> LoadReport.from_dict(r.to_dict()) == r
    True
    """

    changes: pd.DataFrame = field(default_factory=lambda: _frame([], CHANGE_COLUMNS))
    skipped: pd.DataFrame = field(default_factory=lambda: _frame([], SKIP_COLUMNS))
    files_read: int = 0
    furniture: pd.DataFrame = field(default_factory=lambda: _frame([], FURNITURE_COLUMNS))

    def summary(self) -> str:
        """One paragraph for a notebook: files read, changes, furniture and skips by reason."""
        parts = [f"{self.files_read} file(s) read"]
        if len(self.changes):
            counts = self.changes.groupby("what")["n"].sum().sort_values(ascending=False)
            parts.append("changes: " + ", ".join(f"{k} ×{v}" for k, v in counts.items()))
        if len(self.furniture):
            parts.append(f"page furniture: {len(self.furniture)} template(s), "
                         f"{int(self.furniture['n_words'].sum())} word(s) removed")
        if len(self.skipped):
            # one entry per kind of reason: details in brackets dropped, "line 204 has ..." read as "a line has ..."
            reasons = (self.skipped["reason"].str.replace(r"\s*\(.*$", "", regex=True)
                       .str.replace(r"\b(line|row|record) \d+\b", r"a \1", regex=True).value_counts())
            shown = ", ".join(f"{k} ×{v}" for k, v in reasons.head(SUMMARY_REASONS).items())
            more = len(reasons) - SUMMARY_REASONS
            parts.append(f"skipped {len(self.skipped)}: {shown}" + (f", and {more} other reason(s)" if more > 0 else ""))
        else:
            parts.append("nothing skipped")
        return "; ".join(parts) + "."

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-able data (lists of row dicts)."""
        return {"files_read": int(self.files_read), "changes": _records(self.changes),
                "skipped": _records(self.skipped), "furniture": _records(self.furniture)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LoadReport":
        """The report from :meth:`to_dict`'s data (missing parts are empty)."""
        return cls(_frame(list(data.get("changes", [])), CHANGE_COLUMNS),
                   _frame(list(data.get("skipped", [])), SKIP_COLUMNS), int(data.get("files_read", 0)),
                   _frame(list(data.get("furniture", [])), FURNITURE_COLUMNS))

    def to_json(self) -> str:
        """The report as JSON text (what a loaded table carries in ``attrs["load_report"]``)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LoadReport) and self.to_dict() == other.to_dict()


def load_report(articles: pd.DataFrame) -> LoadReport:
    """The :class:`LoadReport` of a table made by :func:`~analysis.load_articles` (or ``count_terms``).

    >>> from analysis import load_articles, raw_dir
    >>> load_report(load_articles(raw_dir())).skipped.empty
    True
    """
    data = articles.attrs.get(ATTRS_KEY)
    if isinstance(data, LoadReport):
        return data
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            data = None
    if not isinstance(data, dict):
        raise ValueError("this table carries no load report; make it with load_articles() "
                         "(tables combined from loads with different reports keep none)")
    return LoadReport.from_dict(data)


@dataclass
class Collector:
    """Gathers changes, skips and furniture while loading (internal)."""

    changes: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    furniture: list[dict] = field(default_factory=list)
    files_read: int = 0

    def skip(self, source: str, line: int | None, reason: str) -> None:
        self.skipped.append({"source": source, "line": line, "reason": reason})

    def report(self) -> LoadReport:
        return LoadReport(_frame(self.changes, CHANGE_COLUMNS), _frame(self.skipped, SKIP_COLUMNS),
                          self.files_read, _frame(self.furniture, FURNITURE_COLUMNS))


def skip_warning(report: LoadReport, where: str) -> LoadWarning:
    """One warning naming the first few skips (all of them are in the report)."""
    return LoadWarning(
        f"skipped {len(report.skipped)} input(s); see {where}: "
        + "; ".join(f"{s.source}{'' if pd.isna(s.line) else f', line {s.line}'}: {s.reason}"
                    for s in report.skipped.head(5).itertuples())
        + (" …" if len(report.skipped) > 5 else "")
    )


#: the change rows that are announced (with one warning) as well as reported: dates read in an assumed order
ANNOUNCED_CHANGES = ("ambiguous date order", "conflicting date order")


def change_warning(report: LoadReport, where: str) -> LoadWarning | None:
    """One warning naming the files whose numeric dates were read in an assumed order of day and month
    (the counts and reasons are in the report's changes), or None when there are none."""
    rows = report.changes[report.changes["what"].isin(ANNOUNCED_CHANGES)]
    if rows.empty:
        return None
    files = rows["source"].unique().tolist()
    shown = "; ".join(f"{r.source}: {r.n} read {r.detail.split('; read ')[-1].split('; e.g.')[0]}"
                      if r.what == ANNOUNCED_CHANGES[0] else f"{r.source}: {r.what} ×{r.n}"
                      for r in rows[rows["source"].isin(files[:5])].itertuples())
    return LoadWarning(f"numeric dates read in an assumed order of day and month in {len(files)} file(s); see "
                       f"{where}: {shown}" + (" …" if len(files) > 5 else ""))


def skip_error(skip) -> LoadError:
    """The :class:`LoadError` for ``on_error="raise"``: a skip (dict or report row) as ``file, line N: reason``."""
    line = skip["line"]
    at = "" if line is None or pd.isna(line) else f", line {int(line)}"
    return LoadError(f"{skip['source']}{at}: {skip['reason']}")


def nothing_loaded(source, report: LoadReport) -> LoadError:
    import os

    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else source
    return LoadError(f"no article could be loaded from {name}"
                     + (f": {report.summary()}" if len(report.skipped) else ""))


def read_cached_table(table: Path, report: Path, *, on_error: str, where: str,
                      columns: list[str] | None = None, stacklevel: int = 3) -> pd.DataFrame | None:
    """A cached table with its JSON load report attached, or None when absent, corrupt or of other columns.

    The report's skips are announced again (a :class:`LoadWarning`, or the first as a :class:`LoadError`
    when ``on_error="raise"``), as the load that made the cache announced them. Reading runs no code:
    Parquet and JSON only; a corrupt file is deleted by the readers and the caller rebuilds.
    """
    from ..engine.cache import read_json_cache, read_parquet_cache

    data = read_json_cache(report)
    frame = read_parquet_cache(table) if isinstance(data, dict) else None
    if frame is None or (columns is not None and list(frame.columns) != columns):
        return None
    return attach_report(frame, data, on_error=on_error, where=where, stacklevel=stacklevel + 1)


def attach_report(frame: pd.DataFrame, data: dict, *, on_error: str, where: str,
                  stacklevel: int = 3) -> pd.DataFrame | None:
    """``frame`` with the load report ``data`` (a dict from JSON) attached, its skips announced again as
    :func:`read_cached_table` says; None when ``data`` is no load report."""
    try:
        loaded = LoadReport.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None
    frame.attrs[ATTRS_KEY] = loaded.to_json()
    if (announced := change_warning(loaded, where.replace(".skipped", ".changes"))) is not None:
        warnings.warn(announced, stacklevel=stacklevel + 1)
    if len(loaded.skipped):
        if on_error == "raise":
            raise skip_error(loaded.skipped.iloc[0])
        warnings.warn(skip_warning(loaded, where), stacklevel=stacklevel + 1)
    return frame


def write_cached_table(frame: pd.DataFrame, report_obj: LoadReport, table: Path, report: Path) -> None:
    """Write a table as Parquet and its load report as JSON, each through a unique temporary file."""
    from ..engine.cache import write_json_atomic, write_parquet_atomic

    write_parquet_atomic(frame, table)
    write_json_atomic(report_obj.to_dict(), report)
