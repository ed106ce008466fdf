"""Who said what: reported statements, their speakers, and whether the speaker is military or government.

Three layers, each rule-based and explainable:

1. **Statements.** Direct quotes (“…”, "…", mixed marks, quotes continued across paragraphs; never
   crashing on unbalanced marks) and reported speech (``X said (that) …``, ``X denied …``,
   ``…, X said.``, ``according to X, …``). Short quotes inside someone else's sentence (the scene of
   the "last big fight") stay part of that statement instead of becoming their own.
2. **Speakers.** The subject of the reporting verb, with titles and appositions (``Staff Major General
   Noman Abed al-Zobai, the commander of the 7th Division`` → ``Noman Abed al-Zobai``), collective
   speakers (``the US-led coalition``) and references within the article (``the army``, ``the
   statement``, ``it`` → the most recent compatible speaker).
3. **Speaker type.** ``military``, ``government`` or ``other`` from a role lexicon modelled on CAMEO
   actor codes, shipped as ``analysis/data/roles.csv`` (the longest matching term wins; policy: a
   defence minister is government, a military spokesman military). Extend it with :func:`load_roles`.

Measured on hand-annotated passages by ``benchmarks/statements.py`` (figures in the README).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ._parallel import with_progress
from .describe import article_texts
from .paths import package_data
from .tokenize import fold, sentence_spans, tokenize

__all__ = ["extract_statements", "load_roles", "type_speaker", "compare_wording", "wording_profile",
           "reporting_verbs", "STATEMENT_COLUMNS", "HEDGES", "MODALS", "ADVERSARY_TERMS"]

STATEMENT_COLUMNS = ["article_id", "text", "start", "end", "direct", "verb", "speaker", "speaker_start",
                     "speaker_end", "speaker_canonical", "speaker_type", "rule"]

# reporting verbs: surface form -> base form
_VERBS = {
    "said": "say", "says": "say", "say": "say", "told": "tell", "tells": "tell", "denied": "deny", "denies": "deny",
    "deny": "deny", "affirmed": "affirm", "affirms": "affirm", "announced": "announce", "announces": "announce",
    "stressed": "stress", "stresses": "stress", "warned": "warn", "warns": "warn", "added": "add", "adds": "add",
    "confirmed": "confirm", "confirms": "confirm", "claimed": "claim", "claims": "claim", "stated": "state",
    "states": "state", "noted": "note", "notes": "note", "insisted": "insist", "insists": "insist",
    "reported": "report", "urged": "urge", "urges": "urge", "accused": "accuse", "accuses": "accuse",
    "vowed": "vow", "vows": "vow", "pledged": "pledge", "pledges": "pledge", "explained": "explain",
    "explains": "explain", "acknowledged": "acknowledge", "acknowledges": "acknowledge", "argued": "argue",
    "argues": "argue", "declared": "declare", "declares": "declare", "emphasized": "emphasise",
    "emphasised": "emphasise", "emphasizes": "emphasise", "emphasises": "emphasise", "asserted": "assert",
    "asserts": "assert", "alleged": "allege", "revealed": "reveal", "reveals": "reveal", "indicated": "indicate",
    "threatened": "threaten", "promised": "promise", "promises": "promise", "predicted": "predict",
    "estimated": "estimate", "estimates": "estimate", "admitted": "admit", "admits": "admit",
    "conceded": "concede", "replied": "reply", "responded": "respond", "wrote": "write", "writes": "write",
    "tweeted": "tweet", "maintained": "maintain", "maintains": "maintain",
    "demanded": "demand", "demands": "demand", "asked": "ask", "asks": "ask", "recalled": "recall",
    "underlined": "underline", "underscored": "underscore", "reiterated": "reiterate", "reiterates": "reiterate",
    "condemned": "condemn", "condemns": "condemn", "rejected": "reject", "rejects": "reject",
}
# participles that report the main clause's speaker: ", adding that …", ", saying …"
_PARTICIPLES = {"adding": "add", "saying": "say", "stressing": "stress", "warning": "warn", "noting": "note",
                "insisting": "insist", "claiming": "claim", "explaining": "explain", "affirming": "affirm",
                "denying": "deny", "stating": "state", "arguing": "argue", "emphasizing": "emphasise",
                "emphasising": "emphasise", "urging": "urge", "accusing": "accuse", "vowing": "vow"}
_CALLED_FOR = {"called": "call for", "calls": "call for", "call": "call for"}
_AUX = {"has", "have", "had", "also", "then", "later", "earlier", "further", "again", "previously", "reportedly",
        "would", "will", "did", "does", "do", "repeatedly", "officially", "publicly", "separately", "once",
        "already", "recently", "subsequently", "flatly", "categorically", "strongly", "firmly", "not",
        "is", "was", "were", "are", "being", "been"}
_TIME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
         "tonight", "morning", "evening", "night", "afternoon", "week", "month", "year", "last", "this", "early",
         "late", "on", "january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"}
_BOUNDARY = {"that", "which", "who", "whom", "whose", "and", "but", "while", "as", "after", "before", "when",
             "because", "if", "although", "though", "since", "where", "whereas", "so", "or", "nor", "than",
             "in", "on", "at", "from", "by", "with", "for", "to", "into", "during", "about", "over", "under",
             "against", "between", "without", "within", "through", "across", "near", "amid", "despite",
             "is", "was", "were", "are", "be", "been", "it's", "there", "here", "not", "also", "what", "how",
             "why", "said", "told", "says", "say"}
_PRONOUNS = {"he": "person", "she": "person", "it": "thing", "they": "plural", "we": "plural", "i": "person"}
_REFERENCE_HEADS = {"statement", "communique", "communiqué", "spokesman", "spokeswoman", "spokesperson",
                    "source", "sources", "command", "army", "ministry", "coalition", "military", "government",
                    "presidency", "office", "agency", "group", "forces", "official", "officials", "minister",
                    "president", "commander", "general", "police", "cabinet", "embassy", "department"}
_TITLE_WORDS = {"president", "prime", "minister", "ministers", "foreign", "defence", "defense", "interior",
                "general", "major", "staff", "lieutenant", "colonel", "brigadier", "captain", "commander",
                "sergeant", "admiral", "spokesman", "spokeswoman", "king", "queen", "prince", "crown", "sheikh",
                "emir", "mr", "mrs", "ms", "dr", "gen", "maj", "col", "lt", "brig", "capt", "sgt", "sen", "rep",
                "gov", "governor", "mayor", "secretary", "ambassador", "chief", "head", "deputy", "vice", "senior",
                "director", "leader", "speaker", "judge", "former", "acting", "army", "military", "state",
                "lebanese", "iraqi", "syrian", "us", "u.s.", "american", "iranian", "israeli", "saudi", "turkish",
                "russian", "egyptian", "jordanian", "kurdish", "british", "french", "german", "chinese", "yemeni",
                "palestinian", "emirati", "qatari", "kuwaiti", "libyan", "sudanese", "afghan", "pakistani"}
_WORD = re.compile(r"[\w][\w'’.\-]*[\w]|[\w]|[,;:()\"“”«»„]")
_QUOTES_OPEN = "“„«"
_QUOTES_CLOSE = "”»"

#: Hedges and modal verbs counted by :func:`wording_profile` (lower-case, whole words).
HEDGES = ("reportedly", "allegedly", "possibly", "probably", "likely", "apparently", "estimated", "around",
          "about", "approximately", "some", "perhaps", "appears", "appear", "seems", "seem", "believed",
          "suggest", "suggests", "unconfirmed", "rumors", "rumours", "claimed", "alleged", "alleging")
MODALS = ("can", "could", "may", "might", "must", "shall", "should", "will", "would")
#: How each side names the adversary: label -> words/phrases (lower-case).
ADVERSARY_TERMS = {
    "terrorists": ("terrorist", "terrorists", "terrorism", "terror"),
    "militants": ("militant", "militants", "fighters", "gunmen", "insurgents", "rebels"),
    "ISIS": ("isis", "isil", "daesh", "islamic state"),
    "armed groups": ("armed groups", "armed group", "armed persons", "armed men", "infiltrators"),
    "extremists": ("extremist", "extremists", "jihadists", "jihadist"),
}


# ---------------------------------------------------------------------------------------------
# role lexicon
@dataclass(frozen=True)
class _Role:
    term: str
    type: str
    cameo: str
    pattern: re.Pattern


def load_roles(path: str | Path | None = None, *, extend: bool = True) -> tuple[_Role, ...]:
    """The role lexicon: the shipped ``analysis/data/roles.csv``, extended (or replaced) by your CSV.

    Your CSV needs ``term`` and ``type`` columns (``military``, ``government`` or ``other``) and may
    have ``cameo``; its terms override shipped ones with the same spelling.

    >>> roles = load_roles()
    >>> type_speaker("Iraqi Prime Minister Haider al-Abadi", roles=roles)[:2]
    ('government', "lexicon 'prime minister' (GOV)")
    """
    frames = []
    if extend or path is None:
        frames.append(pd.read_csv(package_data("roles.csv"), comment="#", keep_default_na=False))
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"{p}: role lexicon not found")
        extra = pd.read_csv(p, comment="#", keep_default_na=False)
        missing = {"term", "type"} - set(extra.columns)
        if missing:
            raise ValueError(f"{p}: role lexicon needs columns term and type (missing: {', '.join(sorted(missing))})")
        bad = set(extra["type"]) - {"military", "government", "other"}
        if bad:
            raise ValueError(f"{p}: unknown speaker type(s) {sorted(bad)}; use military, government or other")
        frames.append(extra)
    table = pd.concat(frames, ignore_index=True)
    if "cameo" not in table.columns:
        table["cameo"] = ""
    table["term"] = table["term"].astype(str).str.strip().str.lower()
    table = table[table["term"] != ""].drop_duplicates("term", keep="last")
    return tuple(_Role(t, ty, c or "", re.compile(r"(?<![\w-])" + re.escape(t) + r"(?![\w])"))
                 for t, ty, c in zip(table["term"], table["type"], table["cameo"].astype(str)))


@lru_cache(maxsize=1)
def _default_roles() -> tuple[_Role, ...]:
    return load_roles()


def type_speaker(phrase: str, *, roles: Sequence[_Role] | None = None) -> tuple[str, str, str]:
    """``(type, rule, term)`` of a speaker phrase: the longest lexicon term in it wins (ties: the rightmost).

    >>> type_speaker("the US-led coalition")[0], type_speaker("Defence Minister Ali")[0]
    ('military', 'government')
    >>> type_speaker("a resident")[0], type_speaker("Mr Smith")[1]
    ('other', 'no lexicon match')
    """
    roles = roles if roles is not None else _default_roles()
    low = fold(phrase).lower().replace("’", "'")
    best = None
    for role in roles:
        for m in role.pattern.finditer(low):
            key = (len(role.term.split()), m.start())
            if best is None or key > best[0]:
                best = (key, role)
    if best is None:
        return "other", "no lexicon match", ""
    role = best[1]
    return role.type, f"lexicon '{role.term}' ({role.cameo})" if role.cameo else f"lexicon '{role.term}'", role.term


# ---------------------------------------------------------------------------------------------
# quotes
@dataclass
class _Quote:
    qs: int          # offset of the opening mark
    qe: int          # offset after the closing mark (or paragraph end)
    cs: int          # content start
    ce: int          # content end
    closed: bool
    para: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _quotes(text: str) -> list[_Quote]:
    """Pair quote marks paragraph by paragraph; an unclosed quote ends at its paragraph's end."""
    out: list[_Quote] = []
    for pi, (a, b) in enumerate(_paragraphs(text)):
        open_at = None
        for i in range(a, b):
            c = text[i]
            if c not in '"“”«»„':
                continue
            if open_at is None:
                # a closing-style mark that follows a word is a stray (or an ISIS’-type apostrophe); skip it
                if c in _QUOTES_CLOSE and i > a and text[i - 1].isalnum() and (i + 1 >= b or not text[i + 1].isalnum()):
                    continue
                open_at = i
            else:
                if c in _QUOTES_OPEN and not (i + 1 < b and text[i + 1] in " ,.;:!?"):
                    # an opening mark inside an open quote: the first was never closed; restart here
                    out.append(_Quote(open_at, i, open_at + 1, i, False, pi))
                    open_at = i
                    continue
                out.append(_Quote(open_at, i + 1, open_at + 1, i, True, pi))
                open_at = None
        if open_at is not None and text[open_at] in '"”»' and open_at > a and not text[open_at - 1].isspace() \
                and not any(q.para == pi for q in out):
            # the paragraph's only mark closes a quote whose opening mark the scrape lost
            s0 = a + len(text[a:b]) - len(text[a:b].lstrip())
            out.append(_Quote(s0, open_at + 1, s0, open_at, False, pi))
            open_at = None
        if open_at is not None:
            end = b
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            out.append(_Quote(open_at, end, open_at + 1, end, False, pi))
    return [q for q in out if q.ce > q.cs and text[q.cs:q.ce].strip()]


