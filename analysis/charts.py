"""Report charts: frequencies, trends, keyness, dispersion and statement wording.

Each takes ``ax=`` (or ``fig=``) and returns what it drew on; sizes follow the data, so a notebook
cell is the helper call, a title and :func:`~analysis.figures.save_figure`. Plain series take
:data:`~analysis.figures.PALETTE`; category colours (:data:`~analysis.figures.COLORS`) only ever mark
their category.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .describe import short_label
from .figures import ACCENT, COLORS, MUTED, PALETTE

__all__ = ["plot_top_terms", "plot_top_terms_by", "plot_ngrams", "plot_dispersion", "plot_keyness",
           "plot_term_trends", "plot_wording", "plot_wording_scatter", "plot_reporting_verbs", "plot_group_counts",
           "article_labels",
           "bar_height"]


def bar_height(n: int, *, per_bar: float = 0.24, base: float = 0.9) -> float:
    """Figure height in inches for ``n`` horizontal bars (so a chart grows with its data).

    >>> bar_height(20)
    5.7
    """
    return round(base + per_bar * max(n, 1), 2)


def article_labels(articles: pd.DataFrame, width: int = 40) -> pd.Series:
    """Short headline per article_id, for axis labels and panel titles.

    >>> article_labels(pd.DataFrame({"article_id": ["a"], "title": ["Iraqi Forces Enter al-Qaim"]}))["a"]
    'Iraqi Forces Enter al-Qaim'
    """
    return pd.Series([short_label(t, width) for t in articles["title"]],
                     index=articles["article_id"].astype(str), name="label")


def _bars(ax: Axes, labels: list[str], values: np.ndarray, color: str, value_fmt: str) -> None:
    y = np.arange(len(labels))[::-1]
    ax.barh(y, values, color=color, height=0.65)
    ax.set_yticks(y, labels)
    ax.grid(axis="y", visible=False)
    top = float(np.max(values)) if len(values) else 1.0
    for yi, v in zip(y, values):
        ax.text(v + top * 0.01, yi, format(v, value_fmt), va="center", fontsize=8)
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)


def plot_top_terms(freqs: pd.DataFrame, n: int = 20, *, ax: Axes | None = None, value: str = "count",
                   label: str = "term", color: str | None = None) -> Axes:
    """Horizontal bars of the ``n`` most frequent terms (most frequent on top).

    ``freqs`` is a :func:`term_frequencies` table (or any table with ``label`` and ``value`` columns).

    >>> from analysis import term_frequencies
    >>> len(plot_top_terms(term_frequencies(toks), n=15).patches)
    15
    """
    top = freqs.sort_values([value, label], ascending=[False, True], kind="stable").head(n)
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, bar_height(len(top))), layout="constrained")
    fmt = ",d" if pd.api.types.is_integer_dtype(top[value]) else ".1f"
    _bars(ax, [short_label(t, 40) for t in top[label].astype(str)], top[value].to_numpy(), color or ACCENT, fmt)
    ax.set_xlabel({"count": "occurrences", "per_10k": "per 10,000 words"}.get(value, value))
    return ax


def plot_top_terms_by(freqs: pd.DataFrame, by: str, n: int = 10, *, labels: Mapping[str, str] | None = None,
                      value: str = "count", ncols: int = 3, max_groups: int = 9, order: Sequence[str] | None = None,
                      fig: Figure | None = None) -> np.ndarray:
    """Small multiples: the top ``n`` terms of each group side by side. Returns the array of Axes.

    Groups are ``order`` (e.g. a :class:`~analysis.groups.Grouping`'s order) or the largest by token
    count, at most ``max_groups``; ``labels`` maps group values to panel titles (e.g. :func:`article_labels`).

    >>> from analysis import term_frequencies
    >>> axes = plot_top_terms_by(term_frequencies(toks, by="article_id"), "article_id",
    ...                          labels=article_labels(articles))
    >>> [ax.get_title() or ax.get_title(loc="left") for ax in axes if ax.get_visible()]
    ['Iraqi Forces Enter al-Qaim in…', 'Lebanese Army Denies Reports…']
    """
    sizes = freqs.groupby(by, observed=True)["count"].sum().sort_values(ascending=False, kind="stable")
    groups = list(sizes.index[:max_groups]) if order is None else [g for g in order if g in sizes.index][:max_groups]
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, -(-len(groups) // ncols))
    if fig is None:
        fig = plt.figure(figsize=(3.9 * ncols + 0.6, 0.8 + nrows * (0.7 + 0.22 * n)), layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False).ravel())
    for i, (ax, g) in enumerate(zip(axes, groups)):
        plot_top_terms(freqs[freqs[by] == g], n, ax=ax, value=value, color=ACCENT)
        name = str(labels.get(str(g), g)) if labels is not None else str(g)
        ax.set_title(short_label(name, 34), fontsize=10)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    return axes


def plot_ngrams(ngram_table: pd.DataFrame, n: int = 15, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the ``n`` most frequent n-grams (a :func:`ngrams` table).

    >>> from analysis import ngrams
    >>> plot_ngrams(ngrams(toks, n=2), n=5).get_yticklabels()[0].get_text()
    'iraqi forces'
    """
    ax = plot_top_terms(ngram_table, n, ax=ax, label="ngram", color=PALETTE[2])
    return ax


def plot_dispersion(disp: pd.DataFrame, *, labels: Mapping[str, str] | None = None, ax: Axes | None = None,
                    max_articles: int = 12) -> Axes:
    """Lexical dispersion: one row per article, a tick (coloured by term) wherever a term occurs.

    ``disp`` is a :func:`dispersion` table; x runs from the start (0) to the end (1) of each article,
    so articles of different length line up. With many articles, the ``max_articles`` with the
    most occurrences are shown (the title should say so).

    >>> disp = pd.DataFrame({"article_id": ["a", "a", "b"], "term": ["isis", "army", "isis"],
    ...                      "relative": [0.1, 0.5, 0.9]})
    >>> len(plot_dispersion(disp).get_yticklabels())
    2
    """
    terms = list(dict.fromkeys(disp["term"]))
    ids = disp["article_id"].astype(str)
    hits = ids.value_counts(sort=False)
    order = sorted(hits.index, key=lambda a: (-hits[a], list(ids).index(a)))[:max_articles]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 1.3 + 0.32 * max(len(order), 1)), layout="constrained")
    ypos = {a: len(order) - 1 - i for i, a in enumerate(order)}
    band = 0.8 / max(len(terms), 1)
    for k, t in enumerate(terms):
        sel = disp[(disp["term"] == t) & ids.isin(order)]
        y = np.array([ypos[a] for a in sel["article_id"].astype(str)], dtype=float)
        y0 = y - 0.4 + k * band
        ax.vlines(sel["relative"], y0, y0 + band * 0.9, color=PALETTE[k % len(PALETTE)], linewidth=1.6, label=t)
    for y in range(len(order) - 1):
        ax.axhline(y + 0.5, color="#dddddd", linewidth=0.6)
    names = [short_label(labels.get(a, a), 40) if labels is not None else short_label(a, 40) for a in order]
    ax.set_yticks([ypos[a] for a in order], names)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.set_xlabel("position in the article (0 = first word, 1 = last word)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="term", borderaxespad=0.0)
    return ax


def _pair_colours(a: str, b: str) -> tuple[str, str]:
    """Category colours for two groups when both are categories with different colours, else two plain ones."""
    ca, cb = COLORS.get(str(a)), COLORS.get(str(b))
    if ca and cb and ca != cb:
        return ca, cb
    return PALETTE[0], PALETTE[6]


def plot_keyness(key: pd.DataFrame, n: int = 10, *, target_label: str = "target",
                 reference_label: str = "reference", alpha: float = 0.05, ax: Axes | None = None) -> Axes:
    """Diverging bars of log ratio for the strongest keywords of each side (a :func:`keyness` table).

    Only terms with ``p_value < alpha`` are drawn; each bar is labelled with its G².

    >>> key = pd.DataFrame({"term": ["isis", "army"], "p_value": [0.01, 0.02], "key_for": ["target", "reference"],
    ...                     "log_ratio": [2.0, -1.5], "g2": [9.1, 6.0]})
    >>> [t.get_text() for t in plot_keyness(key).get_yticklabels()]
    ['isis', 'army']
    """
    sig = key[key["p_value"] < alpha]
    tgt = sig[sig["key_for"] == "target"].head(n)
    ref = sig[sig["key_for"] == "reference"].head(n)
    shown = pd.concat([tgt.sort_values("log_ratio"), ref.sort_values("log_ratio")])
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, bar_height(len(shown), base=1.3)), layout="constrained")
    y = np.arange(len(shown))
    col_t, col_r = _pair_colours(target_label, reference_label)
    ax.barh(y, shown["log_ratio"], color=[col_t if k == "target" else col_r for k in shown["key_for"]], height=0.65)
    ax.set_yticks(y, shown["term"])
    ax.axvline(0, color="black", linewidth=0.8)
    for yi, (lr, g2) in enumerate(zip(shown["log_ratio"], shown["g2"])):
        ax.text(lr + (0.08 if lr >= 0 else -0.08), yi, f"G²={g2:.1f}", va="center",
                ha="left" if lr >= 0 else "right", fontsize=7.5)
    lim = float(np.abs(shown["log_ratio"]).max()) * 1.45 if len(shown) else 1.0
    ax.set_xlim(-lim, lim)
    ax.set_xlabel(f"log ratio (log₂ of the ratio of relative frequencies)\n"
                  f"← more in {short_label(reference_label, 26)}  |  more in {short_label(target_label, 26)} →")
    ax.grid(axis="y", visible=False)
    if not len(shown):
        ax.set_yticks([])
        ax.text(0.5, 0.5, f"no keywords with p < {alpha}", transform=ax.transAxes, ha="center")
    return ax


