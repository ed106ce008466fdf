"""Offline sentence splitting and word tokenisation with NLTK, and the token table.

Nothing here needs ``nltk_data``: sentences come from a Punkt tokenizer built
from parameters the project ships (abbreviations of ranks, titles, months and
countries), words from NLTK's Treebank-style :class:`~nltk.tokenize.NLTKWordTokenizer`.

Text is first *folded* one character for one character (curly quotes and
apostrophes to straight ones, Unicode hyphens to ``-``), so every token keeps
exact character offsets into the original text.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Iterable, Iterator, Sequence, Union

import numpy as np
import pandas as pd
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ._parallel import default_workers, process_map, read_parquet_cache, want_progress, write_parquet_atomic
from .describe import column_texts, hash_texts
from .paths import package_data

__all__ = [
    "ABBREVIATIONS",
    "fold",
    "normalize_token",
    "sentence_spans",
    "sentences",
    "word_spans",
    "tokenize",
    "tokens",
    "stopword_set",
    "sentence_splitter",
]

def abbreviation_table() -> list[dict[str, str]]:
    """Rows of ``analysis/data/abbreviations.csv``, the project's one abbreviation list (tokeniser and
    geoparser): ``abbreviation`` (lower case, no final period), ``kind``, ``sentence_internal``.

    >>> next(r for r in abbreviation_table() if r["abbreviation"] == "gen")["kind"]
    'title'
    """
    import csv

    path = package_data("abbreviations.csv")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations Punkt must not treat as sentence ends (lower case, no final period)."""
    return frozenset(r["abbreviation"].lower() for r in abbreviation_table() if r["sentence_internal"] == "1")


def __getattr__(name: str):
    if name == "ABBREVIATIONS":   # read from the data file on first use, not at import
        return _abbreviations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_FOLD_TABLE = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "−": "-",
})
_FOLD_CHARS = re.compile("[" + "".join(chr(c) for c in _FOLD_TABLE) + "]")
_PARA_SPLIT = re.compile(r"\n\s*\n")
_HAS_ALNUM = re.compile(r"\w")

StopwordOption = Union[bool, str, Iterable[str]]


def require_text(value: object, caller: str) -> str:
    """``value`` when it is text, else a ``TypeError`` that names the caller and what it got.

    >>> require_text(None, "tokenize")
    Traceback (most recent call last):
    TypeError: tokenize() expects text (str), got None
    """
    if not isinstance(value, str):
        got = "None" if value is None else f"{type(value).__name__} {str(value)[:40]!r}"
        raise TypeError(f"{caller}() expects text (str), got {got}")
    return value


def fold(text: str) -> str:
    """Fold curly quotes, apostrophes and Unicode hyphens to ASCII, one character for one.

    >>> fold("ISIS’ “last big fight”")
    'ISIS\\' "last big fight"'
    """
    require_text(text, "fold")
    # str.translate with a dict walks every character in Python-level lookups (about 15 MB/s);
    # ASCII text has nothing to fold, and other text usually only a few quotes.
    if text.isascii():
        return text
    return _FOLD_CHARS.sub(_fold_match, text)


def _fold_match(m: re.Match) -> str:
    return _FOLD_TABLE[ord(m.group())]


def normalize_token(token: str) -> str:
    """The comparable form of a token: folded and lower-cased (``Al-Qaim`` → ``al-qaim``).

    >>> normalize_token("Al-Qaim"), normalize_token("ISIS’"), normalize_token("army’s")
    ('al-qaim', "isis'", "army's")
    """
    return fold(token).lower()


