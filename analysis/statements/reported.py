"""Reported speech: ``X said (that) ...``, ``... X said``, ``..., said X``, ``according to X, ...``, ``X quoted Y as
saying ...``, ``..., adding that ...``; one statement per ``and that`` clause. Every scan is bounded (a clause ends
at the sentence's end, at a new reporting clause or after ``Thresholds.max_content_words``).
"""
from __future__ import annotations

from .actors import code_phrase
from .config import THRESHOLDS, Thresholds
from .extraction import Stmt, _trim
from .lexicon import has
from .clauses import coordinated_subject, relative_subject
from .speakers import Span, subject_after, subject_before, verb_at
from .text import Doc, Tok

_CLAUSE_SKIP = frozenset({"that", ",", ":", "-"})
_SUBORDINATE = frozenset({"as", "while", "when", "after", "before", "because", "amid", "since", "although", "though",
                          "whereas", "despite"})
_AFTER_PREP = frozenset({"alongside", "at", "during", "from", "with", "to", "before", "after", "without", "near",
                         "in", "on", "while", "upon", "outside", "inside", "ahead"})
_INTRO = frozenset({"in", "on", "at", "after", "before", "during", "speaking", "but", "and", "meanwhile", "earlier",
                    "later", "also", "however", "according", "while", "as", "when"})



def _skip_intro(toks: list[Tok], k: int, hi: int, base: str, th: Thresholds) -> int:
    """Skip what stands between a verb and its content: listeners, venues, times, "that"."""
    if base in ("tell", "assure", "inform") and k < hi:
        lst = subject_after(toks, k, hi, th)
        if lst is not None and lst.last - lst.first < th.max_listener_words:
            k = lst.last + 1
        elif has(toks[k].k, "det"):         # "told a diplomatic forum in Seoul": up to its "that", if any
            that = next((j for j in range(k, min(hi, k + th.max_listener_words + 3)) if toks[j].k == "that"), -1)
            k = that + 1 if that >= 0 else min(hi, k + th.max_listener_words)
    for _ in range(3):
        start = k
        while k < hi and (toks[k].t in _CLAUSE_SKIP or has(toks[k].k, "time") or _date_number(toks, k)
                          or has(toks[k].k, "listener")):
            k += 1
        if k < hi and toks[k].k in ("in", "on", "at", "during", "via", "through") and k + 1 < hi:
            j = k + 1
            while j < hi and j - k <= th.max_venue_words and not has(toks[j].k, "venue"):
                j += 1
            if j < hi and has(toks[j].k, "venue"):
                k = j + 1
        if k < hi and toks[k].k in _AFTER_PREP | {"by", "over"}:
            that = next((j for j in range(k + 1, min(hi, k + th.max_venue_words + 1)) if toks[j].k == "that"), -1)
            if that > 0 and all(verb_at(toks, j, hi) is None for j in range(k, that)):
                k = that + 1    # "told The Associated Press by telephone that ..."
        if k == start:
            break
    return k


def _breaks(toks: list[Tok]) -> list[int]:
    """For each token, the first token at or after it where a new reporting clause starts (``, adding``,
    ``according to``, ``and that``, ``and said``): one backward pass over the text."""
    n = len(toks)
    out = [n] * (n + 1)
    for j in range(n - 1, -1, -1):
        out[j] = j if _breaks_at(toks, j, n) else out[j + 1]
    return out


