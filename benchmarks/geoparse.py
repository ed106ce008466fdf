"""Geoparsing benchmark: run extract_locations on a gold JSONL corpus and write scorer-format predictions.

Usage (from the repo root):

    python benchmarks/geoparse.py ../shared/eval/geoparse/trnews.jsonl --out data/derived/geoparse/trnews.pred.jsonl
    python ../shared/eval/geoparse/geoparse_eval.py ../shared/eval/geoparse/trnews.jsonl data/derived/geoparse/trnews.pred.jsonl

With ``--score SCORER`` the scorer is run too and its output printed. Demonyms are predicted as
toponyms (TR-News counts them); unresolved mentions have no coordinates and are left out, as the
scorer ignores them anyway. Also prints articles per second after the gazetteer index is loaded.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from analysis.gazetteer import load_gazetteer
from analysis.locations import Geoparser


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path, help="JSONL with {'id', 'text', ...} per line")
    ap.add_argument("--out", type=Path, default=Path("data/derived/geoparse/predictions.jsonl"))
    ap.add_argument("--score", type=Path, default=None, help="path to geoparse_eval.py, to score at once")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        ap.error(f"{args.gold}: no such file")
    t0 = time.perf_counter()
    parser = Geoparser(load_gazetteer())
    t_index = time.perf_counter() - t0
    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    t1 = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as fh:
        for d in docs:
            rows = parser.parse(d["text"])
            tops = [{"start": r["start"], "end": r["end"], "name": r["mention"], "lat": r["lat"], "lon": r["lon"],
                     "kind": r["kind"]} for r in rows if r["lat"] == r["lat"]]
            fh.write(json.dumps({"id": d["id"], "toponyms": tops}, ensure_ascii=False) + "\n")
    dt = time.perf_counter() - t1
    print(f"{len(docs)} texts in {dt:.2f} s ({len(docs) / dt:.0f} articles/s); index loaded in {t_index:.2f} s")
    print(f"predictions: {args.out}")
    if args.score:
        return subprocess.call([sys.executable, str(args.score), str(args.gold), str(args.out)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
