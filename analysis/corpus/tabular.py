"""Readers for records: JSONL (one object per line) and CSV/TSV (a header with a ``body`` column)."""
from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from .cleaning import from_html, repair_line
from .dump import Article, clean_body
from .furniture import edges
from .header import Meta, parse_date
from .readers import mark_nul_lines, read_text, record, site_of, tidy
from ..engine.pool import paused_gc
from ..engine.words import count_words, prime
from .report import Collector

__all__ = ["from_jsonl", "from_csv", "jsonl_lines", "from_mapping"]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_surrogates(text: str) -> tuple[str, int]:
    """Pairs of surrogate escapes joined into their character; lone ones replaced by U+FFFD (counted)."""
    if text.isascii() or not _SURROGATE.search(text):
        return text, 0
    joined = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return joined, joined.count("\ufffd") - text.count("\ufffd")


def _clean_field(value: object) -> tuple[str, Counter]:
    counts: Counter = Counter()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "", counts
    text, lone = _fix_surrogates(str(value))
    if lone:
        counts["lone surrogate escape replaced by U+FFFD"] += lone
    text, labels = from_html(text)
    counts.update(labels)
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        fixed, labels = repair_line(raw)
        counts.update(labels)
        lines.append(fixed)
    return "\n".join(lines).strip(), counts


def _body_text(body: object, where: str) -> tuple[str | None, str]:
    """The body field as text (a list of strings is a list of paragraphs), or None and why not."""
    if isinstance(body, str) or body is None or (isinstance(body, float) and pd.isna(body)):
        return ("" if body is None or isinstance(body, float) else body), ""
    if isinstance(body, list) and all(isinstance(p, str) for p in body):
        return "\n\n".join(p.replace("\n", " ") for p in body), ""
    kind = {bool: "true/false", int: "number", float: "number", dict: "JSON object", list: "list of non-text items"}
    return None, f"{where} has a 'body' that is a {kind.get(type(body), type(body).__name__)}, not text"


#: other names exports give the fields, read when the field itself is absent (never silently ignored)
ALIASES = {"body": ("text", "content", "article", "article_text"), "title": ("headline",),
           "date": ("published", "published_at", "publish_date", "pubdate", "date_published", "datetime"),
           "source": ("outlet", "publisher"), "url": ("link",)}


def _with_aliases(row: dict) -> dict:
    """The row with a field given under another common name (``headline``, ``published``) under its own."""
    missing = [(f, a) for f, names in ALIASES.items() if f not in row for a in names if a in row]
    if not missing:
        return row
    row = dict(row)
    for f, a in missing:
        row.setdefault(f, row[a])
    return row


def from_mapping(row: dict, *, rel_: str, line: int, col: Collector, where: str) -> dict | None:
    """A record from a JSONL object or CSV row (``body`` required; title, date, url, source, id, …; the names
    of :data:`ALIASES` are read as their field when it is absent)."""
    row = _with_aliases(row)
    if "body" not in row:
        names = ", ".join(map(str, list(row)[:8])) + (" …" if len(row) > 8 else "")
        col.skip(rel_, line, f"{where} has no 'body' field (its fields: {names or 'none'})")
        return None
    body, why = _body_text(row.get("body"), where)
    if body is None:
        col.skip(rel_, line, why)
        return None
    raw_title = row.get("title")
    title, c1 = _clean_field(" ".join(map(str, raw_title)) if isinstance(raw_title, list) else raw_title)
    body_text, c2 = _clean_field(body)
    art = Article(title=title, title_line=line)
    blocks = [b.strip().replace("\n", " ") for b in re.split(r"\n\s*\n", body_text) if b.strip()]
    art.paragraphs = [(line, b) for b in blocks]
    clean_body(art)
    meta = Meta()
    raw_date = row.get("date")
    if raw_date not in (None, ""):
        meta.date, meta.date_text = parse_date(str(raw_date)), str(raw_date)
        if meta.date is None:
            art.events.append((line, "changed", "unparseable date set to NaT", str(raw_date)))
    for key in ("author", "tags"):
        value = row.get(key)
        if value not in (None, "") and not (isinstance(value, float) and pd.isna(value)):
            setattr(meta, key, _clean_field("; ".join(map(str, value)) if isinstance(value, list) else value)[0])
    had_text = bool(art.paragraphs)
    body_paras = tidy(title, art.paragraphs, meta, art.events)
    if not body_paras:
        what = ("a body that is only page furniture (repeated headline, date, widgets)" if had_text
                else "an empty body")
        col.skip(rel_, line, f"{where} has {what} (title: {title[:60]!r})")
        return None
    given = row.get("article_id", row.get("id"))
    source = str(row.get("source") or rel_)
    return record(title, body_paras, source=source, site=source if row.get("source") else site_of(rel_),
                  line=line, meta=meta, caption=_clean_field(row.get("caption"))[0],
                  credit=_clean_field(row.get("credit"))[0],
                  url=str(row.get("url") or ""), given_id="" if given in (None, "") else str(given),
                  events=art.events, repairs=c1 + c2, file=rel_)


