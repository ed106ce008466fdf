"""Load news articles from scraped page-text dumps, plain text, JSONL or CSV.

The main entry point is :func:`load_articles`. It returns one row per article
and attaches a :class:`LoadReport` (``articles.attrs["report"]``, or
:func:`load_report`) that lists, per article, what the cleaner removed or
repaired, and, per input, what was skipped and why. Nothing is dropped
without being counted there.
"""
from __future__ import annotations

import csv
import glob as _glob
import hashlib
import json
import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable, Literal, Sequence, Union

import pandas as pd

from .cleaning import decode_bytes, looks_binary, repair_line

__all__ = [
    "load_articles",
    "load_report",
    "parse_dump",
    "LoadError",
    "LoadWarning",
    "LoadReport",
    "ARTICLE_COLUMNS",
]

PathLike = Union[str, os.PathLike]
Source = Union[PathLike, Sequence[PathLike]]

ARTICLE_COLUMNS = [
    "article_id", "title", "caption", "credit", "body", "date", "source", "line",
    "url", "n_words", "n_paragraphs", "changes",
]
TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}


class LoadError(ValueError):
    """Input that cannot be loaded; the message names the file (and line) and the problem."""


class LoadWarning(UserWarning):
    """Something in the input was skipped; it is counted in the load report."""


# --------------------------------------------------------------------------- report


@dataclass
class LoadReport:
    """What loading did: per-article changes and per-input skips.

    ``changes``: one row per removal or repair (``article_id``, ``source``,
    ``line``, ``action``, ``what``, ``detail``).
    ``skipped``: one row per skipped file, record or article (``source``,
    ``line``, ``reason``).
    """

    changes: pd.DataFrame
    skipped: pd.DataFrame
    files_read: int = 0

    def summary(self) -> str:
        """One paragraph for a notebook: files read, articles, changes and skips by reason."""
        parts = [f"{self.files_read} file(s) read"]
        if len(self.changes):
            counts = self.changes.groupby("what")["n"].sum().sort_values(ascending=False)
            parts.append("changes: " + ", ".join(f"{k} ×{v}" for k, v in counts.items()))
        if len(self.skipped):
            reasons = self.skipped["reason"].str.replace(r"\s*\(.*$", "", regex=True).value_counts()
            parts.append(
                f"skipped {len(self.skipped)}: " + ", ".join(f"{k} ×{v}" for k, v in reasons.items())
            )
        else:
            parts.append("nothing skipped")
        return "; ".join(parts) + "."


def load_report(articles: pd.DataFrame) -> LoadReport:
    """Return the :class:`LoadReport` attached to a table made by :func:`load_articles`."""
    report = articles.attrs.get("report")
    if not isinstance(report, LoadReport):
        raise ValueError("this table carries no load report; make it with load_articles()")
    return report


@dataclass
class _Collector:
    changes: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    files_read: int = 0

    def skip(self, source: str, line: int | None, reason: str) -> None:
        self.skipped.append({"source": source, "line": line, "reason": reason})

    def report(self) -> LoadReport:
        changes = pd.DataFrame(
            self.changes, columns=["article_id", "source", "line", "action", "what", "detail", "n"]
        )
        skipped = pd.DataFrame(self.skipped, columns=["source", "line", "reason"])
        for df in (changes, skipped):
            df["line"] = df["line"].astype("Int64")
        return LoadReport(changes, skipped, self.files_read)


# --------------------------------------------------------------------------- line classes

