"""The synthetic growing-vocabulary corpus of benchmarks/throughput.py (``--source synthetic``), for scale only,
calibrated on the real text (FA-KES dev + TR-News, read from ../shared, never copied into the repository).

Sentences are real sentences' shapes (each whitespace chunk: a word, a number or a literal, with the punctuation
around it), articles are real articles' layouts (title and lines, sentences per line), both drawn at random
from the source (FA-KES or TR-News) they came from. Words come from a process whose new-word rate is the
derivative of the Heaps curve fitted on the real text, so the vocabulary grows as real news's would: new words
are the real vocabulary first (in the order an i.i.d. stream of real words would show them), then made-up
words; a repeated word is a real word drawn with its real frequency, or a made-up word drawn in proportion to
its uses so far (Simon's model), each as often as made-up words have been used so far. ``calibration_report``
shows the fit holds.
"""
from __future__ import annotations

import bisect
import json
import random
import re
from pathlib import Path

from corpora import real_records

HEAPS_WORD = re.compile(r"(?<!['’])[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+)*")
_WORD_CHUNK = re.compile(r"(\W*?)([^\W\d_]+(?:[-'’][^\W\d_]+)*?)((?:['’][sS])?\W*)")
_NUMBER_CHUNK = re.compile(r"(\W*?)(\d+(?:[.,:/]\d+)*)(\W*)")
_HAS_WORD = re.compile(r"\w")
_LINE_SEP = re.compile(r"(\n\s*)")
HEAPS_FIT_FROM = 10_000   # words; below that (the first ~30 articles) one article's own words dominate V(N)


def words_of(text: str) -> list[str]:
    """The word tokens Heaps' law is measured on: letters (with inner hyphens and apostrophes; a possessive 's
    split off), folded and lower-cased. Numbers are not words here."""
    from analysis.text import fold

    return HEAPS_WORD.findall(fold(text).lower())


def fit_heaps(ns, vs) -> tuple[float, float]:
    """K and β of Heaps' law V(N) = K·N^β: least squares on log V against log N over the sampled points."""
    import numpy as np

    beta, log_k = np.polyfit(np.log(np.asarray(ns, float)), np.log(np.asarray(vs, float)), 1)
    return float(np.exp(log_k)), float(beta)


def heaps_curve(word_lists, points) -> list[int]:
    """Distinct words V after each of the token counts in ``points`` (ascending), reading ``word_lists`` in order."""
    seen: set[str] = set()
    out, n, j = [], 0, 0
    for words in word_lists:
        for w in words:
            seen.add(w)
            n += 1
            while j < len(points) and n == points[j]:
                out.append(len(seen))
                j += 1
    return out


def heaps_points(lo: int, hi: int, k: int = 25) -> list[int]:
    import numpy as np

    return sorted({int(round(x)) for x in np.geomspace(lo, hi, k)})


def real_heaps(records: list[dict], seed: int = 7, orders: int = 8) -> tuple[list[int], list[float]]:
    """The real text's V(N) from 1,000 words to all of them, the mean over ``orders`` random article orders
    (the vocabulary's growth does not depend on the order the articles happen to be stored in)."""
    words = [words_of(r["title"] + "\n" + r["body"]) for r in records]
    points = heaps_points(1000, sum(map(len, words)))
    rng, total = random.Random(seed), [0.0] * len(points)
    for _ in range(orders):
        order = words[:]
        rng.shuffle(order)
        total = [t + v for t, v in zip(total, heaps_curve(order, points))]
    return points, [t / orders for t in total]


def sentence_shape(sentence: str, vocab: dict | None = None, numbers: list | None = None) -> tuple:
    """A sentence's chunks as ``("w", before, after, capitalised)`` for a word, ``("n", before, after)`` for a
    number and ``("o", chunk)`` for anything else; words and numbers are tallied into ``vocab`` and ``numbers``.
    The first word of a sentence keeps its capital (``capitalised``); other words bring their own case."""
    from analysis.text import fold

    shape, first = [], True
    for chunk in sentence.split():
        m = _WORD_CHUNK.fullmatch(chunk)
        if m:
            pre, core, post = m.groups()
            if vocab is not None:
                vocab.setdefault(fold(core).lower(), {}).setdefault((core, first), 0)
                vocab[fold(core).lower()][(core, first)] += 1
            shape.append(("w", pre, post, first and core[:1].isupper()))
            first = False
            continue
        m = _NUMBER_CHUNK.fullmatch(chunk)
        if m:
            if numbers is not None:
                numbers.append(m.group(2))
            shape.append(("n", m.group(1), m.group(3)))
        else:
            shape.append(("o", chunk))
        first = first and not _HAS_WORD.search(chunk)
    return tuple(shape)


