"""Readers of the gazetteer's sources: the registry package, the shipped tables, and the user's own files.

Every reader returns a list of ``(row, names)``: ``row`` a dict of the place's columns (:data:`COLUMNS`),
``names`` its name and alternate names. A user extends the gazetteer with either

* a **GeoNames country dump** (``SY.txt`` from ``SY.zip``, or ``allCountries.txt``): the tab-separated
  ``geoname`` table, 19 columns, no header; or
* a **CSV** with the header ``name,alternate_names,kind,country,lat,lon`` (alternate names separated by
  ``|``; ``kind`` one of :data:`CSV_KINDS`).

A bad line is an error naming the file, the line and what is wrong.
"""
from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["COLUMNS", "CSV_KINDS", "read_geonames_dump", "read_places_csv", "read_user_file"]

#: ``n_names``: how many alternate names GeoNames gives the place, a sign of how widely it is known.
COLUMNS = ["name", "kind", "country_code", "admin1", "lat", "lon", "geonameid", "population", "n_names", "source",
           "precision"]

#: The kinds a user's CSV may give (the gazetteer's own kinds).
CSV_KINDS = ("city or town", "city", "town", "village", "district", "neighbourhood", "region", "admin region",
             "county", "physical feature", "crossing", "airbase", "base", "country")
_CSV_KIND_AS = {"village": "city or town", "town": "city or town", "city": "city or town", "neighbourhood": "district"}

# GeoNames feature class / code → the gazetteer's kind; feature codes not listed are left out
_GEONAMES_KIND = {
    ("A", "ADM1"): "admin region", ("A", "ADM2"): "county", ("A", "ADM3"): "county",
    ("L", "RGN"): "region", ("L", "AREA"): "region", ("L", "RGNE"): "region", ("L", "OAS"): "region",
    ("S", "AIRB"): "airbase", ("S", "AIRF"): "airbase", ("S", "AIRP"): "airbase", ("S", "PSTB"): "crossing",
    ("S", "BDGQ"): "crossing", ("T", "MT"): "physical feature", ("T", "MTS"): "physical feature",
    ("T", "VAL"): "physical feature", ("T", "PLN"): "physical feature", ("T", "DSRT"): "physical feature",
    ("H", "STM"): "physical feature", ("H", "LK"): "physical feature", ("H", "RSV"): "physical feature",
    ("V", "FRST"): "physical feature", ("S", "DAM"): "physical feature",
}
_DISTRICT_CODES = {"PPLX", "PPLQ"}   # sections of populated places (neighbourhoods); abandoned places


class GazetteerFileError(ValueError):
    """A user's gazetteer file that cannot be read: names the file, the line and the problem."""


def _fail(path: Path, line: int, what: str) -> None:
    raise GazetteerFileError(f"{path}, line {line}: {what}")


def _number(path: Path, line: int, value: str, what: str, lo: float, hi: float) -> float:
    try:
        x = float(value)
    except ValueError:
        _fail(path, line, f"{what} {value!r} is not a number")
    if not lo <= x <= hi:
        _fail(path, line, f"{what} {x} is outside [{lo}, {hi}]")
    return x


def _geonames_kind(fclass: str, fcode: str) -> str | None:
    if fclass == "P":
        return "district" if fcode in _DISTRICT_CODES else "city or town"
    return _GEONAMES_KIND.get((fclass, fcode))


def read_geonames_dump(path: Path) -> list[tuple[dict, list[str]]]:
    """Places from a GeoNames dump (``SY.txt``; the ``geoname`` table, 19 tab-separated columns).

    Kept: populated places and their sections (neighbourhoods), first- to third-order admin areas,
    regions, airfields, border posts, and mountains, valleys, rivers, lakes; the rest (hotels, wells,
    ...) is left out. Names with no Latin letter are not kept as alternate names.
    """
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, raw in enumerate(fh, 1):
            line = raw.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 19:
                _fail(path, n, f"{len(cols)} tab-separated columns, a GeoNames dump has 19")
            kind = _geonames_kind(cols[6], cols[7])
            if kind is None:
                continue
            if not cols[0].isdigit():
                _fail(path, n, f"geonameid {cols[0]!r} is not a number")
            lat = _number(path, n, cols[4], "latitude", -90, 90)
            lon = _number(path, n, cols[5], "longitude", -180, 180)
            pop = int(cols[14]) if cols[14].isdigit() else 0
            names = [cols[1], cols[2], *[a for a in cols[3].split(",") if _latin(a)]]
            n_names = len([a for a in cols[3].split(",") if a])
            row = {"name": cols[1], "kind": kind, "country_code": cols[8], "admin1": cols[10], "lat": lat, "lon": lon,
                   "geonameid": int(cols[0]), "population": pop, "n_names": n_names,
                   "source": f"GeoNames dump {path.name} ({cols[6]}.{cols[7]})", "precision": ""}
            out.append((row, names))
    return out


def _latin(name: str) -> bool:
    return bool(name) and any("a" <= ch.lower() <= "z" for ch in name[:3])


def read_places_csv(path: Path) -> list[tuple[dict, list[str]]]:
    """Places from a CSV with the header ``name,alternate_names,kind,country,lat,lon``."""
    need = ["name", "alternate_names", "kind", "country", "lat", "lon"]
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or [c.strip() for c in reader.fieldnames[:6]] != need:
            _fail(path, 1, f"header {reader.fieldnames} should start with {','.join(need)}")
        for rec in reader:
            n = reader.line_num
            if None in rec or any(rec.get(c) is None for c in need):
                _fail(path, n, "wrong number of columns")
            name, kind = rec["name"].strip(), rec["kind"].strip().lower()
            if not name:
                _fail(path, n, "empty name")
            if kind not in CSV_KINDS:
                _fail(path, n, f"kind {kind!r} is not one of {', '.join(CSV_KINDS)}")
            cc = rec["country"].strip().upper()
            if len(cc) != 2 or not cc.isalpha():
                _fail(path, n, f"country {rec['country']!r} is not a two-letter ISO code")
            lat = _number(path, n, rec["lat"], "lat", -90, 90)
            lon = _number(path, n, rec["lon"], "lon", -180, 180)
            alts = [a.strip() for a in rec["alternate_names"].split("|") if a.strip()]
            row = {"name": name, "kind": _CSV_KIND_AS.get(kind, kind), "country_code": cc, "admin1": "",
                   "lat": lat, "lon": lon, "geonameid": -1, "population": 0, "n_names": len(alts),
                   "source": f"{path.name}, line {n}", "precision": ""}
            out.append((row, [name, *alts]))
    return out


def read_user_file(path: Path) -> list[tuple[dict, list[str]]]:
    """A GeoNames dump (``.txt``/``.tsv``) or a places CSV (``.csv``), by its extension."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such gazetteer file")
    if path.suffix.lower() == ".csv":
        return read_places_csv(path)
    if path.suffix.lower() in (".txt", ".tsv"):
        return read_geonames_dump(path)
    raise GazetteerFileError(f"{path}: expected a GeoNames dump (.txt) or a places CSV (.csv)")
