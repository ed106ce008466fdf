"""Corpora for benchmarks/throughput.py: real news as it is and replicated sample articles (the synthetic corpus
calibrated on the real text is in benchmarks/synthetic.py). Nothing here is written outside the benchmark's
temporary folder; the real text is read from ../shared and never copied into the repository."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path


def _novel(word: str, rng: random.Random) -> str:
    """A made-up word whose rank in a 2-million-word vocabulary is log-uniform (Zipf's law with s = 1)."""
    rank = int(2_000_000 ** rng.random())
    letters = ""
    while True:
        rank, r = divmod(rank, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
        if not rank:
            break
    letters = "q" + letters          # never an English word
    return letters.capitalize() if word[0].isupper() else letters


def real_records(shared: Path) -> list[dict]:
    """The real news the benchmark runs on by default: the FA-KES development articles and the TR-News texts
    (TR-News without its title, as the benchmark has always read it), each with its ``source``."""
    fakes = shared / "corpora" / "fakes_dev.jsonl"
    trnews = shared / "eval" / "geoparse" / "trnews.jsonl"
    for f in (fakes, trnews):
        if not f.exists():
            raise SystemExit(f"{f}: not found; the real-text benchmark reads ../shared (use --source sample)")
    out = []
    for line in fakes.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append({"source": "fakes", "id": rec["id"], "title": rec["title"], "body": rec["body"],
                    "date": rec.get("date", "")})
    for line in trnews.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        out.append({"source": "trnews", "id": f"trnews-{rec['id']}", "title": "", "body": rec["text"]})
    return out


def build_real_corpus(path: Path, shared: Path) -> tuple[int, int]:
    """Real news as it is (:func:`real_records`), read from ``shared`` and written only to the benchmark's
    temporary folder. Returns the JSONL size and the characters of text (title + body)."""
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for rec in real_records(shared):
            chars += len(rec["title"]) + len(rec["body"])
            row = {k: v for k, v in rec.items() if k != "source"}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path.stat().st_size, chars


def build_corpus(path: Path, n: int, source: Path | None, seed: int = 7, novel: float = 0.0) -> tuple[int, int]:
    """Replicate real articles to n, each with a unique id and light variation (numbers, paragraph order).

    ``novel`` > 0 also replaces that share of words with made-up ones drawn from a Zipfian vocabulary, so
    the vocabulary grows with the corpus as real archives' does (replicated articles alone repeat theirs,
    which flatters every cache). Returns the JSONL size and the characters of text (title + body).
    """
    from analysis import load_articles, raw_dir

    base = load_articles(source if source else raw_dir())
    recs = base[["title", "body"]].to_dict("records")
    rng, chars = random.Random(seed), 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            r = recs[i % len(recs)]
            paras = r["body"].split("\n\n")
            if len(paras) > 2 and rng.random() < 0.5:
                k = rng.randrange(1, len(paras))
                paras[k], paras[k - 1] = paras[k - 1], paras[k]
            body = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), "\n\n".join(paras))
            title = r["title"]
            if novel:
                swap = lambda m: _novel(m.group(), rng) if rng.random() < novel else m.group()  # noqa: E731
                body = re.sub(r"[A-Za-z]{3,}", swap, body)
                title = re.sub(r"[A-Za-z]{3,}", swap, title)
            chars += len(title) + len(body)
            fh.write(json.dumps({"id": f"bench-{i:06d}", "title": title, "body": body,
                                 "date": f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"}, ensure_ascii=False) + "\n")
    return path.stat().st_size, chars
