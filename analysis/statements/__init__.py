"""Who said what: statements, their speakers, and the speakers coded by role, country and actor.

Four parts, each rule-based and explainable, each row saying which rule decided:

- :mod:`.text` reads an article (words, sentences, paragraphs, quotes); :mod:`.extraction` finds direct quotes,
  :mod:`.reported` reported speech, :mod:`.acts` speech acts with a noun object (*condemned
  the bombing*), :mod:`.headline` headline attributions;
- :mod:`.speakers` finds the whole speaker phrase, :mod:`.references` resolves *he*, *the ministry*, surnames;
- :mod:`.actors` codes the speaker: role (GOV MIL REB OPP IGO NGO MED CVL OTHER), country (ISO alpha-2),
  canonical actor, from the CSV lexicons in ``analysis/data/`` (``roles.csv``, ``actors.csv``);
- :mod:`.wording` compares how any two groups word their statements.

Numbers are in :class:`Thresholds`; word lists in ``analysis/data/``. Every scan is bounded, so extraction is
linear in the text's length on any input. Measured on hand-annotated real news by ``benchmarks/statements.py``.
"""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Sequence

import pandas as pd

from ..chars import original_span, without_invisibles
from ..engine.pool import with_progress
from ..corpus.columns import article_texts, column_texts
from .actors import Coding, Lexicons, code_phrase, default_lexicons, load_roles, type_speaker
from .config import THRESHOLDS, Thresholds
from .extraction import Stmt, adjacent, direct_statements, keep_continuations
from .reported import reported_statements
from .acts import speech_act_statements, with_speech_acts
from .headline import headline_at, headline_statement
from .lexicon import ROLES, adversary_terms, load_actor_lexicon, word_list
from .references import resolve
from .text import read
from .wording import compare_wording, groups, reporting_verbs, wording_profile

__all__ = ["extract_statements", "statements_of", "load_roles", "load_actors", "type_speaker", "code_phrase",
           "compare_wording", "wording_profile", "reporting_verbs", "groups", "Thresholds", "THRESHOLDS",
           "STATEMENT_COLUMNS", "ROLES", "Coding"]

STATEMENT_COLUMNS = ["article_id", "text", "start", "end", "direct", "verb", "speaker", "speaker_start",
                     "speaker_end", "speaker_canonical", "speaker_type", "rule", "cue", "speaker_role",
                     "speaker_country", "speaker_actor", "reference", "resolved_from", "resolved_start",
                     "resolved_end", "attribution"]


def load_actors(path: str | Path | None = None, *, extend: bool = True) -> Lexicons:
    """The speaker lexicons with your named actors (a CSV with ``alias, actor, role, country``) added."""
    return Lexicons(default_lexicons().roles, load_actor_lexicon(path, extend=extend))


def statements_of(text: str, title: str = "", *, roles: Lexicons | None = None,
                  thresholds: Thresholds = THRESHOLDS) -> list[dict]:
    """The statements of one text as row dicts (see :func:`extract_statements`)."""
    lex = roles or default_lexicons()
    original, (text, kept) = text, without_invisibles(text)      # "Da\u200bmascus" is Damascus
    title = without_invisibles(title)[0]
    doc = read(text)
    if title:
        headline_at(doc, title, thresholds)
    direct = sorted(direct_statements(doc, thresholds), key=lambda d: d.start)
    beside = {s.verb_tok for s in direct if s.how == "quote, speaker after" or adjacent(doc, s)}
    direct = [d for d in direct if d.speaker is not None or d.follows]
    reported = with_speech_acts(doc, reported_statements(doc, beside, thresholds),
                                *speech_act_statements(doc, beside, thresholds), thresholds)
    # reported speech whose content lies inside a quote's content goes (quotes do not overlap: one bisect each)
    starts = [d.start for d in direct]
    reported = [r for r in reported if not _inside(direct, starts, r)]
    head = headline_statement(doc, title, thresholds) if title else None
    if head is not None and not any(s.start < head.end and head.start < s.end for s in reported + direct):
        reported.append(head)
    rows = _without_relays(resolve(doc, keep_continuations(doc, direct + reported, thresholds), lex, thresholds))
    return rows if kept is None else [_in_original(r, original, text, kept) for r in rows]


