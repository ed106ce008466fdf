"""Geoparsing benchmark: predictions on a gold JSONL corpus, scored end to end.

Usage (from the repo root):

    python benchmarks/geoparse.py ../shared/eval/geoparse/trnews.jsonl --score ../shared/eval/geoparse/geoparse_eval.py
    python benchmarks/geoparse.py benchmarks/data/fakes_places_dev.jsonl --dev

TR-News: predictions in the scorer's format (``--out``), scored by ``geoparse_eval.py`` when ``--score`` is
given. ``--dev`` scores a gold file in the TR-News format with the project's dev-set figures as well:
mentions found (precision, recall, F1 over every non-furniture gold place, with or without
coordinates; predictions inside gold page furniture ignored), the scorer's figures on the places with
coordinates (acc@161), right country on the matched places, and every predicted place in a country no
gold place of its article is in ("foreign"). A match is the scorer's: span midpoints under 10
characters apart and the same surface, case-insensitive. Demonyms count as places in both corpora.
"""
from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path


def _predict(docs: list[dict], extra: list[str]) -> tuple[list[list[dict]], float, float]:
    from analysis.places import Geoparser, load_gazetteer

    t0 = time.perf_counter()
    parser = Geoparser(load_gazetteer(extra))
    t_index = time.perf_counter() - t0
    t1 = time.perf_counter()
    preds = [parser.parse(d["text"]) for d in docs]
    return preds, t_index, time.perf_counter() - t1


def _km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def _has_point(t: dict) -> bool:
    return t.get("lat") is not None and t.get("lon") is not None and t["lat"] == t["lat"]


def _match(golds: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    pairs, free = [], list(preds)
    for g in golds:
        for k, p in enumerate(free):
            if (abs((g["start"] + g["end"]) / 2 - (p["start"] + p["end"]) / 2) < 10
                    and p["mention"].lower() == g["name"].lower()):
                pairs.append((g, free.pop(k)))
                break
    return pairs


def dev_scores(docs: list[dict], preds: list[list[dict]]) -> dict:
    """The dev-set figures described in the module docstring."""
    n_gold = n_pred = tp = 0
    errors, same_cc, n_cc, foreign = [], 0, 0, []
    for d, pred in zip(docs, preds):
        furn = [(t["start"], t["end"]) for t in d["toponyms"] if t.get("furniture")]
        golds = [t for t in d["toponyms"] if not t.get("furniture")]
        pred = [p for p in pred if not any(s <= p["start"] < e for s, e in furn)]
        pairs = _match(golds, pred)
        n_gold, n_pred, tp = n_gold + len(golds), n_pred + len(pred), tp + len(pairs)
        for g, p in pairs:
            if _has_point(g) and _has_point(p):
                errors.append(_km(g, p))
            if g.get("country") and p.get("country_code"):
                n_cc += 1
                same_cc += g["country"] == p["country_code"]
        countries = {t.get("country") for t in d["toponyms"]}
        foreign += [(d["id"], p["mention"], p["name"], p["country_code"]) for p in pred
                    if p.get("country_code") and p["country_code"] not in countries]
    prec, rec = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return {"gold": n_gold, "predicted": n_pred, "matched": tp, "precision": round(prec, 3),
            "recall": round(rec, 3), "f1": round(2 * prec * rec / max(prec + rec, 1e-9), 3),
            "acc161": round(sum(e < 161 for e in errors) / max(len(errors), 1), 3), "with_points": len(errors),
            "right_country": round(same_cc / max(n_cc, 1), 3), "country_pairs": n_cc,
            "foreign": len(foreign), "foreign_examples": foreign[:25]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path, help="JSONL with {'id', 'text', 'toponyms'} per line")
    ap.add_argument("--out", type=Path, default=Path("data/derived/geoparse/predictions.jsonl"))
    ap.add_argument("--score", type=Path, default=None, help="path to geoparse_eval.py, to score at once")
    ap.add_argument("--dev", action="store_true", help="print the dev-set figures too")
    ap.add_argument("--gazetteer", action="append", default=[], help="extra GeoNames dump or places CSV")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        ap.error(f"{args.gold}: no such file")
    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds, t_index, dt = _predict(docs, args.gazetteer)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for d, rows in zip(docs, preds):
            tops = [{"start": r["start"], "end": r["end"], "name": r["mention"], "lat": r["lat"], "lon": r["lon"],
                     "kind": r["kind"]} for r in rows if r["lat"] == r["lat"]]
            fh.write(json.dumps({"id": d["id"], "toponyms": tops}, ensure_ascii=False) + "\n")
    print(f"{len(docs)} texts in {dt:.2f} s ({len(docs) / dt:.0f} articles/s); index loaded in {t_index:.2f} s")
    print(f"predictions: {args.out}")
    if args.dev:
        print(json.dumps(dev_scores(docs, preds), indent=1, ensure_ascii=False))
    if args.score:
        return subprocess.call([sys.executable, str(args.score), str(args.gold), str(args.out)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
