"""Statement benchmark: statements, speakers and roles against hand-annotated real news and written passages.

Usage (from the repo root):

    python benchmarks/statements.py                  # both dev sets below
    python benchmarks/statements.py --errors         # ... and list every miss, spurious row and wrong speaker/role
    python benchmarks/statements.py gold.jsonl --bodies articles.jsonl   # any gold file in either format
    python benchmarks/statements.py --half A --errors   # one half of the FA-KES set (md5(id) even: A, odd: B)
    python benchmarks/statements.py --speed          # adversarial texts of 0.25, 0.5 and 1 MB: seconds and growth

Dev sets (benchmarks/data/):

* ``fakes_statements_dev.jsonl``: 45 real FA-KES Syria-war articles (CC BY 4.0; bodies in
  data/external/fakes_syria.jsonl) annotated by hand, blind to the code, after ``fakes_statements_guide.md``:
  per article ``{"id", "sources": [{"sid", "name", "actor", "role", "country", "mentions": [{start, end}]}],
  "statements": [{"start", "end", "direct", "sid", "speaker_start", "speaker_end", "cue"}]}``.
* ``statements_dev.txt``: 40 short passages written for the project (upper bounds: we wrote them).

Scoring. A predicted statement matches a gold one when their content spans overlap by at least half of the
shorter (one to one; same direct/reported first, then the largest overlap). Its **speaker** is right when the
predicted speaker span, or the span a reference was resolved to, overlaps a mention of the gold source; its
**role** and **country** are right when they equal the gold source's. **Sources** (distinct speakers per article):
a predicted source is the set of rows with one ``speaker_actor``; it matches the gold source whose mentions its
speaker spans overlap most (one to one). Precision = matched / predicted, recall = matched / gold.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.statements import extract_statements

DATA = Path(__file__).parent / "data"
DEV = DATA / "statements_dev.txt"
FAKES = DATA / "fakes_statements_dev.jsonl"
BODIES = Path(__file__).resolve().parents[1] / "data" / "external" / "fakes_syria.jsonl"
_MARK = re.compile(r"\[(Q|R)(\d+):|\{S(\d+):|\]|\}")
_OLD_ROLE = re.compile(r"\((GOV|MIL|REB|OPP|IGO|NGO|MED|CVL|OTHER|UNK|JUD|LEG|BUS)\)")


def parse_markup(passage: str) -> dict:
    """Strip the markup of one dev passage; return text and gold statements with offsets."""
    out, stack, spans, speakers = [], [], [], {}
    pos = i = 0
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
    """The written passages as ``{"id", "text", "quotes"}``."""
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if not l.startswith("#")]
    passages = [p.strip("\n") for p in "\n".join(lines).split("\n---\n") if p.strip()]
    return [{"id": f"dev-{i:02d}", **parse_markup(p)} for i, p in enumerate(passages, 1)]


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}, line {n}: not JSON ({e.msg})") from None
    return out


def load_fakes(path: Path = FAKES, bodies: Path = BODIES) -> list[dict]:
    """Gold articles with their ``title`` and ``body`` joined from the articles file (checked span by span)."""
    arts = {a["id"]: a for a in _read_jsonl(bodies)}
    docs = []
    for n, g in enumerate(_read_jsonl(path), 1):
        if g["id"] not in arts:
            raise ValueError(f"{path}, line {n}: article {g['id']} is not in {bodies}")
        body = arts[g["id"]]["body"]
        for s in g["statements"]:
            if "text" in s and body[s["start"]:s["end"]] != s["text"]:
                raise ValueError(f"{path}, line {n}: statement span {s['start']}-{s['end']} does not match the body")
        docs.append({**g, "title": arts[g["id"]].get("title", ""), "body": body})
    return docs


def half_of(article_id: str) -> str:
    """``A`` when the md5 hex digest of the article id is even, else ``B`` (a fixed split: read A, hold out B)."""
    return "A" if int(hashlib.md5(str(article_id).encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def _ov(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _roles(pred: pd.DataFrame) -> pd.Series:
    """The predicted role; for an older table without ``speaker_role``, the CAMEO code in its rule."""
    if "speaker_role" in pred.columns:
        return pred["speaker_role"]
    code = pred["rule"].str.extract(_OLD_ROLE)[0]
    fallback = pred["speaker_type"].map({"military": "MIL", "government": "GOV"}).fillna("OTHER")
    return code.fillna(fallback).replace({"UNK": "OTHER", "JUD": "GOV", "LEG": "GOV", "BUS": "OTHER"})


def _pairs(gold: list[dict], pred: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one matches (gold index, pred index): same direct flag first, then the largest overlap."""
    cand = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred.itertuples()):
            ov = _ov(g["start"], g["end"], p.start, p.end)
            shorter = min(g["end"] - g["start"], p.end - p.start)
            if shorter > 0 and ov >= shorter / 2:
                cand.append((bool(g["direct"]) == bool(p.direct), ov, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, _, gi, pi in sorted(cand, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _speaker_spans(p) -> list[tuple[int, int]]:
    spans = [(p.speaker_start, p.speaker_end)]
    if getattr(p, "resolved_start", -1) >= 0:
        spans.append((p.resolved_start, p.resolved_end))
    return spans


def _hits(spans, mentions) -> int:
    return sum(1 for a, b in spans for m in mentions if _ov(a, b, m[0], m[1]) > 0)


class Tally:
    """Counts for one kind of statement (all, direct, reported)."""

    def __init__(self):
        self.c = Counter()

    def add(self, **kw):
        self.c.update(kw)

    def figures(self) -> dict:
        c = self.c
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        r = lambda a, b: round(a / b, 3) if b else None     # noqa: E731
        return {"gold": tp + fn, "predicted": tp + fp, "precision": r(tp, tp + fp), "recall": r(tp, tp + fn),
                "speaker_accuracy": r(c["speaker"], tp), "role_accuracy": r(c["role"], tp),
                "country_accuracy": r(c["country"], tp)}


def _score_statements(doc, pred, roles, tallies, errors):
    gold = doc["statements"]
    src = {s["sid"]: s for s in doc["sources"]}
    pairs = _pairs(gold, pred)
    matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
    rows = list(pred.itertuples())
    for gi, pi in pairs:
        g, p = gold[gi], rows[pi]
        s = src[g["sid"]]
        mentions = [(m["start"], m["end"]) for m in s["mentions"]] + [(g["speaker_start"], g["speaker_end"])]
        ok = _hits(_speaker_spans(p), mentions) > 0
        role_ok, country_ok = roles.iloc[pi] == s["role"], getattr(p, "speaker_country", None) == s["country"]
        for kind in ("all", "direct" if g["direct"] else "reported"):
            tallies[kind].add(tp=1, speaker=ok, role=role_ok, country=country_ok)
        if not ok:
            errors.append((doc["id"], "speaker", f"{p.speaker!r} for gold {s['name']!r}", p.text[:60]))
        elif not role_ok:
            errors.append((doc["id"], "role", f"{p.speaker!r} {roles.iloc[pi]} for gold {s['role']}", p.text[:40]))
        if ok and not country_ok:
            errors.append((doc["id"], "country", f"{p.speaker!r} -> {getattr(p, 'resolved_from', '')!r} "
                           f"{getattr(p, 'speaker_country', None)!r} for gold {s['country']!r}", p.text[:40]))
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            for kind in ("all", "direct" if g["direct"] else "reported"):
                tallies[kind].add(fn=1)
            errors.append((doc["id"], "missed", f"{src[g['sid']]['name']!r} {g.get('cue', '')!r}",
                           doc["body"][g["start"]:g["end"]][:70]))
    for pi, p in enumerate(rows):
        if pi not in matched_p:
            for kind in ("all", "direct" if p.direct else "reported"):
                tallies[kind].add(fp=1)
            errors.append((doc["id"], "spurious", f"{p.speaker!r} {p.verb!r}", p.text[:70]))


def _score_sources(doc, pred, roles, tally: Counter, errors):
    """Distinct speakers: predicted actors against gold sources, one to one by overlapping mentions."""
    gold = {s["sid"]: [(m["start"], m["end"]) for m in s["mentions"]] for s in doc["sources"]}
    for st in doc["statements"]:
        gold[st["sid"]].append((st["speaker_start"], st["speaker_end"]))
    predicted: dict[str, list] = {}
    for i, p in enumerate(pred.itertuples()):
        predicted.setdefault(p.speaker_actor.lower() if hasattr(p, "speaker_actor") else p.speaker_canonical.lower(),
                             []).append((i, p))
    cand = sorted(((_hits([sp for _, p in rows for sp in _speaker_spans(p)], gold[sid]), actor, sid)
                   for actor, rows in predicted.items() for sid in gold), reverse=True)
    used_a, used_s = set(), set()
    srcs = {s["sid"]: s for s in doc["sources"]}
    for hits, actor, sid in cand:
        if hits and actor not in used_a and sid not in used_s:
            used_a.add(actor)
            used_s.add(sid)
            rows = predicted[actor]
            role = Counter(roles.iloc[i] for i, _ in rows).most_common(1)[0][0]
            tally.update(tp=1, role=role == srcs[sid]["role"],
                         country=getattr(rows[0][1], "speaker_country", None) == srcs[sid]["country"])
            tally[f"confusion {srcs[sid]['role']}->{role}"] += 1
    tally.update(fp=len(predicted) - len(used_a), fn=len(gold) - len(used_s))
    for actor in predicted:
        if actor not in used_a:
            errors.append((doc["id"], "spurious source", actor, ""))
    for sid in gold:
        if sid not in used_s:
            errors.append((doc["id"], "missed source", srcs[sid]["name"], srcs[sid]["role"]))


def score_articles(docs: list[dict], extract=extract_statements) -> dict:
    """Statement and source figures on gold articles (``load_fakes`` format)."""
    tallies = {k: Tally() for k in ("all", "direct", "reported")}
    sources, errors = Counter(), []
    for doc in docs:
        arts = pd.DataFrame([{"article_id": doc["id"], "title": doc.get("title", ""), "body": doc["body"]}])
        pred = extract(arts).reset_index(drop=True)
        roles = _roles(pred)
        _score_statements(doc, pred, roles, tallies, errors)
        _score_sources(doc, pred, roles, sources, errors)
    tp, fp, fn = sources["tp"], sources["fp"], sources["fn"]
    out = {k: t.figures() for k, t in tallies.items()}
    out["sources"] = {"gold": tp + fn, "predicted": tp + fp, "precision": round(tp / max(1, tp + fp), 3),
                      "recall": round(tp / max(1, tp + fn), 3), "role_accuracy": round(sources["role"] / max(1, tp), 3),
                      "country_accuracy": round(sources["country"] / max(1, tp), 3)}
    out["confusion"] = {k.split(" ", 1)[1]: v for k, v in sorted(sources.items()) if k.startswith("confusion")}
    out["errors"] = errors
    return out


def score(docs: list[dict], extract=extract_statements) -> dict:
    """Figures on the written passages (``load_dev`` format): per direct and reported statements."""
    converted = []
    for d in docs:
        sources, statements = [], []
        for n, q in enumerate(d["quotes"]):
            sid = f"s{n}"
            mention = [{"start": q["speaker_start"], "end": q["speaker_end"]}] if q["speaker_start"] >= 0 else []
            sources.append({"sid": sid, "name": q["speaker"], "role": "", "country": "", "mentions": mention})
            statements.append({**q, "sid": sid})
        converted.append({"id": d["id"], "body": d["text"], "sources": sources, "statements": statements})
    res = score_articles(converted, lambda arts: extract(arts.loc[0, "body"]))
    drop = ("role_accuracy", "country_accuracy")       # the passages give speakers, not roles
    return {k: {f: v for f, v in res[k].items() if f not in drop} for k in ("direct", "reported")} | \
        {"errors": res["errors"]}


def adversarial(kind: str, n: int) -> str:
    """Adversarial text of ``n`` characters: unbalanced quote marks, capitalised words, no full stop, or news."""
    unit = {"quotes": 'a " b “ c ” " ',
            "capitals": "Alpha Beta Gamma Delta Minister Army Said ",
            "no full stop": "the army said that the ministry told reporters according to officials adding that ",
            "news": '"We will win," the army said. He said the ministry added that it was ready. '}[kind]
    return (unit * (n // len(unit) + 1))[:n]


def speed(sizes=(250_000, 500_000, 1_000_000)) -> list[dict]:
    """Seconds per adversarial text and the growth from one size to the next (2.0 = linear when sizes double)."""
    import time

    from analysis.statements import statements_of

    rows = []
    for kind in ("quotes", "capitals", "no full stop", "news"):
        prev = None
        for n in sizes:
            text = adversarial(kind, n)
            t0 = time.perf_counter()
            found = len(statements_of(text))
            dt = time.perf_counter() - t0
            rows.append({"input": kind, "chars": n, "statements": found, "seconds": round(dt, 2),
                         "growth": round(dt / prev, 2) if prev else None})
            prev = dt
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=None, help="a gold JSONL (default: both dev sets)")
    ap.add_argument("--bodies", type=Path, default=BODIES, help="articles JSONL holding the gold articles' bodies")
    ap.add_argument("--errors", action="store_true", help="list every miss, spurious row, wrong speaker and role")
    ap.add_argument("--half", choices=("A", "B"), default=None,
                    help="only the gold articles whose md5(id) is even (A) or odd (B); the passages are unaffected")
    ap.add_argument("--speed", action="store_true", help="time adversarial inputs of 0.25, 0.5 and 1 MB instead")
    args = ap.parse_args(argv)
    if args.speed:
        print(pd.DataFrame(speed()).to_string(index=False))
        return 0
    for path in ([args.gold] if args.gold else [FAKES, DEV]):
        if not path.is_file():
            ap.error(f"{path}: no such file")
        if path.suffix == ".txt":
            docs = load_dev(path)
            result = score(docs)
        else:
            docs = load_fakes(path, args.bodies)
            if args.half:
                docs = [d for d in docs if half_of(d["id"]) == args.half]
            result = score_articles(docs)
        errors = result.pop("errors")
        half = f" (half {args.half})" if args.half and path.suffix != ".txt" else ""
        print(f"== {path.name}{half}: {len(docs)} documents")
        print(json.dumps(result, indent=1))
        if args.errors:
            for e in errors:
                print(*e, sep=" | ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
