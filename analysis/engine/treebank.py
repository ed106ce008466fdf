"""Treebank word spans per whitespace chunk: plain chunks by rule, the others by NLTK once, remembered.

NLTK's :class:`~nltk.tokenize.NLTKWordTokenizer` rules look at most one space beyond a whitespace chunk
(the sentence-final period, a quote or clitic before a space), so a sentence's tokens are the tokens of
its chunks, each tokenised with its context: mid-sentence, or the sentence's last chunk.

* **By rule** (most chunks of news text): a chunk none of whose characters any Treebank rule acts on
  (letters, digits, single hyphens, slashes, inner periods) and that holds no contraction NLTK splits
  (*cannot*, *gonna*, …) is one token; with one trailing ``,`` ``;`` ``:`` (or, sentence-final, ``.``
  ``?`` ``!``) it is that core and the mark.
* **By NLTK** (quotes, apostrophes, brackets, dashes, …): the chunk between dummy words (``x CHUNK x``),
  computed once and remembered; new chunks are tokenised thousands per NLTK call.

Tests and ``benchmarks/throughput.py`` check both against NLTK run on whole sentences of real news.
"""
from __future__ import annotations

import re
from typing import Iterable

from nltk.tokenize import NLTKWordTokenizer

from .cache import make_room
from .sentences import too_long

__all__ = ["chunk_spans", "rule_spans", "fill", "nltk_spans", "TOKENIZER_VERSION"]

TOKENIZER_VERSION = "treebank-chunk-rules-4"

#: characters (and pairs) some Treebank rule acts on, besides a final period and trailing marks
_ACTIVE = re.compile(r"[\"'`«“‘„»”’:,;@#$%&\u2012-\u2015?!*\[\](){}<>]|--|\.\.")
#: contractions NLTK splits inside a word (its CONTRACTIONS2 list, less those with an apostrophe)
_SPLIT_WORDS = re.compile(r"(?i)\b(?:cannot|gimme|gonna|gotta|lemme|wanna)\b")
_ENDS_IN_WORD = re.compile(r"\w\Z")
#: a sentence-final chunk NLTK's final-period rule splits: what precedes the period, and closing marks after
_FINAL_PERIOD = re.compile(r"(.*[^.])?\.([\])}>\"'»”’]*)", re.S)
_WORD_TOKENIZER = NLTKWordTokenizer()
_CACHE: dict[tuple[str, bool], tuple[tuple[int, int], ...]] = {}
CACHE_MAX = 150_000
FILL_BATCH = 2000


def rule_spans(chunk: str, last: bool) -> tuple[tuple[int, int], ...] | None:
    """The Treebank spans of a plain chunk (see the module's docstring), or None when NLTK must decide.

    >>> rule_spans("Al-Qaim,", False), rule_spans("U.S.", True), rule_spans("U.S.", False), rule_spans("it's", False)
    (((0, 7), (7, 8)), ((0, 3), (3, 4)), ((0, 4),), None)
    """
    if not chunk:
        return None
    cut = chunk[-1] in ",;:" or (last and chunk[-1] in ".?!")
    core = chunk[:-1] if cut else chunk
    if not core or core[-1:] == "." and cut and chunk[-1] == "." or _ACTIVE.search(core) or _SPLIT_WORDS.search(core):
        return None
    n = len(core)
    return ((0, n), (n, n + 1)) if cut else ((0, n),)


def nltk_spans(text: str) -> list[tuple[int, int]]:
    """NLTK's spans of ``text``; where NLTK's quote alignment fails, word-and-punctuation spans."""
    try:
        return list(_WORD_TOKENIZER.span_tokenize(text))
    except ValueError:
        return [m.span() for m in re.finditer(r"\w+(?:[-',.]\w+)*|[^\w\s]", text)]
    except TimeoutError:
        raise ValueError(too_long("word tokenising", "stretch of text", len(text), 0)) from None


def _nltk_chunk(chunk: str, last: bool) -> tuple[tuple[int, int], ...]:
    padded = "x " + chunk + ("" if last else " x")
    raw = nltk_spans(padded)
    raw = raw[1:] if last else raw[1:-1]
    return tuple((a - 2, b - 2) for a, b in raw if b > 2 and a - 2 < len(chunk))


