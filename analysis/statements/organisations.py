"""Organisations inside a speaker phrase: names, branches and named armed groups (used by :mod:`.actors`).

* a **branch**: a country's name right after an organisation's name (*IFRC Syria*, *the World Health Organization
  Syria*, *UOSSM France*) is the branch or where it works, not the actor and not the speaker's country; in comma-less
  text it may also be the end of the clause before. The organisation is an actor of ``actors.csv``, a body of a
  non-state role (IGO NGO MED REB OPP) or an acronym no lexicon knows;
* a **named armed group**: *Al-Nasr Army* (a capitalised army or brigade named by a word that is no country) is
  non-state, but a body named after a country's name (*US Central Command*; not a demonym: *Syrian
  Revolutionary Command Council*) is that state's;
* a list of **countries** only (*the US Britain France and Russia*).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

Words = list[tuple[str, str]]                # a phrase's (surface, key) pairs

from .details import region_words
from .lexicon import has

BRANCH = "branch"                           # the kind a branch country's match takes (no country, no actor)
BRANCH_OWNERS = ("IGO", "NGO", "MED", "REB", "OPP")     # roles of bodies whose country-named branches exist
MIN_ACRONYM_LETTERS = 2                     # an unknown all-capitals word this long may name an organisation


def capword(w: tuple[str, str]) -> bool:
    """A word that may be part of a name: capitalised, not a determiner, quantifier or modifier written at a sentence
    start."""
    s, k = w
    return (s[:1].isupper() or has(k.split("-")[0], "particle")) and not has(k, "det") and not has(k, "modifier") \
        and not has(k, "gap") and not (has(k, "time") and not has(k, "nametime")) and not has(k, "quant") \
        and k not in region_words()     # "Four civilians", "European officials": no name


def _organisation_at(words: Words, ms: list[Any], i: int) -> bool:
    """Whether word ``i`` ends an organisation's name: an actor, a non-state body, or an unknown acronym."""
    owner = next((m for m in ms if m.i <= i < m.j), None)
    if owner is not None:
        return owner.j == i + 1 and (owner.kind == "actor" and owner.role != "GOV"
                                     or owner.kind == "body" and owner.role in BRANCH_OWNERS)
    s = words[i][0]
    return len(s) >= MIN_ACRONYM_LETTERS and s.isupper() and s.isalpha()


def branch_details(words: Words, ms: list[Any]) -> list[Any]:
    """The matches of a phrase with every country named right after an organisation made a :data:`BRANCH`.

    ``words`` are (surface, key) pairs, ``ms`` the phrase's lexicon matches (``.i``, ``.j``, ``.kind``, ``.role``,
    ``.country``); only a country written as a name (no demonym, no *-based*, no possessive) counts."""
    out = []
    for m in ms:
        if m.kind == "country" and not m.country.demonym and m.i > 0 and words[m.i][0][:1].isupper() \
                and all("-" not in s and not s.endswith("'s") for s, _ in words[m.i:m.j]) \
                and _organisation_at(words, ms, m.i - 1):
            m = replace(m, kind=BRANCH)
        out.append(m)
    return out


def named_armed_group(words: Words, body: Any, known: set[int], ms: list[Any]) -> bool:
    """``Al-Nasr Army``: a capitalised army or brigade named by a word that is no country or number is non-state;
    ``US Central Command``, named after a country's name (not a demonym), is that state's."""
    if body.kind != "body" or body.role != "MIL" or body.i == 0 or not words[body.i][0][:1].isupper():
        return False
    s, k = words[body.i - 1]
    if not (body.i - 1 not in known and capword(words[body.i - 1]) and not k[:1].isdigit()):
        return False
    first = body.i - 1
    while first - 1 >= 0 and first - 1 not in known and capword(words[first - 1]):
        first -= 1
    return not any(m.kind == "country" and not m.country.demonym and m.j == first for m in ms)


def only_countries(words: Words, nations: list[Any]) -> bool:
    """Whether a phrase is nothing but country names joined by "and" (``the US Britain France and Russia``)."""
    covered = {i for m in nations for i in range(m.i, m.j)}
    return len(nations) > 1 and all(i in covered or has(k, "det") or k == "and" for i, (_, k) in enumerate(words))