def _in_original(row: dict, original: str, text: str, kept: list[int]) -> dict:
    """A row found in the text without invisible characters, with offsets and surfaces of the original."""
    for a, b, surface in (("start", "end", "text"), ("speaker_start", "speaker_end", "speaker"),
                          ("resolved_start", "resolved_end", "resolved_from")):
        s, e = row[a], row[b]
        row[a], row[b] = original_span(kept, s, e)
        if s >= 0 and row[surface] == text[s:e]:
            row[surface] = original[row[a]:row[b]]
    return row


def _without_relays(rows: list[dict]) -> list[dict]:
    """A news outlet that only relays someone's words (``Press TV reported the minister said ...``,
    ``Reuters reported residents as saying ...``) is no source of its own: the statement is the speaker's."""
    speakers = sorted(r["speaker_start"] for r in rows)
    out = []
    for r in rows:
        k = bisect_right(speakers, r["start"] - 1)
        nested = k < len(speakers) and speakers[k] < r["end"]
        if not (nested and r["speaker_role"] == "MED" and not r["direct"]):
            out.append(r)
    return out


def _inside(direct: list[Stmt], starts: list[int], r: Stmt) -> bool:
    k = bisect_right(starts, r.start) - 1
    return k >= 0 and r.end <= direct[k].end + 1


def extract_statements(articles: pd.DataFrame | str, *, field: str = "body", roles: Lexicons | None = None,
                       progress: bool | None = None, thresholds: Thresholds = THRESHOLDS,
                       keep: Sequence[str] = ()) -> pd.DataFrame:
    """Every statement (direct quote or reported speech) with its speaker, coded.

    Columns: ``article_id``, ``text``, ``start``/``end`` (content offsets in ``field``), ``direct``, ``verb``
    (base form) and ``cue`` (as written), ``speaker`` (surface) with ``speaker_start``/``speaker_end``,
    ``speaker_actor`` (= ``speaker_canonical``: one name per actor across a corpus), ``speaker_role`` (GOV MIL REB
    OPP IGO NGO MED CVL OTHER), ``speaker_country`` (ISO alpha-2 or ""), ``speaker_type`` (military / government /
    other, from the role), ``reference`` (pronoun, description, surname, continuation, forward or "") with
    ``resolved_from`` and its offsets, ``attribution`` (how the speaker was found) and ``rule`` (how it was coded).
    A ``title`` (or ``headline``) column lets headline attributions repeated in the body count; ``keep`` copies
    columns of the articles table (``keep=["source"]``) onto each statement, to compare outlets.

    >>> st = extract_statements('"We will win," Defence Minister Ali Hassan said on Monday.')
    >>> st[["speaker_canonical", "speaker_type", "speaker_role", "direct", "verb"]].values.tolist()
    [['Ali Hassan', 'government', 'GOV', True, 'say']]
    """
    items = article_texts(articles, field, caller="extract_statements")
    titles = [""] * len(items)
    if isinstance(articles, pd.DataFrame):
        for col in ("title", "headline"):
            if col in articles.columns:
                titles = column_texts(articles[col])
                break
    rows = []
    for (aid, text), title in with_progress(list(zip(items, titles)), progress, total=len(items), desc="statements"):
        rows.extend({"article_id": aid, **r} for r in statements_of(text, title, roles=roles, thresholds=thresholds))
    out = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    if keep:
        if not isinstance(articles, pd.DataFrame) or set(keep) - set(articles.columns):
            raise KeyError(f"extract_statements: keep={list(keep)} names columns the articles table does not have")
        ids = [aid for aid, _ in items]
        for col in keep:
            out[col] = out["article_id"].map(dict(zip(ids, articles[col].tolist())))
    for c in ("start", "end", "speaker_start", "speaker_end", "resolved_start", "resolved_end"):
        out[c] = out[c].astype(int)
    out["direct"] = out["direct"].astype(bool)
    return out


def __getattr__(name: str):
    """``HEDGES``, ``MODALS``, ``ADVERSARY_TERMS``: the word lists, read on first use (not at import)."""
    if name == "HEDGES":
        return word_list("hedges.txt")
    if name == "MODALS":
        return word_list("modals.txt")
    if name == "ADVERSARY_TERMS":
        return adversary_terms()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
