"""Corpus-linguistics helpers on the token table: frequencies, n-grams, collocations,
keyword in context, dispersion, keyness and TF-IDF (the core of AntConc and Voyant).

Every function takes the table made by :func:`analysis.tokens` (or the articles
table for :func:`concordance`) and returns a pandas DataFrame. Counting works on
categorical codes, so it stays fast on large corpora.

Conventions shared by all helpers:

* ``fields`` chooses which parts of an article count (default headline and body;
  the loader already collapsed the scraped page's repeated headline and caption,
  so nothing is counted twice).
* Punctuation never counts. ``stopwords`` is ``True`` (English list), ``"news"``
  (plus reporting words such as *said*), ``False`` or your own iterable.
* Relative frequencies are per 10,000 word tokens of the group, stopwords
  included in the denominator (as AntConc and Voyant normalise).
"""
from __future__ import annotations

import math
import re
from typing import Hashable, Iterable, Literal, Sequence

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from .text import StopwordOption, fold, stopword_set, tokenize

__all__ = [
    "term_frequencies",
    "ngrams",
    "collocations",
    "concordance",
    "dispersion",
    "keyness",
    "distinctive_terms",
    "g2_log_likelihood",
]

By = str | pd.Series | None


# --------------------------------------------------------------------------- selection


def _check_tokens(toks: pd.DataFrame) -> None:
    need = {"article_id", "field", "sentence", "position", "norm", "is_punct"}
    missing = need - set(toks.columns)
    if missing:
        raise KeyError(f"token table lacks column(s) {sorted(missing)}; make it with analysis.tokens(articles)")


def _select(toks: pd.DataFrame, fields: Sequence[str] | None, *, keep_punct: bool = False) -> pd.DataFrame:
    """Rows of the chosen fields (all fields when ``None``), punctuation dropped unless asked."""
    _check_tokens(toks)
    mask = np.ones(len(toks), dtype=bool)
    if fields is not None:
        fields = [fields] if isinstance(fields, str) else list(fields)
        unknown = set(fields) - set(toks["field"].cat.categories if hasattr(toks["field"], "cat")
                                    else toks["field"].unique())
        if unknown:
            raise KeyError(f"field(s) {sorted(unknown)} are not in the token table; "
                           f"make the table with tokens(articles, fields=...)")
        mask &= toks["field"].isin(fields).to_numpy()
    if not keep_punct:
        mask &= ~toks["is_punct"].to_numpy()
    return toks[mask]


def _stop_mask(norm: pd.Series, stopwords: StopwordOption) -> np.ndarray:
    stops = stopword_set(stopwords)
    if not stops:
        return np.zeros(len(norm), dtype=bool)
    cat = norm.astype("category")
    in_stops = np.asarray(cat.cat.categories.isin(list(stops)), dtype=bool)
    codes = cat.cat.codes.to_numpy()
    return np.where(codes >= 0, in_stops[np.maximum(codes, 0)], False)


def _group_key(toks: pd.DataFrame, by: By) -> tuple[str | None, pd.Series | None]:
    """The grouping column for ``by``: a token-table column, or a Series indexed by article_id."""
    if by is None:
        return None, None
    if isinstance(by, str):
        if by not in toks.columns:
            raise KeyError(f"cannot group by {by!r}: not a column of the token table. Pass a Series indexed by "
                           f"article_id instead, e.g. articles.set_index('article_id')[{by!r}]")
        return by, toks[by]
    if isinstance(by, pd.Series):
        name = by.name if by.name is not None else "group"
        mapping = by.copy()
        mapping.index = mapping.index.astype(str)
        values = toks["article_id"].astype(str).map(mapping)
        unmapped = values.isna() & toks["article_id"].notna()
        if unmapped.any():
            missing = toks.loc[unmapped, "article_id"].astype(str).unique()[:3]
            raise KeyError(f"grouping Series has no value for article_id(s) {list(missing)}")
        return str(name), values.rename(str(name))
    raise TypeError("by must be None, a column name, or a Series indexed by article_id")


