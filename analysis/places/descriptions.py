"""Places the gazetteer lacks, placed from how the text describes them.

*the village of X in Idlib province*, *X a town near Damascus*, *the X neighbourhood of Aleppo*, *the X
crossing*, *X airbase*: X is kept as a place of the kind the description names and pinned to the place
it is said to be in or near (``precision`` city, province or country), or, when the description names
none, to the country where the article's resolved places lie (its most mentioned town there, else the
country). That is where the article's places are, not the country it names most: a Syria-war story names the
US and Russia as actors, and its villages are in Syria. A gazetteer place of the same name counts only in
those countries, and one found by a loose spelling only near a resolved place (*Otaya* is not Utta, Russia).
When the article's places are split between countries, or it has none and names several, the place is kept
without coordinates and the reason says so; it is never sent to a country the article neither names nor
places.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate

from .gazetteer import haversine_km
from .keys import name_key, translit_key
from .recognition import Match, Tok, chunks

__all__ = ["describe_unknown", "DESCRIBED_KINDS", "Where"]

#: Description word → the kind of place it describes.
DESCRIBED_KINDS = {
    "villages": "city or town", "towns": "city or town", "cities": "city or town", "suburbs": "city or town",
    "neighbourhoods": "district", "neighborhoods": "district", "districts": "district", "areas": "district",
    "camps": "city or town", "crossings": "crossing", "airbases": "airbase",
    "village": "city or town", "town": "city or town", "city": "city or town", "hamlet": "city or town",
    "suburb": "city or town", "camp": "city or town", "neighbourhood": "district", "neighborhood": "district",
    "district": "district", "quarter": "district", "area": "district", "crossing": "crossing",
    "airbase": "airbase", "air base": "airbase", "airport": "airbase", "military airport": "airbase",
    "military base": "base", "base": "base", "bases": "base",
}
_WORDS = "|".join(sorted((re.escape(k) for k in DESCRIBED_KINDS), key=len, reverse=True))
_BEFORE = re.compile(rf"\b({_WORDS})\s+of\s+(?:the\s+)?$", re.I)
# a list after a plural: "the towns of Foua and Kefraya", "two villages Foua and Kafarya"
_PLURAL = re.compile(r"\b(villages|towns|cities|suburbs|neighbou?rhoods|districts|areas|camps)\s+"
                     r"(?:of\s+)?(?:the\s+)?$",
                     re.I)
_LIST_GAP = re.compile(r"^(?:\s*,)?\s+(?:(?:and|or)\s+)?$")
_AFTER = re.compile(rf"^\s+(?:border\s+)?({_WORDS})\b", re.I)
_APPOSITION = re.compile(rf"^,?\s+(?:is\s+)?an?\s+(?:\w+\s+){{0,2}}?({_WORDS})\b", re.I)
_PARENT = re.compile(r"\b(?:in|near|outside|of|north of|south of|east of|west of|northeast of|"
                     r"northwest of|southeast of|southwest of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|"
                     r"western|central|rural|northwestern|northeastern|southwestern|southeastern)\s+)?"
                     r"((?:[A-Z][\w’'‘-]*|al-[\w-]+)(?:\s+(?:[A-Z][\w’'‘-]*|al-[\w-]+)){0,3})")
# "fighting around Al Maleh north of Aleppo", "in Tokhar 10 km west of Manbij": a place by where it lies
_DIRECTION = re.compile(r"^\s+(?:just\s+|some\s+|about\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                        r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s", re.I)
_OWNER = re.compile(r"\b(town|city|village)['’]s\s+$")
_PRECISION = {"city or town": "city", "district": "city", "crossing": "city", "airbase": "city", "base": "city",
              "county": "province", "admin region": "province", "region": "province",
              "physical feature": "province", "country": "country"}


#: Kinds of row that say where the article is (a country named or a demonym may name an actor, not a place).
_WHERE_KINDS = frozenset({"city or town", "district", "county", "admin region", "crossing", "airbase", "base"})


class Where:
    """Where the article's resolved places lie: their countries and points, and ``home``, the country holding
    ``home_lead`` times as many of them as the next (``None`` when the evidence is split).

    An article with no resolved place has no home (the countries it names may be its actors, not where it is);
    a gazetteer place of a described name is then looked for by its exact name in the countries it names
    (``focus``).
    """

    def __init__(self, rows: list[dict], home_lead: float, focus: set[str]) -> None:
        places = [r for r in rows if r["kind"] in _WHERE_KINDS and r["country_code"] and r["lat"] == r["lat"]]
        self.points = [(float(r["lat"]), float(r["lon"])) for r in places]
        ranked = Counter(r["country_code"] for r in places).most_common()
        if ranked:
            self.countries = {cc for cc, _ in ranked}
            second = ranked[1][1] if len(ranked) > 1 else 0
            self.home = ranked[0][0] if ranked[0][1] >= home_lead * second else None
            self.split = self.home is None
        else:
            self.countries, self.home, self.split = set(focus), None, False
        self.placed = bool(ranked)
        self.main_town = _main_place(rows, self.home) if self.home else None     # once: a long text has many
        self._rows = sorted(rows, key=lambda r: r["start"])
        self._starts = [r["start"] for r in self._rows]

    def starting(self, start: int, end: int) -> list[dict]:
        """The rows that start in ``start:end``, in text order (a bisect: a long text has thousands)."""
        return self._rows[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def near(self, lat: float, lon: float, km: float) -> bool:
        """A resolved place of the article lies within ``km`` of the point."""
        if not self.points:
            return False
        la, lo = zip(*self.points)
        return bool((haversine_km(la, lo, lat, lon) < km).any())


def _described_kind(text: str, start: int, end: int, weak: frozenset[str]) -> tuple[str, str] | None:
    """The description word around the span ``text[start:end]`` and the kind it names."""
    mb = _BEFORE.search(text[max(0, start - 30):start])
    ma = _AFTER.match(text[end:end + 25]) or _APPOSITION.match(text[end:end + 50])
    word = (mb or ma).group(1).lower() if (mb or ma) else None
    if word:
        return word, DESCRIBED_KINDS[word]
    before = re.search(r"(\w+)\s+(?:the\s+)?$", text[max(0, start - 20):start])
    if _DIRECTION.match(text[end:end + 40]) and before and before.group(1).lower() in weak:
        return "place", "city or town"
    return None


def _parent(gp, text: str, end: int, where: Where) -> dict | None:
    """The place the description puts the span in or near: the place written right after it
    ("Zubdiya Aleppo", the comma lost), or after *in*/*near*/*north of*: an accepted row, else a region
    or town of that name in a country where the article's places lie."""
    for r in where.starting(end + 1, end + 2):
        if r["precision"] == "exact" and r["kind"] in ("city or town", "admin region"):
            return r
    window = text[end:end + 120]
    for mp in _PARENT.finditer(window):
        if re.search(r"[.!?]", window[:mp.start(1)]):
            break
        s, e = end + mp.start(1), end + mp.end(1)
        for r in where.starting(s, e):
            if r["kind"] != "demonym" and r["precision"] == "exact":
                return r
        for c in gp.gaz.candidates(name_key(mp.group(1))):
            if gp.res.cc[c] in where.countries and gp.res.kind[c] in ("admin region", "city or town", "country"):
                return gp.row(mp.group(1), s, e, c, gp.res.kind[c], 0.5, "", "exact")
    return None