_RESIDUE = re.compile(
    r"""^(?:
        T\s?T | \d{1,7} | \d[\d,.]*\s*[kKmM]?\s*(?:comments?|shares?|views?|reads?|likes?)
      | share(?:\s+(?:this|this\s+article|on\s+\w+))? | tweet | print | e-?mail | facebook | twitter
      | whatsapp | telegram | linkedin | copy\s+link | comments? | (?:font|text)\s+size | listen
      | save | a\s?[+-]?\s?a\s?[+-]? | advertisement | ad
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_RELATED = re.compile(r"^(?:RELATED|READ\s+(?:MORE|ALSO)|ALSO\s+READ|SEE\s+ALSO)\b\s*[:：\-–—]", re.I)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_DATELINE = re.compile(
    rf"""^(?:(?:{_DAYS}),?\s+)?(?:
        \d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}
      | (?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}
      | \d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    )(?:\s*[-–,|]?\s*(?P<time>\d{{1,2}}:\d{{2}})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC))?)?$""",
    re.VERBOSE,
)
# A photo credit in parentheses at the end of a caption: "(AFP Photo/X)", "(File/Reuters)".
_CREDIT_WORDS = (
    r"photo|file|afp|reuters|ap|epa|getty|anadolu|xinhua|sana|wafa|spa|ina|dpa|archive|asharq|"
    r"handout|pool|courtesy|images?|via|nna|mena|qna|kuna|iraqi news agency|social media"
)
_CREDIT = re.compile(rf"\s*\((?P<credit>[^()]*(?:/|\b(?:{_CREDIT_WORDS})\b)[^()]*)\)\s*$", re.I)
_SENTENCE_END = re.compile(r"""[.!,;:]["'”’)\]]*$|[.!?]["'”’]$""")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def _is_residue(line: str) -> bool:
    return bool(_RESIDUE.match(line))


def _split_credit(line: str) -> tuple[str, str] | None:
    m = _CREDIT.search(line)
    if not m:
        return None
    return line[: m.start()].rstrip(), m.group("credit").strip()


def _title_like(line: str) -> bool:
    if not line or _is_residue(line) or _RELATED.match(line) or _DATELINE.match(line):
        return False
    if _split_credit(line) is not None:
        return False
    n = len(line.split())
    if n > 30 or len(line) > 250:
        return False
    if _SENTENCE_END.search(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"


def _parse_dateline(line: str) -> pd.Timestamp | None:
    if not _DATELINE.match(line):
        return None
    ts = pd.to_datetime(line.replace("|", " ").replace(" - ", " "), errors="coerce", format="mixed")
    if pd.isna(ts):
        return None
    return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts


# --------------------------------------------------------------------------- dump parser


@dataclass
class _Line:
    no: int  # 1-based line number in the file
    text: str
    blanks_before: int
    changes: list[str]


@dataclass
class _Article:
    title: str = ""
    title_line: int = 0
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    date: pd.Timestamp | None = None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    events: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, action, what, detail

    def removed(self, line: int, what: str, detail: str) -> None:
        self.events.append((line, "removed", what, detail))


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blanks = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        fixed, changes = repair_line(raw)
        if not fixed:
            blanks += 1
            continue
        out.append(_Line(no, fixed, blanks, changes))
        blanks = 0
    return out


def _repeats_soon(lines: list[_Line], i: int, window: int = 8) -> bool:
    """Does ``lines[i]`` occur again within the next few non-residue lines?"""
    seen = 0
    for nxt in lines[i + 1 :]:
        if _is_residue(nxt.text):
            continue
        if nxt.text == lines[i].text:
            return True
        seen += 1
        if seen >= window:
            break
    return False


def _starts_article(lines: list[_Line], i: int, current: _Article | None) -> bool:
    line = lines[i]
    if not _title_like(line.text):
        return False
    if current is None:
        return True
    if not current.paragraphs:
        return False
    if _repeats_soon(lines, i):
        return True
    return line.blanks_before >= 2 and i + 1 < len(lines)


def _followed_by_residue(lines: list[_Line], i: int) -> bool:
    """Is ``lines[i]`` directly followed (no blank line) by share-widget residue, as captions are?"""
    return i + 1 < len(lines) and lines[i + 1].blanks_before == 0 and _is_residue(lines[i + 1].text)


def _consume_header(lines: list[_Line], i: int, art: _Article) -> int:
    """Consume title repeats, captions, credits, datelines and widget residue; return body start."""
    n = len(lines)
    while i < n:
        text = lines[i].text
        no = lines[i].no
        if text == art.title:
            art.removed(no, "repeated headline", text)
        elif _is_residue(text):
            art.removed(no, "share-widget residue", text)
        elif (ts := _parse_dateline(text)) is not None:
            if art.date is None:
                art.date = ts
            art.removed(no, "dateline", text)
        elif text in art.captions or any(text == c + f" ({cr})" for c, cr in zip(art.captions, art.credits)):
            art.removed(no, "repeated caption", text)
        elif ((split := _split_credit(text)) is not None or _repeats_soon(lines, i)
              or _followed_by_residue(lines, i)):
            caption, credit = split if split is not None else (text, "")
            if caption in art.captions:
                art.removed(no, "repeated caption", text)
            else:
                art.captions.append(caption)
                art.credits.append(credit)
        else:
            break
        i += 1
    return i


_QUOTE_MARKS = re.compile(r"[\"“”'‘’]")


def _norm_for_compare(text: str) -> str:
    return _QUOTE_MARKS.sub("", text).lower().strip(" .")


def _clean_body(art: _Article) -> None:
    """Drop RELATED lines, duplicate paragraphs, pull-quotes and caption/title leftovers."""
    kept: list[tuple[int, str]] = []
    seen: set[str] = set()
    caption_keys = {_norm_for_compare(c) for c in art.captions} | {_norm_for_compare(art.title)}
    keys: list[str] = []
    for no, para in art.paragraphs:
        if _RELATED.match(para):
            art.removed(no, "RELATED line", para)
            continue
        if _is_residue(para):
            art.removed(no, "share-widget residue", para)
            continue
        key = _norm_for_compare(para)
        split = _split_credit(para) if para.rstrip().endswith(")") else None
        if key in caption_keys or (split is not None and _norm_for_compare(split[0]) in caption_keys):
            art.removed(no, "caption or headline repeated in body", para)
            continue
        if key in seen:
            art.removed(no, "duplicate paragraph", para)
            continue
        seen.add(key)
        kept.append((no, para))
        keys.append(key)
    # Pull-quotes: a short paragraph whose text is repeated inside a longer one.
    final: list[tuple[int, str]] = []
    for j, (no, para) in enumerate(kept):
        k = keys[j]
        if len(k) >= 20 and any(len(other) > len(k) and k in other for other in keys):
            art.removed(no, "pull-quote repeated from body", para)
            continue
        final.append((no, para))
    art.paragraphs = final


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"""[.!?:"”’)\]]$""", text))