def _as_str_cat(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.remove_unused_categories()
    return s.astype("category")


# --------------------------------------------------------------------------- frequencies


def term_frequencies(tokens: pd.DataFrame, *, by: By = None, fields: Sequence[str] | None = ("title", "body"),
                     stopwords: StopwordOption = True, min_count: int = 1) -> pd.DataFrame:
    """Count terms, overall or per group.

    Returns one row per (group,) term: ``count``, ``per_10k`` (per 10,000 word
    tokens of the group), ``doc_freq`` (articles of the group containing it),
    ``rank`` (1 = most frequent; ties share a rank), sorted by group and rank.
    ``by`` is a token-table column (``"article_id"``, ``"field"``) or a Series
    indexed by article_id (a source, a month: ``articles.set_index("article_id").date.dt.to_period("M")``).

    >>> tf = term_frequencies(toks, by="article_id")                  # toks: the sample's token table
    >>> tf.groupby("article_id").head(2)[["term", "count"]].values.tolist()
    [['forces', 6], ['iraqi', 6], ['army', 7], ['bekaa', 3]]
    """
    words = _select(tokens, fields)
    key_name, key = _group_key(words, by)
    totals_frame = pd.DataFrame({"norm": _as_str_cat(words["norm"]), "article_id": words["article_id"]})
    if key_name is not None:
        totals_frame[key_name] = key.array
    keys = [key_name] if key_name else []
    totals = (totals_frame.groupby(keys, observed=True).size() if keys
              else pd.Series([len(totals_frame)], index=pd.Index([0], name="_all")))
    frame = totals_frame[~_stop_mask(words["norm"], stopwords)]
    counts = frame.groupby(keys + ["norm"], observed=True).size().rename("count")
    docs = frame.groupby(keys + ["norm"], observed=True)["article_id"].nunique().rename("doc_freq")
    out = pd.concat([counts, docs], axis=1).reset_index().rename(columns={"norm": "term"})
    out["term"] = out["term"].astype(str)
    out = out[out["count"] >= min_count]
    if keys:
        out["per_10k"] = out["count"] / out[key_name].map(totals).astype(float) * 10_000
        out["rank"] = out.groupby(key_name, observed=True)["count"].rank(method="min", ascending=False)
    else:
        out["per_10k"] = out["count"] / max(int(totals.iloc[0]), 1) * 10_000
        out["rank"] = out["count"].rank(method="min", ascending=False)
    out["rank"] = out["rank"].astype("int64")
    out = out.sort_values(keys + ["rank", "term"], kind="stable").reset_index(drop=True)
    return out[keys + ["term", "count", "per_10k", "doc_freq", "rank"]]


def _ngram_codes(tokens: pd.DataFrame, n: int, fields: Sequence[str] | None,
                 stopwords: StopwordOption) -> tuple[pd.DataFrame, list[np.ndarray], pd.Index]:
    """Positions of valid n-grams: same article, field and sentence, no punctuation inside."""
    toks = _select(tokens, fields, keep_punct=True)
    order = np.lexsort((toks["position"].to_numpy(), toks["field"].cat.codes.to_numpy(),
                        toks["article_id"].cat.codes.to_numpy()))
    toks = toks.iloc[order]
    norm = toks["norm"].astype("category")
    cats = norm.cat.categories
    codes = norm.cat.codes.to_numpy()
    punct = toks["is_punct"].to_numpy()
    stops = _stop_mask(norm, stopwords)
    art = toks["article_id"].cat.codes.to_numpy()
    fld = toks["field"].cat.codes.to_numpy()
    sent = toks["sentence"].to_numpy()
    m = len(toks) - n + 1
    if m <= 0:
        return toks.iloc[:0], [np.array([], dtype=codes.dtype)] * n, cats
    ok = np.ones(m, dtype=bool)
    for k in range(n):
        sl = slice(k, k + m)
        ok &= ~punct[sl]
        if k:
            ok &= (art[sl] == art[:m]) & (fld[sl] == fld[:m]) & (sent[sl] == sent[:m])
    ok &= ~stops[:m] & ~stops[n - 1:n - 1 + m]
    idx = np.flatnonzero(ok)
    return toks.iloc[idx], [codes[idx + k] for k in range(n)], cats


def ngrams(tokens: pd.DataFrame, n: int = 2, *, by: By = None, fields: Sequence[str] | None = ("title", "body"),
           stopwords: StopwordOption = True, min_count: int = 1) -> pd.DataFrame:
    """Count n-grams of consecutive words within a sentence (punctuation breaks them).

    With stopwords on, n-grams that begin or end with a stopword are dropped, so
    ``"forces in al-qaim"`` is kept but ``"in al-qaim"`` is not. Returns
    ``ngram`` (words joined by spaces), ``count``, ``per_10k``, ``doc_freq``, ``rank``.

    >>> ngrams(toks, n=2).head(2)[["ngram", "count"]].values.tolist()
    [['iraqi forces', 4], ['army command', 2]]
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    starts, parts, cats = _ngram_codes(tokens, n, fields, stopwords)
    key_name, key = _group_key(starts, by)
    words_total = _select(tokens, fields)
    _, total_key = _group_key(words_total, by)
    frame = pd.DataFrame({f"w{k}": p for k, p in enumerate(parts)})
    frame["article_id"] = starts["article_id"].to_numpy()
    keys = []
    if key_name is not None:
        frame[key_name] = key.array
        keys = [key_name]
    wcols = [f"w{k}" for k in range(n)]
    g = frame.groupby(keys + wcols, observed=True, sort=False)
    out = pd.concat([g.size().rename("count"), g["article_id"].nunique().rename("doc_freq")], axis=1).reset_index()
    out = out[out["count"] >= min_count]
    cat_arr = np.asarray(cats, dtype=object)
    out.insert(len(keys), "ngram", [" ".join(t) for t in zip(*(cat_arr[out[c].to_numpy()] for c in wcols))]
               if len(out) else [])
    out = out.drop(columns=wcols)
    if keys:
        totals = total_key.value_counts()
        out["per_10k"] = out["count"] / out[key_name].map(totals).astype(float) * 10_000
        out["rank"] = out.groupby(key_name, observed=True)["count"].rank(method="min", ascending=False)
    else:
        out["per_10k"] = out["count"] / max(len(words_total), 1) * 10_000
        out["rank"] = out["count"].rank(method="min", ascending=False)
    out["rank"] = out["rank"].astype("int64")
    out = out.sort_values(keys + ["rank", "ngram"], kind="stable").reset_index(drop=True)
    return out[keys + ["ngram", "count", "per_10k", "doc_freq", "rank"]]


# --------------------------------------------------------------------------- collocations


def collocations(tokens: pd.DataFrame, *, measure: Literal["pmi", "likelihood"] = "pmi", window: int = 2,
                 min_count: int = 2, fields: Sequence[str] | None = ("title", "body"),
                 stopwords: StopwordOption = True) -> pd.DataFrame:
    """Word pairs that occur together more than chance, scored by NLTK's collocation finder.

    ``window=2`` scores adjacent pairs; a larger window counts ``w2`` up to
    ``window - 1`` words after ``w1``. Pairs never span sentences; punctuation is
    skipped; pairs with a stopword are dropped after counting (so they do not
    bridge gaps). ``measure`` is ``"pmi"`` (pointwise mutual information, log2)
    or ``"likelihood"`` (Dunning's log-likelihood ratio). Returns ``w1``, ``w2``,
    ``collocation``, ``count`` (pair count), ``w1_count``, ``w2_count``, ``score``.

    >>> collocations(toks, measure="likelihood", min_count=2).head(2)[["collocation", "count"]].values.tolist()
    [['iraqi forces', 4], ['big fight', 2]]
    """
    if window < 2:
        raise ValueError("window must be at least 2")
    scorer = {"pmi": BigramAssocMeasures.pmi, "likelihood": BigramAssocMeasures.likelihood_ratio}.get(measure)
    if scorer is None:
        raise ValueError(f"unknown measure {measure!r}: use 'pmi' or 'likelihood'")
    words = _select(tokens, fields)
    order = np.lexsort((words["position"].to_numpy(), words["field"].cat.codes.to_numpy(),
                        words["article_id"].cat.codes.to_numpy()))
    words = words.iloc[order]
    seq: list[str | None] = []
    pad = [None] * (window - 1)
    for _, sent in words.groupby(["article_id", "field", "sentence"], observed=True, sort=False)["norm"]:
        seq.extend(sent.astype(str).tolist())
        seq.extend(pad)
    finder = BigramCollocationFinder.from_words(seq, window_size=window)
    finder.apply_freq_filter(min_count)
    stops = stopword_set(stopwords)
    if stops:
        finder.apply_word_filter(lambda w: w in stops)
    scored = finder.score_ngrams(scorer)
    rows = [(w1, w2, f"{w1} {w2}", finder.ngram_fd[(w1, w2)], finder.word_fd[w1], finder.word_fd[w2], s)
            for (w1, w2), s in scored]
    out = pd.DataFrame(rows, columns=["w1", "w2", "collocation", "count", "w1_count", "w2_count", "score"])
    out = out.sort_values(["score", "count", "collocation"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- keyword in context


def _term_pattern(term: str, regex: bool) -> re.Pattern[str]:
    if regex:
        return re.compile(term, re.IGNORECASE)
    parts = [re.escape(p) for p in fold(term).split()]
    if not parts:
        raise ValueError("term must not be empty")
    # Whole tokens only: "isis" finds "ISIS'" and "ISIS's" but "qaim" does not find "al-Qaim".
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w]|-\w)", re.IGNORECASE)


def concordance(articles: pd.DataFrame, term: str, *, width: int = 50, fields: Sequence[str] = ("body",),
                regex: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with ``width`` characters each side.

    Matching is case-insensitive, on whole tokens, with curly quotes and Unicode
    hyphens folded, so ``"ISIS"`` also finds ``ISIS’`` and ``"last big fight"``
    finds ``‘Last Big Fight’``; multi-word terms match across any whitespace. Set
    ``regex=True`` to pass a regular expression. Returns ``article_id``, ``field``,
    ``left``, ``match`` (exact text), ``right``, ``start``, ``end`` (offsets in the field).

    >>> arts = pd.DataFrame({"article_id": ["a"], "body": ["Troops hit ISIS’ last bastion near al-Qaim."]})
    >>> concordance(arts, "isis", width=12)[["left", "match", "right"]].values.tolist()
    [['  Troops hit ', 'ISIS', '’ last basti']]
    """
    pattern = _term_pattern(term, regex)
    rows = []
    for field in fields:
        if field not in articles.columns:
            raise KeyError(f"articles table has no column {field!r}")
        for aid, text in zip(articles["article_id"].astype(str), articles[field].fillna("").astype(str)):
            folded = fold(text)
            for m in pattern.finditer(folded):
                s, e = m.span()
                left = text[max(0, s - width):s].replace("\n", " ")
                right = text[e:e + width].replace("\n", " ")
                rows.append((aid, field, left.rjust(width), text[s:e], right.ljust(width), s, e))
    return pd.DataFrame(rows, columns=["article_id", "field", "left", "match", "right", "start", "end"])


# --------------------------------------------------------------------------- dispersion


def dispersion(tokens: pd.DataFrame, terms: Iterable[str], *, fields: Sequence[str] | None = ("body",)) -> pd.DataFrame:
    """Where each term falls in each article: one row per occurrence.

    Terms are normalised like tokens (``"ISIS"`` = ``isis``); multi-word terms
    match consecutive words. Returns ``article_id``, ``term``, ``position`` (word
    index among the article's words in ``fields``), ``n_words``, ``relative``
    (position / n_words, 0 = start, 1 = end).

    >>> dispersion(toks, ["isis"])["relative"].round(2).tolist()[:3]
    [0.04, 0.55, 0.73]
    """
    words = _select(tokens, fields)
    order = np.lexsort((words["position"].to_numpy(), words["field"].cat.codes.to_numpy(),
                        words["article_id"].cat.codes.to_numpy()))
    words = words.iloc[order]
    art = words["article_id"].cat.codes.to_numpy()
    norm = words["norm"].astype(str).to_numpy()
    # word index within each article
    change = np.r_[True, art[1:] != art[:-1]] if len(art) else np.array([], dtype=bool)
    first = np.maximum.accumulate(np.where(change, np.arange(len(art)), 0)) if len(art) else art
    index_in_article = np.arange(len(art)) - first
    n_words = pd.Series(art).map(pd.Series(art).value_counts()).to_numpy()
    rows = []
    for term in terms:
        parts = tokenize(term)
        if not parts:
            raise ValueError(f"term {term!r} has no words")
        hit = np.ones(max(len(norm) - len(parts) + 1, 0), dtype=bool)
        m = len(hit)
        for k, p in enumerate(parts):
            hit &= norm[k:k + m] == p
            if k:
                hit &= art[k:k + m] == art[:m]
        for i in np.flatnonzero(hit):
            rows.append((words["article_id"].iloc[i], term, int(index_in_article[i]), int(n_words[i])))
    out = pd.DataFrame(rows, columns=["article_id", "term", "position", "n_words"])
    out["article_id"] = pd.Categorical(out["article_id"].astype(str),
                                       categories=[str(c) for c in tokens["article_id"].cat.categories])
    out["relative"] = out["position"] / out["n_words"].clip(lower=1)
    return out.sort_values(["article_id", "term", "position"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- keyness


def g2_log_likelihood(a: np.ndarray | float, b: np.ndarray | float, c: float, d: float) -> np.ndarray:
    """Rayson & Garside's log-likelihood G² for a term seen ``a`` times in ``c`` target words
    and ``b`` times in ``d`` reference words.

    >>> round(float(g2_log_likelihood(10, 0, 1000, 1000)), 3)
    13.863
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2 * (t1 + t2)


def _chi2_sf_1df(x: np.ndarray) -> np.ndarray:
    """Upper tail of the chi-squared distribution with one degree of freedom."""
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2)) for v in np.atleast_1d(x)])


def keyness(tokens: pd.DataFrame, target: Hashable | Sequence[Hashable], reference: Hashable | Sequence[Hashable]
            | None = None, *, by: By = "article_id", fields: Sequence[str] | None = ("title", "body"),
            stopwords: StopwordOption = True, min_count: int = 2) -> pd.DataFrame:
    """Keywords of a target group against a reference group (or the rest of the corpus).

    Groups are values of ``by`` (default: article ids). For each term seen at
    least ``min_count`` times in target and reference together: counts, rates per
    10,000 words, ``g2`` (Rayson's log-likelihood), ``p_value`` (chi-squared,
    1 df), ``log_ratio`` (Hardie's effect size, log2 of the ratio of relative
    frequencies, with 0.5 added to zero counts) and ``key_for`` (``target`` or
    ``reference``: which side uses the term more). Sorted by G², strongest first.
    Denominators are all word tokens (stopwords included) of each side.

    >>> keyness(toks, target=first_id).head(2)[["term", "key_for"]].values.tolist()
    [['army', 'reference'], ['bekaa', 'reference']]
    """
    words = _select(tokens, fields)
    key_name, key = _group_key(words, by)
    if key is None:
        raise ValueError("keyness needs groups: pass by=")
    as_list = lambda v: list(v) if isinstance(v, (list, tuple, set, pd.Index, np.ndarray)) else [v]  # noqa: E731
    keyvals = key.astype(str).to_numpy()
    tmask = np.isin(keyvals, [str(v) for v in as_list(target)])
    if not tmask.any():
        raise KeyError(f"target {target!r} not found in {key_name!r}")
    rmask = ~tmask if reference is None else np.isin(keyvals, [str(v) for v in as_list(reference)])
    if not rmask.any():
        raise KeyError(f"reference {reference!r} not found in {key_name!r}" if reference is not None
                       else "the reference (rest of the corpus) is empty")
    c, d = float(tmask.sum()), float(rmask.sum())
    keep = ~_stop_mask(words["norm"], stopwords)
    norm = words["norm"].astype(str).to_numpy()
    a = pd.Series(norm[tmask & keep]).value_counts()
    b = pd.Series(norm[rmask & keep]).value_counts()
    out = pd.concat([a.rename("count_target"), b.rename("count_reference")], axis=1).fillna(0).astype("int64")
    out = out[(out["count_target"] + out["count_reference"]) >= min_count]
    out.index.name = "term"
    out = out.reset_index()
    out["per_10k_target"] = out["count_target"] / c * 10_000
    out["per_10k_reference"] = out["count_reference"] / d * 10_000
    out["g2"] = g2_log_likelihood(out["count_target"].to_numpy(), out["count_reference"].to_numpy(), c, d)
    out["p_value"] = _chi2_sf_1df(out["g2"].to_numpy()) if len(out) else []
    at = out["count_target"].where(out["count_target"] > 0, 0.5)
    br = out["count_reference"].where(out["count_reference"] > 0, 0.5)
    out["log_ratio"] = np.log2((at / c) / (br / d))
    out["key_for"] = np.where(out["per_10k_target"] >= out["per_10k_reference"], "target", "reference")
    return out.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- TF-IDF


def distinctive_terms(tokens: pd.DataFrame, *, by: By = "article_id", k: int = 10,
                      fields: Sequence[str] | None = ("title", "body"), stopwords: StopwordOption = True,
                      min_count: int = 1) -> pd.DataFrame:
    """The ``k`` terms with the highest TF-IDF in each group (article by default).

    ``tf`` is the raw count in the group, ``idf = ln((1 + N) / (1 + df)) + 1``
    with N groups and df the groups containing the term (the smoothed IDF of
    scikit-learn), ``tfidf = tf × idf``. Ties are broken by count, then term.

    >>> distinctive_terms(toks, k=1)[["term", "tfidf"]].round(2).values.tolist()
    [['forces', 8.43], ['army', 7.0]]
    """
    freq = term_frequencies(tokens, by=by, fields=fields, stopwords=stopwords)
    key_name = freq.columns[0]
    n_groups = freq[key_name].nunique()
    df = freq.groupby("term")[key_name].nunique()
    freq = freq[freq["count"] >= min_count].copy()
    freq["df"] = freq["term"].map(df).astype("int64")
    freq["idf"] = np.log((1 + n_groups) / (1 + freq["df"])) + 1
    freq["tfidf"] = freq["count"] * freq["idf"]
    freq = freq.sort_values([key_name, "tfidf", "count", "term"], ascending=[True, False, False, True],
                            kind="stable")
    freq["rank"] = freq.groupby(key_name, observed=True).cumcount() + 1
    out = freq[freq["rank"] <= k]
    return out[[key_name, "rank", "term", "count", "df", "idf", "tfidf"]].reset_index(drop=True)
