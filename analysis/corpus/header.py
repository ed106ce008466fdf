"""Metadata at the top of an article: header blocks, leading dates, bylines, datelines, repeated headlines.

* :func:`front_matter` reads a leading block of ``Key: value`` lines (Pelican/Jekyll/Markdown front
  matter, ``---`` fenced blocks, e-mail-like headers) into title, date, author, url and tags.
* :func:`strip_lead` peels what pages print before the first sentence of the body: a date
  (``Wed 05 Apr 2017``, ``Posted on April 19 2017``), a byline (``By X``), the headline repeated, a
  dateline (``BEIRUT (Reuters) -``) and a photo caption ending in a credit (``… (AFP Photo)``).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import pandas as pd

from .cleaning import repair_line
from .dates import parse_date
from .rules import CREDIT, DAYS, MONTHS

__all__ = ["Meta", "front_matter", "parse_date", "strip_lead", "norm_words"]

#: Header keys and the metadata field each fills (others are recognised header lines, reported only).
HEADER_FIELDS = {
    "title": "title", "subject": "title", "headline": "title",
    "date": "date", "published": "date", "pubdate": "date", "created": "date", "sent": "date",
    "date published": "date", "published at": "date", "publication date": "date",
    "author": "author", "authors": "author", "by": "author", "byline": "author", "from": "author",
    "creator": "author",
    "url": "url", "src": "url", "link": "url", "canonical": "url", "permalink": "url", "source url": "url",
    "source": "url",
    "tags": "tags", "keywords": "tags", "tag": "tags",
}
OTHER_KEYS = {"category", "categories", "slug", "summary", "modified", "updated", "lang", "language", "status",
              "layout", "excerpt", "image", "description", "subtitle", "id", "to", "cc", "save_as", "template",
              "translation", "draft", "section", "type", "lastmod", "cover", "thumbnail", "series", "location"}
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_ -]{0,24}?)\s*:\s*(?P<value>.*)$")
_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")


@dataclass
class Meta:
    """Metadata found in an article's header (empty strings / None when absent)."""

    title: str = ""
    date: pd.Timestamp | None = None
    author: str = ""
    url: str = ""
    tags: str = ""
    dateline: str = ""
    caption: str = ""
    credit: str = ""
    stamped: pd.Timestamp | None = None        # a date stamp's date ("Last modified on …"): the last resort
    date_text: str = ""                        # the text ``date`` was read from (its day/month order is
    stamped_text: str = ""                     # decided per file when loading), and ``stamped``'s
    events: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, action, what, detail

    def removed(self, line: int, what: str, detail: str) -> None:
        self.events.append((line, "removed", what, detail))


def _key(line: str) -> tuple[str, str] | None:
    m = _KEY_LINE.match(line.strip())
    if not m:
        return None
    key = m.group("key").strip().lower()
    if key in HEADER_FIELDS or key in OTHER_KEYS:
        return key, m.group("value").strip()
    return None


def _set(meta: Meta, key: str, value: str) -> None:
    target = HEADER_FIELDS.get(key)
    if not value or target is None:
        return
    if target == "date":
        if meta.date is None:
            meta.date, meta.date_text = parse_date(value), value
    elif target == "url":
        if not meta.url and re.match(r"https?://|www\.", value):
            meta.url = value
    elif target == "tags":
        tags = [t.strip(" '\"") for t in re.split(r"[,;|]|\s#", value.strip("[]")) if t.strip(" '\"#")]
        meta.tags = "; ".join(filter(None, [meta.tags] + tags))
    elif target == "author":
        if not meta.author:
            meta.author = re.sub(r"\s*<[^>]*>", "", value).strip(" '\"")
    elif not getattr(meta, target):
        setattr(meta, target, value.strip(" '\""))


