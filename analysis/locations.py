"""Find the places an article mentions and pin them on the map: an offline geoparser.

Two steps, both explainable (every row says ``why``):

1. **Recognition.** Capitalised spans (with Arabic-name particles such as ``al-``, ``el-``, ``Abu``,
   ``Deir``, ``Tal`` and connectors such as ``of``) are matched against the gazetteer, longest name
   first. A name is not a place when it continues a person's or an organisation's name (``Haider
   al-Abadi``, ``Michael Jordan``), is on the project's list of non-places (months, titles, groups:
   ``analysis/data/gazetteer/not_places.txt``), or is a small village whose name is a common word at the
   start of a sentence. Demonyms (``Iraqi``) are kept with kind ``demonym``.
2. **Resolution.** Every candidate place is scored: its kind (countries and regions before villages),
   its population, the countries and regions the article names, context cues (``the town of X``, ``X
   province``, ``X, Ky.``) and closeness to the article's other places; transliteration variants
   (``Deir Ezzor`` = ``Dayr az Zawr``, ``Anna`` = ``Anah``) are found through
   :func:`~analysis.gazetteer.skeleton_key` only when the article's countries or a cue back them.

Measured on TR-News (see ``benchmarks/geoparse.py`` and the README for the figures).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Sequence

import numpy as np
import pandas as pd

from .gazetteer import KIND_PRIOR, Gazetteer, haversine_km, load_gazetteer, name_key, skeleton_key
from ._parallel import with_progress
from .describe import article_texts
from .paths import package_data

__all__ = ["extract_locations", "location_counts", "mention_sentences", "LOCATION_COLUMNS"]

LOCATION_COLUMNS = ["article_id", "field", "mention", "start", "end", "name", "kind", "country_code", "lat", "lon",
                    "geonameid", "confidence", "why"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[‘'`ʿ]?[^\W\d_][\w’'‘ʿ\-]*\.?")
_CONNECTORS = {"of", "and", "the", "de", "del", "la", "le", "du", "des", "da", "di", "al", "el", "ad", "ar",
               "as", "ash", "at", "az", "ez", "es", "ibn", "bin", "upon", "am", "im", "on", "sur", "en"}
_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ad|ed|ez|es|ul)-[A-Z‘'ʿ]")
_MODIFIERS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
              "southeast", "southwest", "upper", "lower", "greater", "downtown", "rural", "suburban",
              "coastal", "occupied", "neighbouring", "neighboring", "nearby", "mainland", "metropolitan",
              "metro", "inner", "outer", "old", "new", "the"}
# Words that follow a place name to make an organisation or a title; the place still counts
# ("Texas Senator", "Houston Police Department" mention Texas and Houston).
_AFTER_PLACE_OK = {"police", "department", "county", "city", "council", "university", "post", "times", "airport",
                   "mayor", "senator", "governor", "government", "army", "forces", "force", "ministry",
                   "minister", "president", "state", "province", "region", "district", "regional", "national",
                   "international", "court", "school", "hospital", "news", "valley", "river", "bay", "lake",
                   "border", "embassy", "consulate", "parliament", "authorities", "officials", "command",
                   "republic", "kingdom", "club", "team", "fc", "congress", "house", "general"}
_CUE_BEFORE = {
    "city": ("city or town", 3.0), "town": ("city or town", 3.0), "village": ("city or town", 3.0),
    "capital": ("city or town", 2.5), "suburb": ("city or town", 2.5), "port": ("city or town", 2.0),
    "province": ("admin region", 3.0), "governorate": ("admin region", 3.0), "state": ("admin region", 2.0),
    "region": ("admin region", 1.5), "county": ("county", 2.0), "country": ("country", 3.0),
    "district": ("district", 2.0), "river": ("physical feature", 3.0), "valley": ("physical feature", 2.0),
}
_CUE_AFTER = {
    "city": "city or town", "town": "city or town", "village": "city or town", "province": "admin region",
    "governorate": "admin region", "state": "admin region", "region": "admin region", "county": "county",
    "river": "physical feature", "valley": "physical feature", "mountains": "physical feature",
    "district": "district", "neighbourhood": "district", "neighborhood": "district", "quarter": "district",
}
_WEAK_BEFORE = {"in", "near", "from", "to", "at", "outside", "across", "into", "toward", "towards", "around",
                "with", "between", "visited", "visit", "via", "of"}
_POINTLIKE = {"city or town", "county", "district"}
_SAID_AFTER = re.compile(r"\s*(?:,\s*\w+(?:\s+\w+){0,3}\s*,\s*)?(?:said|says|told|added|wrote|explained|"
                         r"asked|replied|insisted|argued|noted|recalled|testified)\b")


@lru_cache(maxsize=100_000)
def _similarity(key: str, name: str) -> float:
    """How alike two spellings are (0-1), spaces and articles ignored: ``Anna``/``‘Anah`` 0.75."""
    a, b = key.replace(" ", ""), name_key(name).replace(" ", "")
    return SequenceMatcher(None, a, b).ratio()


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    lines = package_data("gazetteer/not_places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(name_key(w) for w in lines if w.strip() and not w.lstrip().startswith("#"))


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    cap: bool
    sent_start: bool


@dataclass
class _Match:
    i: int                 # first token in the text's token list
    j: int                 # one past the last token
    start: int
    end: int
    key: str
    demonym: int | None = None
    abbrev: int | None = None
    cands: list[int] | None = None
    skel: list[int] | None = None
    cue: str | None = None          # the kind a context cue asks for
    cue_strength: float = 0.0
    cue_word: str = ""
    weak_cue: bool = False
    qualifier: int | None = None    # row of the region/country in "Town, Region"
    after_word: str = ""
    prev_cap: bool = False
    next_cap: bool = False
    sent_initial: bool = False
    lower_elsewhere: bool = False
    said_after: bool = False
    acronym: bool = False
    generic: bool = False
    skeleton_only: bool = False


# Abbreviations that keep their dot: AP-style state abbreviations (after a town: "Frankfort, Ky."),
# titles and months (which then never pass for places: "Gen.", "Nov.").
_DOTTED_ABBREVIATIONS = {
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "nh", "nj", "nm", "ny", "nc", "nd", "okla",
    "ore", "pa", "ri", "sc", "sd", "tenn", "vt", "va", "wash", "wva", "wis", "wyo", "bc", "alta", "sask", "man",
    "ont", "que", "ns", "nb", "nfld", "pei", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov",
    "dec", "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "maj", "brig", "adm",
    "rev", "prof", "st", "mt", "ft", "jr", "sr", "no", "vs", "corp", "inc", "co", "ltd", "cpl", "pvt", "messrs",
}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from .tokenize import stopword_set

    return stopword_set(True)


def _is_cap(word: str) -> bool:
    """Capitalised like a name; a capitalised function word ("The", "But", "She") is not."""
    w = word.lstrip("‘'`ʿ")
    if not w:
        return False
    if w[0].isupper() and not (len(w) > 1 and w.isupper()) and w.lower() in _stopwords():
        return False
    return w[0].isupper() or bool(_PARTICLE.match(word))


_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_ENDS_SENTENCE = re.compile(r"[.!?\n:]\W*$")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,}")


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        # drop possessives and trailing apostrophes/hyphens/dots (keep the dots of "U.S." and "Ky.")
        if word.endswith(("’s", "'s")):
            e -= 2
        elif word[-1] in "’'‘-":
            e -= 1
        elif word.endswith(".") and not (_INITIALS.fullmatch(word)
                                         or name_key(word) in _DOTTED_ABBREVIATIONS):
            e -= 1
        word = text[s:e]
        if not word:
            continue
        gap = text[prev_end:s]
        sent_start = not toks or bool(_ENDS_SENTENCE.search(text[max(0, s - 6):s].rstrip())) or (
            "\n" in gap)
        if toks and toks[-1].text.endswith(".") and _ABBREVIATION.fullmatch(toks[-1].text):
            sent_start = False if gap.strip() == "" else sent_start
        toks.append(_Tok(s, e, word, _is_cap(word), sent_start))
        prev_end = e
    return toks


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """Two adjacent tokens belong to one capitalised span (separated by one space only)."""
    gap = text[a.end:b.start]
    if a.text.endswith(".") and len(a.text) > 2 and not re.fullmatch(r"(?:[A-Z]\.){2,}", a.text):
        return False
    return gap == " " and not text[a.start:a.end + 2].endswith("’s") and not text[a.start:a.end + 2].endswith("'s")


def _chunks(text: str, toks: list[_Tok]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, with connectors between capitalised tokens."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n and _joined(text, toks[j - 1], toks[j]):
            if toks[j].cap:
                j += 1
            elif (toks[j].text.lower() in _CONNECTORS and j + 1 < n and toks[j + 1].cap
                  and _joined(text, toks[j], toks[j + 1])):
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


class _Countries:
    """The countries an article names, and which mentions name them.

    A mention never supports itself: "Georgia" alone does not make Georgia the country more likely.
    """

    def __init__(self) -> None:
        self._by_cc: dict[str, dict[str, float]] = {}

    def add(self, cc: str, key: str, weight: float) -> None:
        if cc:
            keys = self._by_cc.setdefault(cc, {})
            keys[key] = max(weight, keys.get(key, 0.0))

    def weight(self, cc: str, key: str) -> float:
        return max((w for k, w in self._by_cc.get(cc, {}).items() if k != key), default=0.0)

    def has(self, cc: str, key: str) -> bool:
        return self.weight(cc, key) > 0

    def supported(self, key: str) -> set[str]:
        """The countries named by mentions other than ``key``."""
        return {cc for cc, keys in self._by_cc.items() if any(k != key for k in keys)}


class Geoparser:
    """The recogniser and resolver over one :class:`~analysis.gazetteer.Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or load_gazetteer()
        p = self.gaz.places
        self.kind = p["kind"].astype(str).to_numpy()
        self.cc = p["country_code"].astype(str).to_numpy()
        self.admin_key = p["admin_key"].astype(str).to_numpy()
        self.pop = p["population"].to_numpy()
        self.lat = p["lat"].to_numpy()
        self.lon = p["lon"].to_numpy()
        self.names = p["name"].to_numpy()
        self.gid = p["geonameid"].to_numpy()
        self.not_places = _not_places()
        self._country_row = {c: i for i, (c, k) in enumerate(zip(self.cc, self.kind)) if k == "country"}

    # -- recognition -------------------------------------------------------------------------
    def _lookup(self, key: str) -> tuple[list[int], int | None]:
        return self.gaz.candidates(key), self.gaz.demonyms.get(key)

    def _find(self, text: str, toks: list[_Tok]) -> list[_Match]:
        matches: list[_Match] = []
        for a, b in _chunks(text, toks):
            i = a
            while i < b:
                found = None
                if toks[i].cap:
                    for j in range(min(b, i + 6), i, -1):
                        if not toks[j - 1].cap:
                            continue
                        key = name_key(text[toks[i].start:toks[j - 1].end])
                        if key in self.not_places and j - i == 1:
                            break
                        if key in self.not_places:
                            continue
                        cands, dem = self._lookup(key)
                        abbrev = self.gaz.admin_abbrev.get(key) if j - i == 1 and toks[i].text.endswith(".") else None
                        if cands or dem is not None or abbrev is not None:
                            found = _Match(i, j, toks[i].start, toks[j - 1].end, key, demonym=dem, abbrev=abbrev,
                                           cands=cands)
                            break
                        if j - i == 1 and "-" in toks[i].text:
                            found = self._hyphen_parts(text, toks[i], i) or None
                            if found:
                                break
                    if found is None:
                        found = self._skeleton_match(text, toks, i, b)
                if isinstance(found, list):
                    matches.extend(found)
                    i += 1
                elif found is not None:
                    found.prev_cap = self._prev_is_name(toks, a, i)
                    found.next_cap = found.j < b and toks[found.j].cap
                    if found.next_cap:
                        found.after_word = toks[found.j].text.lower()
                    matches.append(found)
                    i = found.j
                else:
                    i += 1
        return matches

    def _skeleton_match(self, text: str, toks: list[_Tok], i: int, b: int) -> _Match | None:
        """A spelling the gazetteer lacks (``Deir Ezzor``): matched by its consonant skeleton, longest first.

        Kept only if resolution later finds a candidate in a country the article names.
        """
        for j in range(min(b, i + 3), i, -1):
            if not toks[j - 1].cap:
                continue
            surface = text[toks[i].start:toks[j - 1].end]
            key = name_key(surface)
            if key in self.not_places or any(name_key(w) in self.not_places for w in surface.split()):
                continue
            sk = skeleton_key(surface)
            if len(sk) >= 3 and sk in self.gaz.by_skeleton:
                return _Match(i, j, toks[i].start, toks[j - 1].end, key, cands=[], skeleton_only=True)
        return None

    def _hyphen_parts(self, text: str, tok: _Tok, i: int) -> list[_Match]:
        """``US-led``, ``Lebanese-Syrian``, ``pro-Syrian``: the capitalised parts of a hyphenated word."""
        out = []
        pos = tok.start
        for part in tok.text.split("-"):
            s, e = pos, pos + len(part)
            pos = e + 1
            if not _is_cap(part) or len(part) < 2:
                continue
            key = name_key(part)
            if key in self.not_places:
                continue
            cands, dem = self._lookup(key)
            strong = [c for c in cands if self.kind[c] in ("country", "admin region", "continent")]
            if strong or dem is not None:
                out.append(_Match(i, i + 1, s, e, key, demonym=dem, cands=strong))
        return out

    def _prev_is_name(self, toks: list[_Tok], a: int, i: int) -> bool:
        """The match continues a capitalised name that is not a place or a modifier ("Haider al-Abadi")."""
        if i == a:
            return False
        prev = toks[i - 1]
        low = prev.text.lower().rstrip(".")
        if not prev.cap:
            return False      # a connector: "Gulf of Mexico", "University of Texas"
        if low in _MODIFIERS:
            return False
        key = name_key(prev.text)
        if key in self.gaz.demonyms:
            return False      # "Syrian Deir Ezzor"
        cands = self.gaz.candidates(key)
        if any(self.kind[c] in ("country", "admin region", "continent") for c in cands):
            return False      # "Iraq Anbar" (headline style)
        return True

    # -- context ------------------------------------------------------------------------------
    def _context(self, text: str, toks: list[_Tok], m: _Match, lower_words: set[str]) -> None:
        before = text[max(0, m.start - 40):m.start]
        after = text[m.end:m.end + 40]
        mb = re.search(r"(\w+)\s+of\s+(?:the\s+)?$", before)
        if mb and mb.group(1).lower() in _CUE_BEFORE:
            m.cue, m.cue_strength = _CUE_BEFORE[mb.group(1).lower()]
            m.cue_word = f"the {mb.group(1).lower()} of"
        ma = re.match(r"\s+(\w+)", after)
        if ma and ma.group(1) in _CUE_AFTER and not m.cue:
            m.cue, m.cue_strength, m.cue_word = _CUE_AFTER[ma.group(1)], 2.5, ma.group(1)
        if re.search(r"\bborder with\s+$", before):
            m.cue, m.cue_strength, m.cue_word = "country", 2.0, "the border with"
        wb = re.search(r"(\w+)\s+$", before)
        if wb and wb.group(1).lower() in _WEAK_BEFORE:
            m.weak_cue = True
        # "Frankfort, Ky.", "Mosul, Iraq", "Springfield, Illinois"
        q = re.match(r",\s+((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,2})", after)
        if q:
            words = q.group(1).split()
            for k in range(len(words), 0, -1):
                cand = " ".join(words[:k])
                key = name_key(cand)
                row = self.gaz.admin_abbrev.get(key) if cand.endswith(".") else None
                if row is None:
                    rows = [r for r in self.gaz.candidates(key) if self.kind[r] in ("country", "admin region")]
                    row = rows[0] if rows else None
                if row is not None:
                    m.qualifier = row
                    break
        first = toks[m.i]
        m.sent_initial = first.sent_start
        m.lower_elsewhere = m.j - m.i == 1 and not first.text.isupper() and first.text.lower() in lower_words
        m.said_after = bool(_SAID_AFTER.match(after))
        surface = text[m.start:m.end]
        m.acronym = surface.isupper() and len(surface.replace(".", "")) <= 4
        m.generic = all(w.lower() in _MODIFIERS or name_key(w) in self.not_places for w in surface.split())

    # -- resolution ---------------------------------------------------------------------------
    def _score(self, m: _Match, r: int, doc_cc: "_Countries", doc_admin: set[str],
               points: list[tuple[float, float, str]], skeleton: bool, has_region: bool) -> float:
        kind = self.kind[r]
        s = KIND_PRIOR.get(kind, 0.0)
        if kind == "city or town":
            s += 0.9 * math.log10(self.pop[r] + 1)
            if has_region and not m.cue and m.qualifier is None:
                # "Missouri", "Florida": the state, not a town named after it; a big city keeps its chance
                s -= 3.0 if self.pop[r] < 500_000 else 1.0
        s += doc_cc.weight(self.cc[r], m.key)
        if self.admin_key[r] in doc_admin and kind in _POINTLIKE:
            s += 2.0
        if m.cue:
            want = m.cue if m.cue != "district" else "city or town"
            s += m.cue_strength if (kind == want or (want == "admin region" and kind == "county")) else -m.cue_strength
        if m.qualifier is not None and kind in _POINTLIKE:
            q = m.qualifier
            if self.kind[q] == "country":
                s += 6.0 if self.cc[r] == self.cc[q] else -4.0
            elif self.admin_key[r] == self.admin_key[q]:
                s += 7.0
            elif self.cc[r] == self.cc[q]:
                s += 1.0
            else:
                s -= 4.0
        if points and kind in _POINTLIKE | {"admin region"}:
            # coherence: how many of the article's other places lie near this candidate
            others = [(lat, lon) for lat, lon, key in points if key != m.key]
            if others:
                lat, lon = np.asarray(others, dtype=float).T
                d = haversine_km(lat, lon, self.lat[r], self.lon[r])
                near = int((d < 250).sum())
                far = int(((d >= 250) & (d < 800)).sum())
            else:
                near = far = 0
            s += 1.5 * min(near, 3) + 0.5 * min(far, 2)
        if skeleton:
            s -= 2.5 - 4.0 * (_similarity(m.key, self.names[r]) - 0.6)
        return s

    def _resolve(self, m: _Match, doc_cc, doc_admin, points) -> tuple[int | None, float, str]:
        if m.abbrev is not None:
            return m.abbrev, 8.0, "US/Canadian state abbreviation"
        cands = list(m.cands or [])
        skel = []
        supported = doc_cc.supported(m.key)
        # a spelling variant is looked for only when no exact candidate lies in the article's countries
        if supported and not any(self.kind[c] in ("country", "admin region", "continent", "physical feature",
                                                  "region") or self.cc[c] in supported for c in cands):
            sk = skeleton_key(m.key)
            if len(sk) >= 3 or m.cue:
                exact = set(cands)
                for r in self.gaz.skeleton_candidates(sk):
                    if (self.cc[r] in supported and r not in exact and self.kind[r] in ("city or town", "admin region")
                            and (self.pop[r] >= 1000 or self.kind[r] != "city or town")
                            and _similarity(m.key, self.names[r]) >= 0.5):
                        skel.append(r)
        if not cands and not skel:
            return None, 0.0, ""
        has_region = any(self.kind[c] in ("country", "admin region", "continent") for c in cands)
        scored = [(self._score(m, r, doc_cc, doc_admin, points, False, has_region), r, False) for r in cands]
        scored += [(self._score(m, r, doc_cc, doc_admin, points, True, has_region), r, True) for r in skel]
        scored.sort(key=lambda t: (-t[0], -self.pop[t[1]], t[1]))
        best, r, via_skel = scored[0]
        margin = best - scored[1][0] if len(scored) > 1 else 5.0
        why = []
        why.append(f"{self.kind[r]}" + (f", population {self.pop[r]:,}" if self.kind[r] == "city or town" else ""))
        if via_skel:
            why.append(f"spelling variant of {self.names[r]}")
        if doc_cc.has(self.cc[r], m.key):
            why.append(f"article mentions {self.cc[r]}")
        if m.cue:
            why.append(f"cue '{m.cue_word}'")
        if m.qualifier is not None:
            why.append(f"qualified by {self.names[m.qualifier]}")
        if len(scored) > 1:
            why.append(f"{len(scored)} candidates, margin {margin:.1f}")
        return r, margin, "; ".join(why)

    def _accept(self, m: _Match, r: int, doc_cc: "_Countries", persons: set[str]) -> bool:
        kind = self.kind[r]
        if m.generic:
            return False
        if m.prev_cap and kind not in ("country", "continent"):
            return False      # "Haider al-Abadi"; but "Environment Canada" still names Canada
        if (m.key in persons and not m.cue and m.qualifier is None and kind == "city or town"
                and self.pop[r] < 100_000):
            return False      # "Steele" after "Michael Steele": the person, all through the article
        if kind in ("country", "continent", "admin region", "physical feature", "region"):
            if m.lower_elsewhere and not m.cue:
                return False
            if kind == "admin region" and m.sent_initial and m.j - m.i == 1 and m.next_cap and not m.cue:
                return self.kind[r] != "admin region" or self.pop[r] > 0
            return True
        pop = self.pop[r]
        evidence = bool(m.cue) or m.qualifier is not None
        if m.skeleton_only and not (m.cue or (m.weak_cue and (pop >= 50_000 or kind != "city or town"))):
            return False      # an unseen spelling needs a cue ("the city of Deir Ezzor") or a big namesake
        if (m.said_after or m.acronym) and not evidence:
            return False      # "Burton said"; "PKK", "ATF", "BA" are organisations
        known_cc = doc_cc.has(self.cc[r], m.key)
        if m.lower_elsewhere and not evidence:
            return False
        if m.next_cap and m.after_word not in _AFTER_PLACE_OK and not evidence:
            # "Anna Smith", "Jordan Spieth": a first name unless the place is large
            if pop < 500_000:
                return False
        if m.sent_initial and m.j - m.i == 1 and not evidence and pop < 100_000 and not known_cc:
            return False
        if evidence:
            return True
        if pop >= 100_000:
            return True
        if pop >= 10_000 and (known_cc or m.weak_cue):
            return True
        if pop >= 1_000 and known_cc and m.weak_cue:
            return True
        return False

    def parse(self, text: str) -> list[dict]:
        toks = _tokenize(text)
        lower_words = {t.text.lower() for t in toks if not t.cap}
        matches = self._find(text, toks)
        for m in matches:
            self._context(text, toks, m, lower_words)
        # countries named in the article (by name or demonym) steer everything else
        doc_cc = _Countries()
        for m in matches:
            if m.demonym is not None:
                doc_cc.add(self.cc[m.demonym], m.key, 3.0)
            elif m.cands and not m.prev_cap:
                for c in m.cands:
                    if self.kind[c] == "country" and not m.lower_elsewhere:
                        doc_cc.add(self.cc[c], m.key, 3.0)
            if m.qualifier is not None:
                doc_cc.add(self.cc[m.qualifier], "qualifier of " + m.key, 3.0)
        # names seen continuing a person's name ("Michael Steele") are that person elsewhere too
        persons = {m.key for m in matches if m.prev_cap and m.j - m.i == 1 and not m.acronym}
        doc_admin: set[str] = set()
        for m in matches:
            if m.abbrev is not None:
                doc_admin.add(self.admin_key[m.abbrev])
                doc_cc.add(self.cc[m.abbrev], m.key, 3.0)
        rows: list[dict] = []
        points: list[tuple[float, float, str]] = []
        for rnd in (0, 1):
            resolved = []
            for m in matches:
                if m.demonym is not None:
                    continue
                r, margin, why = self._resolve(m, doc_cc, doc_admin, points)
                if r is None or not self._accept(m, r, doc_cc, persons):
                    continue
                resolved.append((m, r, margin, why))
            if rnd == 0:
                seen = set()
                for m, r, mg, _ in resolved:
                    if self.kind[r] in _POINTLIKE and (m.key, r) not in seen:
                        seen.add((m.key, r))
                        points.append((float(self.lat[r]), float(self.lon[r]), m.key))
                    if mg >= 2.0 or self.kind[r] in ("country", "admin region"):
                        doc_cc.add(self.cc[r], m.key, 2.0)
                        if self.kind[r] == "admin region":
                            doc_admin.add(self.admin_key[r])
        by_start = {m.start: (m, r, margin, why) for m, r, margin, why in resolved}
        last_town = None
        for m in sorted(matches, key=lambda x: x.start):
            mention = text[m.start:m.end]
            if m.demonym is not None:
                r = m.demonym
                rows.append(self._row(mention, m, r, "demonym", 0.9, f"demonym of {self.names[r]}"))
                continue
            if m.cue == "district" and m.cue_word in ("district", "neighbourhood", "neighborhood", "quarter"):
                rows.append(self._district(text, mention, m, last_town))
                continue
            if m.start not in by_start:
                continue
            _, r, margin, why = by_start[m.start]
            conf = round(1 / (1 + math.exp(-(margin + 1.0))), 2)
            rows.append(self._row(mention, m, r, self.kind[r], conf, why))
            if self.kind[r] == "city or town":
                last_town = r
        return rows

    def _district(self, text: str, mention: str, m: _Match, last_town: int | None) -> dict:
        owner = re.search(r"\b(town|city|village)['’]s\s+$", text[max(0, m.start - 20):m.start])
        base = {"mention": mention, "start": m.start, "end": m.end, "kind": "district", "geonameid": pd.NA}
        if owner and last_town is not None:
            r = last_town
            return {**base, "name": f"{mention} district, {self.names[r]}", "country_code": self.cc[r],
                    "lat": float(self.lat[r]), "lon": float(self.lon[r]), "confidence": 0.6,
                    "why": f"'the {owner.group(1)}'s {mention} district': a district of {self.names[r]}, "
                           f"pinned on the town (the district itself is not in the gazetteer)"}
        return {**base, "name": mention, "country_code": "", "lat": np.nan, "lon": np.nan, "confidence": 0.0,
                "why": f"'{mention} district' names a district the gazetteer does not hold; left unresolved "
                       f"rather than pinned on a namesake"}

    def _row(self, mention: str, m: _Match, r: int, kind: str, conf: float, why: str) -> dict:
        gid = int(self.gid[r])
        return {"mention": mention, "start": m.start, "end": m.end, "name": str(self.names[r]), "kind": kind,
                "country_code": str(self.cc[r]), "lat": float(self.lat[r]), "lon": float(self.lon[r]),
                "geonameid": gid if gid > 0 else pd.NA, "confidence": conf, "why": why}


@lru_cache(maxsize=1)
def _default_parser() -> Geoparser:
    return Geoparser()


def extract_locations(articles: pd.DataFrame | str, *, field: str | Sequence[str] = ("title", "caption", "body"),
                      parser: Geoparser | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Every place mention in the articles (or in one text), resolved to coordinates.

    ``field`` is one column or several (default headline, caption and body, those the table has); one
    row per mention, in text order, with columns ``article_id``, ``field``, ``mention`` (the exact surface
    text), ``start``/``end`` (offsets into that field), ``name`` (canonical), ``kind`` (country, admin
    region, county, city or town, district, physical feature, region, continent, demonym),
    ``country_code``, ``lat``, ``lon``, ``geonameid``, ``confidence`` (0–1) and ``why``.
    Mentions recognised but not resolved are kept with empty coordinates and say why.
    ``progress`` shows a tqdm bar (default: from 2,000 articles up).

    >>> locs = extract_locations("Iraqi forces entered the town of Anna, near Al-Qaim.")  # doctest: +SKIP
    >>> locs[["mention", "name", "kind", "country_code"]].values.tolist()                  # doctest: +SKIP
    [['Iraqi', 'Iraq', 'demonym', 'IQ'], ['Anna', '‘Anah', 'city or town', 'IQ'], ['Al-Qaim', 'Al Qā’im', ...]]
    """
    if not isinstance(articles, (str, pd.DataFrame)):
        got = "None" if articles is None else type(articles).__name__
        raise TypeError(f"extract_locations() expects an articles table or a text (str), got {got}")
    parser = parser or _default_parser()
    fields = [field] if isinstance(field, str) else [f for f in field if isinstance(articles, str) or
                                                     f in articles.columns]
    if isinstance(articles, str):
        fields = fields[-1:]
    items = [(aid, f, text) for f in fields for aid, text in article_texts(articles, f, caller="extract_locations")]
    rows = []
    for aid, f, text in with_progress(items, progress, total=len(items), desc="places"):
        for row in parser.parse(text):
            rows.append({"article_id": aid, "field": f, **row})
    out = pd.DataFrame(rows, columns=LOCATION_COLUMNS)
    out["geonameid"] = out["geonameid"].astype("Int64")
    out["lat"] = out["lat"].astype(float)
    out["lon"] = out["lon"].astype(float)
    out["start"] = out["start"].astype(int)
    out["end"] = out["end"].astype(int)
    return out


def location_counts(locations: pd.DataFrame, *, by: str | None = None,
                    include_demonyms: bool = False) -> pd.DataFrame:
    """Mentions per resolved place (optionally per ``by`` column, e.g. ``article_id``), most mentioned first.

    Columns: ``name``, ``kind``, ``country_code``, ``lat``, ``lon``, ``mentions``, ``surface`` (the
    spellings seen), plus ``by`` when given. Unresolved mentions are not counted here; list them with
    ``locations[locations.lat.isna()]``.
    """
    locs = locations.dropna(subset=["lat", "lon"])
    if not include_demonyms:
        locs = locs[locs["kind"] != "demonym"]
    keys = ([by] if by else []) + ["name", "kind", "country_code", "lat", "lon"]
    out = (locs.groupby(keys, sort=False, dropna=False)
           .agg(mentions=("mention", "size"), surface=("mention", lambda s: " / ".join(dict.fromkeys(s))))
           .reset_index()
           .sort_values(([by] if by else []) + ["mentions", "name"], ascending=([True] if by else []) + [False, True],
                        kind="mergesort")
           .reset_index(drop=True))
    return out


def mention_sentences(articles: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """The locations table with the sentence each mention sits in (column ``sentence``), in its own field."""
    from .tokenize import sentence_spans

    sents = []
    cache: dict[tuple[str, str], tuple[str, list]] = {}
    by_id = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")
    for aid, f, start in zip(locations["article_id"].astype(str), locations["field"], locations["start"]):
        if (aid, f) not in cache:
            text = str(by_id.at[aid, f]) if aid in by_id.index and f in by_id.columns and \
                pd.notna(by_id.at[aid, f]) else ""
            cache[(aid, f)] = (text, sentence_spans(text))
        text, spans = cache[(aid, f)]
        s = next(((a, b) for a, b in spans if a <= start < b), (start, start))
        sents.append(text[s[0]:s[1]].strip())
    return locations.assign(sentence=sents)
