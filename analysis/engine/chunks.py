"""The whitespace chunks of many texts at once, with their offsets, sentences and sentence-final flags."""
from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd

from ..chars import fold
from .sentences import split_sentences

__all__ = ["batch_chunks", "sentence_chunks", "chunk_spans_of", "closing_only", "numbered_chunks"]

_CHUNK = re.compile(r"\S+")
#: a chunk of closing marks only: NLTK's final-period rule reads through them and the spaces between
_CLOSING_ONLY = re.compile(r"[\])}>\"'»”’]+")


def closing_only(chunk: str) -> bool:
    """True for a chunk of closing marks only (``)``, ``'``, ``"]``)."""
    return _CLOSING_ONLY.fullmatch(chunk) is not None


def chunk_spans_of(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The chunks of one sentence ``text[start:end]`` as spans: its whitespace chunks, except that trailing
    chunks of closing marks join the chunk before them with the spaces between (``said. )`` is one chunk),
    because NLTK's final-period rule reaches through them.

    >>> chunk_spans_of("It ended. )")
    [(0, 2), (3, 11)]
    """
    spans = [m.span() for m in _CHUNK.finditer(text, start, len(text) if end is None else end)]
    k = len(spans)
    while k > 1 and closing_only(text[spans[k - 1][0]:spans[k - 1][1]]):
        k -= 1
    if k < len(spans):
        spans[k - 1:] = [(spans[k - 1][0], spans[-1][1])]
    return spans
#: True at the code points ``str.split`` and ``\\s`` treat as whitespace (all of them are below U+3001).
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3001)] + [False], dtype=bool)

Chunks = tuple  # (chunk strings, start offsets, sentence numbers, sentence-final flags) of one text


def sentence_chunks(text: str, spans: list[tuple[int, int]]) -> Chunks:
    """The chunks of one text, sentence by sentence (:func:`chunk_spans_of`): for texts where Punkt splits
    inside a whitespace chunk (``said."The``) or a sentence ends in chunks of closing marks."""
    chunks, st, sn, ls = [], [], [], []
    for k, (s0, s1) in enumerate(spans):
        ms = chunk_spans_of(text, s0, s1)
        chunks.extend(text[a:b] for a, b in ms)
        st.extend(a for a, _ in ms)
        sn.extend([k] * len(ms))
        ls.extend([False] * (len(ms) - 1) + [True] if ms else [])
    return chunks, np.asarray(st, dtype=np.int64), np.asarray(sn, dtype=np.int64), np.asarray(ls, dtype=bool)


def _whitespace_runs(joined: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the non-whitespace runs of ``joined`` (a NumPy mask, C speed)."""
    code = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    space = _IS_SPACE[np.minimum(code, 0x3001)]
    starts = np.flatnonzero(~space & np.concatenate(([True], space[:-1])))
    ends = np.flatnonzero(~space & np.concatenate((space[1:], [True]))) + 1
    return starts, ends


def batch_chunks(texts: list[str], spans: list[list[tuple[int, int]]]) -> list[Chunks]:
    """Per text: its chunk strings, start offsets, sentence numbers and sentence-final flags.

    One pass over the texts joined by newlines: ``str.split`` for the strings and a NumPy whitespace
    mask for the offsets (both C speed, the same definition of whitespace). A text where a sentence
    boundary cuts a chunk, or a sentence ends in closing marks, is chunked sentence by sentence
    (:func:`sentence_chunks`).
    """
    joined = "\n".join(texts)
    t_off = np.concatenate(([0], np.cumsum(np.fromiter((len(t) + 1 for t in texts), np.int64, len(texts)))))
    starts, ends = _whitespace_runs(joined)
    chunks = joined.split()
    n_sent = np.fromiter((len(sp) for sp in spans), dtype=np.int64, count=len(spans))
    if len(chunks) != len(starts) or not n_sent.sum():
        return [sentence_chunks(t, sp) for t, sp in zip(texts, spans)]
    s_text = np.repeat(np.arange(len(texts)), n_sent)
    flat = np.asarray([ab for sp in spans for ab in sp], dtype=np.int64).reshape(-1, 2) + t_off[s_text][:, None]
    s_local = np.arange(len(s_text)) - np.repeat(np.cumsum(n_sent) - n_sent, n_sent)
    text_of = np.searchsorted(t_off, starts, side="right") - 1
    sent = np.searchsorted(flat[:, 0], starts, side="right") - 1
    ok = (sent >= 0) & (ends <= flat[np.maximum(sent, 0), 1]) & (s_text[np.maximum(sent, 0)] == text_of)
    last = np.concatenate((sent[1:] != sent[:-1], [True]))
    bad = set(text_of[~ok].tolist())
    bad.update(int(text_of[i]) for i in np.flatnonzero(last) if closing_only(chunks[i]))
    first = np.searchsorted(text_of, np.arange(len(texts) + 1), side="left")
    out = []
    for i, text in enumerate(texts):
        a, b = int(first[i]), int(first[i + 1])
        if i in bad:
            out.append(sentence_chunks(text, spans[i]))
        else:
            out.append((chunks[a:b], starts[a:b] - t_off[i], s_local[sent[a:b]], last[a:b]))
    return out


def numbered_chunks(texts: list[str]) -> tuple[list[Chunks], np.ndarray, list[tuple[str, bool]], np.ndarray]:
    """The chunks of ``texts`` (:func:`batch_chunks` after Punkt), each occurrence numbered by its variant.

    Returns the chunks per text, the variant number of every occurrence (texts in order), the variants
    ``(chunk, sentence-final)`` in number order, and the text of every occurrence. Numbering hashes the
    chunk strings in C (pandas' factorize), not one Python lookup per chunk.
    """
    found = batch_chunks(texts, [split_sentences(fold(t)) for t in texts]) if texts else []
    sizes = [len(c[0]) for c in found]
    if not sum(sizes):
        return found, np.zeros(0, dtype=np.int64), [], np.zeros(0, dtype=np.int64)
    chunks = np.fromiter(itertools.chain.from_iterable(c[0] for c in found), dtype=object, count=sum(sizes))
    codes, uniques = pd.factorize(chunks)
    vid, keys = pd.factorize(codes.astype(np.int64) * 2 + np.concatenate([c[3] for c in found]))
    variants = [(uniques[k >> 1], bool(k & 1)) for k in keys.tolist()]
    return found, vid.astype(np.int64), variants, np.repeat(np.arange(len(texts)), sizes)
