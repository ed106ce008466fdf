"""Places the gazetteer lacks, placed from how the text describes them.

*the village of X in Idlib province*, *X a town near Damascus*, *the X neighbourhood of Aleppo*, *the X
crossing*, *X airbase*: X is kept as a place of the kind the description names and pinned to the place
it is said to be in or near (``precision`` city, province or country), or, when the description names
none, to the country the article is about. It is never dropped and never sent to a country the
article does not name.
"""
from __future__ import annotations

import re

from .keys import name_key
from .recognition import Match, Tok, chunks

__all__ = ["describe_unknown", "DESCRIBED_KINDS"]

#: Description word → the kind of place it describes.
DESCRIBED_KINDS = {
    "village": "city or town", "town": "city or town", "city": "city or town", "hamlet": "city or town",
    "suburb": "city or town", "camp": "city or town", "neighbourhood": "district", "neighborhood": "district",
    "district": "district", "quarter": "district", "area": "district", "crossing": "crossing",
    "airbase": "airbase", "air base": "airbase", "airport": "airbase", "military airport": "airbase",
}
_WORDS = "|".join(sorted((re.escape(k) for k in DESCRIBED_KINDS), key=len, reverse=True))
_BEFORE = re.compile(rf"\b({_WORDS})\s+of\s+(?:the\s+)?$", re.I)
_AFTER = re.compile(rf"^\s+(?:border\s+)?({_WORDS})\b", re.I)
_APPOSITION = re.compile(rf"^,?\s+(?:is\s+)?an?\s+(?:\w+\s+){{0,2}}?({_WORDS})\b", re.I)
_PARENT = re.compile(r"^[^.!?]{0,60}?\b(?:in|near|outside|of|north of|south of|east of|west of|northeast of|"
                     r"northwest of|southeast of|southwest of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|"
                     r"western|central|rural|northwestern|northeastern|southwestern|southeastern)\s+)?"
                     r"((?:[A-Z][\w’'‘-]*|al-[\w-]+)(?:\s+(?:[A-Z][\w’'‘-]*|al-[\w-]+)){0,3})")
_OWNER = re.compile(r"\b(town|city|village)['’]s\s+$")
_PRECISION = {"city or town": "city", "district": "city", "crossing": "city", "airbase": "city",
              "county": "province", "admin region": "province", "region": "province",
              "physical feature": "province", "country": "country"}


def _described_kind(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The description word around the span ``text[start:end]`` and the kind it names."""
    mb = _BEFORE.search(text[max(0, start - 30):start])
    ma = _AFTER.match(text[end:end + 25]) or _APPOSITION.match(text[end:end + 50])
    word = (mb or ma).group(1).lower() if (mb or ma) else None
    return (word, DESCRIBED_KINDS[word]) if word else None


def _parent(gp, text: str, end: int, rows: list[dict], focus: set[str]) -> dict | None:
    """The place the description puts the span in or near: an accepted row, else a gazetteer region."""
    mp = _PARENT.match(text[end:end + 120])
    if not mp:
        return None
    s = end + mp.start(1)
    e = end + mp.end(1)
    for r in rows:
        if s <= r["start"] < e and r["kind"] != "demonym" and r["precision"] == "exact":
            return r
    key = name_key(mp.group(1))
    for c in gp.gaz.candidates(key):
        if gp.res.cc[c] in focus and gp.res.kind[c] in ("admin region", "city or town", "country"):
            return gp.row(mp.group(1), s, e, c, gp.res.kind[c], 0.5, "", "exact")
    return None


def _own_name(gp, surface: str, focus: set[str]) -> dict | None:
    """"Afrin district": the town of the same name in a country the article is about, if there is one."""
    for c in gp.gaz.candidates(name_key(surface)):
        if gp.res.cc[c] in focus and gp.res.kind[c] in ("city or town", "admin region"):
            return gp.row(surface, 0, 0, c, gp.res.kind[c], 0.5, "", "exact")
    return None


def _place(gp, m_text: str, start: int, end: int, word: str, kind: str, parent: dict | None,
           focus: set[str], last_town: dict | None, top: str | None) -> dict:
    base = {"mention": m_text, "start": start, "end": end, "kind": kind, "geonameid": None}
    if parent is None and last_town is not None and kind == "district":
        parent = last_town
    if parent is None:
        parent = _own_name(gp, m_text, focus)
    if parent is not None:
        prec = _PRECISION.get(parent["kind"], "city")
        return {**base, "name": f"{m_text} ({word}), {parent['name']}", "country_code": parent["country_code"],
                "lat": parent["lat"], "lon": parent["lon"], "confidence": 0.5, "precision": prec,
                "why": f"'{word}' {m_text}: not in the gazetteer; pinned to {parent['name']} ({prec} precision)"}
    if top is not None:
        cc = top
        r = gp.res.country_row.get(cc)
        if r is not None:
            return {**base, "name": f"{m_text} ({word})", "country_code": cc, "lat": float(gp.res.lat[r]),
                    "lon": float(gp.res.lon[r]), "confidence": 0.3, "precision": "country",
                    "why": f"'{word}' {m_text}: not in the gazetteer and no place named beside it; "
                           f"pinned to {gp.res.names[r]}, the country the article is about"}
    return {**base, "name": m_text, "country_code": "", "lat": float("nan"), "lon": float("nan"),
            "confidence": 0.0, "precision": "",
            "why": f"'{word}' {m_text}: not in the gazetteer and nothing in the article places it"}


def describe_unknown(gp, text: str, toks: list[Tok], matches: list[Match], rows: list[dict],
                     focus: set[str], top: str | None = None) -> list[dict]:
    """Rows for described places no accepted row covers (and for *X district* of a known town)."""
    taken = [(r["start"], r["end"]) for r in rows]
    blocked = {(m.start, m.end) for m in matches if m.org or m.furniture or m.generic or m.prev_cap}
    out = []
    last_town = None
    towns = sorted((r for r in rows if r["kind"] == "city or town"), key=lambda r: r["start"])
    for a, b in chunks(text, toks, gp.rec.v.connectors):
        start, end = toks[a].start, toks[b - 1].end
        if any(s < end and start < e for s, e in taken) or (start, end) in blocked:
            continue
        surface = text[start:end]
        if name_key(surface) in gp.rec.v.not_places or toks[a].text.lower() in gp.rec.v.furniture:
            continue
        if any(t.text.lower() in gp.rec.v.org_words for t in toks[a:b]) or re.search(r"-[a-z]+$", surface):
            continue      # an organisation; "Daesh-controlled town" describes the town, it does not name it
        found = _described_kind(text, start, end)
        if found is None:
            continue
        prior = [t for t in towns if t["end"] <= start]
        last_town = prior[-1] if prior and _OWNER.search(text[max(0, start - 20):start]) else None
        parent = _parent(gp, text, end, rows, focus)
        out.append(_place(gp, surface, start, end, found[0], found[1], parent, focus, last_town, top))
    return out
