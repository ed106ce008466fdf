"""Finding direct quotes and their attribution (reported speech: :mod:`.reported`; headlines: :mod:`.headline`).

Direct quotes take the speaker of ``"...," X said`` / ``"..." said X`` after them, or of the reporting verb before
them in their sentence (``X said: "..."``; a partial quote inside reported speech, ``Trump called her a "weak
leader"``, takes the reported speaker); a quote standing alone right after an attributed one continues it, also
over a paragraph break. Every scan is bounded.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .config import THRESHOLDS, Thresholds
from .lexicon import has
from .clauses import coordinated_subject, relative_subject
from .speakers import Span, abbrev_dot, subject_after, subject_before, verb_at
from .text import Doc


@dataclass
class Stmt:
    """A statement before its speaker is resolved and coded."""

    start: int
    end: int
    direct: bool
    cue: str = ""
    verb: str = ""
    speaker: Span | None = None
    how: str = ""
    verb_tok: int = -1
    sent: int = 0
    follows: bool = False       # continues the previous statement (same speaker)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",:;-\"“”«»"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",.:;!?-\"“”«»"):
        b -= 1
    return a, b


def _tok_at(doc: Doc, pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    return bisect_left(doc.starts, pos)


def _sent_range(doc: Doc, ti: int) -> tuple[int, int]:
    if ti >= len(doc.toks):
        return len(doc.toks), len(doc.toks)
    return doc.sent_toks[doc.toks[ti].sent]


def _after_quote(doc: Doc, ti: int, th: Thresholds) -> tuple[Span, int] | None:
    """``"...," he said`` / ``"..." said Abdel Rahman``: a speaker and verb right after a quote."""
    toks = doc.toks
    if ti >= len(toks) or ti == 0 or toks[ti].sent != toks[ti - 1].sent:
        return None         # the quote ended its sentence
    lo, hi = _sent_range(doc, ti)
    hi = min(hi, ti + th.max_words_after_quote)
    i = ti + (1 if ti < hi and toks[ti].t == "," else 0)
    if i >= hi or toks[i].quote >= 0:
        return None
    cue = verb_at(toks, i, hi)
    if cue is not None and cue.kind == "according":
        subj = subject_after(toks, i + cue.words, hi + th.max_speaker_words, th)    # '"...," according to X'
        return (subj, i) if subj else None
    if cue is not None and cue.kind == "verb":
        if not has(cue.base, "inverts"):
            return None
        subj = subject_after(toks, i + cue.words, hi + th.max_speaker_words, th)
        return (subj, i) if subj else None
    for v in range(i + 1, hi):
        if toks[v].quote >= 0 or toks[v].t == ";" or (toks[v].t == "." and not abbrev_dot(toks, v)):
            return None
        cue = verb_at(toks, v, hi)
        if cue is not None and cue.kind in ("verb", "participle"):
            subj = subject_before(toks, v, i, th)
            return (subj, v) if subj is not None and subj.first == i else None
    return None


def _before_quote(doc: Doc, ti: int, th: Thresholds) -> tuple[Span, int] | None:
    """``X said: "..."`` / ``X called her a "..."``: the nearest reporting verb before a quote in its sentence."""
    toks = doc.toks
    lo, _ = _sent_range(doc, ti)
    for v in range(ti - 1, max(lo, ti - th.max_words_before_quote) - 1, -1):
        if toks[v].quote >= 0:
            continue
        cue = verb_at(toks, v, ti)
        if cue is None or cue.kind == "according" or (v > lo and has(toks[v - 1].k, "passive")):
            continue
        if cue.kind == "participle" or toks[v].k.endswith("ing") or (v > lo and toks[v - 1].k in ("and", "but")):
            subj = coordinated_subject(toks, v, lo, th)     # "X denied it, calling the reports 'baseless'"
        else:
            subj = subject_before(toks, v, lo, th) or relative_subject(toks, v, lo, th)
            if subj is None and cue.kind != "describe":
                subj = subject_after(toks, v + cue.words, ti, th)
        if subj is not None:
            return subj, v
        if cue.kind != "describe":
            return None
    return None


def direct_statements(doc: Doc, th: Thresholds = THRESHOLDS) -> list[Stmt]:
    """Quotes (grouped over paragraphs) with their attribution; scare quotes without a speaker dropped."""
    out: list[Stmt] = []
    groups: dict[int, list] = {}
    for q in doc.quotes:
        groups.setdefault(q.group, []).append(q)
    for g in groups.values():
        first, last = g[0], g[-1]
        cs, ce = _trim(doc.text, first.cs, last.ce)
        if ce <= cs:
            continue
        ti_open, ti_after = _tok_at(doc, first.qs), _tok_at(doc, last.qe)
        st = Stmt(cs, ce, True, sent=doc.toks[min(ti_open, len(doc.toks) - 1)].sent if doc.toks else 0)
        found, how = _after_quote(doc, ti_after, th), "quote, speaker after"
        if found is None:
            found, how = _before_quote(doc, ti_open, th), "quote, speaker before"
        if found is not None:
            st.speaker, st.verb_tok, st.how = found[0], found[1], how
            cue = verb_at(doc.toks, found[1], len(doc.toks))
            if how.endswith("before") and cue.kind != "describe" and not adjacent(doc, st) \
                    and len(doc.text[cs:ce].split()) < th.min_quote_words:
                continue        # a short phrase quoted inside someone's reported speech stays part of it
            st.cue, st.verb = " ".join(t.t for t in doc.toks[found[1]:found[1] + cue.words]), cue.base
        elif _opens_sentence(doc, ti_open):
            st.follows, st.how = True, "quote continuing the previous speaker's"   # kept if one comes just before
        else:
            continue
        ended = [q.ended for q in g if q.ended]
        if ended:
            st.how += f"; unclosed quote, ended at {ended[-1]}"
        out.append(st)
    return out


def _opens_sentence(doc: Doc, ti: int) -> bool:
    lo, _ = _sent_range(doc, ti)
    return ti - lo <= 2 and not any(doc.toks[k].word for k in range(lo, ti))


def keep_continuations(doc: Doc, stmts: list[Stmt], th: Thresholds = THRESHOLDS) -> list[Stmt]:
    """Unattributed quotes stay only right after another statement (whose speaker they continue)."""
    out: list[Stmt] = []
    for st in sorted(stmts, key=lambda s: s.start):
        if st.follows and not (out and _continues(doc, st, out[-1], th)):
            continue
        if st.follows:
            st.cue, st.verb = out[-1].cue, out[-1].verb
        out.append(st)
    return out


def adjacent(doc: Doc, s: Stmt) -> bool:
    """Whether a quote's verb introduces only the quote (``X said: "..."``, ``X said in a statement that "..."``)."""
    if s.verb_tok < 0:
        return False
    between = doc.text[doc.toks[s.verb_tok].e:s.start].strip(" \"“”«»„\n")
    words = between.split()
    return len(words) <= 5 and (not words or between.endswith((":", ",")) or words[-1].lower() == "that")


def _continues(doc: Doc, st: Stmt, before: Stmt, th: Thresholds) -> bool:
    """Whether a quote opening its sentence is close enough after the statement before it to continue it."""
    if before.start >= st.start:
        return False
    b_tok = doc.toks[min(_tok_at(doc, before.end), len(doc.toks) - 1)]
    here = doc.toks[min(_tok_at(doc, st.start), len(doc.toks) - 1)]
    if len(doc.text[st.start:st.end].split()) < th.min_quote_words:
        # a short quote ('"None whatsoever."') only right after a quote of the same paragraph
        return before.direct and here.sent - b_tok.sent <= 1 and here.para == b_tok.para
    return (here.sent - b_tok.sent <= th.max_continuation_sentences
            and here.para - b_tok.para <= th.max_continuation_paragraphs)
