"""Sentences about the data, computed from the data, for the notebooks' claims and findings.

A report run on any corpus must speak of that corpus: the notebooks state their findings with these
helpers (shown with :class:`IPython.display.Markdown`), never with hand-written numbers. Each
function takes the table an analysis helper returned and returns Markdown; prose about method
stays in the notebooks.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = ["plural", "listing", "bullets", "corpus_summary", "cleaning_table", "length_summary",
           "grouping_summary", "top_terms_summary", "trend_summary", "composition_caveat", "dispersion_summary", "keyness_summary", "group_counts_summary", "top_sources_summary",
           "wording_summary", "places_summary"]


def plural(n: int | float, word: str, many: str | None = None) -> str:
    """``n`` and the word, in the singular for one.

    >>> plural(1, "article"), plural(1500, "article"), plural(2, "study", "studies")
    ('1 article', '1,500 articles', '2 studies')
    """
    n_text = f"{n:,}" if isinstance(n, (int, np.integer)) else f"{n:,.1f}"
    return f"{n_text} {word if n == 1 else (many or word + 's')}"


def listing(items: Iterable[str], conj: str = "and") -> str:
    """Join words as prose.

    >>> listing(["army", "forces", "border"]), listing(["army"]), listing([])
    ('army, forces and border', 'army', '')
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conj} " + items[-1]


def bullets(lines: Sequence[str]) -> str:
    """A Markdown bullet list (empty lines dropped).

    >>> print(bullets(["one", "", "two"]))
    - one
    - two
    """
    return "\n".join(f"- {line}" for line in lines if line)


def _date_span(dates: pd.Series) -> str:
    d = pd.to_datetime(dates, errors="coerce").dropna()
    if d.empty:
        return "no article carries a date"
    first, last = d.min(), d.max()
    undated = int(pd.to_datetime(dates, errors="coerce").isna().sum())
    span = first.strftime("%-d %B %Y") if first.date() == last.date() else \
        f"{first.strftime('%-d %B %Y')} to {last.strftime('%-d %B %Y')}"
    return f"dated {span}" + (f" ({plural(undated, 'article')} undated)" if undated else "")


def corpus_summary(articles: pd.DataFrame, report) -> str:
    """What the corpus holds and what loading did: articles, sources, dates, furniture, repairs, skips.

    >>> arts = pd.DataFrame({"source": ["a.txt", "a.txt"], "date": [pd.NaT, pd.NaT], "n_words": [260, 150]})
    >>> class R: changes = pd.DataFrame({"article_id": [], "action": [], "n": []}); skipped = []; files_read = 1
    >>> corpus_summary(arts, R())
    'The corpus holds **2 articles** (410 words of body text) from 1 source, read from 1 file; no article carries a date. Loading changed nothing and skipped nothing.'
    """
    n_sources = articles["source"].nunique() if "source" in articles.columns else 0
    words = int(articles["n_words"].sum()) if "n_words" in articles.columns else 0
    text = (f"The corpus holds **{plural(len(articles), 'article')}** ({words:,} words of body text) from "
            f"{plural(n_sources, 'source')}, read from {plural(report.files_read, 'file')}; "
            f"{_date_span(articles['date']) if 'date' in articles.columns else 'no article carries a date'}.")
    changes = report.changes
    removed = changes[changes["action"] == "removed"] if len(changes) else changes
    repaired = changes[changes["action"] == "repaired"] if len(changes) else changes
    parts = []
    if len(removed):
        parts.append(f"removed {plural(int(removed['n'].sum()), 'piece')} of page furniture or repetition from "
                     f"{plural(removed['article_id'].nunique(), 'article')}")
    if len(repaired):
        parts.append(f"repaired characters {int(repaired['n'].sum()):,} times in "
                     f"{plural(repaired['article_id'].nunique(), 'article')}")
    n_skipped = len(report.skipped)
    skip = f"skipped {plural(n_skipped, 'input')} (listed below)" if n_skipped else "skipped nothing"
    if parts:
        return text + f" Loading {listing(parts)}, and {skip}."
    return text + f" Loading changed nothing and {skip}."


