"""Term frequencies, n-grams and collocations of a token table."""
from __future__ import annotations

from typing import Literal, Sequence

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from ..text import StopwordOption, stopword_set
from .select import By, as_str_cat, check_tokens, group_key, select_mask, select_tokens, stop_mask

__all__ = ["term_frequencies", "ngrams", "collocations", "By"]

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
    check_tokens(tokens)
    if by is None and all(isinstance(tokens[c].dtype, pd.CategoricalDtype) for c in ("norm", "article_id")):
        return _corpus_frequencies(tokens, select_mask(tokens, fields), stopwords, min_count)
    needed = ["norm", "article_id"] + ([by] if isinstance(by, str) and by in tokens.columns else [])
    words = select_tokens(tokens, fields, columns=needed)
    key_name, key = group_key(words, by)
    totals_frame = pd.DataFrame({"norm": as_str_cat(words["norm"]), "article_id": words["article_id"]})
    if key_name is not None:
        totals_frame[key_name] = key.array
    keys = [key_name] if key_name else []
    totals = (totals_frame.groupby(keys, observed=True).size() if keys
              else pd.Series([len(totals_frame)], index=pd.Index([0], name="_all")))
    frame = totals_frame[~stop_mask(words["norm"], stopwords)]
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


#: rows counted at a time by :func:`_corpus_frequencies` (its temporary arrays stay this small)
BLOCK_ROWS = 1 << 18


def _corpus_frequencies(tokens: pd.DataFrame, words: np.ndarray, stopwords: StopwordOption,
                        min_count: int) -> pd.DataFrame:
    """:func:`term_frequencies` of the whole table (no groups) on the categorical codes of the ``words`` rows:
    bincounts and sorts of (article, term) pairs, never a copy of the rows (the grouped path's table). Rows are
    taken a block at a time, each block ending with an article, when the table's rows come article by article
    (as :func:`tokens` makes them); otherwise in one block."""
    norm = tokens["norm"].array.codes
    art = tokens["article_id"].array.codes
    n_cats = len(tokens["norm"].cat.categories)
    keep = stop_mask(tokens["norm"], stopwords)
    np.logical_not(keep, out=keep)
    keep &= words
    keep &= norm >= 0
    count = np.zeros(n_cats, dtype=np.int64)
    doc = np.zeros(n_cats, dtype=np.int64)
    for a, b in _article_blocks(art):
        terms = norm[a:b][keep[a:b]]
        count += np.bincount(terms, minlength=n_cats)
        pairs = art[a:b][keep[a:b]].astype(np.int64)             # (article, term), in place
        pairs *= n_cats
        pairs += terms
        pairs.sort()
        first = np.ones(len(pairs), dtype=bool)                 # each pair's first row: one per article
        np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
        first &= pairs >= 0                                      # a row of no article (code -1) is no document
        pairs %= n_cats
        doc += np.bincount(pairs[first], minlength=n_cats)
    present = np.flatnonzero((count > 0) & (count >= min_count))
    out = pd.DataFrame({"term": np.asarray(tokens["norm"].cat.categories, dtype=object)[present].astype(str),
                        "count": count[present], "doc_freq": doc[present]})
    out["per_10k"] = out["count"] / max(int(words.sum()), 1) * 10_000
    out["rank"] = out["count"].rank(method="min", ascending=False).astype("int64")
    out = out.sort_values(["rank", "term"], kind="stable").reset_index(drop=True)
    return out[["term", "count", "per_10k", "doc_freq", "rank"]]


def _article_blocks(art: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges of about :data:`BLOCK_ROWS` rows that never split an article, when ``art`` (article codes) never
    decreases; else the whole table as one range."""
    n = len(art)
    if n <= BLOCK_ROWS or (art[1:] < art[:-1]).any():
        return [(0, n)]
    bounds = [0]
    while bounds[-1] < n:
        a = bounds[-1]
        b = n if a + BLOCK_ROWS >= n else int(np.searchsorted(art, art[a + BLOCK_ROWS], side="left"))
        if b <= a:                                            # one article longer than a block: all of it
            b = int(np.searchsorted(art, art[a], side="right"))
        bounds.append(b)
    return list(zip(bounds, bounds[1:]))


def _ngram_codes(tokens: pd.DataFrame, n: int, fields: Sequence[str] | None,
                 stopwords: StopwordOption) -> tuple[pd.DataFrame, list[np.ndarray], pd.Index]:
    """Positions of valid n-grams: same article, field and sentence, no punctuation inside."""
    toks = select_tokens(tokens, fields, keep_punct=True)
    order = np.lexsort((toks["position"].to_numpy(), toks["field"].array.codes,
                        toks["article_id"].array.codes))
    toks = toks.iloc[order]
    norm = toks["norm"].astype("category")
    cats = norm.cat.categories
    codes = norm.array.codes
    punct = toks["is_punct"].to_numpy()
    stops = stop_mask(norm, stopwords)
    art = toks["article_id"].array.codes
    fld = toks["field"].array.codes
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
    key_name, key = group_key(starts, by)
    words_total = select_tokens(tokens, fields)
    _, total_key = group_key(words_total, by)
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
    words = select_tokens(tokens, fields)
    order = np.lexsort((words["position"].to_numpy(), words["field"].array.codes,
                        words["article_id"].array.codes))
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