def plot_term_trends(trends: pd.DataFrame, *, value: str = "per_10k", ax: Axes | None = None) -> Axes:
    """Lines of each term's rate per period (a :func:`~analysis.groups.term_trends` table), each point in the
    middle of its period; without ``ax``, a panel below shows how many articles each period holds, so a
    reader sees which points rest on few articles.

    Periods without articles leave a gap; each point's count and word total are in the table.

    >>> tr = pd.DataFrame({"period": ["2017-04", "2017-05"] * 2, "period_start": pd.to_datetime(["2017-04-01",
    ...     "2017-05-01"] * 2), "term": ["sarin", "sarin", "talks", "talks"], "per_10k": [30.0, 5.0, 0.0, 12.0],
    ...     "articles": [3, 2, 3, 2]})
    >>> [line.get_label() for line in plot_term_trends(tr).get_lines()]
    ['sarin', 'talks']
    """
    import matplotlib.dates as mdates

    code = trends.attrs.get("period", "M")
    freq = {"D": "D", "W": "W", "M": "M", "Y": "Y"}.get(code, "M")
    periods = pd.PeriodIndex(trends["period"].astype(str), freq=freq) if "period" in trends.columns else None
    mid = (periods.start_time + (periods.end_time - periods.start_time) / 2) if periods is not None \
        else pd.DatetimeIndex(trends["period_start"])
    data = trends.assign(_x=np.asarray(mid))
    counts_ax = None
    if ax is None:
        fig, (ax, counts_ax) = plt.subplots(2, 1, figsize=(7.5, 5.0), sharex=True, layout="constrained",
                                            gridspec_kw={"height_ratios": [3.2, 1.0]})
    for k, (term, g) in enumerate(data.groupby("term", sort=False)):
        g = g.sort_values("_x")
        ax.plot(g["_x"], g[value], marker="o", markersize=3.5, linewidth=1.4,
                color=PALETTE[k % len(PALETTE)], label=str(term))
    locator = mdates.YearLocator() if code == "Y" else mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y") if code == "Y" else mdates.ConciseDateFormatter(locator))
    ax.set_ylabel({"per_10k": "per 10,000 words", "count": "occurrences"}.get(value, value))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", visible=True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="term", borderaxespad=0.0)
    if counts_ax is not None and "articles" in data.columns:
        per = data.drop_duplicates("_x").sort_values("_x")
        width = (periods.end_time - periods.start_time).max() * 0.8 if periods is not None else 20
        counts_ax.bar(per["_x"], per["articles"], width=width, color=MUTED)
        counts_ax.set_ylabel("articles")
        counts_ax.grid(axis="y", visible=True)
        counts_ax.yaxis.get_major_locator().set_params(integer=True)
    return ax


