"""An article as words, sentences, paragraphs and quotes: one pass each, linear in the text's length."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..text import fold, sentence_spans
from .config import THRESHOLDS
from .lexicon import TOKEN, has, key
from .shouting import unshout
from .unclosed import ENDED_NEXT_QUOTE, unclosed_end

QUOTE_MARKS = re.compile(r"[\"“”«»„]")
OPENING = "“„«"
CLOSING = "”»"
_BREAKS = re.compile(r"\n+")


@dataclass(slots=True)
class Tok:
    """One word or punctuation mark."""

    s: int          # start offset in the text
    e: int          # end offset
    t: str          # surface (folded: straight quotes and apostrophes)
    k: str          # lookup key (lower case, no dots)
    sent: int       # sentence index
    para: int       # paragraph index
    quote: int = -1  # index of the quote it stands in, -1 outside quotes

    @property
    def cap(self) -> bool:
        """Capitalised, or a name particle glued to a capitalised name (al-Assad)."""
        first = self.t[:1]
        if first.isupper():
            return True
        head, _, rest = self.t.partition("-")
        return bool(rest) and rest[:1].isupper() and has(head.lower(), "particle")

    @property
    def word(self) -> bool:
        return self.t[:1].isalnum() or self.t[:1] == "_"


@dataclass(slots=True)
class Quote:
    """A quotation: its marks and content offsets; ``closed`` is False where a paragraph ended it."""

    qs: int
    qe: int
    cs: int
    ce: int
    closed: bool
    para: int
    group: int = -1     # quotes continued over paragraphs share a group
    ended: str = ""     # where a quote that never closed was ended (:mod:`.unclosed`), "" otherwise


@dataclass
class Doc:
    text: str
    toks: list[Tok]
    sents: list[tuple[int, int]]
    sent_toks: list[tuple[int, int]]        # token index range of each sentence
    quotes: list[Quote] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)     # token start offsets, for bisect
    cap_words: set[str] | None = None   # keys of capitalised words (extraction fills it)
    breaks: list[int] | None = None     # next clause break per token (extraction fills it)
    head_end: int = 0       # first token after a headline repeated at the top of the body (content starts there)
    cased: str = ""         # the text as its tokens read it where a paragraph was shouted (:mod:`.shouting`), else ""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of a text (a newline ends a paragraph)."""
    spans, start = [], 0
    for m in _BREAKS.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _closes(text: str, i: int, a: int, b: int) -> bool:
    """Whether a quote mark looks like a closing one: after a word or a full stop, before a space or the end."""
    c = text[i]
    if c in OPENING:
        return False
    before = text[i - 1] if i > a else " "
    after = text[i + 1] if i + 1 < b else " "
    return (before.isalnum() or before in ".,!?;:)]") and (after.isspace() or after in ".,;:!?)")


def _opens(text: str, i: int, a: int, b: int) -> bool:
    """Whether a quote mark looks like an opening one: after a space or the start, before a word."""
    if text[i] in CLOSING:
        return False
    before = text[i - 1] if i > a else " "
    after = text[i + 1] if i + 1 < b else " "
    return (before.isspace() or before in "(:[") and (after.isalnum() or after in "[(.")


def _lost_opening(text: str, a: int, i: int, limit: int) -> int:
    """Where a quote whose opening mark was lost starts: after the last full stop before it (bounded search)."""
    lo = max(a, i - limit)
    stop = max(text.rfind(". ", lo, i), text.rfind("? ", lo, i), text.rfind("! ", lo, i))
    start = stop + 2 if stop >= 0 else (a if lo == a else i)
    while start < i and text[start].isspace():
        start += 1
    return start


def _pair(text: str, a: int, b: int, pi: int, limit: int = THRESHOLDS.max_lost_quote_chars) -> list[Quote]:
    """Pair the quote marks of one paragraph, left to right, by their look (opening or closing); an unclosed quote
    ends where :func:`.unclosed.unclosed_end` says, and a closing mark with no opening one closes a quote from its
    sentence's start."""
    out: list[Quote] = []
    open_at = None
    for m in QUOTE_MARKS.finditer(text, a, b):
        i = m.start()
        if open_at is None:
            if _closes(text, i, a, b):
                if text[i - 1].isalnum() and text[i] in CLOSING + "'":
                    continue        # ISIS’: an apostrophe
                start = _lost_opening(text, a, i, limit)
                if start < i and (not out or out[-1].qe <= start):
                    out.append(Quote(start, i + 1, start, i, False, pi))
                continue
            open_at = i
        elif _opens(text, i, a, b) and not _closes(text, i, a, b):
            end, how = unclosed_end(text, open_at, i, False)      # the first was never closed
            out.append(Quote(open_at, end, open_at + 1, end, False, pi,
                             ended=ENDED_NEXT_QUOTE if end == i else how))
            open_at = i
        else:
            out.append(Quote(open_at, i + 1, open_at + 1, i, True, pi))
            open_at = None
    if open_at is not None:
        end = a + len(text[a:b].rstrip())
        end, how = unclosed_end(text, open_at, end, _opens_next(text, b))
        out.append(Quote(open_at, end, open_at + 1, end, False, pi, ended=how))
    return [q for q in out if q.ce > q.cs and text[q.cs:q.ce].strip()]


def _opens_next(text: str, b: int) -> bool:
    """Whether the paragraph after the one ending at ``b`` opens with a quote mark."""
    i = b
    while i < len(text) and text[i].isspace():
        i += 1
    return i < len(text) and QUOTE_MARKS.match(text, i) is not None


def quotes(text: str) -> list[Quote]:
    """Every quotation, with quotes continued over paragraphs grouped.

    >>> [(q.cs, q.ce, q.closed, q.group) for q in quotes('"We won.\\n"We stay," he said. "No."')]
    [(1, 8, False, 0), (10, 18, True, 0), (30, 33, True, 1)]
    """
    out: list[Quote] = []
    for pi, (a, b) in enumerate(paragraphs(text)):
        out.extend(_pair(text, a, b, pi))
    group = -1
    for i, q in enumerate(out):
        prev = out[i - 1] if i else None
        # an unclosed quote at a paragraph's end continues when the next paragraph opens with a quote mark
        if prev is not None and not prev.closed and q.para == prev.para + 1 and not text[prev.qe:q.qs].strip():
            q.group = group
        else:
            group += 1
            q.group = group
    return out


def read(text: str) -> Doc:
    """Tokens with their sentence, paragraph and quote, the sentences, and the quotes of a text."""
    folded = fold(text)
    plain, folded = folded, unshout(folded, paragraphs(folded))     # a paragraph in capitals, case-folded
    sents = sentence_spans(folded, folded=True)
    starts = [s for s, _ in sents]
    breaks = [m.start() for m in _BREAKS.finditer(folded)]
    qs = quotes(folded)
    toks: list[Tok] = []
    qi = 0
    for m in TOKEN.finditer(folded):
        s = m.start()
        while qi < len(qs) and qs[qi].qe <= s:
            qi += 1
        inside = qi if qi < len(qs) and qs[qi].cs <= s < qs[qi].ce else -1
        toks.append(Tok(s, m.end(), m.group(), key(m.group()), max(0, bisect_right(starts, s) - 1),
                        bisect_right(breaks, s), inside))
    sent_toks = [(0, 0)] * len(sents)
    i = 0
    for si in range(len(sents)):
        j = i
        while j < len(toks) and toks[j].sent == si:
            j += 1
        sent_toks[si] = (i, j)
        i = j
    return Doc(text, toks, sents, sent_toks, qs, [t.s for t in toks], cased=folded if folded != plain else "")
