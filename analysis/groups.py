"""Time and source as dimensions: group articles by outlet, period or any column, follow terms over time,
and compare the wording of any two groups.

* :func:`article_groups` turns a column (``source``, a period, any user column) or a query into a
  :class:`Grouping` of article ids; with no argument it picks a sensible default
  (:func:`default_grouping`: by source when there are several sources, else by period when the
  articles are dated, else per article).
* :func:`term_trends` counts terms per 10,000 words by day, week, month or year (chosen from the date
  span by :func:`choose_period`), with the counts behind every point (Voyant's *Trends*).
* :func:`compare_groups` is keyness (G², log ratio) of one group against another;
  :func:`key_terms` the corpus's own most distinctive terms, for charts that need terms to follow.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from .frequencies import dispersion, keyness, term_frequencies
from .group_rows import count_by_group, pick_pair, with_article_columns
from .text import StopwordOption

__all__ = ["GroupingRules", "RULES", "Grouping", "choose_period", "article_periods", "default_grouping",
           "article_groups", "term_trends", "compare_groups", "key_terms", "PERIOD_NAMES",
           "with_article_columns", "count_by_group", "pick_pair"]

#: pandas period codes and their names, finest first.
PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year"}


@dataclass(frozen=True)
class GroupingRules:
    """The numbers behind the default groupings and trends, each with what it encodes."""

    #: a source or period with fewer articles says nothing about an outlet or a time
    min_articles_per_group: int = 2
    #: group by time only when at least this share of the articles has a date
    min_dated_share: float = 0.5
    #: the period is the finest of day/week/month/year whose span holds at most this many periods
    max_periods: int = 60
    #: ... and whose dated articles average at least this many per period of the span
    min_articles_per_period: float = 5.0
    #: at most this many groups are searched for key terms (the largest by words)
    max_key_groups: int = 12
    #: significance level for a term to count as key for a group (G², 1 df, uncorrected)
    alpha: float = 0.05
    #: a key term must occur in at least this many of the group's articles (when it has that many):
    #: a word of one article is that article's, not its outlet's or its month's
    min_key_docs: int = 2


RULES = GroupingRules()


@dataclass(frozen=True)
class Grouping:
    """Articles assigned to groups: ``groups`` maps article_id to a group label (missing = no group).

    ``by`` says what the groups are (``source``, ``month``, ``article``, a column, a query), and
    ``order`` lists the groups in reading order (periods in time order, others largest first).
    """

    by: str
    groups: pd.Series
    order: tuple[str, ...]

    @property
    def n_groups(self) -> int:
        """How many groups hold at least one article."""
        return len(self.order)

    def sizes(self) -> pd.Series:
        """Articles per group, in :attr:`order`."""
        return self.groups.value_counts().reindex(list(self.order)).fillna(0).astype("int64")


def _dates(articles: pd.DataFrame) -> pd.Series:
    if "date" not in articles.columns:
        return pd.Series(pd.NaT, index=_ids(articles), dtype="datetime64[ns]")
    return pd.Series(pd.to_datetime(articles["date"], errors="coerce").to_numpy(), index=_ids(articles))


def _ids(articles: pd.DataFrame) -> pd.Index:
    if "article_id" not in articles.columns:
        raise KeyError("the articles table has no 'article_id' column; make it with load_articles()")
    return pd.Index(articles["article_id"].astype(str), name="article_id")


def choose_period(dates: pd.Series, rules: GroupingRules = RULES) -> str | None:
    """The finest period (``"D"``, ``"W"``, ``"M"``, ``"Y"``) that suits the dates, or None when undated.

    Finest first, a period is chosen when the span holds at most ``rules.max_periods`` periods and
    the dated articles average at least ``rules.min_articles_per_period`` per period of the span (so
    a trend line is not mostly gaps); the year is the fallback.

    >>> days = pd.Series(pd.to_datetime(["2017-04-04", "2017-04-04", "2017-04-05", "2017-04-06"] * 5))
    >>> choose_period(days)
    'D'
    >>> choose_period(pd.Series(pd.to_datetime(["2009-01-02", "2013-06-01", "2017-11-27"] * 20)))
    'Y'
    >>> choose_period(pd.Series([pd.NaT, pd.NaT])) is None
    True
    """
    d = pd.to_datetime(pd.Series(dates), errors="coerce").dropna()
    if d.empty:
        return None
    for code in ("D", "W", "M"):
        periods = d.dt.to_period(code)
        span = (periods.max() - periods.min()).n + 1
        if span <= rules.max_periods and len(d) / span >= rules.min_articles_per_period:
            return code
    return "Y"


def article_periods(articles: pd.DataFrame, period: str | None = None) -> pd.Series:
    """Each article's period label (``2017-04``), indexed by article_id; undated articles are missing.

    ``period`` is ``"D"``, ``"W"``, ``"M"``, ``"Y"`` (or ``day``/``week``/``month``/``year``); by
    default :func:`choose_period` picks it from the dates. The chosen code is in ``attrs["period"]``.

    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"],
    ...                      "date": pd.to_datetime(["2017-04-04", "2017-05-01", None])})
    >>> article_periods(arts, "month").tolist()
    ['2017-04', '2017-05', nan]
    """
    dates = _dates(articles)
    code = _period_code(period) if period is not None else choose_period(dates)
    if code is None:
        out = pd.Series(np.nan, index=dates.index, dtype=object, name="period")
    else:
        labels = dates.dt.to_period(code).astype(str).where(dates.notna(), np.nan)
        out = labels.astype(object).rename("period")
    out.attrs["period"] = code
    return out


def _period_code(period: str) -> str:
    names = {v: k for k, v in PERIOD_NAMES.items()}
    code = names.get(str(period).lower(), str(period).upper())
    if code not in PERIOD_NAMES:
        raise ValueError(f"unknown period {period!r}: use day, week, month or year (D, W, M, Y)")
    return code


def _grouping(by: str, groups: pd.Series, *, time_order: bool = False) -> Grouping:
    groups = groups.astype(object).where(groups.notna(), np.nan)
    counts = groups.value_counts(sort=False)
    if time_order:
        order = sorted(counts.index)
    else:
        order = sorted(counts.index, key=lambda g: (-counts[g], str(g)))
    return Grouping(by=by, groups=groups.rename(by), order=tuple(str(g) for g in order))


def default_grouping(articles: pd.DataFrame, rules: GroupingRules = RULES) -> Grouping:
    """The grouping a report should compare by: sources, else periods, else articles.

    By ``source`` when at least two sources hold ``rules.min_articles_per_group`` articles or more
    (outlets, not one file per article); else by period when at least ``rules.min_dated_share`` of
    the articles are dated and they fall in two periods or more; else per article.

    >>> arts = pd.DataFrame({"article_id": list("abcd"), "source": ["SANA", "SANA", "TASS", "TASS"],
    ...                      "date": pd.NaT})
    >>> default_grouping(arts).by
    'source'
    >>> default_grouping(arts.assign(source="one.txt")).by
    'article'
    """
    ids = _ids(articles)
    if "source" in articles.columns:
        sources = pd.Series(articles["source"].astype(str).to_numpy(), index=ids)
        big = sources.value_counts()
        if int((big >= rules.min_articles_per_group).sum()) >= 2:
            return _grouping("source", sources)
    dates = _dates(articles)
    if len(dates) and dates.notna().mean() >= rules.min_dated_share:
        periods = article_periods(articles)
        if periods.nunique() >= 2:
            return _grouping(PERIOD_NAMES[periods.attrs["period"]], periods, time_order=True)
    return _grouping("article", pd.Series(ids, index=ids))


def article_groups(articles: pd.DataFrame, by: str | None = None, *, query: str | None = None,
                   period: str | None = None) -> Grouping:
    """Group articles by a column, a period, or a query; with neither, :func:`default_grouping`.

    ``by`` is a column of the articles table (``"source"``, any user column), ``"period"`` (or
    ``"day"``, ``"week"``, ``"month"``, ``"year"`` when the table has no column of that name) for time,
    or ``"article"``. ``query`` is a
    pandas query on the articles table: its articles form one group and the rest the other.

    >>> arts = pd.DataFrame({"article_id": list("abc"), "source": ["SANA", "TASS", "SANA"]})
    >>> article_groups(arts, "source").sizes().to_dict()
    {'SANA': 2, 'TASS': 1}
    >>> article_groups(arts, query="source == 'TASS'").sizes().to_dict()
    {"source == 'TASS'": 1, "not (source == 'TASS')": 2}
    """
    ids = _ids(articles)
    if query is not None:
        try:
            hit = articles.eval(query)
        except Exception as exc:  # pandas raises many kinds of errors for a bad expression
            raise ValueError(f"cannot evaluate the query {query!r} on the articles table: {exc}") from None
        hit = pd.Series(np.asarray(hit, dtype=bool), index=ids)
        labels = pd.Series(np.where(hit, query, f"not ({query})"), index=ids)
        return Grouping(by="query", groups=labels.rename("query"), order=(query, f"not ({query})"))
    if by is None:
        return default_grouping(articles)
    is_period = by == "period" or (by in PERIOD_NAMES.values() or by.upper() in PERIOD_NAMES)
    if is_period and by not in articles.columns:       # a user column of that name wins
        periods = article_periods(articles, None if by == "period" else by)
        if periods.attrs["period"] is None:
            raise ValueError("cannot group by period: no article has a date")
        return _grouping(PERIOD_NAMES[periods.attrs["period"]], periods, time_order=True)
    if by == "article":
        return _grouping("article", pd.Series(ids, index=ids))
    if by not in articles.columns:
        raise KeyError(f"cannot group by {by!r}: the articles table has no such column "
                       f"(columns: {', '.join(map(str, articles.columns))})")
    values = articles[by]
    values = values.astype(object).where(values.notna(), np.nan)
    return _grouping(by, pd.Series(values.astype(str).where(values.notna(), np.nan).to_numpy(), index=ids))


def _group_series(toks: pd.DataFrame, grouping: Grouping) -> pd.Series:
    """The grouping restricted to the articles of the token table (a Series for ``by=`` of the counters)."""
    ids = pd.Index(toks["article_id"].astype(str).unique())
    groups = grouping.groups.reindex(ids)
    return groups.rename(grouping.by)


def compare_groups(toks: pd.DataFrame, grouping: Grouping, a: str | None = None, b: str | None = None, *,
                   fields: Sequence[str] | None = ("title", "body"), stopwords: StopwordOption = True,
                   min_count: int = 2) -> pd.DataFrame:
    """Keyness of group ``a`` against group ``b`` (default: the two largest groups by articles).

    ``b="rest"`` compares ``a`` with every other article. Returns the :func:`keyness` table with
    ``attrs`` ``a``, ``b``, ``by`` and the word totals ``words_a``, ``words_b``. Raises ValueError when
    the grouping has fewer than two groups (a one-article or one-source corpus).

    >>> arts = pd.DataFrame({"article_id": ["x", "y"], "title": ["", ""], "source": ["A", "B"],
    ...     "body": ["Army units shelled the border town. The army said.", "Ministers met in the capital."]})
    >>> from analysis import tokens
    >>> key = compare_groups(tokens(arts), article_groups(arts, "source"), "A", "B", min_count=1)
    >>> key.loc[key.term == "army", ["count_target", "count_reference", "key_for"]].values.tolist()
    [[2, 0, 'target']]
    """
    if grouping.n_groups < 2:
        raise ValueError(f"comparing needs two groups; the corpus has {grouping.n_groups} {grouping.by} group(s)")
    a = a if a is not None else grouping.order[0]
    if b is None:
        b = next(g for g in grouping.order if g != a)
    for g in (a, b):
        if g != "rest" and g not in grouping.order:
            raise KeyError(f"no {grouping.by} group {g!r}; groups are {', '.join(grouping.order[:10])}")
    series = _group_series(toks, grouping).fillna("(none)")
    key = keyness(toks, target=a, reference=None if b == "rest" else b, by=series, fields=fields,
                  stopwords=stopwords, min_count=min_count)
    key.attrs.update({"a": a, "b": b, "by": grouping.by})
    return key


def key_terms(toks: pd.DataFrame, grouping: Grouping | None = None, k: int = 6, *,
              fields: Sequence[str] | None = ("title", "body"), stopwords: StopwordOption = "news",
              rules: GroupingRules = RULES) -> pd.DataFrame:
    """The corpus's own key terms: the strongest keywords of its groups, taken in turn.

    For each of the largest ``rules.max_key_groups`` groups, keyness against the rest of the corpus;
    the terms key for the group at ``p < rules.alpha`` and used in at least ``rules.min_key_docs`` of
    its articles are taken group by group in turn (strongest
    G² first) until ``k`` distinct terms are found. Without a grouping of two groups or more, or when
    nothing is significant, the most frequent words (news stopwords removed) fill the list.
    Returns ``term``, ``group`` (whose keyword it is, or ``(frequent)``), ``g2``, ``count``.

    >>> arts = pd.DataFrame({"article_id": ["x", "y"], "title": ["", ""],
    ...     "body": ["ISIS fled. ISIS lost. ISIS hid.", "The army moved. The army waited. The army left."]})
    >>> from analysis import tokens
    >>> sorted(key_terms(tokens(arts), article_groups(arts, "article"), k=2).term)
    ['army', 'isis']
    """
    picked: dict[str, tuple[str, float, int]] = {}
    if grouping is not None and grouping.n_groups >= 2:
        series = _group_series(toks, grouping).fillna("(none)")
        docs = term_frequencies(toks, by=series, fields=fields, stopwords=stopwords).set_index(
            [grouping.by, "term"])["doc_freq"]
        sizes = grouping.sizes()
        lists = []
        for g in grouping.order[: rules.max_key_groups]:
            key = keyness(toks, target=g, by=series, fields=fields, stopwords=stopwords)
            need = min(rules.min_key_docs, int(sizes[g]))
            in_docs = np.array([docs.get((g, t), 0) >= need for t in key["term"]], dtype=bool)
            sig = key[(key["key_for"] == "target") & (key["p_value"] < rules.alpha) & in_docs]
            lists.append([(t, g, float(v), int(c)) for t, v, c in zip(sig["term"], sig["g2"], sig["count_target"])])
        for rank in range(max((len(x) for x in lists), default=0)):
            for items in lists:
                if rank < len(items) and len(picked) < k and items[rank][0] not in picked:
                    t, g, v, c = items[rank]
                    picked[t] = (g, v, c)
    if len(picked) < k:
        freq = term_frequencies(toks, fields=fields, stopwords=stopwords)
        for t, c in zip(freq["term"], freq["count"]):
            if len(picked) >= k:
                break
            if t not in picked and any(ch.isalpha() for ch in t):
                picked[t] = ("(frequent)", float("nan"), int(c))
    return pd.DataFrame([(t, g, v, c) for t, (g, v, c) in picked.items()], columns=["term", "group", "g2", "count"])


def term_trends(toks: pd.DataFrame, articles: pd.DataFrame, terms: Sequence[str] | None = None, *,
                period: str | None = None, k: int = 5, fields: Sequence[str] | None = ("title", "body"),
                ) -> pd.DataFrame:
    """How often each term occurs per period, per 10,000 words, with the counts behind every point.

    ``terms`` default to the corpus's :func:`key_terms` under its :func:`default_grouping` (the words
    that set its outlets, periods or articles apart).
    Every period of the span is listed, empty ones with ``words`` 0 and no rate. Returns ``period``,
    ``period_start``, ``term``, ``count``, ``words`` (all words of the period's articles in ``fields``),
    ``articles`` and ``per_10k``; ``attrs`` hold the period code and the number of undated articles.

    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "title": ["", "", ""],
    ...     "date": pd.to_datetime(["2017-04-03", "2017-04-20", "2017-06-01"]),
    ...     "body": ["Sarin was used.", "Sarin again. More sarin.", "Talks in Geneva."]})
    >>> from analysis import tokens
    >>> tr = term_trends(tokens(arts), arts, ["sarin"], period="month")
    >>> tr[["period", "count", "words", "articles"]].values.tolist()
    [['2017-04', 3, 7, 2], ['2017-05', 0, 0, 0], ['2017-06', 0, 3, 1]]
    """
    periods = article_periods(articles, period)
    code = periods.attrs["period"]
    if code is None:
        raise ValueError("term_trends needs dates: no article has one")
    if terms is None:
        terms = key_terms(toks, default_grouping(articles), k=k, fields=fields)["term"].tolist()
    words = toks[~toks["is_punct"].to_numpy()]
    if fields is not None:
        words = words[words["field"].isin(list(fields)).to_numpy()]
    art_period = periods.dropna()
    word_totals = words["article_id"].astype(str).map(art_period).value_counts()
    art_counts = art_period.value_counts()
    hits = dispersion(toks, terms, fields=fields)
    hits = hits.assign(period=hits["article_id"].astype(str).map(art_period)).dropna(subset=["period"])
    counts = hits.groupby(["period", "term"]).size()
    span = pd.period_range(pd.Period(min(art_period), code), pd.Period(max(art_period), code), freq=code)
    rows = []
    for p in span:
        label = str(p)
        for t in terms:
            n_words = int(word_totals.get(label, 0))
            n = int(counts.get((label, t), 0))
            rows.append((label, p.start_time, t, n, n_words, int(art_counts.get(label, 0)),
                         n / n_words * 10_000 if n_words else np.nan))
    out = pd.DataFrame(rows, columns=["period", "period_start", "term", "count", "words", "articles", "per_10k"])
    out.attrs.update({"period": code, "undated_articles": int(periods.isna().sum())})
    return out