def parse_dump(text: str) -> tuple[list[_Article], list[tuple[int, list[str]]]]:
    """Split scraped page text into articles (internal; see :func:`load_articles`).

    Returns the articles and, per line number, the repairs made to that line.
    """
    lines = _lines(text)
    repairs = [(ln.no, ln.changes) for ln in lines if ln.changes]
    articles: list[_Article] = []
    current: _Article | None = None
    i = 0
    leading: list[_Line] = []
    while i < len(lines):
        if _starts_article(lines, i, current):
            current = _Article(title=lines[i].text, title_line=lines[i].no)
            articles.append(current)
            i = _consume_header(lines, i + 1, current)
            continue
        line = lines[i]
        if current is None:
            leading.append(line)
            i += 1
            continue
        prev = current.paragraphs[-1] if current.paragraphs else None
        # A hard-wrapped paragraph continues on the next line when no blank line separates them
        # and the previous line stops mid-sentence.
        if (prev is not None and line.blanks_before == 0 and not _ends_sentence(prev[1])
                and not _is_residue(line.text) and not _is_residue(prev[1])):
            current.paragraphs[-1] = (prev[0], prev[1] + " " + line.text)
        else:
            current.paragraphs.append((line.no, line.text))
        i += 1
    if leading:
        # Text before any title-like line: an article without a headline.
        headless = _Article(title="", title_line=leading[0].no)
        headless.paragraphs = [(ln.no, ln.text) for ln in leading]
        articles.insert(0, headless)
    for art in articles:
        _clean_body(art)
    return articles, repairs


# --------------------------------------------------------------------------- sources


def _expand(source: Source) -> tuple[list[Path], Path]:
    """Expand files, folders (recursive) and globs; return the files and the corpus root."""
    items: Iterable[PathLike] = [source] if isinstance(source, (str, os.PathLike)) else source
    files: list[Path] = []
    roots: list[Path] = []
    for item in items:
        s = os.fspath(item)
        if any(ch in s for ch in "*?["):
            matches = sorted(Path(p) for p in _glob.glob(s, recursive=True))
            if not matches:
                raise LoadError(f"{s}: the pattern matches no file")
            files.extend(p for p in matches if p.is_file())
            prefix = re.split(r"[*?\[]", s, maxsplit=1)[0]
            roots.append(Path(prefix if prefix.endswith(os.sep) else os.path.dirname(prefix) or "."))
            continue
        p = Path(s)
        if not p.exists():
            raise LoadError(f"{p}: no such file or folder")
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.is_file()))
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


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _record(title: str, body_paragraphs: list[tuple[int, str]], *, source: str, line: int,
            caption: str = "", credit: str = "", date=None, url: str = "", given_id: str = "",
            events: list[tuple[int, str, str, str]] | None = None,
            repairs: Counter | None = None) -> dict:
    body = "\n\n".join(p for _, p in body_paragraphs)
    article_id = given_id or hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()[:16]
    return {
        "article_id": article_id,
        "title": title,
        "caption": caption,
        "credit": credit,
        "body": body,
        "date": date,
        "source": source,
        "line": line,
        "url": url,
        "n_words": len(_WORD.findall(body)),
        "n_paragraphs": len(body_paragraphs),
        "_events": events or [],
        "_repairs": repairs or Counter(),
    }


