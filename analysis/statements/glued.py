"""An actor ending one clause glued to the next speaker's name in text without commas.

*... according to state TV Barazi said ...*, *... the fight against the PKK Khalil said ...*, *... to defeat Daesh
Cavusoglu said ...*: a known actor or body (``actors.csv``, or a body of ``roles.csv``) written as a name, directly
followed by a capitalised personal name (words no lexicon knows, no acronym) that takes the reporting verb, ends the
clause before; the name alone is the speaker. A title, rank or member word between them makes the name the body's
title-holder and keeps them together (*SANA correspondent X*, *Observatory director X*, *Hezbollah leader X*), as
does a possessive (*the State Department's Jen Psaki*) and a lower-case body the name names (*TV channel Al-Mayadin*,
*the news website El-Dorar Al-Shamia*).
"""
from __future__ import annotations

from .config import THRESHOLDS, Thresholds
from .lexicon import countries, has, load_actor_lexicon, load_role_lexicon, verbs
from .text import Tok


def _personal_name(toks: list[Tok], p: int, last: int, th: Thresholds) -> bool:
    """Whether ``p..last`` is a personal name: capitalised words no lexicon knows, none an acronym."""
    if last - p + 1 > th.max_name_words:
        return False
    roles, actors = load_role_lexicon(), load_actor_lexicon()
    return all(t.word and t.cap and not t.t.isupper() and not t.k.isdigit() and (t.k,) not in roles
               and (t.k,) not in actors and (t.k,) not in countries() and not has(t.k, "time")
               and not has(t.k, "det") for t in toks[p:last + 1])


def _actor_ends(toks: list[Tok], first: int, e: int, th: Thresholds) -> bool:
    """Whether token ``e``, written as a name, ends a whole known actor or body: not a possessive (*the State
    Departments Jen Psaki*, apostrophe lost), not a word inside a longer name (*Supreme Military Council*)."""
    k = toks[e].k
    if not toks[e].cap or k.endswith("'s") or k.endswith("s") and _known((k[:-1],)):
        return False
    for n in range(min(th.max_alias_words, e - first + 1), 0, -1):
        if _known(tuple(t.k for t in toks[e - n + 1:e + 1])):
            before = toks[e - n] if e - n >= first else None
            return before is None or not (before.cap and before.word and _unknown(before))
    return False


def _known(ks: tuple[str, ...]) -> bool:
    r = load_role_lexicon().get(ks)
    return ks in load_actor_lexicon() or (r is not None and r.kind in ("body", "state"))


def _unknown(t: Tok) -> bool:
    return (t.k,) not in load_role_lexicon() and (t.k,) not in load_actor_lexicon() and (t.k,) not in countries()


def _title_holder(toks: list[Tok], first: int, p: int, th: Thresholds) -> bool:
    """A title, rank or member word or an of/for complement before the name (*Secretary of State John Kerry*, *the
    head of the Observatory Rami Abdel Rahman*), or an actor alias running across the boundary (*TRT World*, the possessive *State
    Departments*): the name belongs."""
    roles = load_role_lexicon()
    if any(t.k in ("of", "for") or any((r := roles.get((part,))) is not None and r.kind in ("title", "rank", "member")
                                       for part in (t.k, t.k.split("-")[-1])) for t in toks[first:p]):
        return True         # "Vice-president of the Syrian Coalition Muwaffaq Nyrabia"
    return any(_known(_singular(tuple(t.k for t in toks[a:b]))) or tuple(t.k for t in toks[a:b]) in load_actor_lexicon()
               for a in range(max(first, p - th.max_alias_words), p)
               for b in range(p + 1, min(len(toks), a + th.max_alias_words) + 1))


def _singular(ks: tuple[str, ...]) -> tuple[str, ...]:
    """``state departments`` (*the State Departments Jen Psaki*, apostrophe lost) -> ``state department``."""
    last = ks[-1]
    return ks[:-1] + (last[:-2] if last.endswith("'s") else last[:-1] if last.endswith("s") else last,)


def glued_name_start(toks: list[Tok], first: int, last: int, th: Thresholds = THRESHOLDS) -> int:
    """Where the personal name glued after an actor starts in the speaker phrase ``first..last``, or -1.

    Only the last name run counts: ``p`` is the first token of the capitalised run ending at ``last``."""
    p = last
    while p - 1 > first and toks[p - 1].cap and toks[p - 1].word and not toks[p - 1].t.isupper() \
            and last - p + 1 < th.max_name_words and _personal_name(toks, p - 1, p - 1, th):
        p -= 1
    if p <= first or not _personal_name(toks, p, last, th) or _title_holder(toks, first, p, th):
        return -1
    return p if _actor_ends(toks, first, p - 1, th) else -1


def _verb_follows(toks: list[Tok], i: int, hi: int) -> bool:
    """A reporting verb written in lower case at ``i``, after auxiliaries and times (``has said``, ``on Monday
    said``); a capitalised one is a name's part (*REUTERS Rodi Said*)."""
    hi = min(hi, len(toks))
    while i < hi - 1 and (has(toks[i].k, "gap") or has(toks[i].k, "time")):
        i += 1
    if i >= hi or toks[i].cap:
        return False
    cue = (verbs().get((toks[i].k, toks[i + 1].k)) if i + 1 < hi else None) or verbs().get((toks[i].k,))
    return cue is not None and cue.kind == "verb"


def glued_end(toks: list[Tok], k: int, last: int, hi: int, th: Thresholds = THRESHOLDS) -> int:
    """The last token of a speaker phrase ``k..last`` found after its cue (*according to state TV Barazi said*):
    before a personal name glued after an actor when that name takes a verb next."""
    glued = glued_name_start(toks, k, last, th) if last + 1 < hi and _verb_follows(toks, last + 1, hi) else -1
    return glued - 1 if glued > 0 else last
