"""Antecedents found in the text itself, not only among speakers and named actors.

* a definite description (*the official*, *the coalition*) refers to the nearest earlier noun phrase with the same
  head word that says more about it (*A U.S. official familiar with ...*, *the US-led coalition*): a first mention
  is indefinite or modified, a later one definite and bare;
* a document noun (*the report*, *the statement*) with no antecedent of its own head speaks for the last speaker;
* a pronoun prefers the subject of its own or the previous sentence over speakers and names further back
  (*Western powers back the opposition ... Yet they have said*).

Every scan is bounded by :class:`~.config.Thresholds`.
"""
from __future__ import annotations

from dataclasses import replace

from .actors import Coding, Lexicons, code_phrase
from .config import Thresholds
from .lexicon import countries, has, key
from .mentions import Entry
from .speakers import is_pronoun, noun_phrase_start, subject_after
from .text import Doc, Tok

AGED_ROLE = "CVL"    # the role of an untitled person the text gives an age ("Ziad, 13,")
MAX_AGE = 120       # a number after a name at most this is an age ("Ziad 13 suffered a head injury")


def _is_head(toks: list[Tok], j: int, lex: Lexicons) -> bool:
    """Whether token ``j`` ends its noun phrase (``official`` in *a U.S. official said*, not in *official media*)."""
    if j + 1 >= len(toks) or toks[j + 1].sent != toks[j].sent:
        return True
    nxt = toks[j + 1]
    return not (nxt.word and (nxt.cap or (nxt.k,) in lex.roles or (nxt.k,) in lex.actors))


def _informative(c: Coding, phrase: str) -> bool:
    """A phrase that says more than a bare description: a country, a name or a named actor."""
    words = phrase.split()
    return bool(c.country) or c.rule.startswith("actor") \
        or (c.person and c.rule != "person without a title" and c.actor not in phrase.lower() and any(w[:1].isupper() for w in words[1:]))


def same_head_before(doc: Doc, ti: int, head: str, lex: Lexicons, th: Thresholds, role: str = "") -> Entry | None:
    """The nearest noun phrase before token ``ti`` ending in ``head`` that says more than a bare description
    (a country, a name, a named actor), of role ``role`` when given."""
    toks = doc.toks
    if ti <= 0 or not ((head,) in lex.roles or has(head, "generic")):
        return None
    limit = toks[ti].s - th.max_description_chars
    j = ti - 1
    while j >= 0 and toks[j].s >= limit:
        if toks[j].k == head and _is_head(toks, j, lex):
            first = noun_phrase_start(toks, j, max(0, j - th.max_speaker_words), th)
            phrase = doc.text[toks[first].s:toks[j].e]
            c = code_phrase(phrase, "", lex)
            if _informative(c, phrase) and (not role or c.role == role):
                return Entry(c, phrase, toks[first].s, toks[j].e)
        j -= 1
    return None


def document_speaker(head: str, history: list[Entry]) -> Entry | None:
    """``the report said`` with nothing called a report before: the last speaker issued it."""
    if not has(head, "document") or not history:
        return None
    return history[-1]


def definite_complement(doc: Doc, first: int, last: int, c: Coding, lex: Lexicons, th: Thresholds) -> Coding:
    """``A spokesman for the coalition`` / ``coalition spokesman Lt. Col. X`` with no country: the country of the
    nearest earlier mention of the same body that names one (``the US-led coalition``)."""
    if c.country or c.rule.startswith("actor"):
        return c
    toks = doc.toks
    for j in range(last, first - 1, -1):
        if toks[j].word and not toks[j].cap and (j > first and toks[j - 1].k == "the" and _is_head(toks, j, lex)
                                                 or _before_member(toks, first, j, lex)):
            r = lex.roles.get((toks[j].k,))
            if r is None or r.kind not in ("body", "state") or r.role != c.role:
                continue
            ante = same_head_before(doc, first, toks[j].k, lex, th, role=c.role)
            if ante is not None and ante.coding.country:
                return replace(c, country=ante.coding.country, rule=f"{c.rule}; country of '{ante.phrase}'")
    return c


def _before_member(toks: list[Tok], first: int, j: int, lex: Lexicons) -> bool:
    """``coalition`` in *coalition spokesman X*: a bare body opening the phrase before the member who speaks for it."""
    if j + 1 >= len(toks) or any(has(t.k, "det") or (t.k,) in lex.roles for t in toks[first:j] if t.word):
        return False
    r = lex.roles.get((toks[j + 1].k,))
    return r is not None and r.kind in ("member", "rank")


def sentence_subject(doc: Doc, ti: int, lex: Lexicons, th: Thresholds) -> Entry | None:
    """The subject of the sentence before token ``ti``'s own: the noun phrase opening it, outside quotes, coded by
    the lexicons (a pronoun or an uncoded phrase is no subject here). Not the pronoun's own sentence: in *The army
    shelled the town it added* its subject is what was said."""
    toks = doc.toks
    start = ti
    while start > 0 and toks[start - 1].sent == toks[ti].sent:
        start -= 1
    if start == 0:
        return None
    prev = start - 1
    while prev > 0 and toks[prev - 1].sent == toks[start - 1].sent:
        prev -= 1
    return _subject_at(doc, prev, start, lex, th)


def _subject_at(doc: Doc, start: int, hi: int, lex: Lexicons, th: Thresholds) -> Entry | None:
    toks = doc.toks
    if toks[start].quote >= 0 or is_pronoun(toks[start].k):
        return None
    span = subject_after(toks, start, min(hi, start + th.max_speaker_words))
    if span is None or span.last + 1 >= hi or (tuple(t.k for t in toks[span.first:span.last + 1]) in countries()):
        return None
    phrase = doc.text[toks[span.first].s:toks[span.last].e]
    c = code_phrase(phrase, "", lex)
    if c.rule == "no lexicon match" or key(phrase.split()[0]) in ("a", "an"):
        return None
    if c.rule == "person without a title":
        if not _age_after(toks, span.last + 1):
            return None     # "Douma lies ..." may be a place; "Ziad 13 suffered ..." is a person
        # news gives the age of ordinary people, not of officials: an untitled person with an age is a civilian
        c = replace(c, role=AGED_ROLE, rule=f"person with an age ({AGED_ROLE})")
    return Entry(c, phrase, toks[span.first].s, toks[span.last].e)


def _age_after(toks: list[Tok], j: int) -> bool:
    """``Ziad 13`` / ``Ziad, 13,``: a small number right after a name is an age."""
    if j < len(toks) and toks[j].t == ",":
        j += 1
    return j < len(toks) and toks[j].t.isdigit() and int(toks[j].t) <= MAX_AGE