def _main_place(rows: list[dict], cc: str) -> dict | None:
    """The article's most mentioned town in country ``cc`` (its own point, not a described place), for places
    nothing else locates."""
    towns = [r for r in rows if r["kind"] == "city or town" and r["precision"] == "exact" and r["country_code"] == cc]
    if not towns:
        return None
    counts = Counter(r["name"] for r in towns)      # most mentioned; on a tie the first named
    best = max(counts, key=counts.__getitem__)
    return next(r for r in towns if r["name"] == best)


def _own_name(gp, surface: str, word: str, kind: str, where: Where) -> dict | None:
    """The gazetteer's place of this very name in a country where the article's places lie (a village the
    resolver would not take on its name alone), or for "Afrin district" the town it is named after. One
    found by a loose spelling lies in the article's home country, near one of its resolved places."""
    exact = gp.gaz.candidates(name_key(surface)) or []
    loose = [] if exact else (gp.gaz.translit_candidates(translit_key(surface)) or [])
    for c in sorted(exact or loose, key=lambda c: gp.res.kind[c] != kind):
        if loose and (gp.res.cc[c] != where.home or not where.near(float(gp.res.lat[c]), float(gp.res.lon[c]),
                                                                   gp.w.loose_near_km)):
            continue      # "Otaya" in a Syria story is not Utta, Russia, nor "Al Midan" Medyn near Moscow
        if gp.res.cc[c] in where.countries and gp.res.kind[c] in ("city or town", "admin region", "district"):
            same = kind == "city or town" and gp.res.kind[c] == "city or town"
            prec = "exact" if same else "city"
            return gp.row(surface, 0, 0, c, gp.res.kind[c] if same else kind, 0.6,
                          f"'{word}' {surface}: {gp.res.names[c]}, in a country where the article's places lie",
                          prec,
                          None if same else f"{surface} ({word}), {gp.res.names[c]}")
    return None


