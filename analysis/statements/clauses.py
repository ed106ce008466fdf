"""Speakers found through a clause: before a relative clause (*The Observatory which relies on ... says*) and the
subject of an earlier or coordinated verb (*X said ... and added*, *..., adding that*). Bounded scans, as in
:mod:`.speakers`."""
from __future__ import annotations

from .config import THRESHOLDS, Thresholds
from .lexicon import has
from .speakers import Span, _heads, _role_word, subject_after, subject_before, verb_at
from .text import Tok


def relative_subject(toks: list[Tok], v: int, lo: int, th: Thresholds = THRESHOLDS) -> Span | None:
    """``The Observatory which relies on a network of sources says``: the phrase before a relative clause."""
    for r in range(v - 1, max(lo, v - th.max_words_before_quote // 2) - 1, -1):
        reduced = toks[r].k.endswith("ing") and not toks[r].cap and r > lo and toks[r - 1].k in _heads()
        if (toks[r].k in ("which", "who", "speaking") or reduced or toks[r].k == "that" and toks[r - 1].cap) \
                and r > lo:     # "a group tracking the violence said": a reduced relative clause too
            subj = subject_before(toks, r, lo, th)
            if subj is not None and (toks[subj.last].cap or toks[subj.last].k in _heads()):
                return Span(subj.first, subj.last, subj.appos, "relative clause skipped")
            return None
    return None


def coordinated_subject(toks: list[Tok], v: int, lo: int, th: Thresholds = THRESHOLDS) -> Span | None:
    """``X said ... and added`` / ``X did not say ... but said`` / ``..., adding``: the earlier verb's subject;
    with no reporting verb before, the sentence's own subject when it names a speaker (``The Observatory relies
    on sources and says ...``, ``The monitor gave a toll of 48 dead adding that ...``)."""
    for pv in range(v - 1, max(lo, v - th.max_words_before_quote) - 1, -1):
        cue = verb_at(toks, pv, v)
        if cue is not None and cue.kind == "verb" and toks[pv].quote < 0:
            subj = subject_before(toks, pv, lo, th, negation=True)
            if subj is None and has(cue.base, "inverts"):
                subj = subject_after(toks, pv + cue.words, v, th)      # "... said the Observatory adding that"
                subj = subj if subj is not None and subj.last + 1 >= v - 1 else None
            if subj is not None:
                return Span(subj.first, subj.last, subj.appos, "coordinated")
    if v - lo <= th.max_words_before_quote:
        subj = subject_after(toks, lo, v, th)
        if subj is not None and subj.last + 1 < v and (toks[subj.last].k in _heads() or toks[subj.last].t.isupper()
                                                       or _role_word(toks[subj.last].k)):
            return Span(subj.first, subj.last, subj.appos, "coordinated")
    return None