# ---------------------------------------------------------------------------------------------
# words and noun phrases
@dataclass
class _W:
    s: int
    e: int
    t: str      # folded text
    low: str


def _words(text: str, a: int, b: int) -> list[_W]:
    seg = fold(text[a:b])
    return [_W(a + m.start(), a + m.end(), m.group(), m.group().lower()) for m in _WORD.finditer(seg)]


def _verb_at(ws: list[_W], i: int) -> tuple[str, int] | None:
    """The reporting verb starting at word ``i``: (base form, index of its last word)."""
    w = ws[i].low
    if w in _VERBS:
        return _VERBS[w], i
    if w in _PARTICIPLES and i > 0 and ws[i - 1].t == ",":
        return _PARTICIPLES[w], i
    if w in _CALLED_FOR and i + 1 < len(ws) and ws[i + 1].low == "for":
        return _CALLED_FOR[w], i + 1
    if w == "according" and i + 1 < len(ws) and ws[i + 1].low == "to":
        return "according to", i + 1
    return None


def _is_cap(w: _W) -> bool:
    t = w.t
    return t[:1].isupper() or bool(re.match(r"(?:al|el|bin|ibn|abu|de|van|von)-?[A-Z]", t)) or t in {
        "al", "bin", "ibn", "abu", "el", "de"}


