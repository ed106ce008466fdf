"""The whitespace chunks of many texts at once, with their offsets, sentences and sentence-final flags."""
from __future__ import annotations

import re

import numpy as np

__all__ = ["batch_chunks", "sentence_chunks"]

_CHUNK = re.compile(r"\S+")
#: True at the code points ``str.split`` and ``\\s`` treat as whitespace (all of them are below U+3001).
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3001)] + [False], dtype=bool)

Chunks = tuple  # (chunk strings, start offsets, sentence numbers, sentence-final flags) of one text


def sentence_chunks(text: str, spans: list[tuple[int, int]]) -> Chunks:
    """The whitespace chunks of one text, sentence by sentence (for texts where Punkt splits inside a
    chunk, ``said."The``)."""
    chunks, st, sn, ls = [], [], [], []
    for k, (s0, s1) in enumerate(spans):
        ms = list(_CHUNK.finditer(text, s0, s1))
        chunks.extend(m.group() for m in ms)
        st.extend(m.start() for m in ms)
        sn.extend([k] * len(ms))
        ls.extend([False] * (len(ms) - 1) + [True] if ms else [])
    return chunks, np.asarray(st, dtype=np.int64), np.asarray(sn, dtype=np.int64), np.asarray(ls, dtype=bool)


def _whitespace_runs(joined: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the non-whitespace runs of ``joined`` (a NumPy mask, C speed)."""
    code = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    space = _IS_SPACE[np.minimum(code, 0x3001)]
    starts = np.flatnonzero(~space & np.concatenate(([True], space[:-1])))
    ends = np.flatnonzero(~space & np.concatenate((space[1:], [True]))) + 1
    return starts, ends


def batch_chunks(texts: list[str], spans: list[list[tuple[int, int]]]) -> list[Chunks]:
    """Per text: its chunk strings, start offsets, sentence numbers and sentence-final flags.

    One pass over the texts joined by newlines: ``str.split`` for the strings and a NumPy whitespace
    mask for the offsets (both C speed, the same definition of whitespace). A text where a sentence
    boundary cuts a chunk is chunked sentence by sentence (:func:`sentence_chunks`).
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
    first = np.searchsorted(text_of, np.arange(len(texts) + 1), side="left")
    out = []
    for i, text in enumerate(texts):
        a, b = int(first[i]), int(first[i + 1])
        if i in bad:
            out.append(sentence_chunks(text, spans[i]))
        else:
            out.append((chunks[a:b], starts[a:b] - t_off[i], s_local[sent[a:b]], last[a:b]))
    return out
