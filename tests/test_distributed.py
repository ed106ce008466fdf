"""The pipeline on Dask: tokens, statements and places of a Dask DataFrame, partition-wise on a 2-worker
LocalCluster, equal to the in-memory results on the sample and on real news."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import extract_locations, extract_statements, load_articles, tokens
from analysis.distributed import dask_locations, dask_statements, dask_tokens, plain_columns
from analysis.paths import repo_root


@pytest.fixture(scope="module")
def articles(sample):
    real = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl").head(30)
    both = pd.concat([plain_columns(sample), plain_columns(real)], ignore_index=True)
    return both


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            distributed.Client(cl) as c:
        yield c


def _same(got: pd.DataFrame, expected: pd.DataFrame, keys: list[str]) -> None:
    expected = plain_columns(expected)
    got = got.sort_values(keys, kind="mergesort").reset_index(drop=True)
    expected = expected.sort_values(keys, kind="mergesort").reset_index(drop=True)
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_tokens_statements_and_places_on_a_local_cluster_equal_the_in_memory_path(articles, client):
    import dask.dataframe as dd

    ddf = dd.from_pandas(articles, npartitions=4)
    _same(dask_tokens(ddf).compute(), tokens(articles), ["article_id", "field", "position"])
    st = dask_statements(ddf).compute()
    assert len(st) > 20
    _same(st, extract_statements(articles), ["article_id", "start", "end", "speaker_start"])
    locs = dask_locations(ddf).compute()
    assert len(locs) > 100
    _same(locs, extract_locations(articles), ["article_id", "field", "start"])


def test_a_pandas_table_is_a_clear_error(articles):
    with pytest.raises(TypeError, match="expected a Dask DataFrame of articles"):
        dask_tokens(articles)