def _place(gp, m_text: str, start: int, end: int, word: str, kind: str, parent: dict | None,
           where: Where, last_town: dict | None, rows: list[dict]) -> dict:
    base = {"mention": m_text, "start": start, "end": end, "kind": kind, "geonameid": None}
    own = _own_name(gp, m_text, word, kind, where)
    if own is not None and parent is not None and float(haversine_km(own["lat"], own["lon"], parent["lat"],
                                                                      parent["lon"])) > gp.w.village_km:
        own = None        # a namesake elsewhere in the country: the description's place wins
    if own is not None:
        return {**own, "mention": m_text, "start": start, "end": end}
    if parent is None and last_town is not None and kind == "district":
        parent = last_town
    if parent is not None:
        prec = _PRECISION.get(parent["kind"], "city")
        return {**base, "name": f"{m_text} ({word}), {parent['name']}", "country_code": parent["country_code"],
                "lat": parent["lat"], "lon": parent["lon"], "confidence": 0.5, "precision": prec,
                "why": f"'{word}' {m_text}: not in the gazetteer; pinned to {parent['name']} ({prec} precision)"}
    return _unplaced(gp, base, f"'{word}' {m_text}: not in the gazetteer and no place named beside it", word,
                     where, rows)


def _unplaced(gp, base: dict, why: str, word: str, where: Where, rows: list[dict]) -> dict:
    """A described place nothing beside it locates: at the most mentioned town of the country where the article's
    places lie (province level), else that country; without coordinates when the evidence is split."""
    main = where.main_town
    if main is not None:
        return {**base, "name": f"{base['mention']} ({word})", "country_code": main["country_code"],
                "lat": main["lat"], "lon": main["lon"], "confidence": 0.3, "precision": "province",
                "why": f"{why}; placed at {main['name']}, the article's most mentioned town in the country where "
                       f"its places lie (approximate, province level)"}
    r = gp.res.country_row.get(where.home) if where.home else None
    if r is not None:
        return {**base, "name": f"{base['mention']} ({word})", "country_code": where.home,
                "lat": float(gp.res.lat[r]), "lon": float(gp.res.lon[r]), "confidence": 0.3, "precision": "country",
                "why": f"{why}; pinned to {gp.res.names[r]}, where the article's places lie"}
    reason = ("the article's resolved places are split between countries" if where.split else
              "the article resolves no place (the countries it names may be actors)")
    return {**base, "name": base["mention"], "country_code": "", "lat": float("nan"), "lon": float("nan"),
            "confidence": 0.0, "precision": "", "why": f"{why}; left unplaced: {reason}"}


