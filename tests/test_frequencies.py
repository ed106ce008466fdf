"""Corpus-analysis helpers, hand-checked on the sample and on small hand-computed examples."""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import (collocations, concordance, dispersion, distinctive_terms, keyness, ngrams,  # noqa: E402
                      plot_dispersion, plot_keyness, plot_ngrams, plot_top_terms, plot_top_terms_by,
                      term_frequencies, tokens)


def toy(*bodies: str, titles: tuple[str, ...] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))],
                         "title": list(titles or [""] * len(bodies)), "body": list(bodies)})


@pytest.fixture(scope="module")
def toks(sample):
    return tokens(sample)


def _count(freq, aid, term):
    row = freq[(freq.article_id == aid) & (freq.term == term)]
    return int(row["count"].iloc[0]) if len(row) else 0


def test_hand_checked_body_counts(toks, iraq, lebanon):
    freq = term_frequencies(toks, by="article_id", fields=("body",), stopwords=False)
    # ISIS' counts as isis; one "border" is sentence-final ("... the other side of the border.")
    assert {t: _count(freq, iraq.article_id, t) for t in ("isis", "iraqi", "forces", "al-qaim", "border")} == \
        {"isis": 5, "iraqi": 5, "forces": 5, "al-qaim": 3, "border": 2}
    # army's counts as army; Lebanese-Syrian is one token, so no stray "syrian"
    assert _count(freq, lebanon.article_id, "army") == 6
    assert _count(freq, lebanon.article_id, "border") == 3
    assert _count(freq, lebanon.article_id, "syrian") == 0


def test_headline_and_caption_are_counted_once(toks, iraq):
    # al-Qaim: once in the headline (printed twice on the page), three times in the body
    freq = term_frequencies(toks, by="article_id")
    assert _count(freq, iraq.article_id, "al-qaim") == 4
    # the caption (printed four times on the page) counts once when asked for
    with_caption = term_frequencies(toks, by="article_id", fields=("caption",))
    assert _count(with_caption, iraq.article_id, "anna") == 1
    assert _count(with_caption, iraq.article_id, "euphrates") == 1


def test_relative_frequency_rank_and_document_frequency():
    freq = term_frequencies(tokens(toy("Army army border.", "Army moved.")), stopwords=False)
    army = freq[freq.term == "army"].iloc[0]
    assert (army["count"], army["doc_freq"], army["rank"]) == (3, 2, 1)
    assert army["per_10k"] == pytest.approx(3 / 5 * 10_000)
    assert list(freq.term) == ["army", "border", "moved"] and list(freq["rank"]) == [1, 2, 2]


def test_grouping_by_a_series_of_article_metadata():
    arts = toy("Army moved.", "Army fired.", "Police came.")
    month = pd.Series(["2017-11", "2017-11", "2017-12"], index=arts.article_id, name="month")
    freq = term_frequencies(tokens(arts), by=month, stopwords=False)
    assert freq[(freq.month == "2017-11") & (freq.term == "army")]["count"].item() == 2
    assert set(freq.month) == {"2017-11", "2017-12"}
    with pytest.raises(KeyError, match="not a column"):
        term_frequencies(tokens(arts), by="month")


def test_min_count_and_stopword_options(toks):
    assert term_frequencies(toks, min_count=5)["count"].min() >= 5
    assert "said" in set(term_frequencies(toks).term)
    assert "said" not in set(term_frequencies(toks, stopwords="news").term)
    assert "the" in set(term_frequencies(toks, stopwords=False).term)


def test_bad_token_table_is_a_clear_error(sample):
    with pytest.raises(KeyError, match="make it with analysis.tokens"):
        term_frequencies(sample)


