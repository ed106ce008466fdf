"""The text columns of an articles table, as plain lists of str for the analysers."""
from __future__ import annotations

import pandas as pd

__all__ = ["article_texts", "column_texts"]


def article_texts(articles: pd.DataFrame | str, field: str = "body", *, caller: str = "") -> list[tuple[str, str]]:
    """``(article_id, text)`` pairs of an articles table's ``field``, or ``[("text", articles)]`` for a string.

    A missing column is a clear ``KeyError`` naming the caller and the columns there are.

    >>> article_texts("Iraqi forces entered Al-Qaim.")
    [('text', 'Iraqi forces entered Al-Qaim.')]
    """
    if isinstance(articles, str):
        return [("text", articles)]
    if not isinstance(articles, pd.DataFrame):
        got = "None" if articles is None else type(articles).__name__
        raise TypeError(f"{caller or 'article_texts'}() expects an articles table or a text (str), got {got}")
    if field not in articles.columns:
        raise KeyError(f"{caller or 'article_texts'}: the articles table has no {field!r} column "
                       f"(columns: {', '.join(map(str, articles.columns))})")
    ids = articles["article_id"] if "article_id" in articles.columns else articles.index.astype(str)
    return list(zip(ids, column_texts(articles[field])))


def column_texts(column: pd.Series) -> list[str]:
    """A text column as a list of str, missing values as ``""`` (without iterating Arrow strings one by one).

    >>> column_texts(pd.Series(["a", None]))
    ['a', '']
    """
    return column.fillna("").astype(str).to_numpy(dtype=object).tolist()
