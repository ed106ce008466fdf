"""Headline attributions: a body that repeats its headline near the top, ending in a speaker.

``Bombs kill 13 pro-Assad fighters: monitor``, ``Aid convoy reaches besieged town, says UN``, and with the
punctuation lost, ``Air raids kill 10 near Syria hospital Monitor``. Only speakers the lexicons know count (a
place or a bare name at a headline's end is no speaker).
"""
from __future__ import annotations

from .actors import code_phrase
from .config import THRESHOLDS, Thresholds
from .extraction import Stmt, _tok_at, _trim
from .lexicon import has
from .speakers import Span, subject_after, subject_before, verb_at
from .text import Doc, Tok, read


def headline_at(doc: Doc, title: str, th: Thresholds = THRESHOLDS) -> int:
    """Where the body repeats its headline near the top (-1 if it does not); sets ``doc.head_end``."""
    title = title.strip().rstrip(".")
    if len(title.split()) < 3:
        return -1
    at = doc.text.find(title, 0, th.headline_search_chars + len(title))
    if at >= 0:
        doc.head_end = _tok_at(doc, at + len(title))
    return at


def headline_statement(doc: Doc, title: str, th: Thresholds = THRESHOLDS) -> Stmt | None:
    """A body that repeats its headline near the top: ``...: Monitor``, ``..., says UN``, ``... state TV``."""
    at = headline_at(doc, title, th)
    if at < 0:
        return None
    title = title.strip().rstrip(".")
    hd = read(title)
    toks = hd.toks
    n = len(toks)
    subj, cut = None, n
    for v in range(n):
        cue = verb_at(toks, v, n)
        if cue is not None and cue.base == "say" and v > 0 and (toks[v - 1].t in ",:-" or v + 1 < n):
            s = subject_after(toks, v + cue.words, n, th)
            if s is not None and s.last == n - 1 and toks[v - 1].t in ",:-–" or (s is not None and s.last == n - 1
                                                                                  and v > 2):
                subj, cut = s, v
    if subj is None:
        colon = max((k for k in range(n) if toks[k].t == ":"), default=-1)
        s = subject_before(toks, n, colon + 1, th) if n else None
        if s is not None and s.last - s.first < th.max_headline_speaker_words:
            subj, cut = _headline_speaker(toks, s), s.first
    if subj is None:
        return None
    a, b = _trim(title, 0, toks[cut - 1].e if cut > 0 else 0)
    if len(title[a:b].split()) < th.min_reported_words:
        return None
    phrase = title[toks[subj.first].s:toks[subj.last].e]
    coding = code_phrase(phrase)
    if coding.rule in ("no lexicon match", "person without a title") or coding.rule.startswith("country") \
            or code_phrase(toks[subj.last].t).rule == "no lexicon match":
        return None         # the speaker's last word must name one ("... Syrian Army Offensive" is no speaker)
    span = Span(_tok_at(doc, at + toks[subj.first].s), _tok_at(doc, at + toks[subj.last].s), None, "headline")
    return Stmt(at + a, at + b, False, ":" if cut < n and toks[cut].t == ":" else "headline", "say", span,
                "headline attribution", -1, doc.toks[span.first].sent if span.first < len(doc.toks) else 0)


def _headline_speaker(toks: list[Tok], s: Span) -> Span:
    """Drop a leading number or place name from a headline's final speaker (``kill 47 in east Syria Monitor``)."""
    first = s.first
    while first < s.last and (toks[first].k.isdigit() or has(toks[first].k, "quant")
                              or code_phrase(toks[first].t).rule.startswith("country")):
        first += 1
    return Span(first, s.last, None, "headline")