def make_room(cache: dict, limit: int, needed: int = 1) -> None:
    """Keep ``cache`` under ``limit`` entries by dropping its newest half when ``needed`` more would not fit.

    Entries are kept in insertion order and the frequent ones (``the``, ``said.``) arrive first, so
    dropping the newest keeps the cache useful as a corpus's rare words stream past.
    """
    if len(cache) + needed <= limit:
        return
    keep = max(min(limit // 2, limit - needed), 0)
    for key in list(itertools.islice(reversed(cache), max(len(cache) - keep, 0))):
        del cache[key]


class _MemoPunkt(PunktSentenceTokenizer):
    """Punkt whose break decisions are remembered per context.

    Punkt decides each candidate break (``word. Next``) from that context string alone (the
    parameters are fixed: no orthographic statistics are learned here), so a dictionary of
    decisions gives exactly Punkt's sentences while news text's repeated contexts
    (``said. The``) are annotated once instead of every time.
    """

    _MAX = 100_000

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._decisions: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        hit = self._decisions.get(text)
        if hit is None:
            hit = super().text_contains_sentbreak(text)
            make_room(self._decisions, self._MAX)
            self._decisions[text] = hit
        return hit


@lru_cache(maxsize=None)
def sentence_splitter(extra_abbreviations: frozenset[str] = frozenset()) -> PunktSentenceTokenizer:
    """A Punkt sentence splitter built from the project's abbreviation list (no download).

    Add domain abbreviations with ``extra_abbreviations`` (lower case, no final period).
    Its sentences are Punkt's; decisions on repeated contexts are remembered.
    """
    params = PunktParameters()
    params.abbrev_types = set(_abbreviations() | extra_abbreviations)
    return _MemoPunkt(params)


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _PARA_SPLIT.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def sentence_spans(text: str, *, folded: bool = False) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``; paragraphs (blank lines) always split.

    ``folded=True`` says ``text`` already went through :func:`fold`.

    >>> sentence_spans("Staff Maj. Gen. Noman told AFP. It fell.")
    [(0, 31), (32, 40)]
    """
    require_text(text, "sentence_spans")
    splitter = sentence_splitter()
    folded = text if folded else fold(text)
    spans: list[tuple[int, int]] = []
    for p0, p1 in _paragraph_spans(folded):
        para = folded[p0:p1]
        if not para.strip():
            continue
        spans.extend((p0 + s, p0 + e) for s, e in splitter.span_tokenize(para))
    return spans


def sentences(text: str) -> list[str]:
    """Split text into sentences with Punkt and the project's abbreviations.

    >>> sentences("Staff Maj. Gen. Noman Abed al-Zobai told AFP. The town fell.")
    ['Staff Maj. Gen. Noman Abed al-Zobai told AFP.', 'The town fell.']
    """
    require_text(text, "sentences")
    return [text[s:e] for s, e in sentence_spans(text)]


_WORD_TOKENIZER = NLTKWordTokenizer()


_CHUNK = re.compile(r"\S+")
_CHUNK_CACHE: dict[tuple[str, bool], tuple[tuple[int, int], ...]] = {}
_CHUNK_CACHE_MAX = 150_000


def _nltk_spans(text: str) -> list[tuple[int, int]]:
    try:
        return list(_WORD_TOKENIZER.span_tokenize(text))
    except ValueError:
        # NLTK's alignment can fail on rare quote sequences; fall back to whitespace-and-
        # punctuation spans rather than losing the sentence.
        return [m.span() for m in re.finditer(r"\w+(?:[-',.]\w+)*|[^\w\s]", text)]


def _chunk_spans(chunk: str, last: bool) -> tuple[tuple[int, int], ...]:
    """Treebank spans of one whitespace-separated chunk, computed once and cached.

    The Treebank rules look at most one space beyond a chunk (the sentence-final period, a quote
    or clitic before a space), so the chunk is tokenised between dummy words (``x CHUNK x``; no
    trailing dummy for a sentence's last chunk) and the dummies dropped: the same tokens as NLTK
    on the whole sentence (checked on every sentence by ``benchmarks/throughput.py``), at a
    fraction of the cost, because news text repeats its chunks.
    """
    key = (chunk, last)
    spans = _CHUNK_CACHE.get(key)
    if spans is None:
        padded = "x " + chunk + ("" if last else " x")
        raw = _nltk_spans(padded)
        raw = raw[1:] if last else raw[1:-1]
        spans = tuple((a - 2, b - 2) for a, b in raw if b > 2 and a - 2 < len(chunk))
        make_room(_CHUNK_CACHE, _CHUNK_CACHE_MAX)
        _CHUNK_CACHE[key] = spans
    return spans


_ENDS_IN_WORD = re.compile(r"\w\Z")
_FILL_BATCH = 2000


def _fill_chunk_cache(keys: Iterable[tuple[str, bool]]) -> None:
    """Tokenise the (folded chunk, sentence-final) keys not yet cached, thousands per NLTK call.

    One NLTK call costs about 120 µs however short its text, so new chunks are tokenised together
    as ``x c1 x c2 x … x``: each chunk keeps the one-space context it has alone (``x chunk x``), and
    the rules anchored at the ends of the text (``^"``, the final period, a final comma) meet only the
    dummies, so every chunk gets the tokens it gets alone (tested). A sentence-final chunk that ends
    in a letter or digit has the same tokens as a mid-sentence one (the end-anchored rules need
    punctuation); other sentence-final chunks are tokenised one by one.
    """
    mids: dict[str, None] = {}
    lasts: list[str] = []
    for chunk, last in keys:
        if (chunk, last) in _CHUNK_CACHE:
            continue
        if last and not _ENDS_IN_WORD.search(chunk):
            lasts.append(chunk)
        else:
            mids[chunk] = None
    make_room(_CHUNK_CACHE, _CHUNK_CACHE_MAX, 2 * len(mids) + len(lasts))
    todo = list(mids)
    for i in range(0, len(todo), _FILL_BATCH):
        part = todo[i:i + _FILL_BATCH]
        text = "x " + " x ".join(part) + " x"
        try:
            raw = list(_WORD_TOKENIZER.span_tokenize(text))
        except ValueError:          # NLTK's quote alignment failed somewhere: chunk by chunk instead
            for chunk in part:
                spans = _chunk_spans(chunk, False)
                if _ENDS_IN_WORD.search(chunk):
                    _CHUNK_CACHE[(chunk, True)] = spans
            continue
        k = 0
        offset = 2
        for chunk in part:
            end = offset + len(chunk)
            while k < len(raw) and raw[k][0] < offset:
                k += 1
            spans = []
            while k < len(raw) and raw[k][1] <= end:
                spans.append((raw[k][0] - offset, raw[k][1] - offset))
                k += 1
            spans_t = tuple(spans)
            _CHUNK_CACHE[(chunk, False)] = spans_t
            if _ENDS_IN_WORD.search(chunk):
                _CHUNK_CACHE[(chunk, True)] = spans_t
            offset = end + 3
    for chunk in lasts:
        _chunk_spans(chunk, True)


def word_spans(sentence: str, *, exact: bool = False) -> list[tuple[int, int]]:
    """Character spans of the Treebank-style word tokens of one sentence.

    Tokens are NLTK's :class:`~nltk.tokenize.NLTKWordTokenizer` tokens; by default they are
    computed per whitespace chunk with a cache (same result, several times faster on a corpus);
    ``exact=True`` runs NLTK on the whole sentence instead.

    >>> s = "Iraqi forces entered Al-Qaim, around 1,500 of them."
    >>> [s[a:b] for a, b in word_spans(s)]
    ['Iraqi', 'forces', 'entered', 'Al-Qaim', ',', 'around', '1,500', 'of', 'them', '.']
    """
    folded = fold(sentence)
    if exact:
        return _nltk_spans(folded)
    chunks = list(_CHUNK.finditer(folded))
    out: list[tuple[int, int]] = []
    last = len(chunks) - 1
    for i, m in enumerate(chunks):
        o = m.start()
        out.extend((o + a, o + b) for a, b in _chunk_spans(m.group(), i == last))
    return out


@lru_cache(maxsize=8)
def _read_list(name: str) -> frozenset[str]:
    lines = package_data(name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w.strip()).lower() for w in lines if w.strip() and not w.startswith("#"))


def stopword_set(option: StopwordOption = True) -> frozenset[str]:
    """The stopwords for an option: ``True`` (English), ``"news"`` (English + reporting words),
    ``False`` (none) or your own iterable of words.

    >>> "the" in stopword_set(), "said" in stopword_set(), "said" in stopword_set("news")
    (True, False, True)
    """
    if option is False or option is None:
        return frozenset()
    if option is True or option == "english":
        return _read_list("stopwords_en.txt")
    if option == "news":
        return _read_list("stopwords_en.txt") | _read_list("news_words.txt")
    if isinstance(option, str):
        raise ValueError(f"unknown stopword option {option!r}: use True, False, 'news' or a set of words")
    return frozenset(normalize_token(w) for w in option)


def is_punct(token: str) -> bool:
    """True for tokens without a letter or digit (``,``, ``“``, ``--``)."""
    return not _HAS_ALNUM.search(token)


def tokenize(text: str, *, lower: bool = True, stopwords: StopwordOption = False,
             punct: bool = False) -> list[str]:
    """Split text into word tokens, offline.

    ``lower`` returns the normalised form (folded, lower case); ``stopwords``
    removes the English list (``True``), English + reporting words (``"news"``)
    or your own set; ``punct`` keeps punctuation tokens.

    >>> tokenize("Iraqi forces entered Al-Qaim, ISIS’ last bastion.")
    ['iraqi', 'forces', 'entered', 'al-qaim', 'isis', 'last', 'bastion']
    >>> tokenize("Around 1,500 on the Lebanese-Syrian border.", stopwords=True)
    ['around', '1,500', 'lebanese-syrian', 'border']
    """
    require_text(text, "tokenize")
    stops = stopword_set(stopwords)
    out: list[str] = []
    for s0, s1 in sentence_spans(text):
        sent = text[s0:s1]
        for a, b in word_spans(sent):
            surface = sent[a:b]
            norm = normalize_token(surface)
            if not punct and is_punct(surface):
                continue
            if norm in stops:
                continue
            out.append(norm if lower else fold(surface))
    return out


TOKENIZER_VERSION = "treebank-chunk-cache-1"


#: True at the code points ``str.split`` and ``\\s`` treat as whitespace (all of them are below U+3001).
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3001)] + [False], dtype=bool)


def _sentence_chunks(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The whitespace chunks of one text, sentence by sentence (as :func:`word_spans` sees them): strings,
    start offsets, sentence numbers, sentence-final flags. For texts where Punkt splits inside a chunk
    (``said."The``)."""
    chunks, st, sn, ls = [], [], [], []
    for k, (s0, s1) in enumerate(spans):
        ms = list(_CHUNK.finditer(text, s0, s1))
        chunks.extend(m.group() for m in ms)
        st.extend(m.start() for m in ms)
        sn.extend([k] * len(ms))
        ls.extend([False] * (len(ms) - 1) + [True] if ms else [])
    return chunks, np.asarray(st, dtype=np.int64), np.asarray(sn, dtype=np.int64), np.asarray(ls, dtype=bool)


def _batch_chunks(texts: list[str], spans: list[list[tuple[int, int]]]) -> list[tuple]:
    """The whitespace chunks of many texts: per text, strings, start offsets, sentence numbers and
    sentence-final flags.

    One pass over the texts joined by newlines: ``str.split`` for the strings and a NumPy whitespace
    mask for the offsets (both C-speed, the same definition of whitespace). A text where a sentence
    boundary cuts a chunk is chunked sentence by sentence (:func:`_sentence_chunks`).
    """
    joined = "\n".join(texts)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    t_off = np.concatenate(([0], np.cumsum(lengths)))
    code = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    space = _IS_SPACE[np.minimum(code, 0x3001)]
    starts = np.flatnonzero(~space & np.concatenate(([True], space[:-1])))
    ends = np.flatnonzero(~space & np.concatenate((space[1:], [True]))) + 1
    chunks = joined.split()
    n_sent = np.fromiter((len(sp) for sp in spans), dtype=np.int64, count=len(spans))
    if len(chunks) != len(starts) or not n_sent.sum():
        return [_sentence_chunks(t, sp) for t, sp in zip(texts, spans)]
    s_text = np.repeat(np.arange(len(texts)), n_sent)
    flat = np.asarray([ab for sp in spans for ab in sp], dtype=np.int64).reshape(-1, 2) + t_off[s_text][:, None]
    s_local = np.arange(len(s_text)) - np.repeat(np.cumsum(n_sent) - n_sent, n_sent)
    text_of = np.searchsorted(t_off, starts, side="right") - 1
    sent = np.searchsorted(flat[:, 0], starts, side="right") - 1
    ok = (sent >= 0) & (ends <= flat[np.maximum(sent, 0), 1]) & (s_text[np.maximum(sent, 0)] == text_of)
    last = np.concatenate((sent[1:] != sent[:-1], [True]))
    bad = set(text_of[~ok].tolist())
    first = np.searchsorted(text_of, np.arange(len(texts) + 1), side="left")
    out = []
    for i, text in enumerate(texts):
        a, b = int(first[i]), int(first[i + 1])
        if i in bad:
            out.append(_sentence_chunks(text, spans[i]))
        else:
            out.append((chunks[a:b], starts[a:b] - t_off[i], s_local[sent[a:b]], last[a:b]))
    return out


def _tokenize_texts(rows: list[tuple[str, ...]]) -> dict:
    """Token arrays for a list of rows (one text per field). Runs in worker processes too.

    Each distinct (chunk, sentence-final) pair is tokenised once (:func:`_chunk_spans`); the token
    rows are then expanded from per-chunk arrays with NumPy, without a Python object per token.
    """
    variants: dict[tuple[str, bool], int] = {}
    var_off: list[int] = []
    var_len: list[int] = []
    flat_rs: list[int] = []
    flat_re: list[int] = []
    flat_surf: list[str] = []
    c_vid: list[np.ndarray] = []
    c_start: list[np.ndarray] = []
    c_sent: list[np.ndarray] = []
    c_text: list[np.ndarray] = []
    text_row: list[int] = []
    text_fld: list[int] = []

    def variant(key: tuple[str, bool]) -> int:
        vid = variants.get(key)
        if vid is None:
            chunk, last = key
            spans = _chunk_spans(fold(chunk), last)
            vid = variants[key] = len(var_off)
            var_off.append(len(flat_rs))
            var_len.append(len(spans))
            flat_rs.extend(a for a, _ in spans)
            flat_re.extend(b for _, b in spans)
            flat_surf.extend(chunk[a:b] for a, b in spans)
        return vid

    items = [(row_i, f_i, text) for row_i, texts in enumerate(rows) for f_i, text in enumerate(texts) if text]
    found = _batch_chunks([t for *_, t in items], [sentence_spans(t) for *_, t in items]) if items else []
    per_text = [(row_i, f_i, chunks, starts, sent, last.tolist())
                for (row_i, f_i, _), (chunks, starts, sent, last) in zip(items, found) if chunks]
    keys: set[tuple[str, bool]] = set()
    for *_, chunks, _, _, last in per_text:
        keys.update(zip(chunks, last))
    _fill_chunk_cache({(fold(c), l) for c, l in keys})
    get = variants.get
    for row_i, f_i, chunks, starts, sent, last in per_text:
        vids = [get(k) for k in zip(chunks, last)]
        if None in vids:
            vids = [variant((c, l)) if v is None else v for c, l, v in zip(chunks, last, vids)]
        c_vid.append(np.asarray(vids, dtype=np.int64))
        c_start.append(starts)
        c_sent.append(sent)
        c_text.append(np.full(len(chunks), len(text_row), dtype=np.int64))
        text_row.append(row_i)
        text_fld.append(f_i)
    if not c_vid:
        empty = np.array([], dtype=np.int32)
        return {"ids": empty, "fld": np.array([], dtype=np.int8), "sent": empty, "pos": empty, "start": empty,
                "end": empty, "codes": empty, "cats": np.array([], dtype=object)}
    vid = np.concatenate(c_vid)
    lens = np.asarray(var_len, dtype=np.int64)[vid]
    chunk_of = np.repeat(np.arange(len(vid)), lens)
    first = np.cumsum(lens) - lens
    tok = np.arange(len(chunk_of))
    flat = np.asarray(var_off, dtype=np.int64)[vid][chunk_of] + (tok - first[chunk_of])
    base = np.concatenate(c_start)[chunk_of]
    text_of = np.concatenate(c_text)[chunk_of]
    # position: token index within its text (field); texts are contiguous runs of tokens
    text_first = np.searchsorted(text_of, np.arange(len(text_row)), side="left")
    cat = pd.Categorical(flat_surf)
    return {"ids": np.asarray(text_row, dtype=np.int32)[text_of],
            "fld": np.asarray(text_fld, dtype=np.int8)[text_of],
            "sent": np.concatenate(c_sent)[chunk_of].astype(np.int32),
            "pos": (tok - text_first[text_of]).astype(np.int32),
            "start": (base + np.asarray(flat_rs, dtype=np.int64)[flat]).astype(np.int32),
            "end": (base + np.asarray(flat_re, dtype=np.int64)[flat]).astype(np.int32),
            "codes": cat.codes.astype(np.int32)[flat], "cats": np.asarray(cat.categories, dtype=object)}


def _merge_parts(parts: list[dict], offsets: list[int]) -> dict:
    if len(parts) == 1:
        return parts[0]
    cats = pd.Index(np.concatenate([p["cats"] for p in parts])).unique().sort_values()
    codes = [cats.get_indexer(p["cats"]).astype(np.int32)[p["codes"]] if len(p["cats"]) else p["codes"]
             for p in parts]
    out = {k: np.concatenate([p[k] for p in parts]) for k in ("fld", "sent", "pos", "start", "end")}
    out["ids"] = np.concatenate([p["ids"] + off for p, off in zip(parts, offsets)]).astype(np.int32)
    out["codes"] = np.concatenate(codes).astype(np.int32)
    out["cats"] = np.asarray(cats, dtype=object)
    return out


def _cache_key(articles: pd.DataFrame, fields: Sequence[str], stops: frozenset[str]) -> str:
    import hashlib

    h = hashlib.sha1(f"{TOKENIZER_VERSION}|{list(fields)}|{sorted(stops)}".encode())
    for col in ["article_id", *fields]:
        hash_texts(h, articles[col])
    return h.hexdigest()[:20]


def tokens(articles: pd.DataFrame, *, fields: Sequence[str] | None = None,
           stopwords: StopwordOption = True, workers: int | None = None, cache: bool = False,
           progress: bool | None = None) -> pd.DataFrame:
    """One row per token of the given article fields (default: those of title, caption, body present).

    Columns: ``article_id``, ``field``, ``sentence`` (index within the field),
    ``position`` (token index within the field), ``token`` (exact surface
    text), ``norm`` (normalised form), ``is_stop`` (per ``stopwords``),
    ``is_punct``, and ``start``/``end`` character offsets into that field, so
    ``articles.loc[i, field][start:end] == token``. Repeated headlines and
    captions of scraped pages were already collapsed by the loader, so each
    field is counted once. Text columns are categoricals to stay compact.

    Large corpora: ``workers`` processes share the work (default: all cores from 2,000 articles
    up, else one); ``cache=True`` keeps the table as Parquet in ``data/derived/tokens/`` under a
    key of the texts and the tokeniser's settings, so an unchanged corpus is read back, not
    re-tokenised; ``progress`` shows a tqdm bar while worker processes run (default: from 2,000
    articles up).

    >>> toks = tokens(articles)                                 # the sample, loaded with load_articles
    >>> toks.query("field == 'body' and not is_punct").norm.value_counts().head(3).to_dict()
    {'the': 44, 'in': 13, 'of': 13}
    """
    if not isinstance(articles, pd.DataFrame):
        got = "None" if articles is None else type(articles).__name__
        raise TypeError(f"tokens() expects an articles table (a DataFrame from load_articles), got {got}")
    if fields is None:
        fields = [f for f in ("title", "caption", "body") if f in articles.columns]
    missing = [f for f in fields if f not in articles.columns]
    if missing:
        raise KeyError(f"articles table has no column(s) {missing}; columns are {list(articles.columns)}")
    if "article_id" not in articles.columns:
        raise KeyError("articles table has no 'article_id' column; make it with load_articles()")
    dup = articles["article_id"].astype(str)
    dup = dup[dup.duplicated()]
    if len(dup):
        raise ValueError(f"tokens(): the articles table repeats article_id {', '.join(map(repr, dup.unique()[:3]))}"
                         f"{' …' if dup.nunique() > 3 else ''} ({len(dup)} repeated row(s)); every article needs its own "
                         "id, e.g. articles.drop_duplicates('article_id')")
    stops = stopword_set(stopwords)
    path = None
    if cache:
        from .paths import derived_dir

        path = derived_dir() / "tokens" / f"{_cache_key(articles, fields, stops)}.parquet"
        cached = read_parquet_cache(path)
        if cached is not None:
            return cached
    rows = list(zip(*(column_texts(articles[f]) for f in fields)))
    n_workers = workers if workers is not None else default_workers(len(rows))
    if n_workers > 1 and len(rows) > 1:
        size = max(200, len(rows) // (n_workers * 8) + 1)
        offsets = list(range(0, len(rows), size))
        chunks = [rows[o:o + size] for o in offsets]
        parts = list(process_map(_tokenize_texts, chunks, workers=n_workers,
                                 progress=want_progress(progress, len(rows)), desc="tokenising",
                                 total=len(chunks)))
        arrays = _merge_parts(parts, offsets)
    else:
        arrays = _tokenize_texts(rows)
    token_cat = pd.Categorical.from_codes(arrays["codes"], categories=pd.Index(list(arrays["cats"]))) \
        if len(arrays["cats"]) else pd.Categorical([])
    cats = pd.Index(token_cat.categories)
    norm_of_cat = np.array([normalize_token(t) for t in cats], dtype=object)
    norm_values = norm_of_cat[token_cat.codes] if len(cats) else np.array([], dtype=object)
    norm_cat = pd.Categorical(norm_values)
    norm_cats = pd.Index(norm_cat.categories)
    stop_of_norm = np.array([n in stops for n in norm_cats], dtype=bool)
    punct_of_norm = np.array([is_punct(n) for n in norm_cats], dtype=bool)
    id_values = articles["article_id"].astype(str).to_numpy()
    out = pd.DataFrame({
        "article_id": pd.Categorical.from_codes(arrays["ids"], categories=pd.Index(id_values)) if len(id_values) else
        pd.Categorical([]),
        "field": pd.Categorical.from_codes(arrays["fld"], categories=list(fields)),
        "sentence": arrays["sent"],
        "position": arrays["pos"],
        "token": token_cat,
        "norm": norm_cat,
        "is_stop": stop_of_norm[norm_cat.codes] if len(norm_cats) else np.array([], dtype=bool),
        "is_punct": punct_of_norm[norm_cat.codes] if len(norm_cats) else np.array([], dtype=bool),
        "start": arrays["start"],
        "end": arrays["end"],
    })
    if path is not None:
        write_parquet_atomic(out, path)
    return out
