"""Mentions a later reference can resolve to: titled names, named actors, surnames, a plain name before a quote.

Each finder scans the article once, in bounded steps (:class:`~.config.Thresholds`), and returns :class:`Entry`
rows in text order; :mod:`.references` pools them with the article's speakers.
"""
from __future__ import annotations

from dataclasses import dataclass

from .actors import Coding, Lexicons, code_phrase
from .config import THRESHOLDS, Thresholds
from .lexicon import countries, has
from .speakers import subject_after, verb_at
from .text import Doc

_PLACE_PREPOSITIONS = ("in", "at", "from", "near", "to", "into", "across", "outside", "inside", "of")
TITLE_PREPOSITIONS = ("at", "of", "from", "with")     # "a doctor at the X Hospital Name", "a spokesman of the X"


@dataclass
class Entry:
    """A speaker (or titled mention) a later reference can resolve to."""

    coding: Coding
    phrase: str
    start: int
    end: int


def titled_mentions(doc: Doc, lex: Lexicons, th: Thresholds = THRESHOLDS) -> list[Entry]:
    """Titled names anywhere in the article (``President Bashar al-Assad``, ``Rami Abdel Rahman director of the
    Observatory``), for surnames and pronouns later."""
    out: list[Entry] = []
    toks = doc.toks
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and j - i < th.max_name_words and toks[j].word and toks[j].cap \
                and lex.roles.get((toks[j].k,)) is None:
            j += 1
        nxt = j + (1 if j < len(toks) and has(toks[j].k, "det") else 0)
        r = lex.roles.get((toks[nxt].k,)) if nxt < len(toks) else None
        if j - i >= 2 and r is not None and r.kind in ("title", "rank", "member"):
            span = subject_after(toks, i, min(len(toks), i + 16))
            if span is not None:
                _add_mention(doc, lex, out, i, span.last)
            i = j
            continue
        r = lex.roles.get((toks[i].k,))
        if r is not None and r.kind in ("title", "rank", "member"):
            j = i + 1
            while j < len(toks) and j - i <= th.max_name_words and toks[j].sent == toks[i].sent and (
                    toks[j].cap and toks[j].word and verb_at(toks, j, len(toks)) is None
                    and not has(toks[j].k, "time") or _abbrev_dot(toks, j)):
                j += 1
            if j - i >= 2 and toks[j - 1].cap:
                a = i       # back over "UN Under-Secretary-General for Humanitarian Affairs and Emergency Relief"
                while a - 1 >= 0 and i - a < th.max_title_chain_words and toks[a - 1].sent == toks[i].sent and (
                        toks[a - 1].cap and toks[a - 1].word or _abbrev_dot(toks, a - 1)
                        or a == i and _body(lex, toks[a - 1].k)
                        or toks[a - 1].k in ("for", "of", "and") and a - 2 >= 0 and toks[a - 2].cap):
                    a -= 1
                _add_mention(doc, lex, out, a, j - 1)
            i = max(j, i + 1)
            continue
        i += 1
    longest: dict[int, Entry] = {}
    for e in out:           # "Emergency Relief Coordinator X" inside "UN Under-Secretary-General ... X": keep the whole
        if e.end not in longest or e.start < longest[e.end].start:
            longest[e.end] = e
    return sorted(longest.values(), key=lambda e: e.start)


def _body(lex: Lexicons, k: str) -> bool:
    """``observatory`` in *observatory head Rami Abdel Rahman*: a lower-case body before a title."""
    r = lex.roles.get((k,))
    return r is not None and r.kind == "body"


def _abbrev_dot(toks, j: int) -> bool:
    """The dot of ``U.N.`` or ``Maj.`` inside a name."""
    return toks[j].t == "." and j > 0 and toks[j - 1].cap and ("." in toks[j - 1].t or len(toks[j - 1].t) <= 4)


def _add_mention(doc: Doc, lex: Lexicons, out: list[Entry], a: int, b: int) -> None:
    phrase = doc.text[doc.toks[a].s:doc.toks[b].e]
    c = code_phrase(phrase, "", lex)
    if c.person and c.actor and c.rule != "person without a title":
        out.append(Entry(c, phrase, doc.toks[a].s, doc.toks[b].e))


def plain_name_before(doc: Doc, ti: int, lex: Lexicons, th: Thresholds) -> Entry | None:
    """``John Smith, 45, was at home ... "It was terrible," he said``: with no titled person or speaker to refer to,
    the nearest two- or three-word name before (no lexicon words, not after a preposition: no place)."""
    toks = doc.toks
    j = ti - 1
    while j > 0 and ti - j < th.max_words_before_quote * 4:
        if toks[j].cap and toks[j].word and toks[j - 1].cap and toks[j - 1].word:
            a = j - 1
            while a - 1 >= 0 and j - a < 2 and toks[a - 1].cap and toks[a - 1].word:
                a -= 1
            run = toks[a:j + 1]
            if all((t.k,) not in lex.roles and (t.k,) not in lex.actors and (t.k,) not in countries()
                   and not has(t.k, "time") and t.k not in ("the", "a", "an") for t in run) \
                    and (a == 0 or toks[a - 1].k not in _PLACE_PREPOSITIONS):
                s = toks[_titled_start(toks, a, lex)].s
                phrase = doc.text[s:run[-1].e]
                c = code_phrase(phrase, "", lex)
                if c.person:
                    return Entry(c, phrase, s, run[-1].e)
            j = a
        j -= 1
    return None


def _titled_start(toks, a: int, lex: Lexicons) -> int:
    """``Pathologist at the Aleppo University Hashim``: a title and its institution before a name start the
    phrase; otherwise the name's own first token ``a``."""
    if a >= 3 and toks[a - 1].k == "the" and toks[a - 2].k in TITLE_PREPOSITIONS:
        r = lex.roles.get((toks[a - 3].k,))
        if r is not None and r.kind in ("title", "member", "rank") and toks[a - 3].sent == toks[a].sent:
            return a - 3
    return a


def surname_mentions(doc: Doc, persons: list[Entry]) -> list[Entry]:
    """Every later mention of a titled person by surname (``Warren, a Democrat, fired back``): the latest person
    named before a pronoun is often one of these."""
    by_surname: dict[str, Entry] = {}
    for p in persons:
        by_surname.setdefault(p.coding.actor.split()[-1].lower(), p)
    out = []
    for t in doc.toks:
        p = by_surname.get(t.k)
        if p is not None and t.cap and t.s >= p.end:
            out.append(Entry(p.coding, doc.text[t.s:t.e], t.s, t.e))
    return out


def actor_mentions(doc: Doc, lex: Lexicons) -> list[Entry]:
    """Named actors anywhere in the article (``the Syrian Observatory for Human Rights``), for references."""
    toks, out, i = doc.toks, [], 0
    while i < len(toks):
        if not toks[i].cap:
            i += 1
            continue
        for n in range(min(THRESHOLDS.max_alias_words, len(toks) - i), 0, -1):
            hit = lex.actors.get(tuple(t.k for t in toks[i:i + n]))
            if hit is not None and toks[i].cap and (not hit.upper or toks[i].t.isupper()):
                phrase = doc.text[toks[i].s:toks[i + n - 1].e]
                out.append(Entry(code_phrase(phrase, "", lex), phrase, toks[i].s, toks[i + n - 1].e))
                i += n - 1
                break
        i += 1
    return out
