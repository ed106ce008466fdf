"""The context of a recognised span: cues (*the town of X*, *X province*), qualifiers (*X, Ky.*), and signs
that the span is a person, an organisation or a common word rather than a place."""
from __future__ import annotations

import re

from .keys import name_key
from .recognition import Match, Tok

__all__ = ["add_context"]

_SAID_AFTER = re.compile(r"\s*(?:,\s*\w+(?:\s+\w+){0,3}\s*,\s*)?(?:said|says|told|added|wrote|explained|"
                         r"asked|replied|insisted|argued|noted|recalled|testified|reported|quoted|announced)\b")
_WHERE_AFTER = re.compile(r"\s+(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?:north|south|east|west)\w*\s+of\b",
                          re.I)
_CAPITAL_AFTER = re.compile(r"\s+capital\b(?!\s+of\b)")    # "the X capital Y", not "X capital of Y province"
_LOCATIVE = re.compile(r"\s+in\s+(?:the\s+)?([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})")
_STATE_OF = re.compile(r"((?:[\w-]+\s+){1,3})state\s+of\s+(?:the\s+)?$", re.I)   # "former Soviet state of"
_QUALIFIER = re.compile(r",\s+((?:[A-Z][\w’'.-]*)(?:\s+[A-Z][\w’'.-]*){0,2})")
# the first word after a country or demonym that makes a state organ, which still names the country
_STATE_ORGAN = {"army", "air", "navy", "forces", "force", "ministry", "government", "state", "tv", "television",
                "defence", "defense", "aerospace", "foreign", "president", "congress", "secretary", "military",
                "troops", "regime", "authorities", "embassy", "parliament", "police"}


def _cues(rec, text: str, m: Match) -> None:
    before = text[max(0, m.start - 40):m.start]
    after = text[m.end:m.end + 40]
    mb = re.search(r"(\w+)\s+of\s+(?:the\s+)?$", before)
    if mb and mb.group(1).lower() in rec.v.cue_before:
        m.cue, m.cue_strength = rec.v.cue_before[mb.group(1).lower()]
        m.cue_word = f"the {mb.group(1).lower()} of"
        _sovereign_state(rec, before, m)
    ma = re.match(r"\s+(\w+)", after)
    if ma and ma.group(1).lower() in rec.v.cue_after and not m.cue:
        m.cue, m.cue_strength = rec.v.cue_after[ma.group(1).lower()]
        m.cue_word = ma.group(1).lower()
    if _CAPITAL_AFTER.match(after) and re.search(r"\bthe\s+$", before):
        m.cue, m.cue_strength, m.cue_word = "country", rec.w.cue_after, "capital"   # "the Kazakh capital"
    if re.search(r"\bborder with\s+$", before):
        m.cue, m.cue_strength, m.cue_word = "country", rec.w.cue_capital, "the border with"
    wb = re.search(r"(\w+)\s+$", before)
    if (wb and wb.group(1).lower() in rec.v.weak_before) or _WHERE_AFTER.match(after):
        m.weak_cue = True     # "in X", "took X"; "X west of Mosul"


def _sovereign_state(rec, before: str, m: Match) -> None:
    """"the former Soviet state of Georgia", "the Gulf state of Qatar": a word before *state* that only describes
    sovereign states (``[state_as_country]`` in words.txt) makes the cue ask for a country, not a region."""
    sb = _STATE_OF.search(before)
    if sb and any(w.lower() in rec.v.state_as_country for w in sb.group(1).split()):
        m.cue, m.cue_strength, m.cue_word = "country", rec.w.cue_province, "a sovereign state of"