def front_matter(lines: list[str]) -> tuple[Meta, int] | None:
    """The metadata of a header block at the top of ``lines`` and the index of the first line after it.

    A block is two or more ``Key: value`` lines with known keys (at least one of title, date, author,
    url or tags), optionally fenced by ``---``; it ends at the first blank or other line.

    >>> meta, end = front_matter(["Title: Army Enters Town", "Date: 2017-04-05 10:20", "Author: J. Doe",
    ...                           "Tags: Syria, Idlib", "", "Body text."])
    >>> meta.title, str(meta.date), meta.author, meta.tags, end
    ('Army Enters Town', '2017-04-05 10:20:00', 'J. Doe', 'Syria; Idlib', 4)
    """
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fenced = i < len(lines) and bool(_FENCE.match(lines[i]))
    start = i + 1 if fenced else i
    j = start
    found: list[tuple[int, str, str]] = []
    while j < len(lines):
        text = lines[j]
        if fenced and _FENCE.match(text):
            j += 1
            break
        if not text.strip():
            if fenced:
                j += 1
                continue
            break
        kv = _key(text)
        if kv is None:
            if fenced:
                j += 1
                continue
            break
        found.append((j, *kv))
        j += 1
    if len(found) < 2 or not any(k in HEADER_FIELDS for _, k, _ in found):
        return None
    meta = Meta()
    for no, key, value in found:
        _set(meta, key, repair_line(value)[0])
        meta.removed(no + 1, "header line", f"{key}: {value}"[:120])
    return meta, j


_DATE_EXPR = (
    rf"(?:(?:{DAYS})\w*\.?,?\s+)?(?:"
    rf"\d{{1,2}}\s+(?:{MONTHS})\w*\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\w*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\w*\.?\s+\d{{6}}"            # "Apr 152017": day and year run together
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}})"
    rf"(?:\s*[,·•|]?\s*(?:at\s+)?\d{{1,2}}(?::?\d{{2}}|\.\d{{2}}(?=\s+[A-Z]{{2,4}}T\b))(?:\s*[AaPp]\.?[Mm]\.?)?"
    rf"(?:\s*(?:GMT|UTC|ET|PT|[A-Z]{{2,4}}T))?)?"
)
_LEAD_DATE = re.compile(
    rf"^(?:[A-Z]{{2,8}}\s+)?(?:(?:Posted|Published|Last\s+updated|Updated|First\s+published)(?:\s+on|\s+at)?:?\s+)?"
    rf"(?P<date>{_DATE_EXPR})(?:\s*[-–|,:]\s*|\s+|$)",
    re.I,
)
_NAME = r"(?:(?![A-Z]{2,}\b)[A-Z][\w'’.-]+|al-[A-Z][\w'’-]+|(?:de|van|von|bin|ibn|el|al|abu)\b)"
_BYLINE = re.compile(
    rf"^By\s+(?P<author>{_NAME}(?:\s+{_NAME}){{0,4}}(?:(?:,\s*|\s+and\s+){_NAME}(?:\s+{_NAME}){{0,4}}){{0,3}})"
    rf"(?:\s*[,|]\s*(?P<org>[A-Z][\w ]{{1,40}}?))?(?=\s*$|\s+[A-Z]{{3,}}\b|\s*[-–—|]\s)"
)
# A paragraph that is only a byline, in any case: "By BEN HUBBARD and ANNE BARNARD", "By Reuters Staff".
_BYLINE_LINE = re.compile(r"^By:?\s+(?P<author>[A-Z][\w'’. -]{1,80}?)(?:\s*[,|]\s*[\w'’. -]{1,40})?$")
_AGENCY = r"[A-Z][A-Za-z.&/ ]{0,30}"
_DATELINE = re.compile(
    r"^(?P<dateline>"
    r"(?:[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
    rf"(?:\s*\({_AGENCY}\)|,?\s+[A-Z]{{2,6}})?"
    r"|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})?"
    rf"(?:\s*\({_AGENCY}\)|,?\s+[A-Z]{{2,6}}(?=\s*[-–—])))"
    r")\s*(?:[-–—]+|:)\s*(?=[\"“A-Z0-9])"
)
# A byline without "By": names only, or a name and where the writer is ("Tom Perry, Ellen Francis",
# "Martin Chulov in Beirut"): two to three capitalised words each, a paragraph of its own (one name alone needs its place).
_PERSON = rf"{_NAME}(?:\s+{_NAME}){{1,2}}"
_NAMES_LINE = re.compile(rf"^(?P<author>{_PERSON}(?:(?:,\s*|\s+and\s+|\s*,\s*and\s+){_PERSON}){{1,3}}|{_PERSON}"
                         r"(?=\s+in\s))(?:\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?$")
