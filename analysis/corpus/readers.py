"""Readers per format: scraped dumps and plain text, JSONL, CSV/TSV; and the expansion of sources.

Each reader turns a file into *records* (internal dicts: one article each, cleaned as far as one
article allows: repairs, header metadata, catalogue widgets) and records what it skipped.
"""
from __future__ import annotations

import glob as _glob
import os
import re
import stat
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence, Union

if TYPE_CHECKING:
    import pandas as pd


from .cleaning import UndecodableError, decode_bytes, looks_binary
from .dump import Article, parse_dump
from .dates import date_order
from .header import _DATE_EXPR, Meta, front_matter, parse_date, strip_lead
from .report import Collector, LoadError
from .rules import title_like
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
    items = [source] if isinstance(source, (str, os.PathLike)) else source
    items = list(items) if isinstance(items, (list, tuple, set)) or hasattr(items, "__next__") else None
    if items is None or any(not isinstance(i, (str, os.PathLike)) for i in items):
        got = "None" if source is None else f"{type(source).__name__} {str(source)[:40]!r}"
        raise TypeError(f"expected a file, folder or glob (str or path) or a list of them, got {got}")
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
           events: list | None = None, repairs: Counter | None = None, file: str = "") -> dict:
    """One article as the readers pass it on (``finish`` in :mod:`.load` makes the table row).

    ``_numeric_date``: ``[file, text]`` when the date was read from a numeric date whose order of day and
    month matters (``05/04/2017``): the load decides that order per file (``file``, else ``source``)."""
    meta = meta or Meta()
    given = meta.date is not None
    text = meta.date_text if given else meta.stamped_text
    return {"title": title, "caption": caption or meta.caption, "credit": credit or meta.credit,
            "paragraphs": paragraphs, "date": meta.date if given else meta.stamped,
            "source": source, "site": site, "line": line,
            "url": url or meta.url, "author": meta.author, "tags": meta.tags, "dateline": meta.dateline,
            "given_id": given_id, "_events": list(events or []) + meta.events, "_repairs": repairs or Counter(),
            "_numeric_date": [file or source, text] if text and date_order(text) is not None else None}


def stamp_date(text: str) -> pd.Timestamp | None:
    """The first date in a date-stamp line ("Published — 8 March 2017", "Last modified on Wed 5 Apr 2017").

    >>> str(stamp_date("Published — 8 March 2017 Updated 9 March 2017"))
    '2017-03-08 00:00:00'
    """
    return _stamp(text)[0]


def _stamp(text: str) -> tuple[pd.Timestamp | None, str]:
    """The first date in a date-stamp line and the text it was read from."""
    m = _STAMP_DATE.search(text)
    return (parse_date(m.group(0)), m.group(0)) if m else (None, "")


_STAMP_DATE = re.compile(_DATE_EXPR, re.I)
#: The catalogue rule whose removals carry the article's date ("Published — 8 March 2017").
DATE_STAMP = "date stamp"


def tidy(title: str, paragraphs: list[tuple[int, str]], meta: Meta, events: list) -> list[tuple[int, str]]:
    """One article's body without catalogue widgets and lead furniture (date, byline, headline, dateline)."""
    paragraphs, widget_events, captions = strip_widgets(paragraphs)
    events.extend(widget_events)
    if captions and not meta.caption:
        meta.caption = captions[0]
    before = paragraphs[0] if paragraphs else None
    paragraphs = strip_lead(paragraphs, title, meta)
    # a date stamp removed as a widget still dates the article, when nothing else does
    meta.stamped, meta.stamped_text = next((got for _, _, what, text in widget_events if what == DATE_STAMP
                                            and (got := _stamp(text))[0] is not None), (None, ""))
    # a widget may follow the lead ("Wed 05 Apr 2017 Tags …"): one more pass over the first paragraph
    if paragraphs and paragraphs[0] != before:
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


def mark_nul_lines(records: list[dict], nul_lines: tuple[int, ...]) -> None:
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


