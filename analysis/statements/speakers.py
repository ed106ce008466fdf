"""Speaker phrases: the complete noun phrase before or after a reporting verb, found in bounded scans.

A speaker is a whole noun phrase: determiner, quantifier, modifiers, titles, names, of/for complements and a
parenthesised short name (``the Syrian Observatory for Human Rights (SOHR)``), never a fragment: its last word
must be a name, a pronoun or a word of the role or actor lexicon (so ``children``, ``killed``, ``missiles``,
``Tuesday`` are never speakers). Every scan is bounded by :class:`~.config.Thresholds`, so a text is read in
linear time whatever it holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .config import THRESHOLDS, Thresholds
from .glued import glued_end, glued_name_start
from .details import body_start, k_body, split_suffix
from .details import is_place as _place, named_time as _named_time, place_tail as _place_tail
from .lexicon import Verb, countries, has, load_actor_lexicon, load_role_lexicon, verbs
from .text import Tok

_NOT_HEAD = frozenset("but and or nor in on at as if while when after before there here also however meanwhile so "
                      "then yet thus still because although though since where whereas than not no of for to from by "
                      "with into about over under against between during amid despite via per".split())
_OF = frozenset({"of", "for"})
_PP = frozenset({"in", "at", "from", "inside", "with", "by"})
_PREPOSITIONS = frozenset({"in", "at", "from", "near", "to", "of", "by", "on", "into", "outside", "inside", "across",
                           "with", "against", "for", "over", "toward", "towards", "than", "between", "among"})


@dataclass(frozen=True)
class Span:
    """A speaker phrase: token indices ``first..last`` (inclusive) and an optional apposition."""

    first: int
    last: int
    appos: tuple[int, int] | None = None
    how: str = "subject"


@lru_cache(maxsize=1)
def _np_words() -> frozenset[str]:
    """Lower-case words that may stand inside a speaker phrase: every word of the role and actor lexicons."""
    words: set[str] = set()
    for lex in (load_role_lexicon(), load_actor_lexicon(), countries()):
        for k in lex:
            words.update(k)
    return frozenset(words - _NOT_HEAD - {"the", "a", "an"})


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    """Words a speaker phrase may end with: the last word of a role term or an actor's alias."""
    return frozenset(k[-1] for lex in (load_role_lexicon(), load_actor_lexicon()) for k in lex)


def abbrev_dot(toks: list[Tok], j: int) -> bool:
    """The dot of ``U.N.``, ``Maj.`` or ``Gen.`` inside a name (not a full stop)."""
    return toks[j].t == "." and j > 0 and toks[j - 1].cap and ("." in toks[j - 1].t or len(toks[j - 1].t) <= 4) \
        and j + 1 < len(toks) and toks[j + 1].cap


def _role_word(k: str) -> bool:
    r = load_role_lexicon().get((k,))
    return r is not None and r.kind in ("title", "member", "rank")


def _common_noun(k: str) -> bool:
    """A lower-case noun that heads a phrase of its own (``soldiers``, ``hospital``), not a title before a name."""
    r = load_role_lexicon().get((k,))
    if r is not None:
        return r.kind in ("body", "state") or (k.endswith("s") and r.kind != "member")
    return not (has(k, "modifier") or has(k, "quant") or has(k, "particle") or k.endswith(("-based", "-led")))


def verb_at(toks: list[Tok], i: int, hi: int) -> Verb | None:
    """The reporting verb or cue starting at token ``i`` (multi-word cues first: "according to")."""
    table = verbs()
    if toks[i].cap and i > 0 and toks[i - 1].sent == toks[i].sent and toks[i].k in _np_words():
        return None             # "The United States": a capitalised name word, not the verb "states"
    if i + 1 < hi:
        v = table.get((toks[i].k, toks[i + 1].k))
        if v is not None:
            return v
    return table.get((toks[i].k,))


def is_pronoun(k: str) -> bool:
    return has(k, "person") or has(k, "thing") or has(k, "plural")