def test_ngrams_stay_within_sentences_and_between_punctuation(toks):
    arts = toy("The army said. Forces moved into Al-Qaim, the town of the army command.")
    grams = set(ngrams(tokens(arts), n=2, stopwords=False).ngram)
    assert "said forces" not in grams and "al-qaim the" not in grams
    assert {"forces moved", "army command"} <= grams
    trigrams = set(ngrams(tokens(arts), n=3).ngram)
    assert "town of the" not in trigrams     # ends with a stopword
    bigrams = ngrams(toks, n=2)
    assert bigrams.iloc[0][["ngram", "count"]].tolist() == ["iraqi forces", 4]


def test_collocations_pmi_and_likelihood_match_hand_computation():
    arts = toy("New York is big. New York is old. I like New York.")
    t = tokens(arts)
    pmi = collocations(t, measure="pmi", min_count=1, stopwords=False, fields=("body",))
    ny = pmi[pmi.collocation == "new york"].iloc[0]
    # 12 words; n(new, york) = 3, n(new) = 3, n(york) = 3 → log2(3 · 12 / (3 · 3)) = 2
    assert (ny["count"], ny["w1_count"], ny["w2_count"]) == (3, 3, 3)
    assert ny["score"] == pytest.approx(2.0)
    # no pair across the sentence boundary "big. New"
    assert "big new" not in set(pmi.collocation)
    llr = collocations(t, measure="likelihood", min_count=1, stopwords=False, fields=("body",))
    # 2·(3·ln(3/0.75) + 9·ln(9/6.75)) with expected counts from the 2×2 table
    expected = 2 * (3 * math.log(3 / 0.75) + 9 * math.log(9 / 6.75))
    assert llr[llr.collocation == "new york"]["score"].item() == pytest.approx(expected)
    with pytest.raises(ValueError, match="unknown measure"):
        collocations(t, measure="dice")


def test_keyness_matches_hand_computation():
    t = tokens(toy("army army army border", "army border border border border"))
    key = keyness(t, target="a0", stopwords=False, min_count=1).set_index("term")
    # a=3 of c=4 words vs b=1 of d=5: E1 = 4·4/9, E2 = 5·4/9
    e1, e2 = 16 / 9, 20 / 9
    g2 = 2 * (3 * math.log(3 / e1) + 1 * math.log(1 / e2))
    assert key.loc["army", "g2"] == pytest.approx(g2)
    assert key.loc["army", "p_value"] == pytest.approx(math.erfc(math.sqrt(g2 / 2)))
    assert key.loc["army", "log_ratio"] == pytest.approx(math.log2((3 / 4) / (1 / 5)))
    assert key.loc["army", "key_for"] == "target" and key.loc["border", "key_for"] == "reference"
    with pytest.raises(KeyError, match="not found"):
        keyness(t, target="nope")


def test_keyness_on_the_sample_separates_the_articles(toks, iraq, lebanon):
    key = keyness(toks, target=iraq.article_id).set_index("term")
    assert key.loc["army", "key_for"] == "reference" and key.loc["army", "p_value"] < 0.01
    assert key.loc["isis", "key_for"] == "target" and key.loc["isis", "p_value"] < 0.05
    same = keyness(toks, target=iraq.article_id, reference=lebanon.article_id)
    pd.testing.assert_frame_equal(same, keyness(toks, target=iraq.article_id))


def test_tfidf_matches_hand_computation():
    t = tokens(toy("army army border", "border coalition"))
    top = distinctive_terms(t, k=2, stopwords=False)
    a0 = top[top.article_id == "a0"].set_index("term")
    assert a0.loc["army", "tfidf"] == pytest.approx(2 * (math.log(3 / 2) + 1))
    assert a0.loc["border", "tfidf"] == pytest.approx(1.0)
    assert list(a0.index) == ["army", "border"]