@paused_gc()
def jsonl_lines(rel_: str, items: list[tuple[int, str]]) -> tuple[list[dict], list[dict]]:
    """Parse and clean some JSONL lines (also in worker processes); returns records and skips."""
    col = Collector()
    out = jsonl_records(rel_, items, col)
    return out, col.skipped


def jsonl_records(rel_: str, items: list[tuple[int, str]], col: Collector) -> list[dict]:
    out = []
    for no, line in items:
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            col.skip(rel_, no, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict):
            col.skip(rel_, no, f"JSON line is a {type(row).__name__}, not an object")
            continue
        rec = from_mapping(row, rel_=rel_, line=no, col=col, where=f"line {no}")
        if rec:
            out.append(rec)
    count_paragraph_words(out)
    for rec in out:                       # what each article tells the furniture learner, on all cores too
        rec["_edges"] = edges(rec)
    return out


def count_paragraph_words(records: list[dict]) -> None:
    """Each record's paragraphs' word counts (``_words``), NLTK's calls batched over the records; done where
    the records are read, so on all cores for large files (``finish`` reuses them)."""
    prime(text for rec in records for _, text in rec["paragraphs"])
    for rec in records:
        rec["_words"] = {p: count_words(p) for _, p in rec["paragraphs"]}


#: From this many JSONL lines up, records are parsed and cleaned on all cores.
PARALLEL_MIN = 2000


def from_jsonl(path: Path, rel_: str, col: Collector, *, parallel: bool = True,
               progress: bool | None = None) -> list[dict]:
    got = read_text(path, rel_, col)
    if got is None:
        return []
    text, _, nul_lines = got
    items = [(no, line) for no, line in enumerate(text.split("\n"), start=1) if line.strip()]
    del got, text                                         # the lines hold the text now, once
    workers = os.cpu_count() or 1
    if not parallel or len(items) < PARALLEL_MIN or workers < 2:
        out = jsonl_records(rel_, items, col)
        mark_nul_lines(out, nul_lines)
        return out
    from ..engine.pool import process_map, want_progress

    size = max(500, len(items) // (workers * 4) + 1)
    n_items, n_chunks = len(items), -(-len(items) // size)
    items.reverse()                                       # batches popped off the end as workers take them,
    chunks = ([items.pop() for _ in range(min(size, len(items)))] for _ in range(n_chunks))   # lines freed
    out: list[dict] = []
    for recs, skipped in process_map(jsonl_lines, [rel_] * n_chunks, chunks, workers=workers,
                                     progress=want_progress(progress, n_items), desc=f"reading {rel_}",
                                     total=n_chunks):
        out.extend(recs)
        col.skipped.extend(skipped)
    mark_nul_lines(out, nul_lines)
    return out


def _delimiter(path: Path, text: str) -> str:
    """Tab for ``.tsv``; for ``.csv`` the one of ``,`` ``;`` tab ``|`` the header line holds most (European
    spreadsheet exports separate with ``;``), a comma on a tie."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    header = text.split("\n", 1)[0]
    return max([",", ";", "\t", "|"], key=lambda d: (header.count(d), d == ","))


def from_csv(path: Path, rel_: str, col: Collector) -> list[dict]:
    """CSV/TSV rows with a ``body`` column. A row that cannot be trusted (an unterminated quote, a wrong
    number of fields) stops the file there: the rows before it load, the rest is skipped, naming the line."""
    got = read_text(path, rel_, col)
    if got is None:
        return []
    text, _, nul_lines = got
    reader = csv.reader(text.splitlines(keepends=True), delimiter=_delimiter(path, text), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        col.skip(rel_, 1, f"malformed CSV header ({exc})")
        return []
    if "body" not in header and not set(ALIASES["body"]) & set(header):
        col.skip(rel_, 1, f"CSV has no 'body' column (columns: {', '.join(header) or 'none'}; "
                          f"also read as the body: {', '.join(ALIASES['body'])})")
        return []
    out = []
    start = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            col.skip(rel_, start, f"malformed CSV from the row starting on line {start} ({exc}; an unterminated "
                                  "quote?): this row and the rest of the file are not loaded")
            break
        if fields and len(fields) != len(header):
            col.skip(rel_, start, f"malformed CSV row starting on line {start}: {len(fields)} fields, the header "
                                  f"has {len(header)}: this row and the rest of the file are not loaded")
            break
        if fields:
            rec = from_mapping(dict(zip(header, fields)), rel_=rel_, line=start, col=col,
                               where=f"row starting on line {start}")
            if rec:
                out.append(rec)
        start = reader.line_num + 1
    mark_nul_lines(out, nul_lines)
    return out