def _breaks_at(toks: list[Tok], j: int, n: int) -> bool:
    if toks[j].quote >= 0 or j == 0:
        return False
    cue = verb_at(toks, j, n)
    participle = cue is not None and (cue.kind == "participle" or cue.kind == "describe" and toks[j].k.endswith("ing"))
    if cue is not None and (participle or cue.kind == "according"):
        if cue.kind == "according" or toks[j - 1].t == "," or toks[j - 1].k == "and" \
                or (j + 1 < n and toks[j + 1].k == "that"):
            return True         # "..., adding that", "and suggesting", "calling them"
    if toks[j].t == "," and j + 1 < n and toks[j + 1].k in ("while", "whereas", "but"):
        return True             # "..., while the White House declined to comment"
    if toks[j].k in ("and", "but") and j + 1 < n and toks[j + 1].quote < 0:
        if toks[j + 1].k == "that":
            return True         # "said A and that B": two statements
        nxt = verb_at(toks, j + 1, n)
        return nxt is not None and nxt.kind == "verb"
    return False


def _clause_end(doc: Doc, k: int, hi: int, th: Thresholds = THRESHOLDS) -> int:
    """Where reported content starting at ``k`` ends: the sentence's end, a new reporting clause, or the longest
    content a statement may have."""
    if doc.breaks is None:
        doc.breaks = _breaks(doc.toks)
    return min(hi, k + th.max_content_words, doc.breaks[k + 1] if k + 1 < len(doc.breaks) else hi)


def _content_words(doc: Doc, a: int, b: int) -> int:
    return len(doc.text[a:b].split())


def _speaker_of(doc: Doc, i: int, cue, lo: int, hi: int, th: Thresholds) -> tuple[Span | None, bool]:
    """(speaker, inverted) of the reporting verb at ``i``."""
    toks, end_cue = doc.toks, i + cue.words
    if cue.kind == "participle" or (i > lo and toks[i - 1].k in ("and", "but")):
        # "..., adding", "adding that": always; "X said A urging B" (no comma): only after a reporting verb,
        # and never "claiming the lives of" (a participle that also means something else)
        if cue.kind == "participle" and cue.base == "claim" and not (
                toks[i - 1].t == "," or (end_cue < hi and toks[end_cue].k == "that")):
            return None, False
        return coordinated_subject(toks, i, lo, th), False
    subj = subject_before(toks, i, lo, th)
    inv = _inverted(toks, end_cue, hi, th) if cue.kind == "verb" and i > lo and has(cue.base, "inverts") else None
    if inv is not None and (subj is None or _named(doc, inv)):
        return inv, True        # "... two soldiers said Observatory director Abdel Rahman."
    if subj is None and cue.kind == "verb":
        return relative_subject(toks, i, lo, th), False
    return subj, False


def _reported_at(doc: Doc, i: int, lo: int, hi: int, th: Thresholds) -> list[Stmt]:
    """Reported speech around the cue at token ``i`` of the sentence ``lo..hi`` (``and that`` clauses apart)."""
    toks = doc.toks
    cue = verb_at(toks, i, hi)
    if cue is None or cue.kind == "describe":
        return []
    end_cue = i + cue.words
    if cue.kind == "according":
        st = _according(doc, i, end_cue, lo, hi, th)
        return [st] if st else []
    if i > lo and (has(toks[i - 1].k, "passive") or toks[i - 1].k in ("to", "as") or has(toks[i - 1].k, "det")):
        return []       # "was reported", "to say", "the claims", "quoted X as saying" (taken with "quoted")
    if cue.base == "claim" and any(t.k == "lives" for t in toks[end_cue:end_cue + 2]):
        return []       # "the attack claimed the lives of 18 civilians"
    subj, inverted = _speaker_of(doc, i, cue, lo, hi, th)
    if subj is None or _possessive_subject(doc, subj):
        return []
    if cue.kind == "quoting" or (cue.kind == "verb" and _as_saying(toks, i + cue.words, hi, th)):
        st = _quoting(doc, i, subj, hi, th)
        return [st] if st else []
    st = Stmt(0, 0, False, " ".join(t.t for t in toks[i:end_cue]), cue.base, subj, "", i, toks[i].sent)
    k = subj.last + 1 if inverted else _skip_intro(toks, end_cue, hi, cue.base, th)
    if not inverted and not _content_before(doc, subj, k, lo, th):
        out = _clauses(doc, st, k, hi, th)
        if out:
            return out
    first = subj.first if not inverted else i
    lo = max(lo, doc.head_end) if doc.head_end <= first else lo
    lo = max(lo, first - th.max_content_words)
    a, b = _trim(doc.text, toks[lo].s, toks[first - 1].e) if first > lo else (0, 0)
    if _content_words(doc, a, b) >= th.min_reported_words:
        st.start, st.end, st.how = a, b, "reported, verb after the content"
        return [st]
    return []


