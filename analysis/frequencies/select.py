"""Choosing the tokens a helper counts: fields, punctuation, stopwords and groups."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from ..text import StopwordOption, stopword_set

By = str | pd.Series | None




def check_tokens(toks: pd.DataFrame) -> None:
    need = {"article_id", "field", "sentence", "position", "norm", "is_punct"}
    missing = need - set(toks.columns)
    if missing:
        raise KeyError(f"token table lacks column(s) {sorted(missing)}; make it with analysis.tokens(articles)")


def select_mask(toks: pd.DataFrame, fields: Sequence[str] | None, *, keep_punct: bool = False) -> np.ndarray:
    """Which rows are of the chosen fields (all fields when ``None``) and, unless asked, not punctuation."""
    check_tokens(toks)
    mask = np.ones(len(toks), dtype=bool)
    if fields is not None:
        fields = [fields] if isinstance(fields, str) else list(fields)
        unknown = set(fields) - set(toks["field"].cat.categories if hasattr(toks["field"], "cat")
                                    else toks["field"].unique())
        if unknown:
            raise KeyError(f"field(s) {sorted(unknown)} are not in the token table; "
                           f"make the table with tokens(articles, fields=...)")
        mask &= _in(toks["field"], fields)
    if not keep_punct:
        mask &= ~toks["is_punct"].to_numpy()
    return mask


def select_tokens(toks: pd.DataFrame, fields: Sequence[str] | None, *, keep_punct: bool = False,
                  columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of the chosen fields (all fields when ``None``), punctuation dropped unless asked; only ``columns``
    (all when ``None``) are copied, so a large table is not copied whole to count two of its columns."""
    mask = select_mask(toks, fields, keep_punct=keep_punct)
    return toks[mask] if columns is None else toks.loc[mask, list(dict.fromkeys(columns))]


def stop_mask(norm: pd.Series, stopwords: StopwordOption) -> np.ndarray:
    stops = stopword_set(stopwords)
    if not stops:
        return np.zeros(len(norm), dtype=bool)
    return _in(norm, stops)


def _in(column: pd.Series, values) -> np.ndarray:
    """``column.isin(values)`` as a NumPy mask, decided once per category (a missing value is not in):
    a categorical's codes index the categories' answers, so no array of objects is made per row."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("category")
    answers = np.append(np.asarray(column.cat.categories.isin(list(values)), dtype=bool), False)
    return answers[column.array.codes]                  # code -1 (missing) reads the final False


def group_key(toks: pd.DataFrame, by: By) -> tuple[str | None, pd.Series | None]:
    """The grouping column for ``by``: a token-table column, or a Series indexed by article_id."""
    if by is None:
        return None, None
    if isinstance(by, str):
        if by not in toks.columns:
            raise KeyError(f"cannot group by {by!r}: not a column of the token table. Pass a Series indexed by "
                           f"article_id instead, e.g. articles.set_index('article_id')[{by!r}]")
        return by, toks[by]
    if isinstance(by, pd.Series):
        name = by.name if by.name is not None else "group"
        mapping = by.copy()
        mapping.index = mapping.index.astype(str)
        values = toks["article_id"].astype(str).map(mapping)
        unmapped = values.isna() & toks["article_id"].notna()
        if unmapped.any():
            missing = toks.loc[unmapped, "article_id"].astype(str).unique()[:3]
            raise KeyError(f"grouping Series has no value for article_id(s) {list(missing)}")
        return str(name), values.rename(str(name))
    raise TypeError("by must be None, a column name, or a Series indexed by article_id")


def as_str_cat(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.remove_unused_categories()
    return s.astype("category")