_WORDS = re.compile(r"[\w]+")
_NON_WORD = re.compile(r"[^\w]+")
# "Middle East Syria Security", "News › World › Middle East", "AFP": a few capitalised words, no sentence.
_CRUMB_WORD = r"(?:[A-Z][\w'’&-]*|&|and|of|[>›»|/•])"
_CRUMB = re.compile(rf"^(?:{_CRUMB_WORD}(?:\s+{_CRUMB_WORD}){{1,6}}|[A-Z][\w&'’.-]{{1,20}})$")


def norm_words(text: str) -> list[str]:
    """Lower-cased words with apostrophes dropped (``Syria's`` and ``Syrias`` compare equal)."""
    return _WORDS.findall(text.lower().replace("'", "").replace("’", ""))


_WORD_APOS = re.compile(r"[\w'’]+")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z]")
_AFTER_HEADLINE = re.compile(r"[\"”’]?\s*(?P<punct>[.:]?)\s*(?P<dash>[-–—]?)\s*")
_OPENS_SENTENCE = re.compile(r"[\"“‘'(A-Z0-9]")


# ASCII bytes with every non-word character made a space.
_SPACE_NON_WORD = bytes(i if chr(i).isalnum() or chr(i) == "_" else ord(" ") for i in range(128)) + b" " * 128


def _in_a_row(words: list[str], text: str) -> bool:
    """Do ``words`` follow each other in ``text``, with only non-word characters between them?"""
    if text.isascii():          # without a regex pass: non-word characters made spaces, runs of them one
        return " ".join(words).encode() in b" ".join(text.encode("ascii").translate(_SPACE_NON_WORD).split())
    return " ".join(words) in _NON_WORD.sub(" ", text)


def _title_prefix(text: str, title: str, window: int = 80) -> int | None:
    """Where the text after the (last) repeat of ``title`` within its first ``window`` words starts,
    when everything before that repeat is header-like (no sentence boundary); else None."""
    tw = norm_words(title)
    if len(tw) < 3:
        return None
    low = text[:3000].lower().replace("'", "").replace("’", "")
    if not all(w in low for w in tw):       # the quicker test: each of the headline's words is there
        return None
    if not _in_a_row(tw, low):              # the quick test: the headline's words in a row
        return None
    found = list(itertools.islice(_WORD_APOS.finditer(text), window + len(tw)))
    spans = [m.span() for m in found]
    # lower-cased together: a line break between words leaves each word's case mapping as alone
    words = "\n".join([m.group() for m in found]).lower().replace("'", "").replace("’", "").split("\n") \
        if found else []
    ends = [k for k in range(len(words) - len(tw) + 1) if words[k] == tw[0] and words[k:k + len(tw)] == tw]
    for k in reversed(ends):
        before = text[:spans[k][0]]
        if k > window or _SENTENCE_BREAK.search(before):
            continue
        end = spans[k + len(tw) - 1][1]
        m = _AFTER_HEADLINE.match(text[end:])
        after = text[end + m.end():end + m.end() + 2]
        if not (m.group("punct") or m.group("dash") or not after or _OPENS_SENTENCE.match(after)):
            continue                       # the headline's words run on into a sentence: not a repeat
        return end + m.end()
    return None


def _lead_caption(text: str) -> tuple[str, str, int] | None:
    """A photo caption at the start of a paragraph ending in a credit and followed by the body."""
    for m in CREDIT.finditer(text[:600]):
        after = text[m.end():]
        if not re.match(r"\s+[\"“A-Z]", after):
            continue
        start = 0
        for s in re.finditer(r"[.!?][\"”’]?\s+(?=[A-Z])", text[:m.start()]):
            start = s.end()
        caption = text[start:m.start()].strip().rstrip(".") + "."
        if 4 <= len(caption.split()) <= 60:
            return caption, m.group("credit").strip(), start
    return None


