"""Words inside a speaker phrase that are details of the speaker, not its identity.

* a **place complement** ending the phrase: *An activist in Deir al-Zor*, *A medical source in Aleppo*, *Activists
  in rural Idlib*: the speaker is the description (*activist*, *medical source*); the place says where they are;
* a **region word** (``stateless_speakers.csv``, kind ``region``): *European*, *Western* modify a speaker
  (*European officials*) and are never a person's name;
* a **time word written as a name's part**: the *Today* of *Aleppo Today* (a lower-case time word capitalised
  inside a sentence, after another capitalised word).
"""
from __future__ import annotations

from functools import lru_cache

from ..paths import package_data
from .lexicon import has, key, read_table

PLACE_PREPOSITIONS = ("in", "from", "near", "inside", "outside", "at")    # "a source in Aleppo", "activists from Homs"
REGION_KIND = "region"


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Words of ``stateless_speakers.csv`` of kind ``region`` (*european*, *western*): modifiers, never names."""
    rows = read_table(package_data("stateless_speakers.csv"), ("term", "kind"))
    return frozenset(key(r["term"]) for _, r in rows if r["kind"] == REGION_KIND and " " not in r["term"])


def place_complement(words: list[tuple[str, str]], known: set[int], is_place_run) -> int:
    """Index of the place complement ending a phrase (``in [rural] Aleppo``), or ``len(words)`` if none.

    ``words`` are (surface, key) pairs, ``known`` the indices inside lexicon matches that name no place, and
    ``is_place_run(i, j)`` whether words ``i..j-1`` may be a place (capitalised, no role or body in them). The
    preposition must follow a word of the lexicon (the description it qualifies)."""
    for p in range(len(words) - 2, 0, -1):
        if words[p][1] not in PLACE_PREPOSITIONS or p - 1 not in known:
            continue
        q = p + 1
        while q < len(words) and not words[q][0][:1].isupper() and (has(words[q][1], "area")
                                                                     or has(words[q][1], "det")):
            q += 1
        if q < len(words) and is_place_run(q, len(words)):
            return p
        return len(words)
    return len(words)


def name_time(surface: str, prev_surface: str) -> bool:
    """Whether a time word is part of a name: ``Today`` in *Aleppo Today* (a ``nametime`` word of
    ``statement_cues.csv``, capitalised right after a capitalised word)."""
    return surface[:1].isupper() and prev_surface[:1].isupper() and prev_surface[:1].isalpha() \
        and has(key(surface), "nametime")
