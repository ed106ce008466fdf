"""The geoparser's vocabulary, read from data files under ``analysis/data/`` on first use (never at import)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from ..paths import package_data
from .keys import name_key
from .weights import WEIGHTS

__all__ = ["Vocab", "vocab", "abbreviations"]


def _sections(name: str) -> dict[str, frozenset[str]]:
    """``[section]`` headers and one entry a line; ``#`` starts a comment."""
    path = package_data(name)
    out: dict[str, set[str]] = {}
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1].strip(), set())
        elif current is None:
            raise ValueError(f"{path}, line {n}: an entry before any [section] header")
        else:
            current.add(line.lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation (lower case, no final dot) → its kind (title, month, weekday, state, ...), from
    ``analysis/data/abbreviations.csv``, the list the tokeniser shares."""
    from ..vocabulary import abbreviation_table

    return {r["abbreviation"].lower(): r["kind"] for r in abbreviation_table()}


@dataclass(frozen=True)
class Vocab:
    connectors: frozenset[str]
    modifiers: frozenset[str]
    after_place_ok: frozenset[str]
    org_words: frozenset[str]
    weak_before: frozenset[str]
    furniture: frozenset[str]
    not_places: frozenset[str]        # name keys never taken for a place on their own
    dotted: frozenset[str]            # abbreviations that keep their dot ("Ky.", "Gen.", "Nov.")
    cue_before: dict                  # word → (kind, strength)
    cue_after: dict
    media_words: frozenset[str]       # "Sana news agency": a following word that makes a news outlet
    name_heads: frozenset[str]        # first words of names that always go on ("Tal", "Khan", "Deir")
    peoples: dict                     # name key of a people's demonym ("kurdish") → the place ("Kurdistan")
    state_as_country: frozenset[str] = frozenset()   # "the former Soviet state of X": a sovereign state


def _cues() -> tuple[dict, dict]:
    before, after = {}, {}
    with package_data("gazetteer/cues.csv").open(encoding="utf-8", newline="") as fh:
        for n, r in enumerate(csv.DictReader(fh), 2):
            strength = getattr(WEIGHTS, r["strength"], None)
            if strength is None or r["position"] not in ("before", "after"):
                raise ValueError(f"{fh.name}, line {n}: unknown strength {r['strength']!r} or position")
            (before if r["position"] == "before" else after)[r["word"].lower()] = (r["kind"], float(strength))
    return before, after


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The word lists (cached after the first read)."""
    s = _sections("gazetteer/words.txt")
    lines = package_data("gazetteer/not_places.txt").read_text(encoding="utf-8").splitlines()
    abbrev = abbreviations()
    not_places = {name_key(w) for w in lines if w.strip() and not w.lstrip().startswith("#")}
    # month and weekday abbreviations (Jul, Sat) are never places ("Jul" is an alternate name of Juliaca)
    not_places |= {a for a, kind in abbrev.items() if kind in ("month", "weekday", "title")}
    before, after = _cues()
    return Vocab(s["connectors"], s["modifiers"], s["after_place_ok"], s["org_words"], s["weak_before"],
                 s["furniture"], frozenset(not_places), frozenset(a for a in abbrev if "." not in a),
                 before, after, s["media_words"], s["name_heads"], _peoples(),
                 s["state_as_country"])


def _peoples() -> dict[str, str]:
    lines = [ln for ln in package_data("gazetteer/peoples.csv").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return {name_key(f): r["name"] for r in csv.DictReader(lines) for f in r["forms"].split("|") if f.strip()}
