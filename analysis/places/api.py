"""The public helpers: every place mention of a corpus, counts per place, and each mention's sentence."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from ..engine.pool import with_progress
from ..corpus.columns import article_texts
from .parser import Geoparser

__all__ = ["extract_locations", "location_counts", "mention_sentences", "LOCATION_COLUMNS"]

LOCATION_COLUMNS = ["article_id", "field", "mention", "start", "end", "name", "kind", "country_code", "lat", "lon",
                    "geonameid", "confidence", "why", "precision"]


@lru_cache(maxsize=4)
def _parser(extra: tuple[str, ...]) -> Geoparser:
    return Geoparser(extra=extra)


def extract_locations(articles: pd.DataFrame | str, *, field: str | Sequence[str] = ("title", "caption", "body"),
                      gazetteer: Iterable[str | Path] = (), parser: Geoparser | None = None,
                      progress: bool | None = None) -> pd.DataFrame:
    """Every place mention in the articles (or in one text), resolved to coordinates.

    ``field`` is one column or several (default headline, caption and body: those the table has). One
    row per mention, field by field in text order: ``article_id``, ``field``, ``mention`` (the exact
    surface text), ``start``/``end`` (offsets into that field), ``name``, ``kind`` (country, admin region, county, city or
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
        got = "None" if articles is None else type(articles).__name__
        raise TypeError(f"extract_locations() expects an articles table or a text (str), got {got}")
    if parser is None:
        parser = _parser(tuple(sorted(str(Path(p).resolve()) for p in (
            [gazetteer] if isinstance(gazetteer, (str, Path)) else gazetteer))))
    if isinstance(articles, str):
        fields = ["text"]
        items = [("text", "text", text) for _, text in article_texts(articles, caller="extract_locations")]
    else:
        fields = [field] if isinstance(field, str) else list(field)
        missing = [f for f in fields if f not in articles.columns and f not in ("title", "caption", "body")]
        if missing:         # a typo ("Body") would otherwise give an empty table
            raise KeyError(f"extract_locations: the articles table has no {missing[0]!r} column "
                           f"(columns: {', '.join(map(str, articles.columns))})")
        fields = [f for f in fields if f in articles.columns or isinstance(field, str)]
        items = [(aid, f, text) for f in fields for aid, text in article_texts(articles, f, caller="extract_locations")]
    rows = []
    for aid, f, text in with_progress(items, progress, total=len(items), desc="places"):
        for row in parser.parse(text):
            rows.append({"article_id": aid, "field": f, **row})
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


def mention_sentences(articles: pd.DataFrame, locations: pd.DataFrame) -> pd.DataFrame:
    """The locations table with the sentence each mention sits in, in its own field (column ``sentence``).

    >>> arts = pd.DataFrame({"article_id": ["a"], "title": ["Homs shelled"], "body": ["Rain fell. Shells hit Homs."]})
    >>> mention_sentences(arts, extract_locations(arts))[["field", "sentence"]].values.tolist()
    [['title', 'Homs shelled'], ['body', 'Shells hit Homs.']]
    """
    from ..text import sentence_spans

    by_id = articles.assign(article_id=articles["article_id"].astype(str)).set_index("article_id")
    cache: dict[tuple[str, str], tuple[str, list]] = {}
    sents = []
    for aid, f, start in zip(locations["article_id"].astype(str), locations["field"], locations["start"]):
        if (aid, f) not in cache:
            value = by_id.at[aid, f] if aid in by_id.index and f in by_id.columns else ""
            text = "" if pd.isna(value) else str(value)
            cache[(aid, f)] = (text, sentence_spans(text))
        text, spans = cache[(aid, f)]
        s = next(((a, b) for a, b in spans if a <= start < b), (start, start))
        sents.append(text[s[0]:s[1]].strip())
    return locations.assign(sentence=sents)