def _subject(ws: list[_W], v: int, lo: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """The noun phrase that is the subject of the verb at ``v``: (first word, last word, apposition span)."""
    j = v - 1
    # skip auxiliaries and time adverbials between subject and verb ("on Sunday", "has", "then")
    while j >= lo and (ws[j].low in _AUX or ws[j].low in _TIME or ws[j].low.isdigit()):
        j -= 1
    if j < lo:
        return None
    appos = None
    if ws[j].t == "," and j - 1 >= lo:
        # "Name, the commander of the 7th Division, told": skip an apposition between commas
        k = j - 1
        while k >= lo and ws[k].t != ",":
            k -= 1
        if k > lo and ws[k + 1].low in {"the", "a", "an", "who", "his", "her", "its", "their"} and k - 1 >= lo \
                and _is_cap(ws[k - 1]):
            appos = (ws[k + 1].s, ws[j - 1].e)
            j = k - 1
        else:
            return None
    if ws[j].t in {",", ";", ":", "(", ")", '"', "“", "”"}:
        return None
    last = j
    first = j
    while first - 1 >= lo:
        w = ws[first - 1]
        if w.t in {",", ";", ":", "(", ")", '"', "“", "”", "«", "»"}:
            break
        if w.low in _BOUNDARY and not (w.low == "of" or (w.low in {"and"} and _is_cap(ws[first]) and first - 2 >= lo
                                                          and _is_cap(ws[first - 2]))):
            break
        if w.low in _VERBS or w.low.endswith("ing") and not _is_cap(w):
            break
        if last - first >= 9:
            break
        first -= 1
    if ws[first].low == "of":
        first += 1
    return first, last, appos


def _coordinated_subject(ws: list[_W], v: int, lo: int):
    """``X said …, adding that …`` / ``X said … and added that …``: the subject of the previous reporting verb."""
    if not (v - 1 >= lo and (ws[v - 1].low == "and" or ws[v - 1].t == "," or ws[v].low in _PARTICIPLES)):
        return None
    for pv in range(v - 2, lo - 1, -1):
        if _verb_at(ws, pv) and ws[pv].low not in _PARTICIPLES:
            return _subject(ws, pv, lo)
    return None


def _canonical(phrase: str) -> tuple[str, bool]:
    """``(canonical, is_person)``: a person's name without titles, or the phrase without its article."""
    toks = phrase.split()
    run: list[str] = []
    for t in reversed(toks):
        low = fold(t).lower().strip(".,")
        if (t[:1].isupper() or re.match(r"(?:al|el|bin|ibn|abu)-", t) or low in {"al", "bin", "ibn", "abu", "el"}) \
                and low not in _TITLE_WORDS and type_speaker(t)[1] == "no lexicon match":
            run.insert(0, t)
        else:
            break
    if run and (len(run) >= 2 or len(run) < len(toks)) and not all(r.lower() in {"al", "bin", "abu"} for r in run):
        if not (len(run) == 1 and len(toks) > 1 and toks[-2].lower() in {"the", "a", "an"}):
            return " ".join(run), True
    out = toks[1:] if toks and toks[0].lower() in {"the"} else toks
    return " ".join(out), False


# ---------------------------------------------------------------------------------------------
@dataclass
class _Stmt:
    start: int
    end: int
    text: str
    direct: bool
    verb: str
    sp_s: int = -1
    sp_e: int = -1
    speaker: str = ""
    appos: str = ""
    attrib: str = ""
    verb_pos: int = -1


class _Extractor:
    def __init__(self, text: str, roles: Sequence[_Role]):
        self.text = text
        self.roles = roles
        self.sents = sentence_spans(text)

    def _paragraph_index(self, pos: int) -> int:
        """How many paragraph breaks (runs of newlines) come before ``pos``."""
        return len(re.findall(r"\n+", self.text[:pos]))

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.sents:
            if a <= pos < b:
                return a, b
        return pos, pos

    # -- direct quotes ---------------------------------------------------------------------
    def _attribute_after(self, q_end: int, limit: int):
        ws = _words(self.text, q_end, limit)
        if not ws:
            return None
        i = 1 if ws and ws[0].t == "," else 0
        # inverted: ", said the army" / ", said Gen. X"
        if i < len(ws):
            v = _verb_at(ws, i)
            if v and v[0] != "according to":
                k = v[1] + 1
                first = k
                while k < len(ws) and ws[k].t not in {",", ".", ";", ":"} and ws[k].low not in _BOUNDARY - {"of"} \
                        and k - first < 10:
                    k += 1
                if k > first:
                    appos = ""
                    if k + 1 < len(ws) and ws[k].t == "," and ws[k + 1].low in {"the", "a", "an"}:
                        e = k + 1
                        while e < len(ws) and ws[e].t not in {",", ".", ";"}:
                            e += 1
                        appos = self.text[ws[k + 1].s:ws[e - 1].e]
                    return v[0], ws[first].s, ws[k - 1].e, appos, ws[i].s
        for k in range(i, min(len(ws), i + 16)):
            if ws[k].t in {'"', "“", "”"}:
                break
            v = _verb_at(ws, k)
            if v:
                subj = _subject(ws, k, i)
                if subj is None:
                    return None
                f, l, appos = subj
                return v[0], ws[f].s, ws[l].e, self.text[appos[0]:appos[1]] if appos else "", ws[k].s
        return None

    def _attribute_before(self, q_start: int, lo: int):
        ws = _words(self.text, lo, q_start)
        if not ws:
            return None
        k = len(ws) - 1
        while k >= 0 and ws[k].t in {",", ":"}:
            k -= 1
        if k >= 0 and ws[k].low == "that":
            k -= 1
        # allow "said in a statement:" / "told reporters:" between the verb and the quote
        for back in range(0, 6):
            i = k - back
            if i < 0:
                break
            v = _verb_at(ws, i - (1 if ws[i].low in {"for", "to"} and i > 0 else 0))
            if v:
                vi = i - (1 if ws[i].low in {"for", "to"} and i > 0 else 0)
                if v[0] == "according to":
                    return None
                subj = _coordinated_subject(ws, vi, 0) if ws[vi].low in _PARTICIPLES or (
                    vi > 0 and ws[vi - 1].low == "and") else _subject(ws, vi, 0)
                if subj is None:
                    return None
                f, l, appos = subj
                return v[0], ws[f].s, ws[l].e, self.text[appos[0]:appos[1]] if appos else "", ws[vi].s
        return None

    def direct(self) -> tuple[list[_Stmt], list[tuple[int, int]]]:
        quotes = _quotes(self.text)
        stmts: list[_Stmt] = []
        spans: list[tuple[int, int]] = []
        groups: list[list[_Quote]] = []
        for q in quotes:
            # a quote left open at a paragraph's end continues if the next paragraph opens with a quote
            if groups and not groups[-1][-1].closed and q.para == groups[-1][-1].para + 1 \
                    and self.text[q.qs] in '"“«„' and not self.text[groups[-1][-1].qe:q.qs].strip(" \n\t"):
                groups[-1].append(q)
            else:
                groups.append([q])
        for g in groups:
            first, last = g[0], g[-1]
            spans.append((first.qs, last.qe))
            content = "\n\n".join(self.text[q.cs:q.ce].strip() for q in g).rstrip(" ,;:")
            # offsets: trim the trailing comma of "…,” he said" from the content span too
            ce = last.ce
            while ce > last.cs and self.text[ce - 1] in " ,;:":
                ce -= 1
            n_words = len(content.split())
            s0, s1 = self._sentence_of(first.qs)
            _, t1 = self._sentence_of(max(last.qe - 1, last.cs))
            sent_end = max(t1, min(len(self.text), last.qe + 200))
            para_end = self.text.find("\n", last.qe)
            limit = min(sent_end, para_end if para_end >= 0 else len(self.text))
            att = self._attribute_after(last.qe, limit)
            if att is None:
                att = self._attribute_before(first.qs, s0)
            stmt = _Stmt(first.cs, ce, content, True, att[0] if att else "")
            if att:
                stmt.verb, stmt.sp_s, stmt.sp_e, stmt.appos, stmt.verb_pos = att
                stmt.speaker = self.text[stmt.sp_s:stmt.sp_e]
                stmt.attrib = "quote attribution"
            if not att and stmts and stmts[-1].speaker and self.text[s0:first.qs].strip() == "" \
                    and n_words >= 4 and self._paragraph_index(first.qs) - self._paragraph_index(stmts[-1].end) <= 1:
                # a quote standing alone right after an attributed quote continues it (news convention)
                prev = stmts[-1]
                stmt.verb, stmt.sp_s, stmt.sp_e, stmt.appos = prev.verb, prev.sp_s, prev.sp_e, prev.appos
                stmt.speaker, stmt.attrib = prev.speaker, "continues the previous quote"
                att = (prev.verb, prev.sp_s, prev.sp_e, prev.appos, -1)
            if n_words < 4 and not att:
                continue      # a scare quote or a phrase inside someone else's sentence
            if n_words < 3 and att and not (first.qs <= s0 + 2 or self.text[s0:first.qs].strip() == ""):
                # "… the scene of the "last big fight" …": a phrase quoted inside a sentence
                if att[4] > first.qs:
                    continue
            stmts.append(stmt)
        return stmts, spans

    # -- reported speech -------------------------------------------------------------------------
    def reported(self, quote_spans: list[tuple[int, int]], used_verbs: set[int]) -> list[_Stmt]:
        out = []

        def in_quote(pos: int) -> bool:
            return any(a <= pos < b for a, b in quote_spans)

        for a, b in self.sents:
            ws = _words(self.text, a, b)
            for i, w in enumerate(ws):
                if in_quote(w.s) or w.s in used_verbs:
                    continue
                v = _verb_at(ws, i)
                if not v:
                    continue
                base, vend = v
                if base == "according to":
                    st = self._according(ws, i, vend, a, b)
                    if st:
                        out.append(st)
                    continue
                # "announcing", "reports" etc. never reach here; skip passives ("was told", "is said")
                if i > 0 and ws[i - 1].low in {"was", "were", "is", "are", "be", "been", "being"}:
                    continue
                coordinated = ws[i].low in _PARTICIPLES or (i > 0 and ws[i - 1].low == "and")
                subj = _coordinated_subject(ws, i, 0) if coordinated else _subject(ws, i, 0)
                if subj is None and coordinated:
                    continue
                if subj is None:
                    # inverted verb-final: "…, said the ministry."
                    if i > 0 and ws[i - 1].t == "," and vend + 1 < len(ws):
                        k = vend + 1
                        f = k
                        while k < len(ws) and ws[k].t not in {",", ".", ";"} and k - f < 10:
                            k += 1
                        content = self._clean_span(a, ws[i - 1].s)
                        if content and k > f:
                            st = _Stmt(content[0], content[1], self.text[content[0]:content[1]], False, base,
                                       ws[f].s, ws[k - 1].e, self.text[ws[f].s:ws[k - 1].e], "", "reported, inverted",
                                       w.s)
                            out.append(st)
                    continue
                f, l, appos = subj
                # content after the verb
                k = vend + 1
                if base == "tell":
                    while k < len(ws) and ws[k].low not in {"that", ","} and k - vend <= 3 and (
                            _is_cap(ws[k]) or ws[k].low in {"reporters", "journalists", "the", "a", "him", "her",
                                                            "them", "us", "media", "press"}):
                        k += 1
                while k < len(ws) and (ws[k].low in _TIME or ws[k].low in {"that", ",", ":"} or ws[k].low.isdigit()):
                    k += 1
                if k < len(ws) and ws[k].t in {".", "!"}:
                    k = len(ws)
                if k < len(ws) and not in_quote(ws[k].s):
                    c0 = ws[k].s
                    c1 = b
                    content = self._clean_span(c0, c1)
                elif f > 0 and ws[f - 1].t == ",":
                    # verb-final: "Iraqi forces entered Al-Qaim, military commanders said."
                    content = self._clean_span(a, ws[f - 1].s)
                else:
                    content = None
                if not content or len(self.text[content[0]:content[1]].split()) < 3:
                    continue
                out.append(_Stmt(content[0], content[1], self.text[content[0]:content[1]], False, base, ws[f].s,
                                 ws[l].e, self.text[ws[f].s:ws[l].e], self.text[appos[0]:appos[1]] if appos else "",
                                 "reported", w.s))
        return out

    def _according(self, ws, i, vend, a, b) -> _Stmt | None:
        k = vend + 1
        f = k
        while k < len(ws) and ws[k].t not in {",", ".", ";"} and k - f < 10:
            k += 1
        if k == f:
            return None
        if i == 0 or ws[i - 1].t != ",":
            content = self._clean_span(ws[k].e if k < len(ws) else b, b)      # "According to X, content."
        else:
            content = self._clean_span(a, ws[i - 1].s)                          # "Content, according to X."
        if not content:
            return None
        return _Stmt(content[0], content[1], self.text[content[0]:content[1]], False, "according to", ws[f].s,
                     ws[k - 1].e, self.text[ws[f].s:ws[k - 1].e], "", "according to", ws[i].s)

    def _clean_span(self, a: int, b: int) -> tuple[int, int] | None:
        seg = self.text[a:b]
        left = len(seg) - len(seg.lstrip(" ,:;\n"))
        seg2 = seg.rstrip(" .,:;\n")
        a2, b2 = a + left, a + len(seg2)
        return (a2, b2) if b2 > a2 else None


def _resolve_speakers(stmts: list[_Stmt], roles) -> list[dict]:
    """Canonical speaker and type per statement, with within-article references resolved."""
    history: list[dict] = []
    rows = []
    for st in sorted(stmts, key=lambda s: s.start):
        phrase = st.speaker
        low = fold(phrase).lower().strip()
        info = {"speaker": phrase, "speaker_start": st.sp_s, "speaker_end": st.sp_e}
        canon, person = _canonical(phrase) if phrase else ("", False)
        antecedent = None
        words = low.split()
        if low in _PRONOUNS:
            want = _PRONOUNS[low]
            for h in reversed(history):
                if (want == "person" and h["person"]) or (want == "thing" and not h["person"]) or \
                        (want == "plural" and not h["person"]):
                    antecedent = h
                    break
        elif words and words[0] in {"the", "this", "that", "its"} and len(words) <= 3 and words[-1] in _REFERENCE_HEADS \
                and not any(c.isupper() for c in phrase[phrase.find(" ") + 1:][:1]):
            head = words[-1]
            for h in reversed(history):
                if head in {"statement", "communique", "communiqué", "spokesman", "spokeswoman", "spokesperson",
                            "source", "sources"}:
                    if not h["person"]:
                        antecedent = h
                        break
                elif head in h["canonical"].lower() or head in h["phrase"].lower():
                    antecedent = h
                    break
        if antecedent is not None:
            canon = antecedent["canonical"]
            person = antecedent["person"]
            typ, rule = antecedent["type"], f"resolved to '{canon}' ({antecedent['rule']})"
        elif phrase:
            typ, rule, _ = type_speaker(" ".join(x for x in (phrase, st.appos) if x), roles=roles)
        else:
            typ, rule, canon = "other", "no speaker found", ""
        if phrase and antecedent is None:
            history.append({"canonical": canon, "person": person, "type": typ, "rule": rule, "phrase": phrase})
        elif antecedent is not None:
            history.append(antecedent)
        rows.append({"text": st.text, "start": st.start, "end": st.end, "direct": st.direct, "verb": st.verb,
                     **info, "speaker_canonical": canon, "speaker_type": typ, "rule": rule})
    return rows


def extract_statements(articles: pd.DataFrame | str, *, field: str = "body",
                       roles: Sequence[_Role] | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Every reported statement (direct quote or reported speech) with its speaker and speaker type.

    Columns: ``article_id``, ``text``, ``start``/``end`` (offsets of the content in ``field``),
    ``direct``, ``verb`` (base form: ``say``, ``tell``, ``deny``, ``call for``, ``according to``),
    ``speaker`` (exact surface text) with ``speaker_start``/``speaker_end``, ``speaker_canonical``,
    ``speaker_type`` (``military``/``government``/``other``) and ``rule`` (why that type).
    ``progress`` shows a tqdm bar (default: from 2,000 articles up).

    >>> st = extract_statements('"We will win," Defence Minister Ali Hassan said on Monday.')
    >>> st[["speaker_canonical", "speaker_type", "direct", "verb"]].values.tolist()
    [['Ali Hassan', 'government', True, 'say']]
    """
    roles = roles if roles is not None else _default_roles()
    items = article_texts(articles, field, caller="extract_statements")
    rows = []
    for aid, text in with_progress(items, progress, total=len(items), desc="statements"):
        ex = _Extractor(text, roles)
        direct, spans = ex.direct()
        used = {s.verb_pos for s in direct if s.verb_pos >= 0}
        reported = ex.reported(spans, used)
        # a reported statement that only restates a direct quote's attribution is dropped
        reported = [r for r in reported if not any(d.start <= r.start < d.end for d in direct)]
        # "called for calm and urged citizens …": a verb inside another reported statement's content is part of it
        reported = [r for r in reported if not any(o is not r and o.start <= r.verb_pos < o.end for o in reported)]
        for row in _resolve_speakers(direct + reported, roles):
            rows.append({"article_id": aid, **row})
    out = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    for c in ("start", "end", "speaker_start", "speaker_end"):
        out[c] = out[c].astype(int)
    out["direct"] = out["direct"].astype(bool)
    return out


# ---------------------------------------------------------------------------------------------
# comparing the wording
def _statement_tokens(texts: Iterable[str], stopwords=False) -> list[list[str]]:
    return [[t for t in tokenize(x, stopwords=stopwords) if re.match(r"[^\W_]", t)] for x in texts]


def compare_wording(statements: pd.DataFrame, a: str = "military", b: str = "government", *,
                    by: str = "speaker_type", prior: pd.Series | None = None, prior_scale: float = 1.0,
                    stopwords=False, min_count: int = 1) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For each word w with counts y_a, y_b in groups ``a`` and ``b`` (totals n_a, n_b) and prior counts
    α_w (by default the word's count over all statements, times ``prior_scale``; α_0 = Σ α_w):

        δ_w = log((y_a+α_w)/(n_a+α_0−y_a−α_w)) − log((y_b+α_w)/(n_b+α_0−y_b−α_w))
        σ²(δ_w) ≈ 1/(y_a+α_w) + 1/(y_b+α_w),   z_w = δ_w / σ

    Positive z leans to ``a``. Returns ``term``, ``count_a``, ``count_b``, ``prior``, ``delta``,
    ``var``, ``z`` sorted by z (descending). ``prior`` may be a Series of counts from a larger
    background corpus (index = term).

    >>> st = pd.DataFrame({"text": ["troops advanced troops", "ministers met"],
    ...                    "speaker_type": ["military", "government"]})
    >>> compare_wording(st).loc[lambda d: d.term == "troops", "count_a"].item()
    2
    """
    if by not in statements.columns:
        raise KeyError(f"compare_wording: no {by!r} column in the statements table")
    grp = {g: Counter(w for ts in _statement_tokens(statements.loc[statements[by] == g, "text"], stopwords)
                      for w in ts) for g in (a, b)}
    if prior is None:
        prior_counts = Counter(w for ts in _statement_tokens(statements["text"], stopwords) for w in ts)
        prior = pd.Series(prior_counts, dtype=float)
    prior = prior.astype(float) * prior_scale
    vocab = sorted(set(grp[a]) | set(grp[b]))
    ya = np.array([grp[a][w] for w in vocab], dtype=float)
    yb = np.array([grp[b][w] for w in vocab], dtype=float)
    alpha = prior.reindex(vocab).fillna(0.0).to_numpy()
    alpha = np.where(alpha > 0, alpha, 0.01 * prior_scale)      # words absent from a background corpus
    a0 = float(prior.sum()) + float((prior.reindex(vocab).isna()).sum()) * 0.01 * prior_scale
    na, nb = ya.sum(), yb.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((ya + alpha) / (na + a0 - ya - alpha)) - np.log((yb + alpha) / (nb + a0 - yb - alpha)))
        var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
        z = delta / np.sqrt(var)
    out = pd.DataFrame({"term": vocab, "count_a": ya.astype(int), "count_b": yb.astype(int), "prior": alpha,
                        "delta": delta, "var": var, "z": z})
    out = out[(out["count_a"] + out["count_b"]) >= min_count]
    out.attrs.update({"a": a, "b": b, "n_a": int(na), "n_b": int(nb)})
    return out.sort_values(["z", "term"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def reporting_verbs(statements: pd.DataFrame, *, by: str = "speaker_type") -> pd.DataFrame:
    """How often each reporting verb introduces each group's statements (rows: verbs, columns: groups)."""
    t = pd.crosstab(statements["verb"].replace("", "(none)"), statements[by])
    return t.loc[t.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]


def _count_terms(text: str, terms: Iterable[str]) -> int:
    low = fold(text).lower()
    return sum(len(re.findall(r"(?<![\w-])" + re.escape(t) + r"(?![\w])", low)) for t in terms)


def wording_profile(statements: pd.DataFrame, *, by: str = "speaker_type") -> pd.DataFrame:
    """Per group: statements (direct/reported), words, mean length, hedges and modals per 100 words, and
    how the adversary is named (counts of each label in :data:`ADVERSARY_TERMS`)."""
    rows = []
    for g, part in statements.groupby(by, sort=True):
        words = sum(len(x.split()) for x in part["text"])
        row = {by: g, "statements": len(part), "direct": int(part["direct"].sum()),
               "reported": int((~part["direct"]).sum()), "words": words,
               "mean_words": round(words / len(part), 1) if len(part) else math.nan}
        hedges = sum(_count_terms(x, HEDGES) for x in part["text"])
        modals = sum(_count_terms(x, MODALS) for x in part["text"])
        row["hedges_per_100"] = round(100 * hedges / words, 2) if words else math.nan
        row["modals_per_100"] = round(100 * modals / words, 2) if words else math.nan
        for label, terms in ADVERSARY_TERMS.items():
            row[f"names adversary: {label}"] = sum(_count_terms(x, terms) for x in part["text"])
        rows.append(row)
    return pd.DataFrame(rows)