def _possessive_subject(doc: Doc, subj: Span) -> bool:
    """``Assads declared stockpiles``, ``Aljaafaris claims`` (apostrophes lost): a possessive, not a speaker."""
    if subj.first != subj.last:
        return False
    t = doc.toks[subj.first]
    if not (t.cap and t.k.endswith("s") and len(t.k) > 3) or t.t.isupper() or t.k.endswith("ss"):
        return False
    if doc.cap_words is None:
        doc.cap_words = {x.k for x in doc.toks if x.cap}
    return t.k[:-1] in doc.cap_words or has(t.k[:-1], "time")


def _date_number(toks: list[Tok], k: int) -> bool:
    """A number that belongs to a date ("on March 12", "12 March 2016"), not to the content ("10 children")."""
    return toks[k].k.isdigit() and (k > 0 and has(toks[k - 1].k, "time") or k + 1 < len(toks)
                                    and has(toks[k + 1].k, "time") and toks[k + 1].cap)


def _content_before(doc: Doc, subj: Span, k: int, lo: int, th: Thresholds) -> bool:
    """``Forces took villages in the south state media said on Saturday part of a campaign ...``: without commas,
    a speaker after a whole clause, with only a time and no "that" after its verb, closes that clause."""
    toks = doc.toks
    if subj.first - lo < th.min_reported_words or subj.how == "coordinated":
        return False
    if k < len(toks) and toks[k].sent == toks[subj.first].sent:
        cue = verb_at(toks, k, len(toks))
        if (cue is not None and cue.kind in ("participle", "according")) or toks[k].k in _SUBORDINATE \
                or (toks[k].k in _AFTER_PREP and not any(t.k == "that" for t in toks[k:k + 6])):
            return True         # "... SANA reported noting that", "... activists reported as", "Kerry said alongside"
    if subj.first - lo < th.min_clause_words or toks[lo].k in _INTRO:
        return False
    if has(toks[subj.first - 1].k, "time") and toks[subj.first - 1].cap:
        return True             # "... suburbs of Damascus on Thursday activists said keeping up pressure"
    j = k - 1
    return j >= 0 and (has(toks[j].k, "time") or _date_number(toks, j)) and toks[j].k not in ("that",)


def _clauses(doc: Doc, st: Stmt, k: int, hi: int, th: Thresholds) -> list[Stmt]:
    """The reported content after a verb, one statement per ``and that`` / ``but that`` clause."""
    toks, out = doc.toks, []
    while k < hi:
        end = _clause_end(doc, k, hi)
        a, b = _trim(doc.text, toks[k].s, toks[end - 1].e) if k < end else (0, 0)
        if _content_words(doc, a, b) < th.min_reported_words:
            break
        out.append(Stmt(a, b, False, st.cue, st.verb, st.speaker, "reported, speaker before the verb",
                        st.verb_tok, st.sent))
        if not (end + 1 < hi and toks[end].k in ("and", "but") and toks[end + 1].k == "that"):
            break
        k = end + 2
    return out


def _named(doc: Doc, span: Span) -> bool:
    """Whether a phrase names a speaker the lexicons know (or a person), not just any noun phrase."""
    phrase = doc.text[doc.toks[span.first].s:doc.toks[span.last].e]
    return code_phrase(phrase).rule != "no lexicon match" or len(phrase.split()) == 1 and phrase.lower() in (
        "he", "she", "they")