def plot_wording(table: pd.DataFrame, n: int = 12, *, ax: Axes | None = None,
                 colors: Mapping[str, str] | None = None) -> Axes:
    """Diverging bars of the words most distinctive of each group in a :func:`compare_wording` table (z-scores).

    Bars to the right lean to group ``a``, to the left to group ``b``; dotted lines mark |z| = 1.96.

    >>> t = pd.DataFrame({"term": ["terrorists", "talks"], "z": [2.5, -2.1]})
    >>> t.attrs.update(a="military", b="government")
    >>> [x.get_text() for x in plot_wording(t).get_yticklabels()]
    ['talks', 'terrorists']
    """
    a, b = table.attrs.get("a", "a"), table.attrs.get("b", "b")
    col_a, col_b = _pair_colours(a, b)
    if colors:
        col_a, col_b = colors.get(a, col_a), colors.get(b, col_b)
    top = pd.concat([table.nlargest(n, "z").loc[lambda d: d.z > 0],
                     table.nsmallest(n, "z").loc[lambda d: d.z < 0]]).sort_values("z", kind="mergesort")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, bar_height(len(top), per_bar=0.22, base=1.2)), layout="constrained")
    ax.barh(range(len(top)), top["z"], color=[col_a if z > 0 else col_b for z in top["z"]])
    ax.set_yticks(range(len(top)), top["term"].tolist())
    ax.axvline(0, color="black", lw=0.8)
    for x in (-1.96, 1.96):
        ax.axvline(x, color=MUTED, lw=0.8, ls=":")
    ax.set_xlabel(f"z-score of the weighted log-odds\n(← {short_label(b, 30)}   |   {short_label(a, 30)} →)")
    return ax