def _read_text(path: Path, rel: str, col: _Collector) -> tuple[str, tuple[str, ...]] | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        col.skip(rel, None, f"cannot read the file ({exc.strerror or exc})")
        return None
    if not raw.strip():
        col.skip(rel, None, "empty file")
        return None
    if looks_binary(raw):
        col.skip(rel, None, "binary file, not text")
        return None
    decoded = decode_bytes(raw)
    return decoded.text, decoded.changes


def _from_dump(path: Path, rel: str, col: _Collector) -> list[dict]:
    got = _read_text(path, rel, col)
    if got is None:
        return []
    text, file_changes = got
    articles, repairs = parse_dump(text)
    out = []
    starts = sorted(a.title_line for a in articles)
    for art in articles:
        if not art.paragraphs:
            col.skip(rel, art.title_line, f"article has no body (headline: {art.title[:60]!r})")
            continue
        # Attribute each repaired line to the article whose span holds it.
        nxt = min((s for s in starts if s > art.title_line), default=10**12)
        counts: Counter = Counter()
        for no, labels in repairs:
            if art.title_line <= no < nxt:
                counts.update(labels)
        counts.update(file_changes)
        out.append(_record(
            art.title, art.paragraphs, source=rel, line=art.title_line,
            caption="\n".join(art.captions), credit="\n".join(c for c in art.credits if c),
            date=art.date, events=art.events, repairs=counts,
        ))
    return out


def _clean_field(value: object) -> tuple[str, Counter]:
    counts: Counter = Counter()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "", counts
    lines = []
    for raw in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        fixed, labels = repair_line(raw)
        counts.update(labels)
        lines.append(fixed)
    return "\n".join(lines).strip(), counts


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:Z|[+-]\d{2}:\d{2})?")


def _parse_date(raw: str) -> pd.Timestamp | None:
    """A field's date as naive UTC, or None when it cannot be read.

    ISO 8601 (most feeds and scrapers) is read by the standard library, many times faster than
    pandas' format guessing, which reads everything else ("3 November 2017", "11/03/2017").
    """
    raw = raw.strip()
    ts = None
    if _ISO_DATE.fullmatch(raw):
        try:
            ts = pd.Timestamp(datetime.fromisoformat(raw))
        except ValueError:
            ts = None
    if ts is None:
        ts = pd.to_datetime(raw, errors="coerce", format="mixed")
        if pd.isna(ts):
            return None
    return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts


def _from_mapping(row: dict, *, rel: str, line: int, col: _Collector, where: str) -> dict | None:
    if "body" not in row:
        col.skip(rel, line, f"{where} has no 'body' field")
        return None
    title, c1 = _clean_field(row.get("title"))
    body_text, c2 = _clean_field(row.get("body"))
    art = _Article(title=title, title_line=line)
    blocks = [b.strip().replace("\n", " ") for b in re.split(r"\n\s*\n", body_text) if b.strip()]
    art.paragraphs = [(line, b) for b in blocks]
    _clean_body(art)
    if not art.paragraphs:
        col.skip(rel, line, f"{where} has an empty body (title: {title[:60]!r})")
        return None
    date = None
    raw_date = row.get("date")
    if raw_date not in (None, ""):
        date = _parse_date(str(raw_date))
        if date is None:
            art.events.append((line, "changed", "unparseable date set to NaT", str(raw_date)))
    given = row.get("article_id", row.get("id"))
    return _record(
        title, art.paragraphs, source=str(row.get("source") or rel), line=line,
        caption=str(row.get("caption") or ""), credit=str(row.get("credit") or ""), date=date,
        url=str(row.get("url") or ""), given_id="" if given in (None, "") else str(given),
        events=art.events, repairs=c1 + c2,
    )


