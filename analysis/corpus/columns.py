"""The text columns of an articles table, as plain lists of str for the analysers."""
from __future__ import annotations

import math

import pandas as pd

__all__ = ["article_texts", "check_ids", "column_texts"]


def article_texts(articles: pd.DataFrame | str, field: str = "body", *, caller: str = "") -> list[tuple[str, str]]:
    """``(article_id, text)`` pairs of an articles table's ``field``, or ``[("text", articles)]`` for a string.

    A missing column is a clear ``KeyError`` naming the caller and the columns there are.

    >>> article_texts("Iraqi forces entered Al-Qaim.")
    [('text', 'Iraqi forces entered Al-Qaim.')]
    """
    if isinstance(articles, str):
        return [("text", _valid_unicode(articles, None, None, caller or "article_texts"))]
    if not isinstance(articles, pd.DataFrame):
        got = "None" if articles is None else type(articles).__name__
        raise TypeError(f"{caller or 'article_texts'}() expects an articles table or a text (str), got {got}")
    if field not in articles.columns:
        raise KeyError(f"{caller or 'article_texts'}: the articles table has no {field!r} column "
                       f"(columns: {', '.join(map(str, articles.columns))})")
    ids = articles["article_id"] if "article_id" in articles.columns else articles.index.to_series().astype(str)
    check_ids(ids, caller or "article_texts")
    return list(zip(ids, column_texts(articles[field])))


def check_ids(articles: pd.DataFrame | pd.Series, caller: str) -> None:
    """A clear ``ValueError`` when an articles table (or its ids) has missing or repeated ids: each row of a
    result names its article by id, so two articles sharing one would mix their rows."""
    ids = articles["article_id"] if isinstance(articles, pd.DataFrame) else articles
    if ids.isna().any():
        raise ValueError(f"{caller}(): {int(ids.isna().sum())} article(s) have no article_id (row "
                         f"{ids.index[ids.isna()][0]!r} first); every article needs an id")
    dup = ids.astype(str)
    dup = dup[dup.duplicated()]
    if len(dup):
        raise ValueError(f"{caller}(): the articles table repeats article_id {', '.join(map(repr, dup.unique()[:3]))}"
                         f"{' …' if dup.nunique() > 3 else ''} ({len(dup)} repeated row(s)); every article needs its own "
                         "id, e.g. articles.drop_duplicates('article_id')")


def column_texts(column: pd.Series) -> list[str]:
    """A text column as a list of str, missing values (None, NaN, NA) as ``""``.

    Anything else that is not text (a number, bytes, a list) is a ``TypeError``, and text with a lone
    surrogate a ``ValueError``, naming the column and row: nothing is turned into text silently.

    >>> column_texts(pd.Series(["a", None]))
    ['a', '']
    """
    values = column.to_numpy(dtype=object, na_value=None).tolist()
    if all(type(v) is str for v in values):
        for label, v in zip(column.index, values):
            _valid_unicode(v, column.name, label)
        return values
    out = []
    for label, v in zip(column.index, values):
        if isinstance(v, str):
            out.append(_valid_unicode(v, column.name, label))
        elif v is None or (isinstance(v, float) and math.isnan(v)):
            out.append("")
        else:
            raise TypeError(f"column {column.name!r}, row {label!r}: expected text, got {type(v).__name__} "
                            f"{str(v)[:40]!r}")
    return out


def _valid_unicode(text: str, name: object, label: object, caller: str = "") -> str:
    """``text``, or a ``ValueError`` when it holds a lone surrogate (not Unicode text; no table can store it)."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            where = f"{caller}()" if caller else f"column {name!r}, row {label!r}"
            raise ValueError(f"{where}: the text holds a lone surrogate "
                             f"(U+{ord(text[exc.start]):04X} at character {exc.start}), which is not Unicode; "
                             "load_articles repairs these, or clean it with "
                             "text.encode('utf-8', 'replace').decode('utf-8')") from None
    return text
