"""Readers per format: scraped dumps and plain text, JSONL, CSV/TSV; and the expansion of sources.

Each reader turns a file into *records* (internal dicts: one article each, cleaned as far as one
article allows: repairs, header metadata, catalogue widgets) and records what it skipped.
"""
from __future__ import annotations

import csv
import glob as _glob
import json
import os
import re
import stat
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence, Union

import pandas as pd

from .cleaning import UndecodableError, decode_bytes, looks_binary, repair_line
from .dump import Article, clean_body, parse_dump
from .header import Meta, front_matter, parse_date, strip_lead
from .report import Collector, LoadError
from .widgets import strip_widgets

PathLike = Union[str, os.PathLike]
Source = Union[PathLike, Sequence[PathLike]]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}


# --------------------------------------------------------------------------- sources


def _glob_files(pattern: str) -> list[Path]:
    matches = sorted(Path(p) for p in _glob.glob(pattern, recursive=True))
    if not matches:
        raise LoadError(f"{pattern}: the pattern matches no file")
    files: list[Path] = []
    for p in matches:
        files.extend(sorted(q for q in p.rglob("*") if not q.is_dir()) if p.is_dir() else [p])
    return files


def expand(source: Source) -> tuple[list[Path], Path]:
    """Expand files, folders (recursive) and globs; return the paths and the corpus root.

    A glob (``archive/*``, ``archive/**/*.txt``; ``**`` is recursive) matches files and folders; a
    matched folder is read whole, as when given directly. Paths that are not regular files (named
    pipes, devices) are returned too: the readers skip them with a reason, never open them.
    """
    items: Iterable[PathLike] = [source] if isinstance(source, (str, os.PathLike)) else source
    files: list[Path] = []
    roots: list[Path] = []
    for item in items:
        s = os.fspath(item)
        if any(ch in s for ch in "*?["):
            files.extend(_glob_files(s))
            prefix = re.split(r"[*?\[]", s, maxsplit=1)[0]
            roots.append(Path(prefix if prefix.endswith(os.sep) else os.path.dirname(prefix) or "."))
            continue
        p = Path(s)
        if not p.exists():
            raise LoadError(f"{p}: no such file or folder")
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if not q.is_dir()))
            roots.append(p)
        else:
            files.append(p)
            roots.append(p.parent)
    if not files and not roots:
        raise LoadError("no source given")
    root = Path(os.path.commonpath([str(r.resolve()) for r in roots]))
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]
    return unique, root


def rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def not_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a named pipe would block a read forever), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    kind = ("named pipe (FIFO)" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
            else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file")
    return f"not a regular file: a {kind}, not read"


# --------------------------------------------------------------------------- records


def record(title: str, paragraphs: list[tuple[int, str]], *, source: str, site: str, line: int,
           meta: Meta | None = None, caption: str = "", credit: str = "", url: str = "", given_id: str = "",
           events: list | None = None, repairs: Counter | None = None) -> dict:
    """One article as the readers pass it on (``finish`` in :mod:`.load` makes the table row)."""
    meta = meta or Meta()
    return {"title": title, "caption": caption or meta.caption, "credit": credit or meta.credit,
            "paragraphs": paragraphs, "date": meta.date, "source": source, "site": site, "line": line,
            "url": url or meta.url, "author": meta.author, "tags": meta.tags, "dateline": meta.dateline,
            "given_id": given_id, "_events": list(events or []) + meta.events, "_repairs": repairs or Counter()}


def tidy(title: str, paragraphs: list[tuple[int, str]], meta: Meta, events: list) -> list[tuple[int, str]]:
    """One article's body without catalogue widgets and lead furniture (date, byline, headline, dateline)."""
    paragraphs, widget_events, captions = strip_widgets(paragraphs)
    events.extend(widget_events)
    if captions and not meta.caption:
        meta.caption = captions[0]
    paragraphs = strip_lead(paragraphs, title, meta)
    # a widget may follow the lead ("Wed 05 Apr 2017 Tags …"): one more pass over the first paragraph
    if paragraphs:
        first, more, _ = strip_widgets(paragraphs[:1])
        events.extend(more)
        paragraphs = first + paragraphs[1:]
    return paragraphs


def read_text(path: Path, rel_: str, col: Collector) -> tuple[str, tuple[str, ...], tuple[int, ...]] | None:
    """The decoded text of a file, the file-level repairs and the lines that held NUL bytes; or None
    with the skip recorded."""
    why = not_regular(path)
    if why is not None:
        col.skip(rel_, None, why)
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        col.skip(rel_, None, f"cannot read the file ({exc.strerror or exc})")
        return None
    if not raw.strip() or not raw.replace(b"\x00", b"").strip():
        col.skip(rel_, None, "empty file")
        return None
    if looks_binary(raw):
        col.skip(rel_, None, "binary file, not text")
        return None
    try:
        decoded = decode_bytes(raw)
    except UndecodableError as exc:
        col.skip(rel_, None, f"unknown text encoding: {exc}")
        return None
    if not decoded.text.strip():
        col.skip(rel_, None, "empty file")
        return None
    return decoded.text, decoded.changes, decoded.nul_lines


def _mark_nul_lines(records: list[dict], nul_lines: tuple[int, ...]) -> None:
    """Report a dropped NUL byte with the record whose lines held it."""
    if not nul_lines:
        return
    starts = [r["line"] for r in records] + [10**12]
    for rec, nxt in zip(records, starts[1:]):
        n = sum(1 for no in nul_lines if rec["line"] <= no < max(nxt, rec["line"] + 1))
        if n:
            rec["_repairs"]["removed NUL byte"] += n


def site_of(rel_: str) -> str:
    """The site a file belongs to, for furniture learning: its folder (``.`` at the corpus root)."""
    return rel_.rsplit("/", 1)[0] if "/" in rel_ else "."


def from_dump(path: Path, rel_: str, col: Collector) -> list[dict]:
    got = read_text(path, rel_, col)
    if got is None:
        return []
    text, file_changes, _ = got
    head = front_matter(text.split("\n", 200)[:200])
    meta_all, first = head if head is not None else (None, 0)
    articles, repairs = parse_dump(text, title=meta_all.title if meta_all else "", first=first)
    out = []
    starts = sorted(a.title_line for a in articles)
    carry: list = []
    for art in articles:
        meta = meta_all if meta_all is not None else Meta()
        art.events[:0] = carry
        carry = []
        body = tidy(art.title, art.paragraphs, meta, art.events)
        if not body and not art.title and len(articles) > 1:
            carry = art.events + meta.events     # page furniture above the first headline: reported with it
            continue
        if not body:
            col.skip(rel_, art.title_line, f"article has no body (headline: {art.title[:60]!r})")
            continue
        nxt = min((s for s in starts if s > art.title_line), default=10**12)
        counts: Counter = Counter()
        for no, labels in repairs:
            if art.title_line <= no < nxt:
                counts.update(labels)
        counts.update(file_changes)
        out.append(record(art.title, body, source=rel_, site=site_of(rel_), line=art.title_line, meta=meta,
                          caption="\n".join(art.captions), credit="\n".join(c for c in art.credits if c),
                          events=art.events, repairs=counts))
        if art.date is not None and out[-1]["date"] is None:
            out[-1]["date"] = art.date
    return out


# --------------------------------------------------------------------------- JSONL and CSV

_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_surrogates(text: str) -> tuple[str, int]:
    """Pairs of surrogate escapes joined into their character; lone ones replaced by U+FFFD (counted)."""
    if not _SURROGATE.search(text):
        return text, 0
    joined = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return joined, joined.count("\ufffd") - text.count("\ufffd")


def _clean_field(value: object) -> tuple[str, Counter]:
    counts: Counter = Counter()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "", counts
    text, lone = _fix_surrogates(str(value))
    if lone:
        counts[f"lone surrogate escape replaced by U+FFFD"] += lone
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


def from_mapping(row: dict, *, rel_: str, line: int, col: Collector, where: str) -> dict | None:
    """A record from a JSONL object or CSV row (``body`` required; title, date, url, source, id, …)."""
    if "body" not in row:
        col.skip(rel_, line, f"{where} has no 'body' field")
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
        meta.date = parse_date(str(raw_date))
        if meta.date is None:
            art.events.append((line, "changed", "unparseable date set to NaT", str(raw_date)))
    for key in ("author", "tags"):
        value = row.get(key)
        if value not in (None, "") and not (isinstance(value, float) and pd.isna(value)):
            setattr(meta, key, "; ".join(map(str, value)) if isinstance(value, list) else str(value))
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
                  line=line, meta=meta, caption=str(row.get("caption") or ""), credit=str(row.get("credit") or ""),
                  url=str(row.get("url") or ""), given_id="" if given in (None, "") else str(given),
                  events=art.events, repairs=c1 + c2)


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
    return out


