"""The public helpers: every place mention of a corpus, counts per place, and each mention's sentence."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .._parallel import with_progress
from ..describe import article_texts
from .parser import Geoparser

__all__ = ["extract_locations", "location_counts", "mention_sentences", "LOCATION_COLUMNS"]

LOCATION_COLUMNS = ["article_id", "mention", "start", "end", "name", "kind", "country_code", "lat", "lon",
                    "geonameid", "confidence", "why", "precision"]


@lru_cache(maxsize=4)
def _parser(extra: tuple[str, ...]) -> Geoparser:
    return Geoparser(extra=extra)


def extract_locations(articles: pd.DataFrame | str, *, field: str = "body", gazetteer: Iterable[str | Path] = (),
                      parser: Geoparser | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Every place mention in the articles (or in one text), resolved to coordinates.

    One row per mention, in text order: ``article_id``, ``mention`` (the exact surface text),
    ``start``/``end`` (offsets into ``field``), ``name``, ``kind`` (country, admin region, county, city or
    town, district, crossing, airbase, base, physical feature, region, continent, demonym), ``country_code``,
    ``lat``, ``lon``, ``geonameid``, ``confidence`` (0–1), ``why`` and ``precision``: ``exact`` (the
    place's own point), or ``city`` / ``province`` / ``country`` for a place the gazetteer lacks, pinned
    to the place the text puts it in. A mention recognised but not placed keeps empty coordinates.

    ``gazetteer``: GeoNames country dumps (``SY.txt``) or places CSVs
    (``name,alternate_names,kind,country,lat,lon``) that extend the shipped gazetteer; indexed once, cached.

    >>> locs = extract_locations("Rebels shelled the village of Kafr Batikh in Idlib province on Jul 5.")
    >>> locs[["mention", "kind", "country_code", "precision"]].values.tolist()
    [['Kafr Batikh', 'city or town', 'SY', 'province'], ['Idlib', 'admin region', 'SY', 'exact']]
    """
    if not isinstance(articles, (pd.DataFrame, str)):
        raise TypeError(f"extract_locations takes an articles table or one text (str), got {type(articles).__name__}")
    if parser is None:
        parser = _parser(tuple(sorted(str(Path(p).resolve()) for p in (
            [gazetteer] if isinstance(gazetteer, (str, Path)) else gazetteer))))
    items = article_texts(articles, field, caller="extract_locations")
    rows = []
    for aid, text in with_progress(items, progress, total=len(items), desc="places"):
        for row in parser.parse(text):
            rows.append({"article_id": aid, **row})
    out = pd.DataFrame(rows, columns=LOCATION_COLUMNS)
    out["geonameid"] = pd.array([None if pd.isna(g) else int(g) for g in out["geonameid"]], dtype="Int64")
    for col in ("lat", "lon", "confidence"):
        out[col] = out[col].astype(float)
    for col in ("start", "end"):
        out[col] = out[col].astype(int)
    return out


def location_counts(locations: pd.DataFrame, *, by: str | None = None,
                    include_demonyms: bool = False) -> pd.DataFrame:
    """Mentions per resolved place (optionally per ``by`` column, e.g. ``article_id``), most mentioned first.

    Columns: ``name``, ``kind``, ``country_code``, ``lat``, ``lon``, ``mentions``, ``surface`` (the
    spellings seen), plus ``by`` when given. Unresolved mentions are not counted here; list them with
    ``locations[locations.lat.isna()]``.

    >>> location_counts(extract_locations("Raqqa fell. Raqqa was calm."))[["name", "mentions"]].values.tolist()
    [['Ar Raqqah', 2]]
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


def mention_sentences(articles: pd.DataFrame, locations: pd.DataFrame, *, field: str = "body") -> pd.DataFrame:
    """The locations table with the sentence each mention sits in (column ``sentence``).

    >>> arts = pd.DataFrame({"article_id": ["a"], "body": ["Rain fell. Shells hit Homs on Monday."]})
    >>> mention_sentences(arts, extract_locations(arts))[["mention", "sentence"]].values.tolist()
    [['Homs', 'Shells hit Homs on Monday.']]
    """
    from ..tokenize import sentence_spans

    spans = {aid: sentence_spans(text) for aid, text in zip(articles["article_id"], articles[field].fillna(""))}
    texts = dict(zip(articles["article_id"], articles[field].fillna("")))
    sents = []
    for aid, start in zip(locations["article_id"], locations["start"]):
        text = texts.get(aid, "")
        s = next(((a, b) for a, b in spans.get(aid, []) if a <= start < b), (start, start))
        sents.append(text[s[0]:s[1]].strip())
    return locations.assign(sentence=sents)