def chunk_spans(chunk: str, last: bool) -> tuple[tuple[int, int], ...]:
    """Treebank spans of one folded whitespace chunk; ``last``: the sentence's final chunk.

    >>> chunk_spans("ISIS'", False), chunk_spans("said.", True)
    (((0, 4), (4, 5)), ((0, 4), (4, 5)))
    """
    key = (chunk, last)
    spans = _CACHE.get(key)
    if spans is None:
        spans = rule_spans(chunk, last)
        if spans is None:
            spans = _nltk_chunk(chunk, last)
        make_room(_CACHE, CACHE_MAX)
        _CACHE[key] = spans
    return spans


def fill(keys: Iterable[tuple[str, bool]]) -> None:
    """Remember the spans of the (folded chunk, sentence-final) keys not yet known, NLTK's thousands per call.

    One NLTK call costs about 120 µs however short its text, so chunks the rules cannot decide are
    tokenised together as ``x c1 x c2 x … x``: each keeps the one-space context it has alone, and the
    rules anchored at the ends of the text meet only the dummies (tested). Sentence-final chunks differ
    from mid-sentence ones only by NLTK's final-period rule (the others see the same space after them):
    a final ``P.Q`` (``Q`` closing marks) is ``P``'s tokens, the period and ``Q``'s; any other final
    chunk has its mid-sentence tokens; a final chunk holding spaces (``said. )``) goes to NLTK alone.
    """
    mids: dict[str, None] = {}
    same: list[str] = []
    finals: list[re.Match] = []
    alone: list[str] = []
    for key in keys:
        if key in _CACHE:
            continue
        spans = rule_spans(*key)
        if spans is not None:
            make_room(_CACHE, CACHE_MAX)
            _CACHE[key] = spans
            continue
        chunk, last = key
        final = _FINAL_PERIOD.fullmatch(chunk) if last else None
        if not last or _ENDS_IN_WORD.search(chunk):
            mids[chunk] = None
        elif any(ch.isspace() for ch in chunk) or (final is not None and not final.group(1)):
            alone.append(chunk)
        elif final is not None:
            finals.append(final)
            mids.update((part, None) for part in final.groups() if part and rule_spans(part, False) is None)
        else:
            same.append(chunk)
            mids[chunk] = None
    make_room(_CACHE, CACHE_MAX, 2 * len(mids) + len(same) + len(finals) + len(alone))
    todo = [c for c in mids if (c, False) not in _CACHE]
    for i in range(0, len(todo), FILL_BATCH):
        _fill_batch(todo[i:i + FILL_BATCH])
    for chunk in same:
        _CACHE[(chunk, True)] = chunk_spans(chunk, False)
    for m in finals:
        n = len(m.group(1))
        tail = tuple((n + 1 + a, n + 1 + b) for a, b in chunk_spans(m.group(2), False)) if m.group(2) else ()
        _CACHE[(m.group(0), True)] = chunk_spans(m.group(1), False) + ((n, n + 1),) + tail
    for chunk in alone:
        chunk_spans(chunk, True)


def _fill_batch(part: list[str]) -> None:
    """One NLTK call for chunks that end in a word character or are mid-sentence (see :func:`fill`)."""
    try:
        raw = list(_WORD_TOKENIZER.span_tokenize("x " + " x ".join(part) + " x"))
    except (ValueError, TimeoutError):     # alignment failed or out of time somewhere: chunk by chunk instead
        for chunk in part:
            _remember(chunk, _nltk_chunk(chunk, False))
        return
    k, offset = 0, 2
    for chunk in part:
        end = offset + len(chunk)
        while k < len(raw) and raw[k][0] < offset:
            k += 1
        spans = []
        while k < len(raw) and raw[k][1] <= end:
            spans.append((raw[k][0] - offset, raw[k][1] - offset))
            k += 1
        _remember(chunk, tuple(spans))
        offset = end + 3


def _remember(chunk: str, spans: tuple[tuple[int, int], ...]) -> None:
    _CACHE[(chunk, False)] = spans
    if _ENDS_IN_WORD.search(chunk):
        _CACHE[(chunk, True)] = spans
