"""Report charts for the frequency helpers. Each takes ``ax=`` (or ``fig=``) and returns what it drew on."""
from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .describe import short_label
from .figures import COLORS

__all__ = ["plot_top_terms", "plot_top_terms_by", "plot_ngrams", "plot_dispersion", "plot_keyness",
           "article_labels"]


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

    >>> ax = plot_top_terms(term_frequencies(toks), n=15)             # doctest: +SKIP
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 0.8 + 0.24 * n))
    top = freqs.sort_values([value, label], ascending=[False, True], kind="stable").head(n)
    fmt = ",d" if pd.api.types.is_integer_dtype(top[value]) else ".1f"
    _bars(ax, top[label].astype(str).tolist(), top[value].to_numpy(), color or COLORS["accent"], fmt)
    ax.set_xlabel({"count": "occurrences", "per_10k": "per 10,000 words"}.get(value, value))
    return ax


def plot_top_terms_by(freqs: pd.DataFrame, by: str, n: int = 10, *, labels: Mapping[str, str] | None = None,
                      value: str = "count", ncols: int = 2, max_groups: int = 12,
                      fig: Figure | None = None) -> np.ndarray:
    """Small multiples: the top ``n`` terms of each group side by side. Returns the array of Axes.

    Groups are the largest ``max_groups`` by token count; ``labels`` maps group
    values to panel titles (e.g. :func:`article_labels`).

    >>> axes = plot_top_terms_by(term_frequencies(toks, by="article_id"), "article_id",
    ...                          labels=article_labels(articles))   # doctest: +SKIP
    """
    sizes = freqs.groupby(by, observed=True)["count"].sum().sort_values(ascending=False, kind="stable")
    groups = list(sizes.index[:max_groups])
    ncols = max(1, min(ncols, len(groups)))
    nrows = max(1, -(-len(groups) // ncols))
    if fig is None:
        fig = plt.figure(figsize=(3.6 * ncols + 0.6, 0.8 + nrows * (0.6 + 0.22 * n)), layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False).ravel())
    palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (ax, g) in enumerate(zip(axes, groups)):
        plot_top_terms(freqs[freqs[by] == g], n, ax=ax, value=value, color=palette[i % len(palette)])
        ax.set_title(str(labels.get(str(g), g)) if labels is not None else str(g), fontsize=10)
    for ax in axes[len(groups):]:
        ax.set_visible(False)
    return axes


def plot_ngrams(ngram_table: pd.DataFrame, n: int = 15, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the ``n`` most frequent n-grams (a :func:`ngrams` table).

    >>> ax = plot_ngrams(ngrams(toks, n=2))                          # doctest: +SKIP
    """
    ax = plot_top_terms(ngram_table, n, ax=ax, label="ngram", color=COLORS["physical feature"])
    return ax


def plot_dispersion(disp: pd.DataFrame, *, labels: Mapping[str, str] | None = None, ax: Axes | None = None,
                    max_articles: int = 12) -> Axes:
    """Lexical dispersion: one row per article and term, a tick where the term occurs.

    ``disp`` is a :func:`dispersion` table; x runs from the start (0) to the end
    (1) of each article, so articles of different length line up.

    >>> ax = plot_dispersion(dispersion(toks, ["isis", "army", "border"]))   # doctest: +SKIP
    """
    terms = list(dict.fromkeys(disp["term"]))
    arts = list(dict.fromkeys(disp["article_id"].astype(str)))[:max_articles]
    rows = [(a, t) for a in arts for t in terms]
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 0.9 + 0.28 * len(rows)))
    palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    colour = {t: palette[i % len(palette)] for i, t in enumerate(terms)}
    ypos = {r: len(rows) - 1 - i for i, r in enumerate(rows)}
    for (a, t), y in ypos.items():
        sel = disp[(disp["article_id"].astype(str) == a) & (disp["term"] == t)]
        ax.vlines(sel["relative"], y - 0.38, y + 0.38, color=colour[t], linewidth=2.0)
    ax.set_yticks([ypos[r] for r in rows], [t for _, t in rows])
    for i, a in enumerate(arts):
        if i:
            ax.axhline(ypos[(a, terms[0])] + 0.5, color="#bbbbbb", linewidth=0.8)
        mid = np.mean([ypos[(a, t)] for t in terms])
        name = labels.get(a, a) if labels is not None else a
        ax.annotate(name, xy=(1.01, mid), xycoords=("axes fraction", "data"), va="center", fontsize=8.5)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("position in the article (0 = first word, 1 = last word)")
    ax.grid(axis="y", visible=False)
    return ax


def plot_keyness(key: pd.DataFrame, n: int = 10, *, target_label: str = "target",
                 reference_label: str = "reference", alpha: float = 0.05, ax: Axes | None = None) -> Axes:
    """Diverging bars of log ratio for the strongest keywords of each side (a :func:`keyness` table).

    Only terms with ``p_value < alpha`` are drawn; each bar is labelled with its G².

    >>> ax = plot_keyness(keyness(toks, target=first_id), target_label="Iraq article")   # doctest: +SKIP
    """
    sig = key[key["p_value"] < alpha]
    tgt = sig[sig["key_for"] == "target"].head(n)
    ref = sig[sig["key_for"] == "reference"].head(n)
    shown = pd.concat([tgt.sort_values("log_ratio"), ref.sort_values("log_ratio")])
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 1.0 + 0.24 * max(len(shown), 1)))
    y = np.arange(len(shown))
    colours = [COLORS["accent"] if k == "target" else COLORS["government"] for k in shown["key_for"]]
    ax.barh(y, shown["log_ratio"], color=colours, height=0.65)
    ax.set_yticks(y, shown["term"])
    ax.axvline(0, color="black", linewidth=0.8)
    for yi, (lr, g2) in enumerate(zip(shown["log_ratio"], shown["g2"])):
        ax.text(lr + (0.08 if lr >= 0 else -0.08), yi, f"G²={g2:.1f}", va="center",
                ha="left" if lr >= 0 else "right", fontsize=7.5)
    lim = float(np.abs(shown["log_ratio"]).max()) * 1.35 if len(shown) else 1.0
    ax.set_xlim(-lim, lim)
    ax.set_xlabel(f"log ratio (log₂ of the ratio of relative frequencies)\n"
                  f"← more in {reference_label}  |  more in {target_label} →")
    ax.grid(axis="y", visible=False)
    if not len(shown):
        ax.text(0.5, 0.5, f"no keywords with p < {alpha}", transform=ax.transAxes, ha="center")
    return ax


def plot_wording(table: pd.DataFrame, n: int = 12, *, ax: Axes | None = None,
                 colors: Mapping[str, str] | None = None) -> Axes:
    """Diverging bars of the words most distinctive of each group in a :func:`compare_wording` table (z-scores).

    Bars to the right lean to group ``a``, to the left to group ``b``; dotted lines mark |z| = 1.96.

    >>> ax = plot_wording(compare_wording(statements), n=12)     # doctest: +SKIP
    """
    a, b = table.attrs.get("a", "a"), table.attrs.get("b", "b")
    colors = colors or {}
    top = pd.concat([table.nlargest(n, "z").loc[lambda d: d.z > 0],
                     table.nsmallest(n, "z").loc[lambda d: d.z < 0]]).sort_values("z", kind="mergesort")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 0.8 + 0.22 * max(len(top), 4)))
    col = [colors.get(a, COLORS.get(a, COLORS["accent"])) if z > 0 else colors.get(b, COLORS.get(b, COLORS["muted"]))
           for z in top["z"]]
    ax.barh(range(len(top)), top["z"], color=col)
    ax.set_yticks(range(len(top)), top["term"].tolist())
    ax.axvline(0, color="black", lw=0.8)
    for x in (-1.96, 1.96):
        ax.axvline(x, color=COLORS["muted"], lw=0.8, ls=":")
    ax.set_xlabel(f"z-score of the weighted log-odds  (← {b}   |   {a} →)")
    return ax


def plot_wording_scatter(table: pd.DataFrame, *, ax: Axes | None = None, n_labels: int = 12) -> Axes:
    """Frequency against z-score (Monroe et al.'s figure): each word's total count (log scale) vs its z,
    with the ``n_labels`` words of largest |z| labelled."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 4.5))
    total = table["count_a"] + table["count_b"]
    a, b = table.attrs.get("a", "a"), table.attrs.get("b", "b")
    col = np.where(table["z"] > 0, COLORS.get(a, COLORS["accent"]), COLORS.get(b, COLORS["muted"]))
    ax.scatter(total, table["z"], s=12, c=col, alpha=0.6, edgecolors="none")
    ax.set_xscale("log")
    ax.axhline(0, color="black", lw=0.6)
    for y in (-1.96, 1.96):
        ax.axhline(y, color=COLORS["muted"], lw=0.8, ls=":")
    lab = table.reindex(table["z"].abs().sort_values(ascending=False, kind="mergesort").index[:n_labels])
    used: list[tuple[float, float]] = []
    for t, x, y in zip(lab["term"], lab["count_a"] + lab["count_b"], lab["z"]):
        dy = 0.0
        while any(abs(np.log10(x) - np.log10(ux)) < 0.15 and abs(y + dy - uy) < 0.12 for ux, uy in used):
            dy += 0.12 if y >= 0 else -0.12
        used.append((x, y + dy))
        ax.annotate(t, (x, y), xytext=(x, y + dy), fontsize=7, ha="left", va="center")
    ax.set_xlabel("word count in both groups (log scale)")
    ax.set_ylabel(f"z  (+ {a}, − {b})")
    return ax


def plot_reporting_verbs(table: pd.DataFrame, *, ax: Axes | None = None, n: int = 12) -> Axes:
    """Grouped horizontal bars of a :func:`reporting_verbs` table (verbs × groups)."""
    top = table.head(n)[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 0.8 + 0.3 * len(top)))
    groups = list(top.columns)
    h = 0.8 / max(len(groups), 1)
    for k, g in enumerate(groups):
        ax.barh(np.arange(len(top)) + k * h - 0.4 + h / 2, top[g], height=h, label=str(g),
                color=COLORS.get(str(g), None))
    ax.set_yticks(range(len(top)), [str(v) for v in top.index])
    ax.set_xlabel("statements")
    ax.legend(frameon=False, fontsize=8)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return ax