_MARKDOWN = [
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),                             # images
    (re.compile(r"\[([^\]\n]+)\]\((?:https?://|/|#)[^)\n]*\)"), r"\1"),           # links: keep the text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),                         # bold
    (re.compile(r"^(?:#{1,6}|>)[ \t]+", re.M), ""),                                # headings, quotes
]


def _plain_markdown(text: str) -> tuple[str, int]:
    """Text without the Markdown markup a blog export carries, and how many marks went."""
    n = 0
    for rx, repl in _MARKDOWN:
        text, k = rx.subn(repl, text)
        n += k
    return text, n


_SITE_SUFFIX = re.compile(r"^\s*[-–—|:]\s*\S.{0,50}$")


def _site_name(art: Article) -> None:
    """A page title with the site's name ("Syria war: … - BBC News", "… | Reuters") followed by the headline
    printed again without it: the headline wins. (A title alone keeps its ending: it may be the headline.)"""
    if not art.title:
        return
    if art.paragraphs and title_like(art.paragraphs[0][1]) and len(art.paragraphs[0][1].split()) >= 3:
        head = art.paragraphs[0][1]
        if art.title.startswith(head) and _SITE_SUFFIX.match(art.title[len(head):]):
            art.removed(art.title_line, "site name after the headline", art.title[len(head):].strip())
            art.title_line, art.title = art.paragraphs.pop(0)


#: A section label above the headline: a title of at most KICKER_TITLE_WORDS words, then lines of at most
#: KICKER_WORDS words ("News", "Syria's civil war"), then the headline, longer than any of them.
KICKER_TITLE_WORDS, KICKER_WORDS = 2, 4


def _kicker(art: Article) -> None:
    """Section labels printed above the headline ("World", "Middle East", "News", "Syria's civil war"): a
    title of one or two words, followed only by such short lines and then a longer headline-like line,
    gives way to it."""
    if not art.title or len(art.title.split()) > KICKER_TITLE_WORDS:
        return
    k = 0
    while k < min(len(art.paragraphs), 4) and len(art.paragraphs[k][1].split()) <= KICKER_WORDS \
            and title_like(art.paragraphs[k][1]):
        k += 1
    longest = max([len(art.title.split())] + [len(p.split()) for _, p in art.paragraphs[:k]])
    if k < len(art.paragraphs) - 1 and title_like(art.paragraphs[k][1]) \
            and len(art.paragraphs[k][1].split()) >= max(4, longest + 1):
        for line, label in [(art.title_line, art.title)] + art.paragraphs[:k]:
            art.removed(line, "section label above the headline", label)
        art.title_line, art.title = art.paragraphs[k]
        del art.paragraphs[:k + 1]


def from_dump(path: Path, rel_: str, col: Collector) -> list[dict]:
    got = read_text(path, rel_, col)
    if got is None:
        return []
    text, file_changes, _ = got
    head = front_matter(text.split("\n", 200)[:200])
    meta_all, first = head if head is not None else (None, 0)
    if meta_all is not None:           # blog exports (Pelican, Jekyll) hold Markdown
        text, n_markup = _plain_markdown(text)
        if n_markup:
            file_changes = file_changes + ("Markdown markup removed",) * n_markup
    articles, repairs = parse_dump(text, title=meta_all.title if meta_all else "", first=first)
    out = []
    starts = sorted(a.title_line for a in articles)
    carry: list = []
    for k, art in enumerate(articles):
        # the header block's metadata holds for every article of the file; its lines are reported once
        meta = Meta() if meta_all is None else replace(meta_all, events=list(meta_all.events) if k == 0 else [])
        art.events[:0] = carry
        carry = []
        _kicker(art)
        _site_name(art)
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
        if art.date is not None and meta.date is None:          # before a date stamp in the body
            out[-1].update(date=art.date, _numeric_date=None)
    return out


def reader_for(path: Path):
    from .tabular import from_csv, from_jsonl

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
    from .tabular import from_jsonl

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