class _Taken:
    """The spans of the places already found, asked in logarithmic time (a long text has thousands)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.max_end = list(accumulate((b for _, b in spans), max))     # the furthest end of the spans so far

    def covers(self, pos: int) -> bool:
        """Whether a span holds ``pos`` (``start <= pos < end``)."""
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and self.max_end[k] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``start:end``."""
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.max_end[k] > start


def _spans(gp, text: str, toks: list[Tok], a: int, b: int, taken: _Taken, listed: bool) -> list[tuple[int, int]]:
    """Token ranges of the names in one capitalised run: split at *and*/*or* and at places already
    taken; in a list without commas also where a new name starts (a word without an article, not after
    a name head such as *Tal* or *Khan*); not-places at the end dropped."""
    out, s = [], a
    for k in range(a, b + 1):
        cut = k == b or toks[k].text.lower() in ("and", "or") or taken.covers(toks[k].start)
        new_name = (listed and s < k < b and not toks[k].text.lower().startswith(("al-", "el-", "ad-", "as-", "ash-"))
                    and toks[k - 1].text.lower() not in gp.rec.v.name_heads and toks[k - 1].cap)
        if cut or new_name:
            e = k
            while e > s and (name_key(toks[e - 1].text) in gp.rec.v.not_places
                             or toks[e - 1].text.lower() in gp.rec.v.connectors):
                e -= 1
            if e > s and not taken.overlaps(toks[s].start, toks[e - 1].end):
                out.append((s, e))
            s = k + 1 if (k < b and (toks[k].text.lower() in ("and", "or") or taken.covers(toks[k].start))) else k
            while s < b and not toks[s].cap:
                s += 1        # "and the Al-Ramusa area": the name starts at the capital
    return out


def describe_unknown(gp, text: str, toks: list[Tok], matches: list[Match], rows: list[dict],
                     focus: set[str]) -> list[dict]:
    """Rows for described places no accepted row covers (and for *X district* of a known town).

    ``focus`` (the countries the article names) counts only when no place of the article is resolved: an
    unplaced description goes where the article's resolved places lie (see :class:`Where`).
    """
    where = Where(rows, gp.w.home_lead, focus)
    taken = _Taken([(r["start"], r["end"]) for r in rows])
    blocked = {(m.start, m.end) for m in matches if m.org or m.furniture or m.generic or m.prev_cap}
    towns = sorted((r for r in rows if r["kind"] == "city or town"), key=lambda r: r["start"])
    out: list[dict] = []
    listed, prev_end = None, 0
    for a, b in chunks(text, toks, gp.rec.v.connectors):
        mp = _PLURAL.search(text[max(0, toks[a].start - 30):toks[a].start])
        if mp:
            listed = mp.group(1).lower()
        elif listed and not _LIST_GAP.match(text[prev_end:toks[a].start]):
            listed = None
        prev_end = toks[b - 1].end
        for s, e in _spans(gp, text, toks, a, b, taken, bool(listed)):
            start, end = toks[s].start, toks[e - 1].end
            surface = text[start:end]
            if (start, end) in blocked or _not_a_name(gp, toks[s:e], surface):
                continue
            found = ((listed, DESCRIBED_KINDS[listed]) if listed
                     else _described_kind(text, start, end, gp.rec.v.weak_before))
            if found is None:
                continue
            last_town = None
            if _OWNER.search(text[max(0, start - 20):start]):       # "the town's X": the town just before
                prior = [t for t in towns if t["end"] <= start]
                last_town = prior[-1] if prior else None
            parent = _parent(gp, text, end, where)
            out.append(_place(gp, surface, start, end, found[0], found[1], parent, where, last_town, rows))
    return out


def _not_a_name(gp, toks: list[Tok], surface: str) -> bool:
    """Not-places, tag-list markers, organisations, and "Daesh-controlled" (it describes, it does not name)."""
    return (name_key(surface) in gp.rec.v.not_places or toks[0].text.lower() in gp.rec.v.furniture
            or any(t.text.lower() in gp.rec.v.org_words for t in toks) or bool(re.search(r"-[a-z]+$", surface)))