def strip_lead(paragraphs: list[tuple[int, str]], title: str, meta: Meta) -> list[tuple[int, str]]:
    """Peel dates, bylines, the repeated headline, a dateline and a leading photo caption off the body.

    >>> m = Meta()
    >>> strip_lead([(1, "Wed 05 Apr 2017 Army Enters Town. BEIRUT (Reuters) - The army entered the town.")],
    ...            "Army Enters Town", m)
    [(1, 'The army entered the town.')]
    >>> str(m.date), m.dateline
    ('2017-04-05 00:00:00', 'BEIRUT (Reuters)')
    """
    paras = list(paragraphs)
    if len(paras) > 1 and _CRUMB.match(paras[0][1]) and not paras[0][1].startswith("By "):
        meta.removed(paras[0][0], "breadcrumb or section label", paras[0][1])
        paras.pop(0)
    for _ in range(8):
        if not paras:
            break
        no, text = paras[0]
        new = _peel_once(text, no, title, meta)
        if new is None:
            break
        if new.strip():
            paras[0] = (no, new.strip())
        else:
            paras.pop(0)
            if meta.events and meta.events[-1][2] == "byline" and len(paras) > 1 and _affiliation(paras[0][1]):
                meta.removed(paras[0][0], "byline", paras.pop(0)[1])     # "BBC News, Beirut"
    return paras


def _affiliation(text: str) -> bool:
    """A byline's second line: a few capitalised words, no sentence ("BBC News, Beirut", "NPR")."""
    words = text.split()
    return 0 < len(words) <= 6 and not re.search(r"[.!?]$", text) and all(w[:1].isupper() for w in words)


def _peel_once(text: str, no: int, title: str, meta: Meta) -> str | None:
    """``text`` with one leading element removed (recorded in ``meta``), or None when none is there."""
    if (m := _LEAD_DATE.match(text)) and (ts := parse_date(m.group("date"))) is not None:
        if meta.date is None:
            meta.date, meta.date_text = ts, m.group("date")
        meta.removed(no, "date at start of body", m.group(0).strip())
        return text[m.end():]
    if (m := _BYLINE.match(text)) is not None:
        if not meta.author:
            meta.author = m.group("author").strip()
        rest = text[m.end():].lstrip(" -–—|,")
        end = m.end()
        if len(rest.split()) <= 6 and not re.search(r"[.!?]$", rest):
            end, rest = len(text), ""            # the byline's affiliation: "BBC News, Beirut"
        meta.removed(no, "byline", text[:end].strip())
        return rest
    if (m := _NAMES_LINE.match(text)) is not None and not title.startswith(text):
        if not meta.author:
            meta.author = m.group("author").strip()
        meta.removed(no, "byline", text)
        return ""
    if (m := _BYLINE_LINE.match(text)) is not None and len(text.split()) <= 10:
        if not meta.author:
            meta.author = m.group("author").strip()
        meta.removed(no, "byline", text)
        return ""
    if title and (cut := _title_prefix(text, title)) is not None:
        meta.removed(no, "headline repeated in body", text[:cut].strip())
        return text[cut:]
    if (m := _DATELINE.match(text)) is not None and len(text) > m.end() + 20:
        if not meta.dateline:
            meta.dateline = m.group("dateline").strip()
        meta.removed(no, "dateline", m.group(0).strip())
        return text[m.end():]
    if (cap := _lead_caption(text)) is not None:
        caption, credit, start = cap
        if not meta.caption:
            meta.caption, meta.credit = caption, credit
        end = text.index(f"({credit}", start) + len(credit) + 2
        meta.removed(no, "photo caption in body", text[start:end].strip())
        return text[:start] + text[end:] if start else text[end:]
    return None
