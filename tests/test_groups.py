"""Time and source as dimensions: groupings, trends and comparisons, hand-checked on a small built corpus and
checked on the shipped real corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import load_articles, tokens
from analysis.findings import grouping_summary, keyness_summary, trend_summary
from analysis.groups import (article_groups, article_periods, choose_period, compare_groups, count_by_group,
                             default_grouping, key_terms, pick_pair, term_trends)
from analysis.paths import repo_root


def _corpus() -> pd.DataFrame:
    """Six short articles from two outlets over three months (counts below are checked by hand)."""
    rows = [
        ("a1", "SANA", "2017-04-03", "Terrorists shelled Aleppo. The army repelled the terrorists."),
        ("a2", "SANA", "2017-04-20", "The army advanced in Aleppo countryside."),
        ("a3", "SANA", "2017-06-02", "Terrorists fired shells on Damascus."),
        ("b1", "Reuters", "2017-04-05", "Rebels said government forces shelled Aleppo."),
        ("b2", "Reuters", "2017-05-11", "Rebels and monitors reported air strikes."),
        ("b3", "Reuters", "2017-06-30", "Monitors said rebels held the town."),
    ]
    df = pd.DataFrame(rows, columns=["article_id", "source", "date", "body"])
    df["title"] = ""
    df["date"] = pd.to_datetime(df["date"])
    return df


@pytest.fixture(scope="module")
def corpus():
    arts = _corpus()
    return arts, tokens(arts)


def test_default_grouping_prefers_sources_then_periods_then_articles():
    arts = _corpus()
    assert default_grouping(arts).by == "source"
    one_source = arts.assign(source="feed.jsonl")
    # six articles in three months are too few per month: the year is the period, one year is no grouping
    assert default_grouping(one_source).by == "article"
    assert article_groups(one_source, "month").order == ("2017-04", "2017-05", "2017-06")
    many = pd.concat([one_source.assign(article_id=one_source.article_id + f"-{k}") for k in range(5)])
    g = default_grouping(many)                   # 30 articles: five or more per month
    assert g.by == "month" and g.order == ("2017-04", "2017-05", "2017-06")
    assert default_grouping(one_source.assign(date=pd.NaT)).by == "article"
    # one file per article is not an outlet: no source group has two articles
    assert default_grouping(arts.assign(source=arts["article_id"] + ".txt", date=pd.NaT)).by == "article"


def test_period_is_chosen_from_the_date_span():
    assert choose_period(_corpus()["date"]) == "Y"          # six articles over three months: too few per month
    many = pd.Series(pd.date_range("2017-01-01", periods=120, freq="D"))
    assert choose_period(many) == "W"                        # 120 days -> 18 weeks of 7 articles
    assert article_periods(_corpus(), "month").tolist() == ["2017-04", "2017-04", "2017-06", "2017-04", "2017-05",
                                                            "2017-06"]


def test_term_trends_counts_per_period_by_hand(corpus):
    arts, toks = corpus
    tr = term_trends(toks, arts, ["aleppo", "rebels"], period="month")
    aleppo = tr[tr.term == "aleppo"].set_index("period")
    # April: a1, a2, b1 mention Aleppo once each; 8 + 6 + 6 = 20 words
    assert aleppo.loc["2017-04", ["count", "words", "articles"]].tolist() == [3, 20, 3]
    assert aleppo.loc["2017-04", "per_10k"] == pytest.approx(3 / 20 * 10_000)
    assert aleppo.loc["2017-05", "count"] == 0 and aleppo.loc["2017-06", "count"] == 0
    rebels = tr[tr.term == "rebels"].set_index("period")["count"].to_dict()
    assert rebels == {"2017-04": 1, "2017-05": 1, "2017-06": 1}
    assert tr.attrs == {"period": "M", "undated_articles": 0}
    assert "*aleppo* peaks in 2017-04 (3 times in 20 words" in trend_summary(tr)


def test_trends_list_empty_periods_and_count_undated_articles(corpus):
    arts, _ = corpus
    arts = arts.copy()
    arts.loc[arts.article_id == "b2", "date"] = pd.NaT
    tr = term_trends(tokens(arts), arts, ["monitors"], period="month")
    may = tr[tr.period == "2017-05"].iloc[0]
    assert (may["words"], may["articles"], may["count"]) == (0, 0, 0) and pd.isna(may["per_10k"])
    assert tr.attrs["undated_articles"] == 1


def test_compare_groups_by_source_and_by_query(corpus):
    arts, toks = corpus
    grouping = article_groups(arts, "source")
    key = compare_groups(toks, grouping, "SANA", "Reuters", min_count=2)
    row = key.set_index("term").loc["terrorists"]
    assert (row.count_target, row.count_reference, row.key_for) == (3, 0, "target")
    assert key.set_index("term").loc["rebels", "key_for"] == "reference"
    assert key.attrs["a"] == "SANA" and key.attrs["b"] == "Reuters"
    q = article_groups(arts, query="date < '2017-05-01'")
    assert q.sizes().tolist() == [3, 3]
    assert "uses *terrorists*" in keyness_summary(key, "SANA", "Reuters", alpha=0.2)


def test_compare_needs_two_groups(corpus):
    arts, toks = corpus
    with pytest.raises(ValueError, match="comparing needs two groups"):
        compare_groups(toks, article_groups(arts.assign(source="one"), "source"))


def test_bad_group_column_and_query_are_clear_errors(corpus):
    arts, _ = corpus
    with pytest.raises(KeyError, match="no such column"):
        article_groups(arts, "outlet")
    with pytest.raises(ValueError, match="cannot evaluate the query"):
        article_groups(arts, query="source ==")


def test_key_terms_come_from_the_groups(corpus):
    arts, toks = corpus
    kt = key_terms(toks, article_groups(arts, "source"), k=4)
    assert {"terrorists", "rebels"} <= set(kt.term)
    assert set(kt.loc[kt.term == "terrorists", "group"]) == {"SANA"}


def test_count_by_group_and_pair():
    st = pd.DataFrame({"article_id": ["a1", "a1", "b1", "b2"], "speaker_type": ["military", "other", "government",
                                                                              "government"]})
    table = count_by_group(st, article_groups(_corpus(), "source"), "speaker_type")
    assert table.loc["Reuters"].to_dict() == {"government": 2, "military": 0, "other": 0}
    assert pick_pair(st["speaker_type"]) == ("government", "military")


def test_real_corpus_groups_by_outlet_and_month():
    arts = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl")
    g = default_grouping(arts)
    assert g.by == "source" and g.n_groups == 15
    assert "Comparisons are **by source**: 15 groups; the largest are Ahram Online (26 articles)" in \
        grouping_summary(g)
    months = article_groups(arts, "month")
    assert months.sizes().sum() == len(arts) >= 149 and months.order == tuple(sorted(months.order))


def test_a_user_column_named_like_a_period_is_the_column():
    arts = _corpus().assign(month=["spring", "spring", "summer", "spring", "spring", "summer"])
    assert article_groups(arts, "month").sizes().to_dict() == {"spring": 4, "summer": 2}
    assert article_groups(_corpus(), "month").order == ("2017-04", "2017-05", "2017-06")
