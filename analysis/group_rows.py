"""Rows of other tables (statements, place mentions) by article: article columns joined on, counts per group."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

import pandas as pd

if TYPE_CHECKING:
    from .groups import Grouping

__all__ = ["with_article_columns", "count_by_group", "pick_pair"]


def with_article_columns(rows: pd.DataFrame, articles: pd.DataFrame,
                         columns: Sequence[str] = ("source", "date")) -> pd.DataFrame:
    """``rows`` (statements, place mentions: any table with ``article_id``) with article columns joined on.

    >>> st = pd.DataFrame({"article_id": ["a", "b"], "text": ["x", "y"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "source": ["SANA", "TASS"], "date": pd.NaT})
    >>> with_article_columns(st, arts)["source"].tolist()
    ['SANA', 'TASS']
    """
    cols = [c for c in columns if c in articles.columns and c not in rows.columns]
    table = articles[["article_id", *cols]].assign(article_id=lambda d: d["article_id"].astype(str))
    out = rows.assign(article_id=rows["article_id"].astype(str)).merge(table, on="article_id", how="left")
    out.attrs = dict(rows.attrs)
    return out


def count_by_group(rows: pd.DataFrame, grouping: "Grouping", column: str) -> pd.DataFrame:
    """How many ``rows`` of each ``column`` value fall in each group of articles (groups in reading order).

    >>> st = pd.DataFrame({"article_id": ["a", "a", "b"], "speaker_type": ["military", "government", "military"]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "source": ["SANA", "TASS"]})
    >>> from analysis.groups import article_groups
    >>> count_by_group(st, article_groups(arts, "source"), "speaker_type").to_dict("index")
    {'SANA': {'government': 1, 'military': 1}, 'TASS': {'government': 0, 'military': 1}}
    """
    groups = rows["article_id"].astype(str).map(grouping.groups)
    table = pd.crosstab(groups.rename(grouping.by), rows[column].astype(str))
    table = table.reindex([g for g in grouping.order if g in table.index])
    table.columns.name = column
    return table


def pick_pair(values: pd.Series, a: str | None = None, b: str | None = None, *,
              exclude: Sequence[str] = ("other", "OTHER", "", "nan")) -> tuple[str, str] | None:
    """The two groups to compare: ``a`` and ``b`` when given, else the most frequent values (not ``exclude``).

    Returns None when there are fewer than two groups.

    >>> pick_pair(pd.Series(["military", "other", "government", "military", "other", "other"]))
    ('military', 'government')
    """
    counts = values.astype(str).value_counts()
    candidates = [g for g in counts.index if g not in exclude] or list(counts.index)
    a = a or (candidates[0] if candidates else None)
    b = b or next((g for g in candidates if g != a), None)
    return (a, b) if a is not None and b is not None else None
