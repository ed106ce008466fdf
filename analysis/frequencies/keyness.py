"""Keyness (log-likelihood G²) and distinctive terms (TF-IDF) between groups of articles."""
from __future__ import annotations

import math
from typing import Hashable, Sequence

import numpy as np
import pandas as pd

from ..text import StopwordOption
from .counts import term_frequencies
from .select import By, group_key, select_tokens, stop_mask

__all__ = ["keyness", "distinctive_terms", "g2_log_likelihood"]

# --------------------------------------------------------------------------- keyness


def g2_log_likelihood(a: np.ndarray | float, b: np.ndarray | float, c: float, d: float) -> np.ndarray:
    """Rayson & Garside's log-likelihood G² for a term seen ``a`` times in ``c`` target words
    and ``b`` times in ``d`` reference words.

    >>> round(float(g2_log_likelihood(10, 0, 1000, 1000)), 3)
    13.863
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def _chi2_sf_1df(x: np.ndarray) -> np.ndarray:
    """Upper tail of the chi-squared distribution with one degree of freedom."""
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2)) for v in np.atleast_1d(x)])


def keyness(tokens: pd.DataFrame, target: Hashable | Sequence[Hashable], reference: Hashable | Sequence[Hashable]
            | None = None, *, by: By = "article_id", fields: Sequence[str] | None = ("title", "body"),
            stopwords: StopwordOption = True, min_count: int = 2) -> pd.DataFrame:
    """Keywords of a target group against a reference group (or the rest of the corpus).

    Groups are values of ``by`` (default: article ids). For each term seen at
    least ``min_count`` times in target and reference together: counts, rates per
    10,000 words, ``g2`` (Rayson's log-likelihood), ``p_value`` (chi-squared,
    1 df), ``log_ratio`` (Hardie's effect size, log2 of the ratio of relative
    frequencies, with 0.5 added to zero counts) and ``key_for`` (``target`` or
    ``reference``: which side uses the term more). Sorted by G², strongest first.
    Denominators are all word tokens (stopwords included) of each side.

    >>> keyness(toks, target=first_id).head(2)[["term", "key_for"]].values.tolist()
    [['army', 'reference'], ['bekaa', 'reference']]
    """
    words = select_tokens(tokens, fields)
    key_name, key = group_key(words, by)
    if key is None:
        raise ValueError("keyness needs groups: pass by=")
    as_list = lambda v: list(v) if isinstance(v, (list, tuple, set, pd.Index, np.ndarray)) else [v]  # noqa: E731
    keyvals = key.astype(str).to_numpy()
    tmask = np.isin(keyvals, [str(v) for v in as_list(target)])
    if not tmask.any():
        raise KeyError(f"target {target!r} not found in {key_name!r}")
    rmask = ~tmask if reference is None else np.isin(keyvals, [str(v) for v in as_list(reference)])
    if not rmask.any():
        raise KeyError(f"reference {reference!r} not found in {key_name!r}" if reference is not None
                       else "the reference (rest of the corpus) is empty")
    c, d = float(tmask.sum()), float(rmask.sum())
    keep = ~stop_mask(words["norm"], stopwords)
    norm = words["norm"].astype(str).to_numpy()
    a = pd.Series(norm[tmask & keep]).value_counts()
    b = pd.Series(norm[rmask & keep]).value_counts()
    out = pd.concat([a.rename("count_target"), b.rename("count_reference")], axis=1).fillna(0).astype("int64")
    out = out[(out["count_target"] + out["count_reference"]) >= min_count]
    out.index.name = "term"
    out = out.reset_index()
    out["per_10k_target"] = out["count_target"] / c * 10_000
    out["per_10k_reference"] = out["count_reference"] / d * 10_000
    out["g2"] = g2_log_likelihood(out["count_target"].to_numpy(), out["count_reference"].to_numpy(), c, d)
    out["p_value"] = _chi2_sf_1df(out["g2"].to_numpy()) if len(out) else []
    at = out["count_target"].where(out["count_target"] > 0, 0.5)
    br = out["count_reference"].where(out["count_reference"] > 0, 0.5)
    out["log_ratio"] = np.log2((at / c) / (br / d))
    out["key_for"] = np.where(out["per_10k_target"] >= out["per_10k_reference"], "target", "reference")
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- TF-IDF


def distinctive_terms(tokens: pd.DataFrame, *, by: By = "article_id", k: int = 10,
                      fields: Sequence[str] | None = ("title", "body"), stopwords: StopwordOption = True,
                      min_count: int = 1) -> pd.DataFrame:
    """The ``k`` terms with the highest TF-IDF in each group (article by default).

    ``tf`` is the raw count in the group, ``idf = ln((1 + N) / (1 + df)) + 1``
    with N groups and df the groups containing the term (the smoothed IDF of
    scikit-learn), ``tfidf = tf × idf``. Ties are broken by count, then term.

    >>> distinctive_terms(toks, k=1)[["term", "tfidf"]].round(2).values.tolist()
    [['forces', 8.43], ['army', 7.0]]
    """
    freq = term_frequencies(tokens, by=by, fields=fields, stopwords=stopwords)
    key_name = freq.columns[0]
    n_groups = freq[key_name].nunique()
    df = freq.groupby("term")[key_name].nunique()
    freq = freq[freq["count"] >= min_count].copy()
    freq["df"] = freq["term"].map(df).astype("int64")
    freq["idf"] = np.log((1 + n_groups) / (1 + freq["df"])) + 1
    freq["tfidf"] = freq["count"] * freq["idf"]
    freq = freq.sort_values([key_name, "tfidf", "count", "term"], ascending=[True, False, False, True],
                            kind="stable")
    freq["rank"] = freq.groupby(key_name, observed=True).cumcount() + 1
    out = freq[freq["rank"] <= k]
    return out[[key_name, "rank", "term", "count", "df", "idf", "tfidf"]].reset_index(drop=True)
