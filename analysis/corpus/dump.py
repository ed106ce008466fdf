"""The scraped page-text dump parser: split a text into articles (headline, captions, credits, body).

The sample's layout per article: headline, caption (with credit) repeated, share-widget residue
(``TT``, a counter), the headline+caption block again, then body paragraphs; blank lines between.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from .cleaning import repair_line
from .rules import CREDIT_LINE, DATE_LINE, RELATED, is_residue, split_credit, title_like
from .widgets import is_widget_line

__all__ = ["parse_dump"]


_AGO = re.compile(r"\s*/\s*(?:[Uu]pdated\s+)?(?:an?|\d+)\s+\w+\s+ago$")      # "… / a year ago"
_TIME_DOT = re.compile(r"\b(\d{1,2})\.(\d{2})\b(?!\.\d)")                     # "14.23 BST"
_LOCAL_ZONE = re.compile(r"\s+(?:BST|CET|EST|EDT)$")                       # read as local time


def _parse_dateline(line: str) -> pd.Timestamp | None:
    if not DATE_LINE.match(line):
        return None
    clean = _TIME_DOT.sub(r"\1:\2", _AGO.sub("", line)).replace("|", " ").replace(" - ", " ").replace(" / ", " ")
    ts = pd.to_datetime(_LOCAL_ZONE.sub("", clean), errors="coerce", format="mixed")
    if pd.isna(ts):
        return None
    return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts


@dataclass
class _Line:
    no: int  # 1-based line number in the file
    text: str
    blanks_before: int
    changes: list[str]


@dataclass
class Article:
    """One article found in a dump (internal)."""

    title: str = ""
    title_line: int = 0
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    date: pd.Timestamp | None = None
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    events: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, action, what, detail

    def removed(self, line: int, what: str, detail: str) -> None:
        self.events.append((line, "removed", what, detail))


def _lines(text: str, first: int = 0) -> list[_Line]:
    out: list[_Line] = []
    blanks = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        if no <= first:
            continue
        fixed, changes = repair_line(raw)
        if not fixed:
            blanks += 1
            continue
        out.append(_Line(no, fixed, blanks, changes))
        blanks = 0
    return out


def _repeats_soon(lines: list[_Line], i: int, window: int = 8) -> bool:
    """Does ``lines[i]`` occur again within the next few non-residue lines, before any body paragraph?

    Between a headline and its repeat a page prints only captions (credited or repeated), datelines
    and widget residue; a line of prose in between means the repeat is something else (a site's
    furniture line closing every short article, say).
    """
    seen = 0
    for j in range(i + 1, len(lines)):
        nxt = lines[j]
        if is_residue(nxt.text):
            continue
        if nxt.text == lines[i].text:
            return True
        if not _header_like(lines, j, window):
            return False
        seen += 1
        if seen >= window:
            break
    return False


def _header_like(lines: list[_Line], j: int, window: int) -> bool:
    """Could ``lines[j]`` sit in a headline block (a headline, a caption, a date), not in the body?"""
    text = lines[j].text
    if split_credit(text) is not None or DATE_LINE.match(text) or is_widget_line(text):
        return True
    if title_like(text):
        return lines[j].blanks_before < 2      # after a wider gap: the next article's headline
    return any(ln.text == text for ln in lines[j + 1:j + 1 + window])


def _new_title(lines: list[_Line], i: int) -> bool:
    """A headline after a gap that is printed again soon: the next article, even if this one has no body."""
    return lines[i].blanks_before >= 2 and title_like(lines[i].text) and _repeats_soon(lines, i)


def _headline_first(lines: list[_Line], i: int) -> bool:
    """The file's first line, short, in title case and followed by a blank line: a headline even if it
    ends with a full stop (some sites print one)."""
    if i != 0 or len(lines) < 2 or lines[1].blanks_before == 0 or not lines[0].text.endswith("."):
        return False
    words = lines[0].text.rstrip(".").split()
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return 3 <= len(words) <= 20 and caps >= 0.7 * len(words) and title_like(lines[0].text.rstrip("."))


def _starts_article(lines: list[_Line], i: int, current: Article | None) -> bool:
    line = lines[i]
    if current is None and _headline_first(lines, i):
        return True
    if not title_like(line.text):
        return False
    if current is None:
        return True
    if not current.paragraphs:
        return _new_title(lines, i)
    if _repeats_soon(lines, i):
        return True
    return line.blanks_before >= 2 and i + 1 < len(lines)


def _followed_by_residue(lines: list[_Line], i: int) -> bool:
    """Is ``lines[i]`` directly followed (no blank line) by share-widget residue, as captions are?"""
    return i + 1 < len(lines) and lines[i + 1].blanks_before == 0 and is_residue(lines[i + 1].text)


def _consume_header(lines: list[_Line], i: int, art: Article) -> int:
    """Consume title repeats, captions, credits, datelines and widget residue; return body start."""
    n = len(lines)
    start = i
    while i < n:
        text = lines[i].text
        no = lines[i].no
        if text == art.title:
            art.removed(no, "repeated headline", text)
        elif is_residue(text):
            art.removed(no, "share-widget residue", text)
        elif (ts := _parse_dateline(text)) is not None:
            if art.date is None:
                art.date = ts
            art.removed(no, "dateline", text)
        elif text in art.captions or any(text == c + f" ({cr})" for c, cr in zip(art.captions, art.credits)):
            art.removed(no, "repeated caption", text)
        elif i > start and _new_title(lines, i):
            break
        elif is_widget_line(text):
            break                          # the catalogue removes it with the body's furniture
        elif ((split := split_credit(text)) is not None or _repeats_soon(lines, i)
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
    if text.isascii():          # its only quote marks are " and '
        return text.encode("ascii").translate(None, b"\"'").decode("ascii").lower().strip(" .")
    return _QUOTE_MARKS.sub("", text).lower().strip(" .")


def clean_body(art: Article) -> None:
    """Drop RELATED lines, duplicate paragraphs, pull-quotes and caption/title leftovers."""
    kept: list[tuple[int, str]] = []
    seen: set[str] = set()
    caption_keys = {_norm_for_compare(c) for c in art.captions} | {_norm_for_compare(art.title)}
    keys: list[str] = []
    for no, para in art.paragraphs:
        if is_widget_line(para) or CREDIT_LINE.match(para):
            kept.append((no, para))          # the catalogue removes it, under its own name
            keys.append("")
            continue
        if RELATED.match(para):
            art.removed(no, "RELATED line", para)
            continue
        if is_residue(para):
            art.removed(no, "share-widget residue", para)
            continue
        key = _norm_for_compare(para)
        split = split_credit(para) if para.rstrip().endswith(")") else None
        if key in caption_keys or (split is not None and _norm_for_compare(split[0]) in caption_keys):
            art.removed(no, "caption or headline repeated in body", para)
            continue
        if key in seen and not _label_like(para):     # a short label: maybe a credit around a caption
            art.removed(no, "duplicate paragraph", para)
            continue
        seen.add(key)
        kept.append((no, para))
        keys.append(key)
    _drop_pull_quotes(art, kept, keys)


def _drop_pull_quotes(art: Article, kept: list[tuple[int, str]], keys: list[str]) -> None:
    """Pull-quotes: a short paragraph whose text is repeated inside a longer one."""
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


def parse_dump(text: str, *, title: str = "", first: int = 0
               ) -> tuple[list[Article], list[tuple[int, list[str]]]]:
    """Split scraped page text into articles (internal; see :func:`~analysis.load_articles`).

    With ``title`` (from a header block) the text after line ``first`` is that one article.
    Returns the articles and, per line number, the repairs made to that line.

    >>> arts, _ = parse_dump("Army Enters Town\\n\\nThe army entered the town on Friday.\\n")
    >>> [(a.title, a.paragraphs) for a in arts]
    [('Army Enters Town', [(3, 'The army entered the town on Friday.')])]
    """
    lines = _lines(text, first)
    wrap = _wrap_width(lines)
    repairs = [(ln.no, ln.changes) for ln in lines if ln.changes]
    articles: list[Article] = []
    current: Article | None = None
    i = 0
    leading: list[_Line] = []
    if title:
        current = Article(title=title, title_line=lines[0].no if lines else first + 1)
        articles.append(current)
        i = _consume_header(lines, 0, current)
    while i < len(lines):
        if not title and _starts_article(lines, i, current):
            current = Article(title=lines[i].text, title_line=lines[i].no)
            articles.append(current)
            i = _consume_header(lines, i + 1, current)
            continue
        line = lines[i]
        if current is None:
            leading.append(line)
            i += 1
            continue
        _add_line(current, line, wrap)
        i += 1
    if leading:
        # Text before any title-like line: an article without a headline.
        headless = Article(title="", title_line=leading[0].no)
        headless.paragraphs = [(ln.no, ln.text) for ln in leading]
        articles.insert(0, headless)
    for art in articles:
        clean_body(art)
    return articles, repairs


def _label_like(text: str) -> bool:
    """A short line in title case ("Courtesy of the White House", "Middle East"): a label or credit of its
    own, not the first half of a hard-wrapped sentence."""
    words = text.split()
    return len(words) <= 6 and sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words)


#: Lines at least this long (characters) estimate a text's wrap width; a line at this quantile of their
#: lengths is taken as full (hard-wrapped text: most lines; unwrapped text: a whole paragraph).
WRAP_MIN_LINE, WRAP_QUANTILE = 20, 0.95


def _wrap_width(lines: list[_Line]) -> int:
    """The width a text's lines are wrapped at, estimated from its long lines (0: no long line)."""
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) >= WRAP_MIN_LINE)
    return lengths[math.ceil(WRAP_QUANTILE * (len(lengths) - 1))] if lengths else 0


def _add_line(art: Article, line: _Line, wrap: int = 0) -> None:
    """A body line: a new paragraph, or the continuation of a hard-wrapped one (no blank line between,
    the previous line stopping mid-sentence, and too full to have taken the line's first word: a short
    line is a label, a headline or a list item, not a wrapped one)."""
    prev = art.paragraphs[-1] if art.paragraphs else None
    if (prev is not None and line.blanks_before == 0 and not _ends_sentence(prev[1])
            and len(prev[1]) + 1 + len(line.text.split(None, 1)[0]) > wrap
            and not is_residue(line.text) and not is_residue(prev[1])
            and not is_widget_line(line.text) and not is_widget_line(prev[1])
            and not CREDIT_LINE.match(line.text) and not CREDIT_LINE.match(prev[1])
            and not _label_like(prev[1])):
        art.paragraphs[-1] = (prev[0], prev[1] + " " + line.text)
    else:
        art.paragraphs.append((line.no, line.text))
