"""The geoparser: recognition, then resolution in two rounds, then the described places the gazetteer lacks."""
from __future__ import annotations

import math
from typing import Iterable

import pandas as pd

from ..chars import original_span, plain_spaces, without_invisibles
from .descriptions import describe_unknown
from .gazetteer import Gazetteer
from .store import load_gazetteer
from .keys import name_key, strip_article
from .recognition import Match, Recognizer
from .resolution import DocCountries, Resolver
from .weights import WEIGHTS, GeoWeights

__all__ = ["Geoparser"]

_SUBDIVISION = {"district", "neighbourhood", "neighborhood", "quarter"}
_AREA = ("country", "continent", "admin region", "physical feature", "region")


class Geoparser:
    """Recogniser and resolver over one gazetteer; :meth:`parse` gives one dict per mention.

    >>> [(r["mention"], r["country_code"]) for r in Geoparser().parse("Shelling hit Saraqeb in Idlib province.")]
    [('Saraqeb', 'SY'), ('Idlib', 'SY')]
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, extra: Iterable = (),
                 weights: GeoWeights = WEIGHTS):
        self.gaz = gazetteer or load_gazetteer(extra)
        self.w = weights
        from .vocab import vocab

        self.res = Resolver(self.gaz, weights, vocab().after_place_ok)
        self.rec = Recognizer(self.gaz, self.res.kind, self.res.cc, weights=weights)

    # -- acceptance ---------------------------------------------------------------------------
    def _accept(self, m: Match, r: int, doc: DocCountries, persons: set[str], focus: set[str]) -> bool:
        kind, w = self.res.kind[r], self.w
        if m.generic or m.org or m.furniture or (m.head_only and kind not in ("country", "continent")):
            return False
        if m.abbrev is not None:
            return True       # "Frankfort, Ky.", "Vancouver, B.C."
        if m.cue == "district" and m.cue_word in _SUBDIVISION and kind not in ("district", "country"):
            return False      # "the town's Gaza district": a part of a town, placed by descriptions
        if m.cue_word in ("airbase", "crossing") and kind == "city or town":
            return False      # "the Dumayr airbase": the base, pinned to its town by descriptions
        if self.res.placed_elsewhere(m, r):
            return False      # "Orem in Aleppo governorate" is not Orem, Utah
        if m.cue_word == "capital" and kind not in ("country", "admin region"):
            return False      # "the Kazakh capital Astana": a country's adjective, not a town (Petropavl); but
            #                   "the Texas capital", "the Tigray capital" name the region whose capital it is
        if m.prev_cap and kind not in ("country", "continent") and not self._major_here(m, r, focus):
            return False      # "Haider al-Abadi"; but "Environment Canada" still names Canada
        evidence = bool(m.cue and m.cue != "place") or m.qualifier is not None
        if m.key in persons and not evidence and kind not in ("country", "continent"):
            if kind != "city or town" or self.res.pop[r] < w.person_population:
                return False  # "Kerry" after "John Kerry": the person, all through the article
        if self.res.foreign(r, doc, m.key) and not self.res.foreign_ok(m, r):
            return False      # "Jul" in Juliaca, "Castello" in Spain: abroad, no support
        if (self._by_alias_abroad(m, r, doc) or self.res.alias_far(m, r, self._named_main, self._doc_admin,
                                                                         self._points)
                ) and not evidence:
            return False      # "Barna" (an old name of Varna) in a Syria story; "Basic" (Henderson, Nevada)
        if kind in _AREA:
            if len(m.key) <= 3 and not (m.acronym or m.cue) and m.key != name_key(str(self.res.names[r])):
                return False  # "Ten": a short alias of Sri Lanka's Southern Province, written like a word
            if (m.lower_elsewhere or (m.acronym and kind != "country" and not doc.has(self.res.cc[r], m.key))
                    ) and not m.cue:
                return False  # "SANA" (the news agency), not Sanaa governorate
            return True
        return self._accept_point(m, r, doc, focus, evidence)

    def _by_alias_abroad(self, m: Match, r: int, doc: DocCountries) -> bool:
        """A town found by an alternate name, in a country the article does not name (a neighbour's)."""
        named = doc.supported(m.key)
        if not named or self.res.cc[r] in named or self.res.kind[r] in _AREA or self.res.world_city(r):
            return False
        primary = name_key(str(self.res.names[r]))
        return m.key not in (primary, strip_article(primary))

    def _major_here(self, m: Match, r: int, focus: set[str]) -> bool:
        """A province or a large town of a country the article is about, by its exact name: a place even after
        another capitalised word (a headline's "to Attack Aleppo", a lost comma's "Azaz Aleppo")."""
        if self.res.cc[r] not in focus or m.variant or m.key in self._persons:
            return False
        if m.key != name_key(str(self.res.names[r])):
            return False
        return self.res.kind[r] == "admin region" or self.res.pop[r] >= self.w.accept_population

    def _accept_point(self, m: Match, r: int, doc: DocCountries, focus: set[str], evidence: bool) -> bool:
        w, pop, kind = self.w, self.res.pop[r], self.res.kind[r]
        if ((m.said_after and not m.weak_cue) or m.acronym) and not evidence:
            return False      # "Burton said" (but "a source in Aleppo said"); "PKK", "ATF", "BA" are organisations
        if m.lower_elsewhere and not evidence:
            return False
        if m.next_cap and m.after_word not in self.rec.v.after_place_ok and not evidence and (
                pop < w.first_name_population or m.variant):
            return False      # "Anna Smith", "Jordan Spieth": a first name unless the place is large
        known = doc.has(self.res.cc[r], m.key)
        in_focus = self.res.cc[r] in focus
        if m.sent_initial and m.j - m.i == 1 and not evidence and pop < w.accept_population and not known:
            return False
        if evidence or pop >= w.accept_population:
            return True
        if pop >= w.accept_with_country and (known or m.weak_cue):
            return True
        if pop >= w.accept_with_both and known and m.weak_cue:
            return True
        # a village, neighbourhood, crossing or airbase in a country the article is about, by its own name,
        # after a preposition or near another place of the article
        return in_focus and not m.sent_initial and (m.weak_cue or kind != "city or town" or self._near_others(m, r))

    def _near_others(self, m: Match, r: int) -> bool:
        points = [(la, lo) for la, lo, key in self._points + self._regions if key != m.key]
        if not points:
            return False
        from .gazetteer import haversine_km

        la, lo = zip(*points)
        return bool((haversine_km(la, lo, self.res.lat[r], self.res.lon[r]) < self.w.village_km).any())

    # -- the two rounds -----------------------------------------------------------------------
    def _doc_countries(self, matches: list[Match]) -> tuple[DocCountries, set[str]]:
        doc = DocCountries()
        for m in matches:
            if m.org or m.furniture or m.generic:
                continue
            if m.demonym is not None and not m.prev_cap:
                doc.add(self.res.cc[m.demonym], m.key, self.w.country_named)
            elif m.cands and not m.prev_cap and not m.lower_elsewhere and (
                    m.qualifies is None or self.res.kind[m.qualifies] == "country"):
                # a qualifier read as a region ("Atlanta, Georgia") names no country of that name
                for c in {c for c in m.cands if self.res.kind[c] == "country"}:
                    doc.add(self.res.cc[c], m.key, self.w.country_named)
            if m.qualifier is not None:
                doc.add(self.res.cc[m.qualifier], "qualifier of " + m.key, self.w.country_named)
            if m.abbrev is not None:
                doc.add(self.res.cc[m.abbrev], m.key, self.w.country_named)
        doc_admin = {self.res.admin_key[m.abbrev] for m in matches if m.abbrev is not None}
        return doc, doc_admin

    def _round(self, matches, doc, doc_admin, points, persons, focus) -> list[tuple]:
        out = []
        for m in matches:
            if m.demonym is not None or m.people is not None:
                continue
            r, margin, why, variant = self.res.resolve(m, doc, doc_admin, points, focus)
            if r is not None and self._accept(m, r, doc, persons, focus):
                out.append((m, r, margin, why))
        return out

    def _learn(self, resolved: list[tuple], doc: DocCountries, doc_admin: set[str], points: list) -> None:
        seen = set()
        for m, r, margin, _ in resolved:
            kind = self.res.kind[r]
            if kind in ("city or town", "county", "district") and (m.key, r) not in seen:
                seen.add((m.key, r))
                points.append((float(self.res.lat[r]), float(self.res.lon[r]), m.key))
            if kind == "admin region":
                self._regions.append((float(self.res.lat[r]), float(self.res.lon[r]), m.key))
            if margin >= self.w.margin_confident or kind in ("country", "admin region"):
                doc.add(self.res.cc[r], m.key, self.w.country_inferred)
                if kind == "admin region":
                    doc_admin.add(self.res.admin_key[r])

    def parse(self, text: str) -> list[dict]:
        """One dict per place mention, in text order (the columns of ``extract_locations``)."""
        original, (text, kept) = text, without_invisibles(text)       # "Da\u200bmascus" is Damascus
        text = plain_spaces(text)       # "United\u00a0States" is one name; offsets stay
        toks, matches = self.rec.find(text)
        doc, doc_admin = self._doc_countries(matches)
        self._doc_admin, self._named_main = doc_admin, doc.main()
        named = doc.supported("")
        # a name seen after another capitalised word is a person throughout ("John Kerry" ... "Kerry said"),
        # unless it is a province or large town of a country the article names ("Azaz Aleppo")
        persons = {m.key for m in matches if m.prev_cap and m.j - m.i == 1 and not m.acronym and m.demonym is None
                   and not any(self.res.cc[c] in named and (self.res.kind[c] in ("admin region", "country")
                               or self.res.pop[c] >= self.w.accept_population) for c in (m.cands or []))}
        self._persons = persons
        points: list = []
        self._points, self._regions = points, []
        resolved = self._round(matches, doc, doc_admin, points, persons, doc.focus(self.w.focus_share))
        self._learn(resolved, doc, doc_admin, points)
        focus = doc.focus(self.w.focus_share)
        resolved = self._round(matches, doc, doc_admin, points, persons, focus)
        rows = self._rows(text, matches, resolved)
        rows += describe_unknown(self, text, toks, matches, rows, focus)
        if text != original:
            for r in rows:
                if kept is not None:
                    r["start"], r["end"] = original_span(kept, r["start"], r["end"])
                r["mention"] = original[r["start"]:r["end"]]
        return sorted(rows, key=lambda r: r["start"])

    def _rows(self, text: str, matches: list[Match], resolved: list[tuple]) -> list[dict]:
        by_start = {m.start: (m, r, margin, why) for m, r, margin, why in resolved}
        rows = []
        for m in matches:
            mention = text[m.start:m.end]
            if m.demonym is not None:
                if not (m.org or m.furniture or m.prev_cap):
                    r = m.demonym
                    rows.append(self.row(mention, m.start, m.end, r, "demonym", 0.9,
                                         f"demonym of {self.res.names[r]}", "exact"))
            elif m.people is not None:
                if not (m.org or m.furniture or m.prev_cap):
                    rows.append({"mention": mention, "start": m.start, "end": m.end, "name": m.people,
                                 "kind": "demonym", "country_code": "", "lat": float("nan"), "lon": float("nan"),
                                 "geonameid": pd.NA, "confidence": 0.9, "precision": "",
                                 "why": f"demonym of a people or region spanning countries ({m.people}): no point"})
            elif m.start in by_start:
                _, r, margin, why = by_start[m.start]
                conf = round(1 / (1 + math.exp(-(margin + self.w.confidence_offset))), 2)
                rows.append(self.row(mention, m.start, m.end, r, self.res.kind[r], conf, why, "exact"))
        return rows

    def row(self, mention: str, start: int, end: int, r: int, kind: str, conf: float, why: str,
            precision: str, name: str | None = None) -> dict:
        """One output row for gazetteer row ``r`` (``name`` overrides the gazetteer's name)."""
        gid = int(self.res.gid[r])
        if precision == "exact" and self.res.precision[r]:
            precision = self.res.precision[r]      # a table row pinned to its town
        return {"mention": mention, "start": start, "end": end, "name": name or str(self.res.names[r]),
                "kind": kind, "country_code": str(self.res.cc[r]), "lat": float(self.res.lat[r]),
                "lon": float(self.res.lon[r]), "geonameid": gid if gid > 0 and precision == "exact" else pd.NA,
                "confidence": conf, "why": why, "precision": precision}