def cleaning_table(report) -> pd.DataFrame:
    """What the cleaner removed or repaired, by kind: articles touched and times, most frequent first."""
    ch = report.changes
    if not len(ch):
        return pd.DataFrame(columns=["action", "what", "articles", "times"])
    out = (ch.groupby(["action", "what"], observed=True)
           .agg(articles=("article_id", "nunique"), times=("n", "sum")).reset_index())
    return out.sort_values(["times", "what"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def length_summary(overview: pd.DataFrame) -> str:
    """How long the bodies are (a :func:`~analysis.describe.corpus_overview` table).

    >>> ov = pd.DataFrame({"field": ["body", "body", "title"], "words": [260, 150, 9], "sentences": [12, 8, 1]})
    >>> length_summary(ov)
    'Bodies run from 150 to 260 words (median 205, 10.0 sentences on average).'
    """
    body = overview[overview["field"] == "body"]
    if body.empty:
        return "No article has body text."
    w = body["words"]
    if len(w) == 1:
        return f"The body has {plural(int(w.iloc[0]), 'word')} in {plural(int(body['sentences'].iloc[0]), 'sentence')}."
    return (f"Bodies run from {int(w.min()):,} to {int(w.max()):,} words (median {int(w.median()):,}, "
            f"{body['sentences'].mean():.1f} sentences on average).")


def grouping_summary(grouping, labels: pd.Series | None = None) -> str:
    """What the report compares by, and how big the groups are (a :class:`~analysis.groups.Grouping`)."""
    sizes = grouping.sizes()
    name = lambda g: str(labels.get(g, g)) if labels is not None else str(g)  # noqa: E731
    if grouping.by == "article":
        return (f"The articles carry no outlet or date to group by, so comparisons are **per article** "
                f"({plural(len(sizes), 'article')}).")
    if grouping.by in ("day", "week", "month", "year"):
        return (f"Comparisons are **by {grouping.by}**: {plural(len(sizes), grouping.by)} with articles, from "
                f"{grouping.order[0]} to {grouping.order[-1]}; the busiest is {grouping.order[int(np.argmax(sizes))]}"
                f" ({plural(int(sizes.max()), 'article')}).")
    top = sizes.sort_values(ascending=False, kind="mergesort").head(3)
    largest = [f"{name(g)} ({plural(int(n), 'article')})" for g, n in top.items()]
    return f"Comparisons are **by {grouping.by}**: {plural(len(sizes), 'group')}; the largest are {listing(largest)}."


def top_terms_summary(freq: pd.DataFrame, n: int = 5) -> str:
    """The most frequent terms with their counts and rates (a :func:`term_frequencies` table).

    >>> f = pd.DataFrame({"term": ["army", "border"], "count": [12, 7], "per_10k": [290.5, 169.4]})
    >>> top_terms_summary(f, 2)
    'The most frequent terms are *army* (12, 290.5 per 10,000 words) and *border* (7, 169.4 per 10,000 words).'
    """
    if freq.empty:
        return "No term is left once stopwords and punctuation are removed."
    top = freq.head(n)
    items = [f"*{t}* ({c:,}, {r:.1f} per 10,000 words)" for t, c, r in zip(top["term"], top["count"], top["per_10k"])]
    return f"The most frequent terms are {listing(items)}."


def composition_caveat(articles: pd.DataFrame, periods: pd.Series, *, share: float = 0.5) -> str:
    """A warning when one outlet holds most of a period's articles, so a peak may be that outlet's wording.

    ``periods`` maps article_id to its period (:func:`~analysis.groups.article_periods`); empty when the
    corpus has one source or no period is dominated by one (more than ``share`` of its articles).

    >>> arts = pd.DataFrame({"article_id": list("abcd"), "source": ["SANA", "SANA", "SANA", "TASS"]})
    >>> composition_caveat(arts, pd.Series(["2016", "2016", "2017", "2017"], index=list("abcd")))
    "Periods differ in which outlets they hold (2016: 2 of 2 articles from SANA), so a peak may show one outlet's wording rather than a change over time."
    """
    if "source" not in articles.columns or articles["source"].nunique() < 2:
        return ""
    src = pd.Series(articles["source"].astype(str).to_numpy(), index=articles["article_id"].astype(str))
    table = pd.crosstab(periods.reindex(src.index), src)
    if table.empty:
        return ""
    top_share = table.max(axis=1) / table.sum(axis=1)
    heavy = top_share[(top_share > share) & (table.sum(axis=1) >= 2)].sort_values(ascending=False, kind="mergesort")
    if heavy.empty:
        return ""
    examples = [f"{p}: {int(table.loc[p].max())} of {plural(int(table.loc[p].sum()), 'article')} from "
                f"{table.loc[p].idxmax()}" for p in heavy.index[:2]]
    return (f"Periods differ in which outlets they hold ({'; '.join(examples)}), so a peak may show one outlet's "
            f"wording rather than a change over time.")


def trend_summary(trends: pd.DataFrame) -> str:
    """Where each followed term peaks (a :func:`~analysis.groups.term_trends` table), with the counts behind it."""
    rows = []
    for term, g in trends.groupby("term", sort=False):
        g = g.dropna(subset=["per_10k"])
        if g.empty or g["count"].sum() == 0:
            rows.append(f"*{term}* does not occur")
            continue
        peak = g.loc[g["per_10k"].idxmax()]
        rows.append(f"*{term}* peaks in {peak['period']} ({peak['count']:,} times in {peak['words']:,} words, "
                    f"{peak['per_10k']:.0f} per 10,000)")
    if not rows:
        return "No term to follow over time."
    return "Over time, " + ("; ".join(rows[:-1]) + "; and " + rows[-1] if len(rows) > 1 else rows[0]) + "."


def dispersion_summary(disp: pd.DataFrame, n_articles: int) -> str:
    """How widely each key term is spread: in how many articles, and from where to where in the one that uses
    it most (a :func:`dispersion` table; ``n_articles`` of the corpus).

    >>> d = pd.DataFrame({"article_id": ["a"] * 3 + ["b"], "term": ["isis"] * 3 + ["army"],
    ...                   "relative": [0.02, 0.5, 0.97, 0.4]})
    >>> dispersion_summary(d, 2)
    '*isis* occurs in 1 of 2 articles, 3 times in one of them, from 2% to 97% of its length; *army* occurs in 1 of 2 articles.'
    """
    parts = []
    for term, g in disp.groupby("term", sort=False):
        ids = g["article_id"].astype(str).to_numpy()
        counts = pd.Series(ids).value_counts(sort=False)
        rel = g["relative"].to_numpy()[ids == counts.idxmax()]
        text = f"*{term}* occurs in {len(counts):,} of {plural(n_articles, 'article')}"
        if len(rel) >= 3:
            text += f", {len(rel):,} times in one of them, from {rel.min():.0%} to {rel.max():.0%} of its length"
        parts.append(text)
    return "; ".join(parts) + "." if parts else "None of the key terms occurs in the bodies."


def keyness_summary(key: pd.DataFrame, a: str, b: str, *, alpha: float = 0.05, n: int = 4) -> str:
    """Which terms one group uses more than the other (a :func:`keyness` table; ``a`` target, ``b`` reference)."""
    sig = key[key["p_value"] < alpha]
    if sig.empty:
        return f"No term separates *{a}* from *{b}* at p < {alpha} (too little text, or the same wording)."
    more_a = sig[sig["key_for"] == "target"].head(n)["term"].tolist()
    more_b = sig[sig["key_for"] == "reference"].head(n)["term"].tolist()
    parts = []
    if more_a:
        parts.append(f"*{a}* uses {listing(f'*{t}*' for t in more_a)} more")
    if more_b:
        parts.append(f"*{b}* uses {listing(f'*{t}*' for t in more_b)} more")
    return (f"{plural(len(sig), 'term')} differ between *{a}* and *{b}* at p < {alpha} (uncorrected for the "
            f"many terms tested): " + "; ".join(parts) + ".")


def group_counts_summary(counts: pd.Series, what: str = "statements") -> str:
    """Shares of a count per group, largest first (e.g. statements per speaker type).

    >>> group_counts_summary(pd.Series({"military": 9, "government": 1}))
    '10 statements: military 9 (90%) and government 1 (10%).'
    """
    total = int(counts.sum())
    if total == 0:
        return f"No {what} were found."
    items = [f"{g} {int(n):,} ({n / total:.0%})" for g, n in counts.sort_values(ascending=False, kind="mergesort").items()
             if n]
    return f"{total:,} {what}: {listing(items)}."


def top_sources_summary(statements: pd.DataFrame, n: int = 5) -> str:
    """The most quoted sources, with their role and country (an :func:`extract_statements` table).

    >>> st = pd.DataFrame({"speaker_actor": ["SOHR", "SOHR", "Sergei Lavrov"], "speaker_role": ["NGO", "NGO", "GOV"],
    ...                    "speaker_country": ["GB", "GB", "RU"]})
    >>> top_sources_summary(st)
    'The most quoted sources are SOHR (NGO, GB; 2 statements) and Sergei Lavrov (GOV, RU; 1 statement).'
    """
    if statements.empty:
        return "No statements were found."
    keys = ["speaker_actor", "speaker_role", "speaker_country"]
    named = statements[statements["speaker_actor"].fillna("").astype(str).str.strip() != ""]
    top = named.groupby(keys, dropna=False).size().sort_values(ascending=False, kind="mergesort").head(n)
    items = [f"{a} ({', '.join(x for x in (str(r), '' if pd.isna(c) else str(c)) if x)}; {plural(int(k), 'statement')})"
             for (a, r, c), k in top.items()]
    return f"The most quoted sources are {listing(items)}." if items else "No statement has a named source."


def wording_summary(table: pd.DataFrame, n: int = 4) -> str:
    """The words that lean to each side of a :func:`compare_wording` table, and whether any is significant."""
    a, b = table.attrs.get("a", "a"), table.attrs.get("b", "b")
    if table.empty:
        return f"There is no wording to compare between *{a}* and *{b}*."
    sig = table[table["z"].abs() >= 1.96]
    lean_a = table.nlargest(n, "z").loc[lambda d: d.z > 0, "term"].tolist()
    lean_b = table.nsmallest(n, "z").loc[lambda d: d.z < 0, "term"].tolist()
    head = (f"{plural(len(sig), 'word')} separate *{a}* from *{b}* at |z| ≥ 1.96" if len(sig)
            else f"No word separates *{a}* from *{b}* at |z| ≥ 1.96; the words below only lean one way")
    return head + (f": *{a}* leans to {listing(f'*{t}*' for t in lean_a)}" if lean_a else "") + \
        (f", *{b}* to {listing(f'*{t}*' for t in lean_b)}" if lean_b else "") + "."


def places_summary(locs: pd.DataFrame, counts: pd.DataFrame, countries: pd.DataFrame, n: int = 5) -> str:
    """How many places, which lead, and which countries (tables of :func:`extract_locations`,
    :func:`location_counts` and :func:`~analysis.maps.country_counts`)."""
    resolved = int(locs["lat"].notna().sum())
    if resolved == 0:
        return f"{plural(len(locs), 'place mention')} found, none resolved to a point."
    top = counts.head(n)
    named = locs[locs["kind"] != "demonym"]
    spelled = named.groupby("name")["mention"].agg(lambda m: m.value_counts().index[0])
    twice = set(top["name"][top["name"].duplicated()])     # Idlib the province and Idlib the city: say which
    places = listing(f"**{spelled.get(name, name)}** ({kind + ', ' if name in twice else ''}{m:,})"
                     for name, kind, m in zip(top["name"], top["kind"], top["mentions"]))
    lead = countries.head(3)
    share = lead["mentions"].sum() / max(countries["mentions"].sum(), 1)
    return (f"{plural(len(locs), 'place mention')}, {resolved:,} resolved to {plural(len(counts), 'place')}. "
            f"The most mentioned: {places}. {listing(lead['country'])} account for {share:.0%} of the mentions "
            f"by country.")
