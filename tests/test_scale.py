"""Large-corpus paths give the same answers: parallel tokens, caches, count_terms, and Dask on a LocalCluster."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import load_articles, term_frequencies, tokens
from analysis.scale import articles_bag, count_terms
from analysis.scale import term_frequencies as dask_term_frequencies


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample):
    """A few hundred articles: the sample's bodies with unique ids and varied numbers, in three JSONL files."""
    folder = tmp_path_factory.mktemp("corpus")
    recs = sample[["title", "body"]].to_dict("records")
    for f in range(3):
        with (folder / f"part{f}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(80):
                r = recs[i % 2]
                fh.write(json.dumps({"id": f"a{f}-{i}", "title": r["title"],
                                     "body": r["body"].replace("150,000", f"{150 + i},000")}) + "\n")
    return folder


def test_parallel_and_cached_tokens_equal_serial(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    arts = load_articles(corpus)
    serial = tokens(arts, workers=1)
    pd.testing.assert_frame_equal(serial, tokens(arts, workers=2))
    first = tokens(arts, cache=True)
    assert list((tmp_path / "tokens").glob("*.parquet"))
    pd.testing.assert_frame_equal(serial, first)
    pd.testing.assert_frame_equal(serial, tokens(arts, cache=True))


def test_count_terms_equals_term_frequencies(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    arts = load_articles(corpus, cache=True)
    pd.testing.assert_frame_equal(arts, load_articles(corpus, cache=True))
    ref = term_frequencies(tokens(arts))
    for kw in ({"workers": 1}, {"workers": 2, "chunk_size": 40}, {"cache": True}, {"cache": True}):
        pd.testing.assert_frame_equal(ref, count_terms(arts, **kw), check_dtype=False)


def test_dask_local_cluster_equals_pandas(corpus):
    distributed = pytest.importorskip("distributed")
    arts = load_articles(corpus)
    expected = term_frequencies(tokens(arts))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            distributed.Client(cl):
        got = dask_term_frequencies(articles_bag(sorted(corpus.glob("*.jsonl"))))
        pd.testing.assert_frame_equal(expected, got, check_dtype=False)
        import dask.dataframe as dd

        frame = arts[["article_id", "title", "body"]].copy()
        frame.attrs.clear()          # the load report lives in attrs; Dask's metadata cannot hold DataFrames
        ddf = dd.from_pandas(frame, npartitions=3)
        pd.testing.assert_frame_equal(expected, dask_term_frequencies(ddf), check_dtype=False)
