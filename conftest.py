"""Doctest namespace: the docstring examples of ``analysis`` run on the shipped sample (``articles``, ``toks``)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _sample_for_doctests(doctest_namespace):
    import matplotlib

    matplotlib.use("Agg")
    from analysis import load_articles, raw_dir, tokens

    if "articles" not in doctest_namespace:
        articles = load_articles(raw_dir())
        doctest_namespace.update(articles=articles, toks=tokens(articles), raw_dir=raw_dir,
                                 first_id=articles["article_id"].iloc[0])