def _qualifier(rec, text: str, m: Match) -> None:
    """"Frankfort, Ky.", "Mosul, Iraq", "Springfield, Illinois". A qualifier that names several regions or
    countries is read jointly with the place it qualifies: the one holding a candidate of that place (*Atlanta,
    Georgia*: the US state, where an Atlanta lies, not the country), the largest such candidate's on a tie; a
    qualifier holding none of them keeps its first reading. ``qualifier_start`` marks the pair as confirmed."""
    q = _QUALIFIER.match(text[m.end:m.end + 40])
    if not q:
        return
    words = q.group(1).split()
    for k in range(len(words), 0, -1):
        cand = " ".join(words[:k])
        key = name_key(cand)
        row = rec.gaz.admin_abbrev.get(key) if cand.endswith(".") else None
        if row is None:
            rows = [r for r in rec.gaz.candidates(key) if rec.kind[r] in ("country", "admin region")]
            held = _holding(rec, rows, m.cands or [])
            if held is not None:
                m.qualifier, m.qualifier_start = held, m.end + q.start(1)
                return
            row = rows[0] if rows else None
        if row is not None:
            m.qualifier = row
            return


def _holding(rec, rows: list[int], cands: list[int]) -> int | None:
    """The region or country of ``rows`` that holds the largest of ``cands`` (a place is not its own holder)."""
    admin, pop = rec.admin_key, rec.pop
    best = None
    for r in rows:
        for c in cands:
            if c == r or rec.kind[c] == "country":
                continue
            inside = rec.cc[c] == rec.cc[r] if rec.kind[r] == "country" else (
                bool(admin[r]) and admin[c] == admin[r] and rec.cc[c] == rec.cc[r])
            if inside and (best is None or pop[c] > best[0]):
                best = (pop[c], r)
    return None if best is None else best[1]


def _locative(rec, text: str, m: Match) -> None:
    """"Orem in Aleppo governorate", "Hasaka in Syria": the regions or countries a name of the text after *in*
    may be (the longest name that has any); a possessive ("in Turkey's ...") says nothing of where X is."""
    q = _LOCATIVE.match(text[m.end:m.end + 50])
    if not q:
        return
    words = q.group(1).split()
    if words[0].lower() in rec.v.modifiers:
        return        # "in the Eastern part of ...": a direction, not a region's name
    for k in range(len(words), 0, -1):
        if re.search(r"['’]s$", words[k - 1]):
            continue
        rows = [r for r in rec.gaz.candidates(name_key(" ".join(words[:k]))) or []
                if rec.kind[r] in ("country", "admin region")]
        if rows:
            m.locative = rows
            return


def add_context(rec, text: str, toks: list[Tok], m: Match, lower_words: set[str]) -> None:
    """Fill the context fields of ``m`` (cues, qualifier, sentence position, person/organisation signs)."""
    _cues(rec, text, m)
    _qualifier(rec, text, m)
    _locative(rec, text, m)
    first = toks[m.i]
    m.sent_initial = first.sent_start
    m.lower_elsewhere = m.j - m.i == 1 and not first.text.isupper() and first.text.lower() in lower_words
    m.said_after = bool(_SAID_AFTER.match(text[m.end:m.end + 40]))
    surface = text[m.start:m.end]
    m.acronym = (surface.isupper() and len(surface.replace(".", "")) <= 4) or bool(re.fullmatch(r"[A-Z]{2,}s", surface))
    m.generic = m.generic or all(w.lower() in rec.v.modifiers or name_key(w) in rec.v.not_places
                                 for w in surface.split())
    nxt = re.match(r"\s+(\w+)", text[m.end:m.end + 20])
    state = m.demonym is not None or any(rec.kind[c] == "country" for c in (m.cands or []))
    if nxt and nxt.group(1).lower() in rec.v.media_words and not m.possessive and not state:
        m.org = True      # "the state-run Sana agency", "Sana news agency"
    if m.org and m.after_word in _STATE_ORGAN and (m.demonym is not None or any(
            rec.kind[c] == "country" for c in (m.cands or []))):
        m.org = False     # "Syrian Army", "Russian Defence Ministry": a state organ names its country
