"""Describe a loaded corpus: sentences and words per article and field, and a chart of them."""
from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not by the text helpers here
    from matplotlib.axes import Axes

__all__ = ["corpus_overview", "plot_words_per_article", "short_label"]


def short_label(title: str, width: int = 48) -> str:
    """A headline shortened for an axis label (``…`` when cut).

    >>> short_label("Lebanese Army Denies Reports Claiming Militant Infiltration", 30)
    'Lebanese Army Denies Reports…'
    """
    title = " ".join(str(title).split()) or "(untitled)"
    return title if len(title) <= width else textwrap.shorten(title, width - 1, placeholder="") + "…"


def corpus_overview(articles: pd.DataFrame, toks: pd.DataFrame) -> pd.DataFrame:
    """Per article and field: sentences and words (non-punctuation tokens).

    Returns a long table with ``article_id``, ``title``, ``field``, ``sentences``, ``words``.

    >>> corpus_overview(articles, toks)[["field", "words"]].values.tolist()[:3]
    [['title', 10], ['caption', 27], ['body', 256]]
    """
    words = toks[~toks["is_punct"]]
    g = toks.groupby(["article_id", "field"], observed=True)
    out = pd.DataFrame({
        "sentences": g["sentence"].nunique(),
        "words": words.groupby(["article_id", "field"], observed=True).size(),
    }).fillna(0).astype("int64").reset_index()
    out["article_id"] = out["article_id"].astype(str)
    out["field"] = out["field"].astype(str)
    titles = articles.set_index(articles["article_id"].astype(str))["title"]
    out.insert(1, "title", out["article_id"].map(titles))
    return out


def plot_words_per_article(overview: pd.DataFrame, *, ax: Axes | None = None,
                           max_articles: int = 30) -> Axes:
    """Words per article: stacked bars by field (title, caption, body) for up to ``max_articles``
    articles, a histogram of article lengths for larger corpora.

    >>> ov = pd.DataFrame({"article_id": ["a", "a", "b"], "title": ["A", "A", "B"], "field": ["title", "body", "body"],
    ...                    "words": [5, 200, 120], "sentences": [1, 9, 6]})
    >>> len(plot_words_per_article(ov).patches)
    4
    """
    import matplotlib.pyplot as plt

    from .figures import COLORS

    wide = overview.pivot_table(index=["article_id", "title"], columns="field", values="words",
                                aggfunc="sum", fill_value=0, observed=True)
    order = [f for f in ("title", "caption", "body") if f in wide.columns]
    order += [f for f in wide.columns if f not in order]
    wide = wide[order]
    if len(wide) > max_articles:
        return _length_histogram(wide.sum(axis=1), ax=ax)
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False).index][::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 1.2 + 0.45 * len(wide)), layout="constrained")
    left = pd.Series(0, index=wide.index)
    for field in wide.columns:
        ax.barh(range(len(wide)), wide[field], left=left, color=COLORS.get(field), label=field,
                height=0.6)
        left = left + wide[field]
    ax.set_yticks(range(len(wide)), [short_label(t) for _, t in wide.index])
    ax.set_xlabel("words (tokens without punctuation)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), title="field")
    for i, total in enumerate(left):
        ax.text(total, i, f" {total:,}", va="center", fontsize=8.5)
    ax.margins(x=0.12)
    return ax


def _length_histogram(totals: pd.Series, *, ax: Axes | None = None) -> Axes:
    import matplotlib.pyplot as plt
    import numpy as np

    from .figures import ACCENT

    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 4.0), layout="constrained")
    bins = np.histogram_bin_edges(totals, bins="auto")
    ax.hist(totals, bins=bins[: 41] if len(bins) > 41 else bins, color=ACCENT, edgecolor="white", linewidth=0.5)
    ax.axvline(totals.median(), color="black", linewidth=0.9, linestyle="--")
    ax.annotate(f"median {int(totals.median()):,}", (totals.median(), 1), xycoords=("data", "axes fraction"),
                xytext=(4, -4), textcoords="offset points", va="top", fontsize=8.5)
    ax.set_xlabel("words per article (headline, caption and body; punctuation excluded)")
    ax.set_ylabel("articles")
    ax.grid(axis="y", visible=True)
    return ax
