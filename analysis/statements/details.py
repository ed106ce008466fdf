"""Words inside a speaker phrase that are details of the speaker, not its identity.

* a **place complement** ending the phrase: *An activist in Deir al-Zor*, *A medical source in Aleppo*, *Activists
  in rural Idlib*: the speaker is the description (*activist*, *medical source*); the place says where they are;
* a **region word** (``stateless_speakers.csv``, kind ``region``): *European*, *Western* modify a speaker
  (*European officials*) and are never a person's name;
* a **time word written as a name's part**: the *Today* of *Aleppo Today* (a lower-case time word capitalised
  inside a sentence, after another capitalised word);
* a **place before a speaker** in text without commas (*in Paris Fabius said*, *civilians in eastern Syria UNICEF
  has said*): a country or capital after a preposition is where, not who.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from ..paths import package_data
from .lexicon import countries, has, key, load_actor_lexicon, load_role_lexicon, read_table
from .text import Tok

PLACE_PREPOSITIONS = ("in", "from", "near", "inside", "outside", "at")    # "a source in Aleppo", "activists from Homs"
REGION_KIND = "region"
SPLIT_SUFFIXES = ("based", "led", "backed", "run")     # "UK based" for "UK-based" when the text lost its hyphens


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Words of ``stateless_speakers.csv`` of kind ``region`` (*european*, *western*): modifiers, never names."""
    rows = read_table(package_data("stateless_speakers.csv"), ("term", "kind"))
    return frozenset(key(r["term"]) for _, r in rows if r["kind"] == REGION_KIND and " " not in r["term"])


def place_complement(words: list[tuple[str, str]], known: set[int], is_place_run: Callable[[int, int], bool]) -> int:
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


def named_time(toks: list[Tok], i: int) -> bool:
    """``Today`` in *Aleppo Today said*: a time word that is part of a name."""
    return i > 0 and toks[i - 1].sent == toks[i].sent and toks[i - 1].word and name_time(toks[i].t, toks[i - 1].t)


def place_tail(toks: list[Tok], first: int, last: int) -> bool:
    """Whether ``first..last`` may be a place ending a speaker (*in [rural] Aleppo*), not a speaker of its own
    (*civilians in Syria UNICEF said*: UNICEF speaks)."""
    if not all(has(t.k, "area") or t.cap for t in toks[first:last + 1]):
        return False
    actors = load_actor_lexicon()
    return not any(x + n <= last + 1 and (ks := tuple(t.k for t in toks[x:x + n])) in actors and not is_place(ks)
                   for x in range(first, last + 1) for n in (1, 2, 3))


def body_start(toks: list[Tok], first: int, k: int, j: int) -> bool:
    """A body at ``k`` that starts a speaker ending at ``j``: a body before a title (*the war observatory director
    X*) or a two-word body after a place name (*in southern Syria state media said*)."""
    if k >= j:
        return False
    r = load_role_lexicon().get((toks[k].k, toks[k + 1].k))
    if r is not None and r.kind in ("body", "state") and all(t.cap for t in toks[first:k]):
        return True
    r = load_role_lexicon().get((toks[k].k,))
    return r is not None and r.kind in ("body", "state") and _role_word(toks[k + 1].k)


def is_place(ks: tuple[str, ...]) -> bool:
    """A country's name or a capital speaking for its state: after a preposition, the place it names (*in Paris
    Fabius said*, *in northern Syria Al Mayadeen TV reported*), not part of the speaker."""
    c = countries().get(ks)
    a = load_actor_lexicon().get(ks)
    return (c is not None and not c.demonym) or (a is not None and a.role == "GOV" and len(ks) == 1)


def _role_word(k: str) -> bool:
    r = load_role_lexicon().get((k,))
    return r is not None and r.kind in ("title", "member", "rank")


def k_body(k: str) -> bool:
    """A one-word body of the role lexicon (``observatory``)."""
    r = load_role_lexicon().get((k,))
    return r is not None and r.kind in ("body", "state")


def split_suffix(toks: list[Tok], i: int) -> bool:
    """``based`` in *UK based Syrian Rami Abdel Rahman*: ``-based`` written apart after a country's name."""
    return toks[i].k in SPLIT_SUFFIXES and i > 0 and toks[i - 1].cap and (toks[i - 1].k,) in countries()
