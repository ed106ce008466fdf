"""The pipeline on a Dask cluster: tokens, statements and places of a Dask DataFrame of articles, partition-wise.

Each partition (a pandas table of articles) is processed where it lives by the same function as in
memory, so the results are the rows the in-memory call gives (tested on a ``LocalCluster``). Worker
processes load the gazetteer and the lexicons once each (they are cached per process) and reuse them
for every partition. Term counts on Dask are :func:`analysis.scale.term_frequencies`.

Categorical columns of the token table become plain strings here: each partition would otherwise
carry its own categories, which Dask cannot concatenate.

>>> import dask.dataframe as dd
>>> arts = pd.DataFrame({"article_id": ["a", "b"], "title": ["", ""],
...                      "body": ["Shells hit Homs.", "Talks in Geneva."]})
>>> ddf = dd.from_pandas(arts, npartitions=2)
>>> dask_tokens(ddf).compute(scheduler="sync")["token"].tolist()
['Shells', 'hit', 'Homs', '.', 'Talks', 'in', 'Geneva', '.']
"""
from __future__ import annotations

from typing import Any, Callable

import pandas as pd

__all__ = ["dask_tokens", "dask_statements", "dask_locations", "plain_columns"]


def plain_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with categorical columns as plain strings (partitions of Dask results must share dtypes).

    >>> plain_columns(pd.DataFrame({"a": pd.Categorical(["x"])})).dtypes["a"] == object
    True
    """
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    out.attrs = {}
    return out


def _each_partition(articles: Any, fn: Callable[[pd.DataFrame], pd.DataFrame]) -> Any:
    """``fn`` on every partition of a Dask DataFrame of articles, with its output's empty frame as meta."""
    if not (hasattr(articles, "map_partitions") and hasattr(articles, "_meta")):
        raise TypeError(f"expected a Dask DataFrame of articles (dask.dataframe), got {type(articles).__name__}")
    meta = fn(articles._meta)
    return articles.map_partitions(fn, meta=meta)


def _tokens_of(part: pd.DataFrame, kwargs: dict) -> pd.DataFrame:
    from .text import tokens

    return plain_columns(tokens(part, workers=1, progress=False, **kwargs))


def _statements_of(part: pd.DataFrame, kwargs: dict) -> pd.DataFrame:
    from .statements import extract_statements

    return plain_columns(extract_statements(part, progress=False, **kwargs))


def _locations_of(part: pd.DataFrame, kwargs: dict) -> pd.DataFrame:
    from .places import extract_locations

    return plain_columns(extract_locations(part, progress=False, **kwargs))


def dask_tokens(articles: Any, **kwargs) -> Any:
    """The token table of a Dask DataFrame of articles (see :func:`analysis.tokens`), a Dask DataFrame."""
    return _each_partition(articles, lambda part: _tokens_of(part, kwargs))


def dask_statements(articles: Any, **kwargs) -> Any:
    """:func:`analysis.extract_statements` on every partition; a Dask DataFrame of statements.

    >>> import dask.dataframe as dd
    >>> arts = pd.DataFrame({"article_id": ["a"], "title": [""],
    ...                      "body": ['"We will win," Defence Minister Ali Hassan said on Monday.']})
    >>> dask_statements(dd.from_pandas(arts, npartitions=1)).compute(scheduler="sync")["speaker_type"].tolist()
    ['government']
    """
    return _each_partition(articles, lambda part: _statements_of(part, kwargs))


def dask_locations(articles: Any, **kwargs) -> Any:
    """:func:`analysis.extract_locations` on every partition; a Dask DataFrame of place mentions.

    >>> import dask.dataframe as dd
    >>> arts = pd.DataFrame({"article_id": ["a"], "title": ["Shelling in Homs"], "body": ["Shells hit Homs."]})
    >>> dask_locations(dd.from_pandas(arts, npartitions=1)).compute(scheduler="sync")["field"].tolist()
    ['title', 'body']
    """
    return _each_partition(articles, lambda part: _locations_of(part, kwargs))