def _inverted(toks: list[Tok], k: int, hi: int, th: Thresholds) -> Span | None:
    """``... said the ministry.``: a speaker after the verb that closes the clause."""
    subj = subject_after(toks, k, hi, th)
    if subj is None:
        return None
    j = subj.last + 1 if subj.appos is None else subj.appos[1] + 1
    while j < hi and (has(toks[j].k, "time") or toks[j].k.isdigit()):
        j += 1
    if j >= hi or toks[j].t in ".;!?" or toks[j].t == "," or has(toks[j].k, "venue") or toks[j].k in ("in", "and"):
        return subj
    if toks[j].k in ("a", "an") and any(t.k in ("group", "monitor", "agency", "organisation", "organization")
                                         or has(t.k, "generic") for t in toks[j + 1:j + 4]):
        return subj             # "... said the Observatory a Britain-based group which ..."
    nxt = verb_at(toks, j, hi)
    if nxt is not None and nxt.kind == "participle":
        return subj             # "... said the Observatory adding that ..."
    return None


def _according(doc: Doc, i: int, k: int, lo: int, hi: int, th: Thresholds) -> Stmt | None:
    toks = doc.toks
    subj = subject_after(toks, k, hi, th)
    if subj is None:
        return None
    st = Stmt(0, 0, False, " ".join(t.t for t in toks[i:k]), "according to", subj, "according to", i, toks[i].sent)
    lo = max(lo, doc.head_end) if doc.head_end <= i else lo
    lo = max(lo, i - th.max_content_words)
    if any(t.word for t in toks[max(lo, i - 3):i]) and not toks[i].cap:      # "According to X, ..." opens a clause
        a, b = _trim(doc.text, toks[lo].s, toks[i - 1].e)
    else:
        c = subj.last + 1 if subj.appos is None else subj.appos[1] + 1
        end = _clause_end(doc, c, hi)
        a, b = _trim(doc.text, toks[c].s, toks[end - 1].e) if c < end else (0, 0)
    if _content_words(doc, a, b) < th.min_reported_words:
        return None
    st.start, st.end = a, b
    return st


def _as_saying(toks: list[Tok], k: int, hi: int, th: Thresholds) -> bool:
    """``Reuters reported residents and rescue workers as saying ...``: the reported ones are the speakers."""
    subj = subject_after(toks, k, hi, th)
    return subj is not None and subj.last + 2 < hi and toks[subj.last + 1].k == "as" \
        and toks[subj.last + 2].k in ("saying", "telling")


def _quoting(doc: Doc, i: int, reporter: Span, hi: int, th: Thresholds) -> Stmt | None:
    """``Reuters quoted a military source as saying ...``: the quoted one is the speaker."""
    toks = doc.toks
    subj = subject_after(toks, i + 1, hi, th)
    if subj is None or not (subj.last + 2 < hi and toks[subj.last + 1].k == "as"):
        return None
    k = _skip_intro(toks, subj.last + 3, hi, "say", th)
    end = _clause_end(doc, k, hi) if k < hi else hi
    a, b = _trim(doc.text, toks[k].s, toks[end - 1].e) if k < end else (0, 0)
    if _content_words(doc, a, b) < th.min_reported_words:
        return None
    return Stmt(a, b, False, f"{toks[i].t} ... as saying", "say", subj, "quoted as saying", i, toks[i].sent)


def reported_statements(doc: Doc, quote_verbs: set[int], th: Thresholds = THRESHOLDS) -> list[Stmt]:
    """Reported speech, sentence by sentence, skipping verbs that attribute a quote right beside them."""
    out: list[Stmt] = []
    for lo, hi in doc.sent_toks:
        for i in range(lo, hi):
            t = doc.toks[i]
            if t.quote >= 0 or i in quote_verbs or not t.word:
                continue
            out.extend(_reported_at(doc, i, lo, hi, th))
    return out
