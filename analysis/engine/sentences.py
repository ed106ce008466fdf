"""Punkt sentence spans, fast: NLTK's own algorithm with its repeated work remembered or skipped.

* Punkt decides each candidate break (``word. Next``) from that context string alone (the parameters
  are fixed: nothing is learned here), so its decisions are remembered per context string.
* A paragraph without ``.``, ``?`` or ``!`` has no candidate break, and one whose first end mark is followed
  only by closing marks Punkt moves back into the sentence (``"')]}``), then the end, has no break Punkt keeps:
  either is one sentence without asking.
* The commonest contexts are decided without tokenising them: a word of two or more letters (hyphens
  between) that is not a known abbreviation, a period, a space and a next token (``said. The``) is a break
  whatever follows (with these parameters only initials, numbers and abbreviations are reconsidered); a
  number, a period and a word is a break when the word starts upper case, none when lower case.
* NLTK finds the word before each candidate with a Python loop over characters; ``str.rfind`` finds it.

The sentences are exactly Punkt's (tests compare with a plain ``PunktSentenceTokenizer``).
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Iterator

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ..vocabulary import sentence_abbreviations
from .cache import make_room

__all__ = ["sentence_splitter", "paragraph_spans", "split_sentences", "too_long"]

_PARA_SPLIT = re.compile(r"\n\s*\n")
_SENT_END = re.compile(r"[.?!]")
#: what may follow a paragraph's only end mark for Punkt to give one sentence: closing marks it realigns
_CLOSERS = re.compile(r"[\"')\]}]*\s*")
#: Punkt's context for a candidate break (word before, the mark, whitespace and the next token) in its
#: plainest form: letters only before the period
_PLAIN_BREAK = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)\.\s+\S+")
#: ... and a number before the period: a break when the next token starts upper case, none when lower case
_NUMBER_BREAK = re.compile(r"(\d[\d,]*)\.\s+([A-Za-z])[^\s.?!]*")    # (no later end mark in the context)


class _MemoPunkt(PunktSentenceTokenizer):
    """Punkt whose break decisions are remembered per context (see the module's docstring)."""

    MAX_DECISIONS = 100_000

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._decisions: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        hit = self._decisions.get(text)
        if hit is None:
            decided = self._decided(text)
            if decided is not None:
                return decided
            hit = super().text_contains_sentbreak(text)
            make_room(self._decisions, self.MAX_DECISIONS)
            self._decisions[text] = hit
        return hit

    def _decided(self, text: str) -> bool | None:
        """Punkt's decision for the plainest contexts, without tokenising them (None: ask Punkt)."""
        abbreviations = self._params.abbrev_types
        plain = _PLAIN_BREAK.fullmatch(text)
        if plain is not None:
            word = plain.group(1).lower()
            if len(word) > 1 and word not in abbreviations and word.rsplit("-", 1)[-1] not in abbreviations:
                return True
            return None
        number = _NUMBER_BREAK.fullmatch(text)
        if number is not None and number.group(1) not in abbreviations:
            return number.group(2).isupper()
        return None

    def _get_last_whitespace_index(self, text: str) -> int:
        # NLTK: the index of the last whitespace character, 0 when there is none
        return max(max(text.rfind(c) for c in string.whitespace), 0)

    def span_tokenize(self, text: str, realign_boundaries: bool = True) -> Iterator[tuple[int, int]]:
        """Punkt's spans, computed as NLTK's ``_slices_from_text`` and ``_realign_boundaries`` compute them,
        in one loop each over lists (NLTK chains generators and slice objects)."""
        if not realign_boundaries:
            return super().span_tokenize(text, realign_boundaries)
        return iter(self._realigned(text, self._slices(text)))

    def _slices(self, text: str) -> list[tuple[int, int]]:
        """NLTK's ``_slices_from_text`` with ``_match_potential_end_contexts`` inlined."""
        slices: list[tuple[int, int]] = []
        last_break, prev, prev_start, prev_stop = 0, None, 0, 0
        for match in [*self._lang_vars.period_context_re().finditer(text), None]:
            if match is not None:
                cut = self._get_last_whitespace_index(text[prev_stop:match.start()])
                start = cut + prev_stop + 1 if cut else prev_start
                if prev is None or prev_stop > start:        # overlaps the previous candidate's word
                    prev, prev_start, prev_stop = match, start, match.start()
                    continue
            if prev is not None:
                context = text[prev_start:prev_stop] + prev.group() + prev.group("after_tok")
                if self.text_contains_sentbreak(context):
                    slices.append((last_break, prev.end()))
                    last_break = prev.start("next_tok") if prev.group("next_tok") else prev.end()
            if match is not None:
                prev, prev_start, prev_stop = match, start, match.start()
        slices.append((last_break, len(text.rstrip())))
        return slices

    def _realigned(self, text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """NLTK's ``_realign_boundaries``: closing marks after a break move back into the sentence before."""
        out: list[tuple[int, int]] = []
        boundary = self._lang_vars.re_boundary_realignment
        realign = 0
        for i, (start, stop) in enumerate(slices):
            start += realign
            if i + 1 == len(slices):
                if text[start:stop]:
                    out.append((start, stop))
                break
            s2, e2 = slices[i + 1]
            m = boundary.match(text[s2:e2])
            if m:
                out.append((start, s2 + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if text[start:stop]:
                    out.append((start, stop))
        return out


@lru_cache(maxsize=None)
def sentence_splitter(extra_abbreviations: frozenset[str] = frozenset()) -> PunktSentenceTokenizer:
    """A Punkt sentence splitter built from the project's abbreviation list (no download).

    Add domain abbreviations with ``extra_abbreviations`` (lower case, no final period).

    >>> list(sentence_splitter().span_tokenize("Gen. Noman spoke. It fell."))
    [(0, 17), (18, 26)]
    """
    params = PunktParameters()
    params.abbrev_types = set(sentence_abbreviations() | extra_abbreviations)
    return _MemoPunkt(params)


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs of ``text`` (blank lines split; empty ones included)."""
    start = 0
    for m in _PARA_SPLIT.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def split_sentences(folded: str) -> list[tuple[int, int]]:
    """Sentence spans of already folded text: Punkt per paragraph, blank paragraphs skipped."""
    splitter = sentence_splitter()
    spans: list[tuple[int, int]] = []
    for p0, p1 in paragraph_spans(folded):
        para = folded[p0:p1]
        if not para.strip():
            continue
        first = _SENT_END.search(para)
        if first is None or _CLOSERS.fullmatch(para, first.end()):    # one sentence (see the module docstring)
            spans.append((p0, p0 + len(para.rstrip())))
            continue
        try:
            spans.extend((p0 + s, p0 + e) for s, e in splitter.span_tokenize(para))
        except TimeoutError:
            raise ValueError(too_long("sentence splitting", "paragraph", len(para), p0)) from None
    return spans


def too_long(what: str, piece: str, size: int, where: int) -> str:
    """The message for text on which NLTK's regular expressions ran out of time (``nltk.redos``)."""
    return (f"{what}: a {piece} of {size:,} characters (at character {where:,}) ran over the time limit NLTK puts "
            f"on its regular expressions (nltk.redos); such a {piece} is rarely prose - split the text at line "
            "breaks or check the input")
