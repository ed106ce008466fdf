"""Keyword in context and dispersion: where terms occur."""
from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..text import fold, tokenize
from .select import select_tokens

__all__ = ["concordance", "dispersion"]

# --------------------------------------------------------------------------- keyword in context


def _term_pattern(term: str, regex: bool) -> re.Pattern[str]:
    if regex:
        return re.compile(term, re.IGNORECASE)
    parts = [re.escape(p) for p in fold(term).split()]
    if not parts:
        raise ValueError("term must not be empty")
    # Whole tokens only: "isis" finds "ISIS'" and "ISIS's" but "qaim" does not find "al-Qaim".
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w]|-\w)", re.IGNORECASE)


def concordance(articles: pd.DataFrame, term: str, *, width: int = 50, fields: Sequence[str] = ("body",),
                regex: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with ``width`` characters each side.

    Matching is case-insensitive, on whole tokens, with curly quotes and Unicode
    hyphens folded, so ``"ISIS"`` also finds ``ISIS’`` and ``"last big fight"``
    finds ``‘Last Big Fight’``; multi-word terms match across any whitespace. Set
    ``regex=True`` to pass a regular expression. Returns ``article_id``, ``field``,
    ``left``, ``match`` (exact text), ``right``, ``start``, ``end`` (offsets in the field).

    >>> arts = pd.DataFrame({"article_id": ["a"], "body": ["Troops hit ISIS’ last bastion near al-Qaim."]})
    >>> concordance(arts, "isis", width=12)[["left", "match", "right"]].values.tolist()
    [['  Troops hit ', 'ISIS', '’ last basti']]
    """
    pattern = _term_pattern(term, regex)
    rows = []
    for field in fields:
        if field not in articles.columns:
            raise KeyError(f"articles table has no column {field!r}")
        for aid, text in zip(articles["article_id"].astype(str), articles[field].fillna("").astype(str)):
            folded = fold(text)
            for m in pattern.finditer(folded):
                s, e = m.span()
                left = text[max(0, s - width):s].replace("\n", " ")
                right = text[e:e + width].replace("\n", " ")
                rows.append((aid, field, left.rjust(width), text[s:e], right.ljust(width), s, e))
    return pd.DataFrame(rows, columns=["article_id", "field", "left", "match", "right", "start", "end"])


# --------------------------------------------------------------------------- dispersion


def dispersion(tokens: pd.DataFrame, terms: Iterable[str], *, fields: Sequence[str] | None = ("body",)) -> pd.DataFrame:
    """Where each term falls in each article: one row per occurrence.

    Terms are normalised like tokens (``"ISIS"`` = ``isis``); multi-word terms
    match consecutive words. Returns ``article_id``, ``term``, ``position`` (word
    index among the article's words in ``fields``), ``n_words``, ``relative``
    (position / n_words, 0 = start, 1 = end).

    >>> dispersion(toks, ["isis"])["relative"].round(2).tolist()[:3]
    [0.04, 0.55, 0.73]
    """
    words = select_tokens(tokens, fields)
    order = np.lexsort((words["position"].to_numpy(), words["field"].array.codes,
                        words["article_id"].array.codes))
    words = words.iloc[order]
    art = words["article_id"].array.codes
    norm = words["norm"].astype(str).to_numpy()
    # word index within each article
    change = np.r_[True, art[1:] != art[:-1]] if len(art) else np.array([], dtype=bool)
    first = np.maximum.accumulate(np.where(change, np.arange(len(art)), 0)) if len(art) else art
    index_in_article = np.arange(len(art)) - first
    n_words = pd.Series(art).map(pd.Series(art).value_counts()).to_numpy()
    rows = []
    for term in terms:
        parts = tokenize(term)
        if not parts:
            raise ValueError(f"term {term!r} has no words")
        hit = np.ones(max(len(norm) - len(parts) + 1, 0), dtype=bool)
        m = len(hit)
        for k, p in enumerate(parts):
            hit &= norm[k:k + m] == p
            if k:
                hit &= art[k:k + m] == art[:m]
        for i in np.flatnonzero(hit):
            rows.append((words["article_id"].iloc[i], term, int(index_in_article[i]), int(n_words[i])))
    out = pd.DataFrame(rows, columns=["article_id", "term", "position", "n_words"])
    out["article_id"] = pd.Categorical(out["article_id"].astype(str),
                                       categories=[str(c) for c in tokens["article_id"].cat.categories])
    out["relative"] = out["position"] / out["n_words"].clip(lower=1)
    return out.sort_values(["article_id", "term", "position"], kind="stable").reset_index(drop=True)