def _jsonl_lines(rel: str, items: list[tuple[int, str]]) -> tuple[list[dict], list[dict]]:
    """Parse and clean some JSONL lines (also in worker processes); returns records and skips."""
    col = _Collector()
    out = _jsonl_records(rel, items, col)
    return out, col.skipped


def _from_jsonl(path: Path, rel: str, col: _Collector, *, parallel: bool = True,
                progress: bool | None = None) -> list[dict]:
    got = _read_text(path, rel, col)
    if got is None:
        return []
    text, _ = got
    items = [(no, line) for no, line in enumerate(text.split("\n"), start=1) if line.strip()]
    workers = os.cpu_count() or 1
    if not parallel or len(items) < _PARALLEL_MIN or workers < 2:
        return _jsonl_records(rel, items, col)
    from ._parallel import process_map, want_progress

    size = max(500, len(items) // (workers * 4) + 1)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    out: list[dict] = []
    for recs, skipped in process_map(_jsonl_lines, [rel] * len(chunks), chunks, workers=workers,
                                     progress=want_progress(progress, len(items)), desc=f"reading {rel}",
                                     total=len(chunks)):
        out.extend(recs)
        col.skipped.extend(skipped)
    return out


#: From this many JSONL lines up, records are parsed and cleaned on all cores.
_PARALLEL_MIN = 2000


def _jsonl_records(rel: str, items: list[tuple[int, str]], col: _Collector) -> list[dict]:
    out = []
    for no, line in items:
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            col.skip(rel, no, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict):
            col.skip(rel, no, f"JSON line is a {type(row).__name__}, not an object")
            continue
        rec = _from_mapping(row, rel=rel, line=no, col=col, where=f"line {no}")
        if rec:
            out.append(rec)
    return out


def _from_csv(path: Path, rel: str, col: _Collector) -> list[dict]:
    got = _read_text(path, rel, col)
    if got is None:
        return []
    text, _ = got
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        reader = csv.DictReader(text.splitlines(keepends=True), delimiter=delimiter)
        header = reader.fieldnames or []
        if "body" not in [h.strip().lower() for h in header]:
            col.skip(rel, 1, f"CSV has no 'body' column (columns: {', '.join(header) or 'none'})")
            return []
        out = []
        for row in reader:
            no = reader.line_num
            row = {(k or "").strip().lower(): v for k, v in row.items()}
            rec = _from_mapping(row, rel=rel, line=no, col=col, where=f"row ending on line {no}")
            if rec:
                out.append(rec)
        return out
    except csv.Error as exc:
        col.skip(rel, None, f"malformed CSV ({exc})")
        return []


def _reader_for(path: Path):
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _from_jsonl
    if suffix in CSV_SUFFIXES:
        return _from_csv
    if suffix in TEXT_SUFFIXES:
        return _from_dump
    return None


def _read(path: Path, rel: str, col: _Collector, *, parallel: bool = True,
          progress: bool | None = None) -> list[dict]:
    """The records of one file by its reader; JSONL is parsed on all cores unless ``parallel=False``."""
    reader = _reader_for(path)
    if reader is _from_jsonl:
        return _from_jsonl(path, rel, col, parallel=parallel, progress=progress)
    return reader(path, rel, col) if reader is not None else []


def _readable(path: Path, rel: str, col: _Collector):
    """The reader for a file, or None with the skip recorded (hidden file, unsupported type)."""
    if path.name.startswith("."):
        col.skip(rel, None, "hidden file")
        return None
    reader = _reader_for(path)
    if reader is None:
        col.skip(rel, None, f"unsupported file type {path.suffix!r} (use .txt, .jsonl or .csv)")
        return None
    col.files_read += 1
    return reader


# --------------------------------------------------------------------------- streaming (large corpora)
#
# A corpus can be read in batches without holding its text: JSONL files (valid UTF-8) are cut into
# batches of lines, every other file is one task for its reader. Workers turn a task into records
# with exactly the cleaning of load_articles; the caller drops duplicate ids across tasks.


def _stream_check(path: Path) -> tuple[str, bool, int]:
    """Read a file once in blocks: its content hash, whether it can be streamed, its number of lines.

    Streamable: not empty, not binary, valid UTF-8 (with or without a BOM). Anything else goes
    through the whole-file reader, which reports or repairs it as :func:`load_articles` does.
    """
    import codecs

    h = hashlib.sha1()
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    ok, content, first, n_lines = True, False, True, 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            h.update(block)
            n_lines += block.count(b"\n")
            if first and looks_binary(block):
                ok = False
            first = False
            content = content or bool(block.strip())
            if ok:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    ok = False
    if ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            ok = False
    return h.hexdigest(), ok and content, n_lines + 1


def _numbered_lines(path: Path):
    """``(line number, line)`` of the non-blank lines of a streamable JSONL file, read lazily.

    Universal newlines split on ``\\n``, ``\\r\\n`` and ``\\r``, as the whole-file reader's line count does.
    """
    with path.open(encoding="utf-8-sig", newline=None) as fh:
        for no, line in enumerate(fh, start=1):
            line = line.rstrip("\n")
            if line.strip():
                yield no, line


def _source_tasks(files: list[Path], root: Path, col: _Collector, batch_lines: int,
                  streamable: dict[Path, bool]):
    """Tasks for :func:`_task_records`: ``("jsonl", path, rel, [(line_no, line), ...])`` batches of a
    streamable JSONL file, or ``("file", path, rel, None)`` for a whole file."""
    for path in files:
        rel = _rel(path, root)
        if _readable(path, rel, col) is None:
            continue
        if not streamable.get(path):
            yield ("file", str(path), rel, None)
            continue
        batch: list[tuple[int, str]] = []
        for item in _numbered_lines(path):
            batch.append(item)
            if len(batch) >= batch_lines:
                yield ("jsonl", str(path), rel, batch)
                batch = []
        if batch:
            yield ("jsonl", str(path), rel, batch)


def _task_records(task: tuple) -> tuple[list[dict], list[dict]]:
    """The cleaned records and the skips of one streaming task (runs in worker processes)."""
    kind, path, rel, items = task
    if kind == "jsonl":
        return _jsonl_lines(rel, items)
    col = _Collector()
    return _read(Path(path), rel, col, parallel=False), col.skipped


def _reread(path: Path, rel: str, streamed: bool, lines: set[int]) -> list[dict]:
    """The records of some lines of a file again (to take back the counts of a duplicate article)."""
    if streamed:
        return _jsonl_lines(rel, [(no, line) for no, line in _numbered_lines(path) if no in lines])[0]
    recs, _ = _task_records(("file", str(path), rel, None))
    return [r for r in recs if r["line"] in lines]


# --------------------------------------------------------------------------- public API


LOADER_VERSION = "loader-2"


def load_articles(source: Source, *, on_error: Literal["warn", "raise"] = "warn",
                  cache: bool = False, progress: bool | None = None) -> pd.DataFrame:
    """Load articles from a file, a folder (recursive), a glob, or a list of these.

    Formats by extension: ``.txt`` (scraped page-text dumps holding one or more
    articles, or one plain article), ``.jsonl`` and ``.csv``/``.tsv`` with
    ``title`` and ``body`` (optional ``date``, ``url``, ``source``, ``id``).

    Returns one row per article with columns ``article_id`` (a content hash,
    stable across runs and machines, or the input's ``id``), ``title``,
    ``caption``, ``credit``, ``body`` (paragraphs joined by blank lines),
    ``date`` (NaT when unknown), ``source`` (path relative to the corpus root),
    ``line``, ``url``, ``n_words`` (word count of the body), ``n_paragraphs``
    and ``changes`` (what the cleaner removed or repaired). Skipped inputs are
    counted in the report (:func:`load_report`) and announced with one
    :class:`LoadWarning`; ``on_error="raise"`` turns the first skip into a
    :class:`LoadError`.

    ``cache=True`` keeps the result (and its report) in ``data/derived/articles/`` under a key of
    the files' bytes and the loader's version, so an unchanged corpus loads in a fraction of the
    time; the skip warning is repeated from the cached report. ``progress`` shows a tqdm bar while
    large JSONL files are parsed on all cores (default: from 2,000 lines up).

    >>> arts = load_articles(raw_dir())                       # doctest: +SKIP
    >>> arts[["title", "n_words"]]                            # doctest: +SKIP
    """
    if cache:
        return _cached_load(source, on_error, progress)
    files, root = _expand(source)
    col = _Collector()
    records: list[dict] = []
    for path in files:
        rel = _rel(path, root)
        reader = _readable(path, rel, col)
        if reader is None:
            continue
        records.extend(_read(path, rel, col, progress=progress))
        if on_error == "raise" and col.skipped:
            raise _skip_error(col.skipped[0])

    rows: list[dict] = []
    first_seen: dict[str, dict] = {}
    for rec in records:
        aid = rec["article_id"]
        if aid in first_seen:
            other = first_seen[aid]
            col.skip(rec["source"], rec["line"],
                     f"duplicate article id {aid} (same as {other['source']}, line {other['line']})")
            continue
        first_seen[aid] = rec
        for line, action, what, detail in rec.pop("_events"):
            col.changes.append({"article_id": aid, "source": rec["source"], "line": line,
                                "action": action, "what": what, "detail": detail, "n": 1})
        repairs: Counter = rec.pop("_repairs")
        for what, n in sorted(repairs.items()):
            col.changes.append({"article_id": aid, "source": rec["source"], "line": None,
                                "action": "repaired", "what": what, "detail": "", "n": n})
        rows.append(rec)

    report = col.report()
    if on_error == "raise" and len(report.skipped):
        raise _skip_error(report.skipped.iloc[0])
    articles = pd.DataFrame(rows, columns=[c for c in ARTICLE_COLUMNS if c != "changes"])
    articles["date"] = pd.to_datetime(articles["date"]).astype("datetime64[ns]")
    for c in ("line", "n_words", "n_paragraphs"):
        articles[c] = articles[c].astype("int64")
    if len(report.changes):
        per = report.changes.groupby(["article_id", "what"], sort=False)["n"].sum().reset_index()
        text = per.groupby("article_id", sort=False).apply(
            lambda g: "; ".join(f"{w} ×{n}" for w, n in zip(g["what"], g["n"])), include_groups=False
        )
        articles["changes"] = articles["article_id"].map(text).fillna("")
    else:
        articles["changes"] = ""
    articles.attrs["report"] = report
    if len(report.skipped):
        warnings.warn(_skip_warning(report, "load_report(articles).skipped"), stacklevel=2)
    if articles.empty:
        raise _nothing_loaded(source, report)
    return articles


def _skip_warning(report: LoadReport, where: str) -> LoadWarning:
    """One warning naming the first few skips (all of them are in the report)."""
    return LoadWarning(
        f"skipped {len(report.skipped)} input(s); see {where}: "
        + "; ".join(
            f"{s.source}{'' if pd.isna(s.line) else f', line {s.line}'}: {s.reason}"
            for s in report.skipped.head(5).itertuples()
        )
        + (" …" if len(report.skipped) > 5 else "")
    )


def _skip_error(skip) -> LoadError:
    """The :class:`LoadError` for ``on_error="raise"``: a skip (dict or report row) as ``file, line N: reason``."""
    line = skip["line"]
    at = "" if line is None or pd.isna(line) else f", line {int(line)}"
    return LoadError(f"{skip['source']}{at}: {skip['reason']}")


def _nothing_loaded(source: Source, report: LoadReport) -> LoadError:
    return LoadError(
        f"no article could be loaded from {os.fspath(source) if isinstance(source, (str, os.PathLike)) else source}"
        + (f": {report.summary()}" if len(report.skipped) else "")
    )


def _cached_load(source: Source, on_error: Literal["warn", "raise"], progress: bool | None) -> pd.DataFrame:
    """:func:`load_articles` through a content-addressed pickle in ``data/derived/articles/``."""
    import pickle

    from .paths import derived_dir

    files, root = _expand(source)
    h = hashlib.sha1(f"{LOADER_VERSION}|{on_error}".encode())
    for path in files:
        h.update(_rel(path, root).encode())
        h.update(path.read_bytes())
    cache_path = derived_dir() / "articles" / f"{h.hexdigest()[:20]}.pkl"
    if cache_path.exists():
        try:
            with cache_path.open("rb") as fh:
                articles = pickle.load(fh)
            report = articles.attrs.get("report")
            if report is not None and len(report.skipped):
                warnings.warn(LoadWarning(f"{len(report.skipped)} input(s) skipped (cached load); "
                                          "see load_report(articles).skipped"), stacklevel=3)
            return articles
        except Exception:  # a corrupt cache is rebuilt, never trusted
            cache_path.unlink(missing_ok=True)
    from ._parallel import atomic_pickle

    articles = load_articles(source, on_error=on_error, progress=progress)
    atomic_pickle(articles, cache_path)
    return articles