def plot_wording_scatter(table: pd.DataFrame, *, ax: Axes | None = None, n_labels: int = 12) -> Axes:
    """Frequency against z-score (Monroe et al.'s figure): each word's total count (log scale) vs its z,
    with up to ``n_labels`` words of largest |z| labelled without overlaps (the rest are counted in
    ``ax.texts`` no more; :func:`~analysis.labels.place_labels` says how many were left off)."""
    from .labels import place_labels

    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 4.5), layout="constrained")
    total = table["count_a"] + table["count_b"]
    a, b = table.attrs.get("a", "a"), table.attrs.get("b", "b")
    col_a, col_b = _pair_colours(a, b)
    ax.scatter(total, table["z"], s=12, c=np.where(table["z"] > 0, col_a, col_b), alpha=0.6, edgecolors="none")
    ax.set_xscale("log")
    ax.axhline(0, color="black", lw=0.6)
    for y in (-1.96, 1.96):
        ax.axhline(y, color=MUTED, lw=0.8, ls=":")
    lab = table.reindex(table["z"].abs().sort_values(ascending=False, kind="mergesort").index[:n_labels])
    ax.set_xlabel("word count in both groups (log scale)")
    ax.set_ylabel(f"z  (+ {short_label(a, 24)}, − {short_label(b, 24)})")
    if len(table):
        place_labels(ax, (lab["count_a"] + lab["count_b"]).to_numpy(), lab["z"].to_numpy(),
                     lab["term"].astype(str).tolist(), fontsize=7)
    return ax


