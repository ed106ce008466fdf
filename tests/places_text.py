"""Helpers of the geoparser tests: a mention's rows in a passage, and the 401 development articles' places."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import extract_locations, load_articles, repo_root

#: the real development corpus beside the repo (absent from a user's clone)
SHARED_DEV = repo_root().parent / "shared" / "corpora" / "fakes_dev.jsonl"


def mention_rows(text: str, mention: str) -> pd.DataFrame:
    """The rows of ``extract_locations(text)`` whose mention is exactly ``mention``."""
    locs = extract_locations(text)
    return locs[locs["mention"] == mention]


def one_place(text: str, mention: str) -> pd.Series:
    """The one row of ``mention`` in ``text`` (the test fails, listing what was found, if there is not one)."""
    rows = mention_rows(text, mention)
    assert len(rows) == 1, extract_locations(text)[["mention", "name", "country_code"]].values.tolist()
    return rows.iloc[0]


def shared_dev_locations() -> pd.DataFrame:
    """``extract_locations`` of the 401 development articles (skips the test when ../shared is absent)."""
    if not SHARED_DEV.is_file():
        pytest.skip("../shared is not beside the repo (a user's clone)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # one article is only page furniture
        articles = load_articles(SHARED_DEV)
    return extract_locations(articles, progress=False)