#: From this many JSONL lines up, records are parsed and cleaned on all cores.
PARALLEL_MIN = 2000


def from_jsonl(path: Path, rel_: str, col: Collector, *, parallel: bool = True,
               progress: bool | None = None) -> list[dict]:
    got = read_text(path, rel_, col)
    if got is None:
        return []
    text, _, nul_lines = got
    items = [(no, line) for no, line in enumerate(text.split("\n"), start=1) if line.strip()]
    workers = os.cpu_count() or 1
    if not parallel or len(items) < PARALLEL_MIN or workers < 2:
        out = jsonl_records(rel_, items, col)
        _mark_nul_lines(out, nul_lines)
        return out
    from .._parallel import process_map, want_progress

    size = max(500, len(items) // (workers * 4) + 1)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    out: list[dict] = []
    for recs, skipped in process_map(jsonl_lines, [rel_] * len(chunks), chunks, workers=workers,
                                     progress=want_progress(progress, len(items)), desc=f"reading {rel_}",
                                     total=len(chunks)):
        out.extend(recs)
        col.skipped.extend(skipped)
    _mark_nul_lines(out, nul_lines)
    return out


def from_csv(path: Path, rel_: str, col: Collector) -> list[dict]:
    """CSV/TSV rows with a ``body`` column. A row that cannot be trusted (an unterminated quote, a wrong
    number of fields) stops the file there: the rows before it load, the rest is skipped, naming the line."""
    got = read_text(path, rel_, col)
    if got is None:
        return []
    text, _, nul_lines = got
    reader = csv.reader(text.splitlines(keepends=True), delimiter="\t" if path.suffix.lower() == ".tsv" else ",",
                        strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        col.skip(rel_, 1, f"malformed CSV header ({exc})")
        return []
    if "body" not in header:
        col.skip(rel_, 1, f"CSV has no 'body' column (columns: {', '.join(header) or 'none'})")
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
    _mark_nul_lines(out, nul_lines)
    return out


def reader_for(path: Path):
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return from_jsonl
    if suffix in CSV_SUFFIXES:
        return from_csv
    if suffix in TEXT_SUFFIXES:
        return from_dump
    return None


def read(path: Path, rel_: str, col: Collector, *, parallel: bool = True, progress: bool | None = None) -> list[dict]:
    """The records of one file by its reader; JSONL is parsed on all cores unless ``parallel=False``."""
    reader = reader_for(path)
    if reader is from_jsonl:
        return from_jsonl(path, rel_, col, parallel=parallel, progress=progress)
    return reader(path, rel_, col) if reader is not None else []


def readable(path: Path, rel_: str, col: Collector):
    """The reader for a file, or None with the skip recorded (hidden, not regular, unsupported type)."""
    if path.name.startswith("."):
        col.skip(rel_, None, "hidden file")
        return None
    why = not_regular(path)
    if why is not None:
        col.skip(rel_, None, why)
        return None
    reader = reader_for(path)
    if reader is None:
        col.skip(rel_, None, f"unsupported file type {path.suffix!r} (use .txt, .jsonl or .csv)")
        return None
    col.files_read += 1
    return reader
