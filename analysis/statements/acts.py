"""Speech acts with a noun object: *condemned the bombing*, *put the death toll at 45*, *claimed the attack*,
*denied the reports*, *accused X of Y*, *called for a ceasefire*, *warned of ...*, *held X responsible for Y*.

The annotation guide (``benchmarks/data/fakes_statements_guide.md``, 1.2) counts these as statements whose content
is the verb's object. Verb classes, the words an object needs and the words that make the verb something else
(*the army claimed the town*) are data: ``analysis/data/speech_acts.csv``. The content runs from the cue to the end
of its clause: the sentence's end, a new reporting clause, a relative *which*/*who* or a venue (*in a statement*).
The speaker is found as for reported speech (:mod:`.reported`) and must name an actor. Rows are marked by their
``attribution``: ``speech act: <class>``. Every scan is bounded by :class:`~.config.Thresholds`.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..paths import package_data
from .actors import code_phrase
from .config import THRESHOLDS, Thresholds
from .extraction import Stmt, _trim
from .lexicon import Verb, countries, has, phrase_key, read_table
from .clauses import relative_subject
from .reported import _clause_end, _clauses, _possessive_subject, _skip_intro, _speaker_of
from .speakers import Span, is_pronoun, verb_at
from .text import QUOTE_MARKS, Doc, Tok

CLASSES = ("condemn", "deny", "accuse", "blame", "claim", "call", "warn", "toll", "hold", "announce", "label")
_HEAD_STOP = frozenset({"of", "on", "in", "at", "for", "to", "after", "before", "from", "by", "with", "against",
                        "over", "during", "and", "as"})
_MAX_FORM_WORDS = 4            # longest verb form in speech_acts.csv ("renewed his push for")
_RELATIVE = frozenset({"which", "who", "whom", "whose"})
_DOCUMENTS = frozenset({"resolution", "resolutions", "draft", "motion", "letter", "declaration", "text", "bill"})
_CONNECTIVE = frozenset({"however", "though", "although", "whereas", "while"})     # the journalist's clause starts
_CLAUSE_AUX = frozenset({"had", "has", "have", "was", "were", "is", "are", "would", "will", "could", "can", "may",
                         "might", "should", "did", "does"})


@dataclass(frozen=True)
class Act:
    """One verb form of a speech-act class (a row of ``speech_acts.csv``)."""

    base: str
    cls: str
    words: int                  # how many words the cue spans ("called for": 2)
    needs: frozenset[str]       # one of these must stand in the object (empty: any object)
    never: frozenset[str]       # one of these at the object's head: not speech at all


@lru_cache(maxsize=4)
def speech_acts_table(path: str | None = None) -> dict[tuple[str, ...], Act]:
    """Speech-act verb forms by their words: ``{("called", "for"): Act("call for", "call", 2, ...), ...}``.

    >>> speech_acts_table()[("condemned",)].cls
    'condemn'
    """
    p = Path(path) if path else package_data("speech_acts.csv")
    out = {}
    for lineno, row in read_table(p, ("form", "base", "class")):
        if row["class"] not in CLASSES:
            raise ValueError(f"{p}, line {lineno}: class {row['class']!r} is not one of {', '.join(CLASSES)}")
        words = phrase_key(row["form"])
        if not 0 < len(words) <= _MAX_FORM_WORDS:
            raise ValueError(f"{p}, line {lineno}: a form has 1 to {_MAX_FORM_WORDS} words ({row['form']!r})")
        out[words] = Act(row["base"], row["class"], len(words), _word_set(row.get("needs")),
                         _word_set(row.get("never")))
    return out


def _word_set(cell: str | None) -> frozenset[str]:
    """A ``|``-separated cell as a set of lower-case words."""
    return frozenset(w.strip().lower() for w in (cell or "").split("|") if w.strip())


def act_at(toks: list[Tok], i: int, hi: int) -> Act | None:
    """The speech-act verb form starting at token ``i`` (longest form first: "renewed his push for", "called
    for", "called")."""
    table = speech_acts_table()
    if toks[i].cap and i > 0 and toks[i - 1].sent == toks[i].sent:
        return None             # a capitalised word inside a sentence is a name ("Operation Claims")
    for n in range(min(_MAX_FORM_WORDS, hi - i), 0, -1):
        a = table.get(tuple(t.k for t in toks[i:i + n]))
        if a is not None:
            return a
    return None


def _object_end(doc: Doc, k: int, hi: int, th: Thresholds) -> int:
    """Where a noun object starting at ``k`` ends: its clause's end, a reporting participle (``calling it``,
    ``adding``, ``saying``), a relative ``which``/``who`` or a venue (``in a statement``)."""
    toks = doc.toks
    end = _clause_end(doc, k, hi, th)
    for j in range(k + 1, end):
        if toks[j].quote >= 0:
            continue
        cue = verb_at(toks, j, end)
        if cue is not None and (cue.kind == "participle" or toks[j].k.endswith("ing") and cue.kind == "describe"
                                or cue.kind == "verb" and toks[j - 1].k not in ("to", "and", "but", "that")):
            return j            # "calling it", "adding"; "which gave a toll of 17 [said the strikes ...]"
        if toks[j].k in _RELATIVE or toks[j].k in _CONNECTIVE or toks[j].t in ";:":
            return j
        if toks[j].k in ("in", "on", "at", "during", "via") and _venue_ends_object(toks, j + 1, end, th):
            return j
    return end


def _venue_ends_object(toks: list[Tok], j: int, end: int, th: Thresholds) -> bool:
    """``in [a televised] statement``: a venue within a few words after a preposition ends the object, unless the
    object goes on after it (``urged the inspectors in a statement to go ...``)."""
    for x in range(j, min(end, j + th.max_venue_words)):
        if has(toks[x].k, "venue"):
            return x + 1 >= end or toks[x + 1].k not in ("to", "that")
        if toks[x].k in _HEAD_STOP:
            return False
    return False


def _head_words(toks: list[Tok], k: int, end: int) -> list[str]:
    """The object's head phrase: its words before the first preposition (``the lives`` of *the lives of 18*)."""
    out = []
    for t in toks[k:end]:
        if t.k in _HEAD_STOP:
            break
        out.append(t.k)
    return out


def _clause_like(toks: list[Tok], k: int, end: int) -> bool:
    """Whether words after a verb read as a clause (``the rebels had used gas``), not a noun object (``allegations
    that it was behind the attack``: the words before a preposition or ``that`` decide)."""
    head = []
    for t in toks[k:end]:
        if t.k in _HEAD_STOP or t.k == "that":
            break
        head.append(t)
    return any(t.k in _CLAUSE_AUX or (not t.cap and t.k.endswith("ed") and len(t.k) > 4) for t in head)


def _actor_named(doc: Doc, span: Span) -> bool:
    """A speaker for a speech act names an actor: a lexicon word, a capitalised name or a pronoun (never *the
    blast*, *dark clouds*)."""
    toks = doc.toks
    head = toks[span.last]
    if is_pronoun(head.k) or head.cap:
        return True
    phrase = doc.text[toks[span.first].s:head.e]
    return code_phrase(phrase).rule not in ("no lexicon match", "person without a title")


def _verdict(toks: list[Tok], act: Act, k: int, end: int) -> str:
    """``act`` (a speech act), ``veto`` (not speech: drop the verb's reported reading too) or ``none``."""
    head = _head_words(toks, k, end)
    if not head and toks[k].k != "to" and act.cls != "warn":
        return "none"           # "accused of spying": a reduced passive, no object ("urged to ..." has one)
    if act.never & set(head):
        return "veto"           # "the army claimed the town", "troops called for reinforcements"
    if act.needs and not act.needs & {t.k for t in toks[k:end]}:
        return "none"
    if head and head[0] in ("no", "neither"):
        return "none"           # "gave no casualty toll": negative reporting (the guide's 1.3)
    if sum(t.word for t in toks[k:end]) == 1 and is_pronoun(toks[k].k):
        return "veto"           # "[Asked about the strike] the spokesman denied it": nothing said
    return "act"


def _after_times(toks: list[Tok], k: int, hi: int, th: Thresholds) -> int:
    """The token after the time words and ``that`` opening an object (``announced earlier this month that``)."""
    j = k
    while j < min(hi, k + th.max_gap_words) and (has(toks[j].k, "time") or has(toks[j].k, "gap")):
        j += 1
    return j + 1 if j < hi and toks[j].k == "that" else k


def _quoted(doc: Doc, k: int) -> bool:
    """Whether the object opens with a quotation (``calling them "baseless"``, ``calling it a "partner ..."``: a
    direct quote's)."""
    return any(t.quote >= 0 or QUOTE_MARKS.match(doc.text, t.s) is not None for t in doc.toks[k:k + 2])


def _possessive(doc: Doc, subj: Span) -> bool:
    """``Russias claims about a halt``, ``Aljaafaris claims`` (apostrophes lost): a possessive before a noun, not a
    speaker before a verb."""
    if _possessive_subject(doc, subj):
        return True
    t = doc.toks[subj.last]
    return subj.first == subj.last and t.cap and t.k.endswith("s") and (t.k[:-1],) in countries()


def _participle_of_speaker(toks: list[Tok], i: int, lo: int, th: Thresholds) -> bool:
    """``X told Y ... condemning Z``: a participle continues an earlier reporting verb of its sentence, never a
    noun's reduced relative (``a resolution [strongly] condemning the strike``: the guide's 1.3)."""
    j = i - 1
    while j > lo and toks[j].k.endswith("ly"):
        j -= 1
    if j >= lo and (has(toks[j].k, "document") or toks[j].k in _DOCUMENTS):
        return False
    return any(verb_at(toks, pv, i) is not None or act_at(toks, pv, i) is not None
               for pv in range(max(lo, i - th.max_words_before_quote), j + 1))


def _speaker(doc: Doc, i: int, act: Act, lo: int, hi: int, th: Thresholds) -> Span | None:
    """The speaker, as for reported speech; after ``and``/``but``, also the subject of a relative clause before
    (``ministers who blamed A on B but urged C``)."""
    toks = doc.toks
    kind = "participle" if toks[i].k.endswith("ing") else "verb"
    if kind == "participle" and not _participle_of_speaker(toks, i, lo, th):
        return None
    subj, _ = _speaker_of(doc, i, Verb(act.base, kind, act.words), lo, hi, th)
    if subj is not None or i == lo or toks[i - 1].k not in ("and", "but"):
        return subj
    for pv in range(i - 2, max(lo, i - th.max_words_before_quote) - 1, -1):
        if act_at(toks, pv, i) is not None or verb_at(toks, pv, i) is not None:
            return relative_subject(toks, pv, lo, th)
    return None


def _act_statement(doc: Doc, i: int, lo: int, hi: int, th: Thresholds) -> tuple[Stmt | None, bool]:
    """(the speech act at token ``i``, whether the verb's reported-speech reading must go)."""
    toks = doc.toks
    act = act_at(toks, i, hi)
    if act is None or (i > lo and (has(toks[i - 1].k, "passive") or toks[i - 1].k in ("to", "as")
                                   or has(toks[i - 1].k, "det"))):
        return None, False      # "was condemned", "to deny", "the accused"
    end_cue = i + act.words
    k = _skip_intro(toks, end_cue, hi, act.base, th)
    if k >= hi or any(t.k == "that" for t in toks[end_cue:_after_times(toks, k, hi, th)]) or _quoted(doc, k):
        return None, False      # "denied that ...": reported speech; a quote is the quote's
    end = _object_end(doc, k, hi, th)
    verdict = _verdict(toks, act, k, end)
    if verdict == "veto":
        return None, True
    if verdict == "none" or (act.cls in ("claim", "deny", "announce") and _clause_like(toks, k, end)):
        return None, False      # a clause after the verb: reported speech reads it
    subj = _speaker(doc, i, act, lo, hi, th)
    if subj is not None and _possessive(doc, subj):
        return None, True       # "Russias claims about ...": a noun, so no reported speech either
    if subj is None or subj.first >= i or not _actor_named(doc, subj):
        return None, False
    a, b = _trim(doc.text, toks[k].s, toks[end - 1].e)
    if b <= a:
        return None, False
    cue = " ".join(t.t for t in toks[i:end_cue])
    return Stmt(a, b, False, cue, act.base, subj, f"speech act: {act.cls}", i, toks[i].sent), False


def speech_act_statements(doc: Doc, quote_verbs: set[int],
                          th: Thresholds = THRESHOLDS) -> tuple[list[Stmt], set[int]]:
    """Speech acts with a noun object, sentence by sentence, and the verb tokens that are no speech at all (whose
    reported-speech reading must go: *the army claimed the town*)."""
    out: list[Stmt] = []
    vetoed: set[int] = set()
    for lo, hi in doc.sent_toks:
        for i in range(lo, hi):
            t = doc.toks[i]
            if t.quote >= 0 or i in quote_verbs or not t.word:
                continue
            st, veto = _act_statement(doc, i, lo, hi, th)
            if st is not None:
                out.append(st)
            elif veto:
                vetoed.add(i)
    return out, vetoed


def with_speech_acts(doc: Doc, reported: list[Stmt], acts: list[Stmt], vetoed: set[int],
                     th: Thresholds = THRESHOLDS) -> list[Stmt]:
    """Reported speech with the speech acts put in: an act replaces the reported reading of its own verb (whose
    content ran past the object), vetoed verbs give no statement, and relayed speech (``Reuters reported residents
    as saying that A and that B``) gives one statement per ``and that`` clause, as reported speech does."""
    taken = {a.verb_tok for a in acts} | vetoed
    out = [r for r in reported if r.verb_tok not in taken]
    return out + [x for r in out if r.how == "quoted as saying" for x in _more_relayed(doc, r, th)] + acts


def _more_relayed(doc: Doc, st: Stmt, th: Thresholds) -> list[Stmt]:
    """The ``and that`` clauses after the first clause of relayed speech, each a statement of the same speaker."""
    toks = doc.toks
    k = bisect_left(doc.starts, st.end)
    if k + 2 >= len(toks) or toks[k].sent != st.sent or toks[k].k not in ("and", "but") or toks[k + 1].k != "that":
        return []
    hi = doc.sent_toks[st.sent][1]
    return [replace(x, how=st.how) for x in _clauses(doc, st, k + 2, hi, th)]
