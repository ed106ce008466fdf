"""Comparing how groups of speakers word their statements: weighted log-odds, profiles, reporting verbs.

A group is any value of any column, or of several columns joined with ``-`` (``by=["speaker_country",
"speaker_role"]`` makes groups such as ``SY-GOV`` and ``RU-MIL``); ``a`` and ``b`` may each be one value or a list.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..text import fold, tokenize
from .lexicon import adversary_terms, word_list


def groups(statements: pd.DataFrame, by: str | Sequence[str]) -> pd.Series:
    """The group of each statement: a column, or several columns joined with ``-`` (empty parts left out).

    >>> st = pd.DataFrame({"speaker_country": ["SY", "RU", ""], "speaker_role": ["GOV", "MIL", "NGO"]})
    >>> groups(st, ["speaker_country", "speaker_role"]).tolist()
    ['SY-GOV', 'RU-MIL', 'NGO']
    """
    cols = [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in statements.columns]
    if missing:
        raise KeyError(f"no column {', '.join(map(repr, missing))} in the statements table "
                       f"(columns: {', '.join(map(str, statements.columns))})")
    if len(cols) == 1:
        return statements[cols[0]].fillna("").astype(str)
    parts = statements[cols].fillna("").astype(str)
    return parts.apply(lambda r: "-".join(x for x in r if x), axis=1) if len(parts) else pd.Series([], dtype=str)


def _members(g: pd.Series, value: str | Sequence[str]) -> pd.Series:
    values = [value] if isinstance(value, str) else list(value)
    return g.isin(values)


def _tokens(texts: Iterable[str], stopwords=False) -> list[list[str]]:
    return [[t for t in tokenize(x, stopwords=stopwords) if t[:1].isalnum()] for x in texts]


def compare_wording(statements: pd.DataFrame, a: str | Sequence[str] = "military",
                    b: str | Sequence[str] = "government", *, by: str | Sequence[str] = "speaker_type",
                    prior: pd.Series | None = None, prior_scale: float = 1.0, stopwords=False,
                    min_count: int = 1) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

    For each word w with counts y_a, y_b in groups ``a`` and ``b`` (totals n_a, n_b) and prior counts
    α_w (by default the word's count over all statements, times ``prior_scale``; α_0 = Σ α_w):

        δ_w = log((y_a+α_w)/(n_a+α_0−y_a−α_w)) − log((y_b+α_w)/(n_b+α_0−y_b−α_w))
        σ²(δ_w) ≈ 1/(y_a+α_w) + 1/(y_b+α_w),   z_w = δ_w / σ

    Positive z leans to ``a``. ``by`` is any column or list of columns (``["speaker_country", "speaker_role"]``
    compares ``"SY-GOV"`` with ``"RU-MIL"``). Returns ``term``, ``count_a``, ``count_b``, ``prior``, ``delta``,
    ``var``, ``z`` sorted by z (descending).

    >>> st = pd.DataFrame({"text": ["troops advanced troops", "ministers met"],
    ...                    "speaker_type": ["military", "government"]})
    >>> compare_wording(st).loc[lambda d: d.term == "troops", "count_a"].item()
    2
    >>> st["speaker_country"], st["speaker_role"] = ["RU", "SY"], ["MIL", "GOV"]
    >>> compare_wording(st, "SY-GOV", "RU-MIL", by=["speaker_country", "speaker_role"]).iloc[0]["term"]
    'met'
    """
    g = groups(statements, by)
    texts = statements["text"].fillna("").astype(str)
    grp = [Counter(w for ts in _tokens(texts[_members(g, v)], stopwords) for w in ts) for v in (a, b)]
    if prior is None:
        prior = pd.Series(Counter(w for ts in _tokens(texts, stopwords) for w in ts), dtype=float)
    prior = prior.astype(float) * prior_scale
    vocab = sorted(set(grp[0]) | set(grp[1]))
    ya = np.array([grp[0][w] for w in vocab], dtype=float)
    yb = np.array([grp[1][w] for w in vocab], dtype=float)
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


def reporting_verbs(statements: pd.DataFrame, *, by: str | Sequence[str] = "speaker_type") -> pd.DataFrame:
    """How often each reporting verb introduces each group's statements (rows: verbs, columns: groups).

    >>> st = pd.DataFrame({"verb": ["say", "deny", "say"], "speaker_role": ["MIL", "MIL", "GOV"]})
    >>> reporting_verbs(st, by="speaker_role").loc["say"].tolist()
    [1, 1]
    """
    t = pd.crosstab(statements["verb"].replace("", "(none)"), groups(statements, by).rename("group"))
    t.columns.name = by if isinstance(by, str) else "-".join(by)
    return t.loc[t.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]


def _count_terms(text: str, terms: Iterable[str]) -> int:
    low = fold(text).lower()
    return sum(len(re.findall(r"(?<![\w-])" + re.escape(t) + r"(?![\w])", low)) for t in terms)


def wording_profile(statements: pd.DataFrame, *, by: str | Sequence[str] = "speaker_type") -> pd.DataFrame:
    """Per group: statements (direct/reported), words, mean length, hedges and modals per 100 words
    (``analysis/data/hedges.txt``, ``modals.txt``), and how the adversary is named (``adversary_terms.csv``).

    >>> st = pd.DataFrame({"text": ["Terrorists may attack", "We will win"], "direct": [True, False],
    ...                    "speaker_role": ["MIL", "GOV"]})
    >>> int(wording_profile(st, by="speaker_role").set_index("speaker_role").loc["MIL", "names adversary: terrorists"])
    1
    """
    name = by if isinstance(by, str) else "-".join(by)
    g = groups(statements, by)
    hedges, modals, adversary = word_list("hedges.txt"), word_list("modals.txt"), adversary_terms()
    rows = []
    for value, part in statements.groupby(g, sort=True):
        words = sum(len(x.split()) for x in part["text"])
        row = {name: value, "statements": len(part), "direct": int(part["direct"].sum()),
               "reported": int((~part["direct"].astype(bool)).sum()), "words": words,
               "mean_words": round(words / len(part), 1) if len(part) else math.nan}
        h = sum(_count_terms(x, hedges) for x in part["text"])
        m = sum(_count_terms(x, modals) for x in part["text"])
        row["hedges_per_100"] = round(100 * h / words, 2) if words else math.nan
        row["modals_per_100"] = round(100 * m / words, 2) if words else math.nan
        for label, terms in adversary.items():
            row[f"names adversary: {label}"] = sum(_count_terms(x, terms) for x in part["text"])
        rows.append(row)
    return pd.DataFrame(rows)
