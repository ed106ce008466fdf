"""The package's one count of words: Treebank tokens with a letter or digit, counted chunk by chunk.

A chunk's words rarely depend on where Punkt puts sentence breaks (the sentence-final rules mostly split
off punctuation), so most paragraphs need no sentence splitting: each whitespace chunk's words are
counted once and remembered. Where a chunk counts differently at a sentence's end (``aren't.``: the
clitic splits only there) or Punkt may break inside it (``said."The``), that paragraph is split into
sentences first. Tests check that ``n_words`` equals the token table's word rows on real corpora.
"""
from __future__ import annotations

import re
from operator import itemgetter
from typing import Iterable

from ..chars import fold, require_text
from .cache import make_room
from .chunks import chunk_spans_of, closing_only
from .sentences import paragraph_spans, split_sentences
from .treebank import chunk_spans, fill, rule_spans

__all__ = ["count_words", "prime"]

#: where Punkt can break inside a whitespace chunk: an end mark, then a mark Punkt reads as the next token,
#: unless only closing marks follow to the chunk's end (Punkt moves those back: ``said."``)
_INNER_BREAK = re.compile(r"[.?!](?![\"')\]}]*\Z)[?!)\";}\]*:@'({\[]")
_ALNUM = re.compile(r"\w")
_COUNTS: dict[str, tuple[int, int, bool]] = {}
_MID, _NEEDS_PUNKT = itemgetter(0), itemgetter(2)       # of an entry: words mid-sentence; paragraph needs Punkt
CACHE_MAX = 150_000


def _words(chunk: str, last: bool) -> int:
    return sum(1 for a, b in chunk_spans(chunk, last) if _ALNUM.search(chunk, a, b))


def _learn(chunk: str) -> tuple[int, int, bool]:
    """A chunk's words mid-sentence and sentence-final, and whether its paragraph needs Punkt: when the two
    differ, when Punkt may break inside the chunk, or when it is closing marks that join the chunk before."""
    mid = _words(chunk, False)
    last = _words(chunk, True)
    exact = mid != last or bool(_INNER_BREAK.search(chunk)) or closing_only(chunk)
    entry = (mid, last, exact)
    make_room(_COUNTS, CACHE_MAX)
    _COUNTS[chunk] = entry
    return entry


def _exact(para: str) -> int:
    """The words of one paragraph, sentence by sentence."""
    total = 0
    for s0, s1 in split_sentences(para):
        chunks = chunk_spans_of(para, s0, s1)
        total += sum(_words(para[a:b], i == len(chunks) - 1) for i, (a, b) in enumerate(chunks))
    return total


def prime(texts: Iterable[str]) -> None:
    """Learn the words of every chunk of ``texts`` at once (NLTK's calls batched over all of them), so that
    :func:`count_words` on these texts, or on what is left of them, finds its chunks known."""
    chunks: set[str] = set()
    for t in texts:
        chunks.update(fold(t).split())
    _learn_all(chunks)


def _learn_all(chunks: Iterable[str]) -> None:
    """Learn the chunks not known yet: a chunk the rules split (most of them) is one word or none, the same at
    a sentence's end (a cut mark is punctuation); the others go through NLTK, batched."""
    new = (chunks if isinstance(chunks, set) else set(chunks)) - _COUNTS.keys()
    if not new:
        return
    hard = []
    make_room(_COUNTS, CACHE_MAX, len(new))
    for c in new:
        spans = rule_spans(c, False)
        if spans is None or rule_spans(c, True) is None:
            hard.append(c)
            continue
        n = 1 if _ALNUM.search(c, 0, spans[0][1]) else 0
        _COUNTS[c] = (n, n, bool(_INNER_BREAK.search(c)))
    if hard:
        fill([(c, last) for c in hard for last in (False, True)])
        for c in hard:
            _learn(c)


def count_words(text: str) -> int:
    """The number of words in ``text`` (the token table's non-punctuation tokens of that text).

    >>> count_words("Iraqi forces entered Al-Qaim, ISIS’ last bastion -- 1,500 of them.")
    10
    """
    folded = fold(require_text(text, "count_words"))
    paragraphs = [folded[a:b] for a, b in paragraph_spans(folded)]
    chunked = [p.split() for p in paragraphs]
    get = _COUNTS.get
    total = 0
    for para, chunks in zip(paragraphs, chunked):
        entries = list(map(get, chunks))
        if None in entries:
            _learn_all(chunks)
            entries = [get(c) or _learn(c) for c in chunks]
        if any(map(_NEEDS_PUNKT, entries)):
            total += _exact(para)
        elif entries:
            total += sum(map(_MID, entries)) - entries[-1][0] + entries[-1][1]
    return total
