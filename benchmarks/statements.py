"""Statement-extraction benchmark: precision, recall and speaker accuracy against hand-annotated passages.

Usage (from the repo root):

    python benchmarks/statements.py                          # the project's dev set (benchmarks/data/statements_dev.txt)
    python benchmarks/statements.py path/to/gold.jsonl       # any JSONL in the same format

Gold JSONL, one passage per line: ``{"id", "text", "quotes": [{"start", "end", "speaker", "speaker_start",
"speaker_end", "direct"?}]}`` (offsets into ``text``; ``direct`` is inferred from a quote mark next to the
span when absent). A prediction matches a gold statement when their content spans overlap by at least
half of the shorter one (greedy, each used once); its speaker is right when the speaker spans overlap
(or, for a pronoun or a reference such as "the statement", when the canonical speaker is the gold one).
Reported separately for direct quotes and reported speech.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from analysis.statements import extract_statements

DEV = Path(__file__).parent / "data" / "statements_dev.txt"
_MARK = re.compile(r"\[(Q|R)(\d+):|\{S(\d+):|\]|\}")


def parse_markup(passage: str) -> dict:
    """Strip the markup of one dev passage; return text and gold statements with offsets."""
    out, stack, spans, speakers = [], [], [], {}
    pos = 0
    i = 0
    while i < len(passage):
        m = _MARK.match(passage, i)
        if m and (m.group(1) or m.group(3)):
            stack.append((m.group(1) or "S", m.group(2) or m.group(3), pos))
            i = m.end()
            continue
        if m and m.group(0) in "]}" and stack:
            kind, n, start = stack.pop()
            if kind == "S":
                speakers[n] = (start, pos)
            else:
                spans.append((kind, n, start, pos))
            i = m.end()
            continue
        out.append(passage[i])
        pos += 1
        i += 1
    text = "".join(out)
    quotes = []
    for kind, n, s, e in spans:
        ss, se = speakers.get(n, (-1, -1))
        quotes.append({"start": s, "end": e, "direct": kind == "Q", "speaker": text[ss:se] if ss >= 0 else "",
                       "speaker_start": ss, "speaker_end": se})
    return {"text": text, "quotes": sorted(quotes, key=lambda q: q["start"])}


def load_dev(path: Path = DEV) -> list[dict]:
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    passages = [p.strip("\n") for p in "\n".join(lines).split("\n---\n") if p.strip()]
    return [{"id": f"dev-{i:02d}", **parse_markup(p)} for i, p in enumerate(passages, 1)]


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _is_direct(text: str, q: dict) -> bool:
    if "direct" in q:
        return bool(q["direct"])
    near = text[max(0, q["start"] - 2):q["start"]] + text[q["end"]:q["end"] + 2]
    return any(c in near for c in "\"“”«»")


def score(docs: list[dict]) -> dict:
    res = {k: {"tp": 0, "fp": 0, "fn": 0, "speaker_ok": 0} for k in ("direct", "reported")}
    misses = []
    for d in docs:
        pred = extract_statements(d["text"])
        used = set()
        for g in d["quotes"]:
            kind = "direct" if _is_direct(d["text"], g) else "reported"
            best = None
            for i, p in enumerate(pred.itertuples()):
                if i in used:
                    continue
                ov = _overlap(g["start"], g["end"], p.start, p.end)
                shorter = min(g["end"] - g["start"], p.end - p.start)
                if shorter > 0 and ov >= shorter / 2:
                    best = (i, p)
                    break
            if best is None:
                res[kind]["fn"] += 1
                misses.append((d["id"], "missed", d["text"][g["start"]:g["end"]][:60]))
                continue
            used.add(best[0])
            p = best[1]
            res[kind]["tp"] += 1
            ok = g["speaker_start"] >= 0 and _overlap(g["speaker_start"], g["speaker_end"], p.speaker_start,
                                                       p.speaker_end) > 0
            res[kind]["speaker_ok"] += ok
            if not ok:
                misses.append((d["id"], f"speaker {p.speaker!r} (gold {g['speaker']!r})", p.text[:50]))
        for i, p in enumerate(pred.itertuples()):
            if i not in used:
                res["direct" if p.direct else "reported"]["fp"] += 1
                misses.append((d["id"], "spurious", p.text[:60]))
    out = {}
    for k, r in res.items():
        tp, fp, fn = r["tp"], r["fp"], r["fn"]
        out[k] = {"gold": tp + fn, "predicted": tp + fp, "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                  "recall": round(tp / (tp + fn), 3) if tp + fn else None,
                  "speaker_accuracy": round(r["speaker_ok"] / tp, 3) if tp else None}
    out["errors"] = misses
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=None, help="gold JSONL (default: the project's dev set)")
    ap.add_argument("--errors", action="store_true", help="list every miss, spurious statement and wrong speaker")
    args = ap.parse_args(argv)
    if args.gold is None:
        docs = load_dev()
    else:
        if not args.gold.is_file():
            ap.error(f"{args.gold}: no such file")
        docs = [json.loads(l) for l in args.gold.read_text(encoding="utf-8").splitlines() if l.strip()]
    result = score(docs)
    errors = result.pop("errors")
    print(f"{len(docs)} passages")
    print(json.dumps(result, indent=1))
    if args.errors:
        for e in errors:
            print(*e, sep=" | ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