def _lines(body: str) -> list[tuple[str, str]]:
    """A body's lines, each with the line break (and blank lines) after it."""
    parts = _LINE_SEP.split(body)
    parts += [""] * (len(parts) % 2)
    return [(parts[i], parts[i + 1]) for i in range(0, len(parts), 2)]


_MARKS = {"commas": (","), "periods": ("."), "double quotes": ('"', "“", "”"), "apostrophes": ("'", "’"),
          "hyphens": ("-",), "digits": tuple("0123456789")}


def text_stats(records) -> dict:
    """What the calibration compares: words (chunks with a letter or digit) per sentence, sentences per article
    (the project's splitter, ``analysis.text.sentence_spans``: paragraphs, then Punkt), Heaps words, and the
    punctuation marks and digits."""
    from analysis.text import sentence_spans

    lengths, per_article, marks, n_words = [], [], dict.fromkeys(_MARKS, 0), 0
    for rec in records:
        n_sent = 0
        for text in (rec["title"], rec["body"]):
            spans = sentence_spans(text)
            n_sent += len(spans)
            lengths.extend(sum(1 for c in text[a:b].split() if _HAS_WORD.search(c)) for a, b in spans)
            n_words += len(words_of(text))
            for name, chars in _MARKS.items():
                marks[name] += sum(text.count(c) for c in chars)
        per_article.append(n_sent)
    return {"lengths": lengths, "per_article": per_article, "marks": marks, "words": n_words}


def learn_model(records: list[dict], seed: int = 7) -> dict:
    """What the generator draws from, learned on the real records: sentence shapes and article layouts per
    source, the word types with their counts and usual spelling, the numbers, and the Heaps fit."""
    from analysis.text import sentence_spans

    model = {"shapes": {}, "titles": {}, "layouts": [], "numbers": {}}
    vocab: dict = {}
    for rec in records:
        src = rec["source"]
        numbers = model["numbers"].setdefault(src, [])
        title = [rec["title"][a:b] for a, b in sentence_spans(rec["title"])] if rec["title"] else []
        model["titles"].setdefault(src, []).extend(sentence_shape(t, vocab, numbers) for t in title)
        lines = []
        for line, sep in _lines(rec["body"]):
            sents = [line[a:b] for a, b in sentence_spans(line)] if line.strip() else []
            pools = model["shapes"].setdefault(src, ([], []))   # inside a line, last of a line
            for k, sent in enumerate(sents):
                pools[k == len(sents) - 1].append(sentence_shape(sent, vocab, numbers))
            lines.append((len(sents), line if not sents else "", sep))
        model["layouts"].append((src, len(title), lines))
    model["counts"] = {t: sum(forms.values()) for t, forms in vocab.items()}
    model["spelling"] = {t: _usual_spelling(forms) for t, forms in vocab.items()}
    n_words = sum(len(words_of(r["title"] + "\n" + r["body"])) for r in records)
    model["word_share"] = sum(model["counts"].values()) / n_words
    model["heaps_points"], model["heaps_v"] = real_heaps(records, seed)
    model["K"], model["beta"] = fit_heaps(*zip(*[(n, v) for n, v in zip(model["heaps_points"], model["heaps_v"])
                                                 if n >= HEAPS_FIT_FROM]))
    model["real_words"] = n_words
    return model


def _usual_spelling(forms: dict) -> str:
    """A word's most frequent spelling inside sentences (the first word's capital is the sentence's, not the
    word's); a word only ever seen first keeps that spelling."""
    inside = {core: n for (core, first), n in forms.items() if not first}
    pool = inside or {core: n for (core, _), n in forms.items()}
    return max(sorted(pool), key=pool.__getitem__)