def test_concordance_finds_normalised_forms_and_phrases(sample, iraq):
    kwic = concordance(sample, "ISIS")
    assert len(kwic) == 5 and set(kwic.article_id) == {iraq.article_id}
    assert (kwic["match"] == "ISIS").all()
    first = kwic.iloc[0]
    assert first.right.startswith("’ last bastion")
    assert iraq.body[first.start:first.end] == "ISIS"
    assert len(concordance(sample, "al-qaim")) == 3
    assert len(concordance(sample, "qaim")) == 0            # whole tokens only
    phrase = concordance(sample, "last big fight", fields=("title", "body"))
    assert list(phrase.field) == ["title", "body"] and phrase.match.iloc[0] == "Last Big Fight"
    assert len(concordance(sample, "army", fields=("body",)).query("article_id != @iraq.article_id")) == 6


def test_dispersion_positions(toks, iraq):
    disp = dispersion(toks, ["isis", "army", "border", "last big fight"])
    isis = disp[(disp.article_id == iraq.article_id) & (disp.term == "isis")]
    assert len(isis) == 5
    assert isis.relative.between(0, 1).all() and isis.position.is_monotonic_increasing
    assert isis.position.iloc[0] == 10        # "Iraqi forces on Friday entered Al-Qaim, the main town in ISIS'"
    assert len(disp[disp.term == "last big fight"]) == 1


def test_plot_helpers_draw_on_the_given_axes(toks, sample):
    freq = term_frequencies(toks, by="article_id")
    fig, axes = plt.subplots(2, 3)
    flat = axes.ravel()
    assert plot_top_terms(term_frequencies(toks), 10, ax=flat[0]) is flat[0]
    assert len(flat[0].patches) == 10
    assert plot_ngrams(ngrams(toks), 5, ax=flat[1]) is flat[1] and len(flat[1].patches) == 5
    assert plot_dispersion(dispersion(toks, ["isis", "army"]), ax=flat[2]) is flat[2]
    assert plot_keyness(keyness(toks, target=sample.article_id[0]), 3, ax=flat[3]) is flat[3]
    assert len(flat[3].patches) == 6
    plt.close(fig)
    panels = plot_top_terms_by(freq, "article_id", n=5)
    assert len(panels) == 2 and all(len(ax.patches) == 5 for ax in panels)
    plt.close(panels[0].figure)


def test_corpus_counts_on_codes_equal_the_grouped_path(monkeypatch):
    """term_frequencies of a whole table counts categorical codes (no copy of the rows); a table whose norms
    are plain objects takes the general path: both give the same table on real news, whatever the options."""
    import warnings

    from analysis import load_articles, repo_root, term_frequencies, tokens

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        arts = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl")
    toks = tokens(arts)
    plain = toks.assign(norm=toks["norm"].astype(object))
    for kw in ({}, {"stopwords": False}, {"stopwords": "news"}, {"fields": ["body"]}, {"fields": None},
               {"min_count": 3}, {"stopwords": ["the", "Syria"]}):
        pd.testing.assert_frame_equal(term_frequencies(toks, **kw), term_frequencies(plain, **kw))
    # counted a block of articles at a time (blocks far smaller than the table, an article longer than a
    # block), and in one block when the rows are not article by article: the same table
    from analysis.frequencies import counts

    expected = term_frequencies(plain)
    for rows in (500, 50, 1):
        monkeypatch.setattr(counts, "BLOCK_ROWS", rows)
        pd.testing.assert_frame_equal(term_frequencies(toks), expected)
        shuffled = toks.sample(frac=1.0, random_state=rows).reset_index(drop=True)
        pd.testing.assert_frame_equal(term_frequencies(shuffled), expected)


def test_rows_without_an_article_are_no_document(toks):
    """doc_freq counts articles: token rows whose article_id is missing (a filtered or edited table) are counted
    as terms but are no article, on the codes path as on the grouped path."""
    from analysis import term_frequencies

    edited = toks.copy()
    edited.loc[edited.index[:40], "article_id"] = None
    plain = edited.assign(norm=edited["norm"].astype(object))
    pd.testing.assert_frame_equal(term_frequencies(edited), term_frequencies(plain))
