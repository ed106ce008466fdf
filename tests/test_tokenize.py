"""Offline tokenisation: hard cases from the sample, exact offsets, and no nltk_data needed."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from analysis import sentence_spans, sentences, stopword_set, tokenize, tokens


def test_rank_abbreviations_do_not_end_sentences():
    text = ("Troops entered the town, Staff Maj. Gen. Noman Abed al-Zobai told AFP. "
            "Lt. Col. Ahmed said the U.S. jets struck. Brig. Gen. Smith agreed.")
    assert sentences(text) == [
        "Troops entered the town, Staff Maj. Gen. Noman Abed al-Zobai told AFP.",
        "Lt. Col. Ahmed said the U.S. jets struck.",
        "Brig. Gen. Smith agreed.",
    ]


def test_curly_quote_after_period_stays_with_its_sentence():
    text = "“The army is ready.” The statement said it would act."
    assert sentences(text) == ["“The army is ready.”", "The statement said it would act."]


def test_paragraph_breaks_always_split():
    assert sentences("No final stop here\n\nNext paragraph.") == ["No final stop here", "Next paragraph."]


def test_words_keep_hyphenated_names_numbers_and_split_possessives():
    assert tokenize("ISIS’ last bastion near al-Qaim: the army’s 1,500 US-led troops on the Lebanese-Syrian border.",
                    punct=True) == [
        "isis", "'", "last", "bastion", "near", "al-qaim", ":", "the", "army", "'s", "1,500",
        "us-led", "troops", "on", "the", "lebanese-syrian", "border", ".",
    ]


def test_surface_forms_are_kept_when_not_lowered():
    assert tokenize("Al-Qaim and al-Qaim", lower=False) == ["Al-Qaim", "and", "al-Qaim"]


def test_stopword_options():
    text = "The army said it had not withdrawn from the border."
    assert tokenize(text, stopwords=True) == ["army", "said", "withdrawn", "border"]
    assert tokenize(text, stopwords="news") == ["army", "withdrawn", "border"]
    assert tokenize(text, stopwords={"army", "border"})[:3] == ["the", "said", "it"]
    with pytest.raises(ValueError, match="unknown stopword option"):
        stopword_set("french")


def test_sentence_offsets_point_into_original_text(iraq):
    body = iraq["body"]
    spans = sentence_spans(body)
    assert len(spans) == 10  # hand-checked: every paragraph is one sentence
    for s, e in spans:
        assert body[s:e] == body[s:e].strip() and body[s:e]


def test_token_offsets_are_exact_in_every_field(sample):
    toks = tokens(sample)
    by_id = sample.set_index("article_id")
    for row in toks.itertuples(index=False):
        text = by_id.at[row.article_id, row.field]
        assert text[row.start:row.end] == row.token


def test_token_table_counts_each_field_once(sample, iraq, lebanon):
    toks = tokens(sample)
    counts = toks[(toks.field == "body") & ~toks.is_punct].groupby(["article_id", "norm"], observed=True).size()
    assert counts[(iraq.article_id, "isis")] == 5
    assert counts[(iraq.article_id, "iraqi")] == 5
    assert counts[(iraq.article_id, "forces")] == 5
    assert counts[(iraq.article_id, "al-qaim")] == 3
    assert counts[(iraq.article_id, "border")] == 2
    assert counts[(lebanon.article_id, "army")] == 6
    assert counts[(lebanon.article_id, "border")] == 3
    # The caption is stored once, so "anna" (caption only) counts once in the caption field.
    cap = toks[(toks.field == "caption") & (toks.norm == "anna")]
    assert len(cap) == 1
    # Compact: categoricals, not object columns.
    assert str(toks["norm"].dtype) == "category" and str(toks["article_id"].dtype) == "category"


def test_tokens_rejects_a_table_without_the_field(sample):
    with pytest.raises(KeyError, match="no column"):
        tokens(sample, fields=("headline",))


def test_works_on_a_fresh_machine_without_nltk_data(tmp_path):
    """nltk.word_tokenize needs punkt_tab; our pipeline must not look for any nltk_data at all."""
    code = textwrap.dedent("""
        import nltk
        try:
            nltk.word_tokenize("A test.")
        except LookupError:
            print("word_tokenize needs data")
        from analysis import tokenize, sentences
        print(tokenize("Staff Maj. Gen. Noman told AFP. ISIS' end.", punct=False))
        print(len(sentences("Staff Maj. Gen. Noman told AFP. ISIS' end.")))
    """)
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=tmp_path)
    lines = out.stdout.splitlines()
    assert lines[-2] == "['staff', 'maj.', 'gen.', 'noman', 'told', 'afp', 'isis', 'end']"
    assert lines[-1] == "2"


@pytest.mark.parametrize("bad", [None, 3, b"Iraqi forces", ["a", "b"]])
def test_text_helpers_reject_non_text_with_a_clear_type_error(bad):
    from analysis import extract_locations, extract_statements, sentence_spans, sentences, tokenize, tokens

    for helper in (tokenize, sentences, sentence_spans, extract_statements, extract_locations, tokens):
        with pytest.raises(TypeError, match=rf"{helper.__name__}\(\) expects"):
            helper(bad)


def test_tokens_of_a_table_with_repeated_ids_is_a_clear_error(sample):
    import pandas as pd

    from analysis import tokens

    table = sample.copy()
    table.attrs = {}
    with pytest.raises(ValueError, match="repeats article_id"):
        tokens(pd.concat([table, table.head(1)]))