def _time(k: str) -> bool:
    return has(k, "time") or k.isdigit()


def _head_ok(t: Tok, named_time: bool = False) -> bool:
    """Whether a token can end a speaker phrase."""
    k = t.k
    if named_time:
        return True
    if len(t.t) > 1 and t.t.isupper() and t.t.isalpha():
        return True         # an acronym (IS, UN, WHO), never the function word it spells
    if not t.word or k in _NOT_HEAD or _time(k) or has(k, "det") or has(k, "relative") or has(k, "passive") \
            or has(k, "quant"):
        return False
    if is_pronoun(k):
        return True
    if (k,) in verbs():
        return False
    return t.cap or k in _heads() or has(k, "generic")


def _inner_ok(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` may stand inside a speaker phrase (left of its head)."""
    t = toks[i]
    k = t.k
    if len(t.t) > 1 and t.t.isupper() and t.t.isalpha():
        return True         # an acronym (IS, UN), never the function word it spells
    if t.t == ".":      # the dot of an abbreviation inside a name: "Maj. Gen. Igor Konashenkov", "the U.N. chief"
        return i > 0 and toks[i - 1].cap and (len(toks[i - 1].t) <= 4 and i + 1 < len(toks) and toks[i + 1].cap
                                              or "." in toks[i - 1].t)
    if _named_time(toks, i):
        return True
    if not t.word or k in _NOT_HEAD or _time(k) or has(k, "relative") or has(k, "passive") or is_pronoun(k) \
            or has(k, "gap"):
        return False
    if not t.cap and k.endswith("s") and k[:-1] in _np_words() and has(k[:-1], "generic"):
        return True         # "The observatorys chief": a possessive whose apostrophe the text lost
    if (k,) in verbs() and not t.cap:
        return False
    return (t.cap or k in _np_words() or has(k, "modifier") or has(k, "quant") or has(k, "particle")
            or has(k, "generic")
            or k.endswith(("-based", "-led", "-backed", "-run", "-held", "-controlled"))
            or split_suffix(toks, i)
            or k.startswith(("pro-", "anti-")))


def _extend_left(toks: list[Tok], last: int, lo: int, th: Thresholds) -> int:
    """The first token of the noun phrase ending at ``last``."""
    first = last
    while first - 1 >= lo and last - first < th.max_speaker_words:
        w = toks[first - 1]
        if w.quote != toks[last].quote:
            break
        if has(w.k, "det") and w.k not in ("that", "this") or has(w.k, "quant") and w.k in ("two", "three", "several"):
            first -= 1
            if first - 1 >= lo and toks[first - 1].k in _OF:
                continue            # "the head of the Observatory": the complement's article
            if first - 2 >= lo and toks[first - 1].k == "and" and _head_ok(toks[first - 2]) \
                    and not is_pronoun(toks[first - 2].k):
                first -= 1          # "a war monitor and a rebel commander said"
                continue
            break
        if _joins_left(toks, first, last, lo):
            first -= 1
            continue
        if w.k in _OF:
            if first - 2 >= lo and has(toks[first - 2].k, "placenoun"):
                break           # "the city of Aleppo Syrian activists said": a place, not a speaker's complement
            if first - 2 >= lo and (toks[first - 2].cap or toks[first - 2].k in _np_words()) and toks[first - 2].word:
                first -= 1
                continue
            break
        if w.t == ")" :
            k = first - 2
            while k >= lo and last - k < th.max_speaker_words and toks[k].t != "(":
                k -= 1
            if k < lo or toks[k].t != "(" or has(toks[k + 1].k, "det"):
                break       # "(SOHR)" is a short name; "(The Associated Press Albert Aji)" a byline, no part of it
            first = k
            continue
        if first - 2 >= lo and first == last and not w.cap and w.word and not _inner_ok(toks, first - 1) \
                and _adjective_slot(toks, first - 1):
            first -= 2          # "The volunteer group said": one unknown adjective between article and head
            break
        if not _inner_ok(toks, first - 1) or (toks[first].cap and w.word and not w.cap and _common_noun(w.k)
                                               and not (_role_word(toks[first].k) and k_body(w.k))
                                               and not split_suffix(toks, first - 1)
                                               and any(t.k in _np_words() for t in toks[first:last + 1])):
            break               # "two soldiers Observatory director ...": a common noun ends a phrase
                                # (but "the news website El-Dorar Al-Shamia" and "observatory Chief X" are one)
        first -= 1
    while first < last and (toks[first].k in _OF or toks[first].k == "and" or toks[first].t == "."):
        first += 1
    return _past_place_name(toks, first, last, lo)


def _joins_left(toks: list[Tok], first: int, last: int, lo: int) -> bool:
    """Whether the word before ``first`` joins the phrase: a place complement (*a medical source in Aleppo*,
    *Activists in rural Idlib*), *including* a named member, or *and* a coordinated speaker."""
    w = toks[first - 1]
    if w.k in _PP and first - 2 >= lo and _role_word(toks[first - 2].k) \
            and (toks[first].cap or has(toks[first].k, "area")) and _place_tail(toks, first, last):
        return True
    if has(w.k, "area") and not w.cap and toks[first].cap and first - 3 >= lo and toks[first - 2].k in _PP \
            and _role_word(toks[first - 3].k) and _place_tail(toks, first, last):
        return True
    if has(w.k, "includes") and toks[first].cap and first - 2 >= lo and toks[first - 2].k.endswith("s") \
            and toks[first - 2].k in _heads():
        return True         # "Opposition media groups including Aleppo Today said": the named member
    return w.k == "and" and first - 2 >= lo and (toks[first].cap or has(toks[first].k, "det")) \
        and _head_ok(toks[first - 2]) and not is_pronoun(toks[first - 2].k)   # "State media and the Observatory"


def _past_place_name(toks: list[Tok], first: int, last: int, lo: int) -> int:
    """``Aleppo`` of *the city of Aleppo Syrian activists*: a place named after a place noun starts no speaker."""
    if first - 2 >= lo and toks[first - 1].k in _OF and has(toks[first - 2].k, "placenoun"):
        while first < last and toks[first].cap and toks[first].k not in _np_words():
            first += 1
    return first


def _adjective_slot(toks: list[Tok], i: int) -> bool:
    k = toks[i].k
    return has(toks[i - 1].k, "det") and toks[i - 1].k not in ("that", "this") and k not in _NOT_HEAD \
        and not _time(k) and (k,) not in verbs() and not has(k, "relative") and not has(k, "passive") \
        and not has(k, "gap") and not k.endswith(("ed", "ing")) and not is_pronoun(k)


def _person_apposition(toks: list[Tok], first: int, lo: int) -> int:
    """``Rami Abdel Rahman the head of the Observatory said``: a name before a "the <title> of" apposition."""
    if not (has(toks[first].k, "det") and first + 1 < len(toks)):
        return first
    role = load_role_lexicon().get((toks[first + 1].k,))
    if role is None or role.kind not in ("member", "title", "rank") or first - 1 < lo:
        return first
    n = first - 1
    if not (toks[n].cap and toks[n].word) or _time(toks[n].k) or toks[n].k in _NOT_HEAD or has(toks[n].k, "gap"):
        return first
    while n - 1 >= lo and first - n < THRESHOLDS.max_name_words and toks[n - 1].word and (toks[n - 1].cap or has(toks[n - 1].k, "particle")) \
            and toks[n - 1].k not in _NOT_HEAD and not _time(toks[n - 1].k):
        n -= 1
    if n - 1 >= lo and (toks[n - 1].k in _PREPOSITIONS or has(toks[n - 1].k, "det") or (toks[n - 1].k,) in countries()):
        return first
    if (tuple(t.k for t in toks[n:first]) in countries()):
        return first
    return n


def _descriptive_apposition(toks: list[Tok], first: int, last: int, lo: int, th: Thresholds) -> int:
    """``The Local Coordination Committees another monitoring group said``: a named phrase before a description."""
    if not has(toks[first].k, "det") or toks[first].k in ("the", "this", "that", "these", "those"):
        return first
    if not any(not t.cap and t.k in _heads() for t in toks[first + 1:last + 1]) or first - 1 < lo:
        return first
    prev = toks[first - 1]
    if not (prev.word and (prev.cap or prev.t == ")")) or _time(prev.k) or prev.k in _NOT_HEAD:
        return first
    start = _extend_left(toks, first - 1, lo, th)
    if start - 1 >= lo and (toks[start - 1].k in _PREPOSITIONS or toks[start - 1].k in _OF):
        return first
    if tuple(t.k for t in toks[start:first]) in countries() or _place(tuple(t.k for t in toks[start:first])):
        return first            # "in northern Syria a monitor said", "near Damascus a monitor said": no name
    named = [t for t in toks[start:first] if t.cap]
    if len(named) < 2 and not any(t.k in _np_words() for t in toks[start:first]):
        return first
    return start


def _skip_gap(toks: list[Tok], j: int, lo: int, th: Thresholds, negation: bool) -> int:
    gap = 0
    while j >= lo and gap < th.max_gap_words and (has(toks[j].k, "gap") or _time(toks[j].k) and not _named_time(toks, j)
                                                   or (negation and toks[j].k == "not")):
        j -= 1
        gap += 1
    return j


def subject_before(toks: list[Tok], v: int, lo: int, th: Thresholds = THRESHOLDS, *,
                   negation: bool = False) -> Span | None:
    """The speaker phrase ending just before the verb at ``v`` (auxiliaries and times may stand between).

    ``Name, the commander of X, said`` gives the name with the apposition beside it.
    """
    j = _skip_gap(toks, v - 1, lo, th, negation)
    if j < lo:
        return None
    appos = None
    if toks[j].t == ",":
        k = j - 1
        while k >= lo and j - k <= th.max_appositive_words and toks[k].t != ",":
            k -= 1
        name = all(t.cap and t.word or abbrev_dot(toks, x) or (t.t == "." and x == j - 1)     # ", D-Calif.,"
                   for x, t in enumerate(toks[k + 1:j], k + 1)) and j - k <= th.max_name_words
        if k <= lo or toks[k].t != "," or not (has(toks[k + 1].k, "det") or toks[k + 1].k in _np_words() or name):
            return None
        appos, j = (k + 1, j - 1), k - 1
    if toks[j].t == ")":
        k = j - 1
        while k >= lo and j - k < th.max_parenthetical_words and toks[k].t != "(":
            k -= 1
        if k <= lo or toks[k].t != "(" or not _head_ok(toks[k - 1]):
            return None
        first = _extend_left(toks, k - 1, lo, th)
        return Span(_person_apposition(toks, first, lo), j, appos)
    if not _head_ok(toks[j], _named_time(toks, j)):
        return None
    if is_pronoun(toks[j].k):
        return Span(j, j, appos)
    first = _extend_left(toks, j, lo, th)
    if appos is None:
        first = _person_apposition(toks, first, lo)
    if first - 1 >= lo and (toks[first - 1].k in _PREPOSITIONS or has(toks[first - 1].k, "area") and first - 2 >= lo
                            and toks[first - 2].k in _PREPOSITIONS) and not _issuer(toks, first, lo):
        first = _after_preposition(toks, first, j)
        if first < 0:
            return None         # ("In Paris Fabius said": the place is dropped, Fabius stays)
    first = _descriptive_apposition(toks, first, j, lo, th)
    if first - 1 >= lo and toks[first - 1].k in ("no", "neither", "nor"):
        return None             # "No group has claimed responsibility"
    # "the PKK Khalil said": the PKK ends the clause before (but "REUTERS Rodi Said" is one credit line)
    glued = glued_name_start(toks, first, j, th) if v >= len(toks) or not toks[v].cap else -1
    return Span(glued if glued > 0 else first, j, appos)


def _after_preposition(toks: list[Tok], first: int, j: int) -> int:
    """Where a speaker starts in a phrase after a preposition (-1: none): "rockets on parts of Douma said X" is no
    speaker, but in "Speaking from Ghouta activist Khaled Amer said" it starts at the title, in "the war observatory
    director X" at the body, in "In Paris Fabius said" after the place."""
    start = next((k for k in range(first + 1, j + 1) if _role_word(toks[k].k) or has(toks[k].k, "det")
                  or body_start(toks, first, k, j)),
                 first + 1 if first < j and toks[first].cap and toks[first + 1].cap else -1)
    if start > first and all(t.k in _np_words() for t in toks[first:start]) \
            and not _place(tuple(t.k for t in toks[first:start])):
        start = first       # "briefing by UN Under-Secretary-General ... Valerie Amos said": UN stays
    return start


def _issuer(toks: list[Tok], first: int, lo: int) -> bool:
    """``a report from the UN Secretary General says``: the object of from/by after a document noun issued it."""
    return toks[first - 1].k in ("from", "by") and first - 2 >= lo and has(toks[first - 2].k, "document")


def subject_after(toks: list[Tok], k: int, hi: int, th: Thresholds = THRESHOLDS) -> Span | None:
    """The speaker phrase starting at ``k`` after an inverted verb: ``"...," said the army``."""
    if k >= hi:
        return None
    if is_pronoun(toks[k].k):
        return Span(k, k, None, "inverted")
    i = k
    while i < hi and i - k < th.max_speaker_words:
        t = toks[i]
        if has(t.k, "det") and (i == k or toks[i - 1].k in _OF or toks[i - 1].k in _PP
                                or (i > k and toks[i - 1].cap and i + 1 < hi
                                                                    and toks[i + 1].k in _np_words())):
            i += 1
        elif t.k == "and" and i > k and i + 1 < hi and _head_ok(toks[i - 1]) and (
                toks[i + 1].cap or has(toks[i + 1].k, "det") or toks[i + 1].k in _np_words()):
            i += 1          # "residents and rescue workers"
        elif t.k in _OF and i > k and i + 1 < hi and (toks[i + 1].cap or has(toks[i + 1].k, "det")
                                                       or toks[i + 1].k in _np_words()):
            i += 1
        elif t.k in _PP and i > k and (_role_word(toks[i - 1].k) or has(toks[i - 1].k, "generic")) and i + 1 < hi \
                and (toks[i + 1].cap or has(toks[i + 1].k, "det")):
            i += 1          # "a source at Aleppo Police Command", "a statement from the White House"
        elif t.t == "(":
            j = i + 1
            while j < hi and j - i < th.max_parenthetical_words and toks[j].t != ")":
                j += 1
            if j >= hi or toks[j].t != ")":
                break
            i = j + 1
        elif _inner_ok(toks, i):
            i += 1
        else:
            break
    last = i - 1
    while last >= k and (has(toks[last].k, "det") or toks[last].k in _OF or toks[last].k in _PP
                         or toks[last].k == "and"):
        last -= 1
    if last < k:
        return None
    last = glued_end(toks, k, last, hi, th)     # "according to state TV Barazi said": Barazi speaks next
    if toks[last].t != ")" and not _head_ok(toks[last]):
        return None
    appos = None
    if last + 2 < hi and toks[last + 1].t == "," and (has(toks[last + 2].k, "det") or toks[last + 2].k in _np_words()):
        e = last + 2
        while e < hi and e - last <= th.max_appositive_words and toks[e].t not in {",", ".", ";", '"'}:
            e += 1
        appos = (last + 2, e - 1)
    return Span(k, last, appos, "inverted")


def noun_phrase_start(toks: list[Tok], last: int, lo: int, th: Thresholds = THRESHOLDS) -> int:
    """The first token of the noun phrase ending at token ``last`` (no earlier than ``lo``)."""
    return _extend_left(toks, last, lo, th)