class WordStream:
    """The synthetic corpus's words, one after another (see the module docstring).

    The n-th word is new with probability V(n) − V(n−1), V the fitted Heaps curve (in the units of the word
    chunks that shapes hold), so the expected vocabulary after n words is V(n) at every size.
    """

    def __init__(self, model: dict, rng: random.Random) -> None:
        from itertools import accumulate

        self.rng, self.K, self.beta, self.share = rng, model["K"], model["beta"], model["word_share"]
        types = sorted(model["counts"])
        self.spelling = [model["spelling"][t] for t in types]
        counts = [model["counts"][t] for t in types]
        self.cum, self.total = list(accumulate(counts)), sum(counts)
        # weighted random order = the order in which i.i.d. draws of real words would first show each type
        self.order = sorted(range(len(types)), key=lambda i: rng.expovariate(1.0) / counts[i])
        self.rank = [0] * len(types)
        for r, i in enumerate(self.order):
            self.rank[i] = r
        self.taken = set(types)
        self.pieces = [w for w in self.spelling if w.isalpha() and len(w) >= 4]
        self.n = self.introduced = 0
        self.made: list[str] = []
        self.history: list[int] = []

    def _v(self, n: int) -> float:
        return self.K * (n / self.share) ** self.beta

    def __next__(self) -> str:
        rng = self.rng
        self.n += 1
        if rng.random() < self._v(self.n) - self._v(self.n - 1):
            return self._new()
        if self.history and rng.random() * (self.n - 1) < len(self.history):
            i = self.history[rng.randrange(len(self.history))]
            self.history.append(i)
            return self.made[i]
        while True:
            i = bisect.bisect(self.cum, rng.random() * self.total)
            if self.rank[i] < self.introduced:
                return self.spelling[i]

    def _new(self) -> str:
        if self.introduced < len(self.order):
            self.introduced += 1
            return self.spelling[self.order[self.introduced - 1]]
        while True:   # the front of one real word and the back of another, not a word seen before
            a, b = self.rng.choice(self.pieces), self.rng.choice(self.pieces)
            word = a[:(len(a) + 1) // 2] + b[(len(b) + 1) // 2:].lower()
            if word.lower() not in self.taken:
                break
        self.taken.add(word.lower())
        self.history.append(len(self.made))
        self.made.append(word)
        return word


def _fill(shape: tuple, words: WordStream, numbers: list[str], rng: random.Random) -> str:
    out = []
    for item in shape:
        if item[0] == "w":
            w = next(words)
            out.append(item[1] + (w[0].upper() + w[1:] if item[3] else w) + item[2])
        elif item[0] == "n":
            out.append(item[1] + rng.choice(numbers) + item[2])
        else:
            out.append(item[1])
    return " ".join(out)


def synthetic_article(model: dict, words: WordStream, rng: random.Random, i: int) -> dict:
    """One article: a real article's layout, each sentence a random real sentence's shape from the same source
    (a line's last sentence from the shapes of lines' last sentences, which may lack a final period)."""
    src, n_title, lines = rng.choice(model["layouts"])
    numbers = model["numbers"][src]
    title = " ".join(_fill(rng.choice(model["titles"][src]), words, numbers, rng) for _ in range(n_title))
    (inside, last), body = model["shapes"][src], []
    for n, literal, sep in lines:
        shapes = [rng.choice(inside) for _ in range(n - 1)] + [rng.choice(last)] if n else []
        body.append(" ".join(_fill(shape, words, numbers, rng) for shape in shapes) if n else literal)
        body.append(sep)
    return {"id": f"synthetic-{i:06d}", "title": title, "body": "".join(body),
            "date": f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"}


def build_synthetic_corpus(path: Path, n: int, shared: Path, seed: int = 7) -> tuple[int, int, dict]:
    """``n`` synthetic articles (JSONL id/title/body/date) calibrated on the real text in ``shared``. Returns the
    JSONL size, the characters of text (title + body) and the learned model (for the calibration report)."""
    model = learn_model(real_records(shared), seed)
    rng = random.Random(seed)
    words = WordStream(model, random.Random(seed + 1))
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            rec = synthetic_article(model, words, rng, i)
            chars += len(rec["title"]) + len(rec["body"])
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path.stat().st_size, chars, model


def _read_jsonl(path: Path, limit: int | None = None):
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def _dist(values) -> str:
    import numpy as np

    a = np.asarray(values, float)
    p10, p50, p90, p99 = np.percentile(a, [10, 50, 90, 99])
    return f"mean {a.mean():5.1f}  p10 {p10:3.0f}  p50 {p50:3.0f}  p90 {p90:3.0f}  p99 {p99:4.0f}  max {a.max():4.0f}"


def _heaps_lines(model: dict, corpus: Path) -> list[str]:
    """The synthetic corpus's V(N) against the real text's and the fitted curve, and its own Heaps fits."""
    import numpy as np

    K, beta, n0 = model["K"], model["beta"], model["real_words"]
    syn = [words_of(r["title"] + "\n" + r["body"]) for r in _read_jsonl(corpus)]
    n_syn = sum(map(len, syn))
    rows = set(heaps_points(1000, n_syn, 9)) | ({n0} if n_syn >= n0 else set())
    points = sorted(set(heaps_points(1000, n_syn, 40)) | rows)
    v_syn = dict(zip(points, heaps_curve(syn, points)))
    out = [f"  real text: {len(model['layouts'])} articles, {n0:,} words, {model['heaps_v'][-1]:,.0f} types (mean "
           f"of 8 article orders): K = {K:.2f}, β = {beta:.3f} (fitted from {HEAPS_FIT_FROM:,} words)"]
    for label, lo, hi in (("over the real text's range", HEAPS_FIT_FROM, n0), ("beyond the real text's size", n0, n_syn),
                          ("from 10,000 words to all", HEAPS_FIT_FROM, n_syn)):
        pts = [(n, v_syn[n]) for n in points if lo <= n <= hi]
        if len(pts) >= 3:
            k, b = fit_heaps(*zip(*pts))
            out.append(f"  synthetic, {label} ({pts[0][0]:,}-{pts[-1][0]:,} words): K = {k:.2f}, β = {b:.3f}")
    out.append(f"  {'words N':>11} {'real V':>9} {'K·N^β':>9} {'synthetic V':>12} {'synthetic/fit':>14}")
    log_n, log_v = np.log(model["heaps_points"]), np.log(model["heaps_v"])
    for n in sorted(rows):
        real = f"{np.exp(np.interp(np.log(n), log_n, log_v)):9,.0f}" if n <= n0 else f"{'':9}"
        out.append(f"  {n:11,} {real} {K * n ** beta:9,.0f} {v_syn[n]:12,} {v_syn[n] / (K * n ** beta):14.3f}")
    return out


def calibration_report(model: dict, corpus: Path, records: list[dict]) -> list[str]:
    """Printed by ``throughput.py --calibration``: the Heaps fits, then sentence lengths, article lengths and
    punctuation of the synthetic corpus (at several sizes) against the real text's."""
    out = ["calibration: Heaps' law V(N) = K·N^β, V distinct lower-cased words after N words, least squares on "
           "log V vs log N"] + _heaps_lines(model, corpus)
    real, syn = text_stats(records), text_stats(_read_jsonl(corpus))
    n_syn = len(syn["per_article"])
    out.append("  words per sentence (sentences split by analysis.text.sentence_spans):")
    out.append(f"    {'real':>24} {len(real['lengths']):9,} sentences  {_dist(real['lengths'])}")
    for k in sorted({min(len(records), n_syn), min(5000, n_syn), n_syn}):
        m = sum(syn["per_article"][:k])
        out.append(f"    {f'synthetic, {k:,} articles':>24} {m:9,} sentences  {_dist(syn['lengths'][:m])}")
    out.append("  sentences per article:")
    out.append(f"    {'real':>24} {_dist(real['per_article'])}")
    out.append(f"    {f'synthetic, {n_syn:,} articles':>24} {_dist(syn['per_article'])}")
    for name, st in (("real", real), ("synthetic", syn)):
        marks = ", ".join(f"{k} {v * 1000 / st['words']:.1f}" for k, v in st["marks"].items())
        out.append(f"  per 1,000 words, {name:9s}: {marks}")
    return out