def plot_reporting_verbs(table: pd.DataFrame, *, ax: Axes | None = None, n: int = 12) -> Axes:
    """Grouped horizontal bars of a :func:`reporting_verbs` table (verbs × groups).

    >>> t = pd.DataFrame({"military": [3, 1], "government": [1, 2]}, index=["say", "deny"])
    >>> len(plot_reporting_verbs(t).get_yticklabels())
    2
    """
    top = table.head(n)[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, bar_height(len(top), per_bar=0.32, base=1.1)), layout="constrained")
    groups = list(top.columns)
    h = 0.8 / max(len(groups), 1)
    for k, g in enumerate(groups):
        colour = COLORS.get(str(g)) if all(str(x) in COLORS for x in groups) else PALETTE[k % len(PALETTE)]
        ax.barh(np.arange(len(top)) + k * h - 0.4 + h / 2, top[g], height=h, label=short_label(str(g), 30),
                color=colour)
    ax.set_yticks(range(len(top)), [str(v) for v in top.index])
    ax.set_xlabel("statements")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax


def plot_group_counts(table: pd.DataFrame, *, ax: Axes | None = None, max_rows: int = 20,
                      over_time: bool = False, labels: Mapping[str, str] | None = None, what: str = "statements",
                      legend_title: str | None = None) -> Axes:
    """Stacked bars of a counts table (rows: groups of articles such as sources or periods; columns:
    categories such as speaker types), from :func:`~analysis.groups.count_by_group`.

    Rows are horizontal bars (the ``max_rows`` largest), or vertical bars in row order when
    ``over_time``. Columns that are categories keep their colours.

    >>> t = pd.DataFrame({"military": [3, 1], "government": [1, 2]}, index=["SANA", "TASS"])
    >>> len(plot_group_counts(t).patches)
    4
    """
    cols = list(table.columns)
    table = table[table.sum(axis=1) > 0] if len(table) else table
    if not over_time:
        table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="mergesort").index[:max_rows]][::-1]
    if ax is None:
        size = (7.5, 4.0) if over_time else (7.0, bar_height(len(table), per_bar=0.3, base=1.2))
        _, ax = plt.subplots(figsize=size, layout="constrained")
    categorical = all(str(c) in COLORS for c in cols)
    base = np.zeros(len(table))
    pos = np.arange(len(table))
    for k, c in enumerate(cols):
        colour = COLORS[str(c)] if categorical else PALETTE[k % len(PALETTE)]
        values = table[c].to_numpy()
        if over_time:
            ax.bar(pos, values, bottom=base, color=colour, label=short_label(str(c), 24), width=0.8)
        else:
            ax.barh(pos, values, left=base, color=colour, label=short_label(str(c), 24), height=0.65)
        base = base + values
    names = [short_label(str(labels.get(str(i), i)) if labels is not None else str(i), 36) for i in table.index]
    (ax.set_ylabel if over_time else ax.set_xlabel)(what)
    if over_time:
        step = max(1, -(-len(names) // 12))
        ax.set_xticks(pos[::step], names[::step], rotation=45, ha="right")
        ax.grid(axis="x", visible=False)
        ax.grid(axis="y", visible=True)
    else:
        ax.set_yticks(pos, names)
        ax.grid(axis="y", visible=False)
    title = legend_title if legend_title is not None else str(table.columns.name or "").replace("_", " ")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title=title, borderaxespad=0.0)
    return ax
