"""The private engine equals plain NLTK on real news: sentences, tokens, word counts (issue 18).

Real text: the FA-KES articles shipped in ``data/external`` (149 Syria-war articles from 15 outlets, as
they were scraped), the sample, and, when ``../shared`` is beside the repo, the 401 development articles.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis import load_articles, repo_root, tokens
from analysis.engine import treebank
from analysis.engine.sentences import paragraph_spans
from analysis.engine.words import count_words
from analysis.text import fold, sentence_spans, word_spans
from analysis.vocabulary import sentence_abbreviations

SHARED = repo_root().parent / "shared" / "corpora" / "fakes_dev.jsonl"


@pytest.fixture(scope="module", params=["shipped", "shared"])
def real(request, sample):
    """Real articles: the shipped FA-KES subset plus the sample, or the shared development corpus."""
    if request.param == "shared":
        if not SHARED.exists():
            pytest.skip("../shared is not beside the repo (a user's clone)")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_articles(SHARED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fakes = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl")
    return pd.concat([fakes, sample], ignore_index=True)


def _texts(articles) -> list[str]:
    return [t for col in ("title", "body") for t in articles[col].tolist() if t]


def test_rules_give_nltks_tokens_on_every_real_chunk(real):
    """Every chunk the rules decide gets NLTK's tokens in its context, mid-sentence and sentence-final."""
    chunks = {c for t in _texts(real) for c in fold(t).split()}
    decided = 0
    for chunk in sorted(chunks):
        for last in (False, True):
            spans = treebank.rule_spans(chunk, last)
            if spans is not None:
                decided += 1
                assert spans == treebank._nltk_chunk(chunk, last), (chunk, last)
    assert decided > 0.7 * 2 * len(chunks)          # the rules decide most chunks of news text


def test_batched_nltk_chunks_equal_nltk_on_every_real_chunk(real, monkeypatch):
    """The chunks the rules leave to NLTK, filled thousands per call (and sentence-final ones composed from
    their parts), get the tokens NLTK gives each alone, in both contexts."""
    chunks = {c for t in _texts(real) for c in fold(t).split()}
    keys = [(c, last) for c in sorted(chunks) for last in (False, True) if treebank.rule_spans(c, last) is None]
    monkeypatch.setattr(treebank, "_CACHE", {})
    treebank.fill(keys)
    assert len(keys) > 500
    assert [treebank._CACHE[k] for k in keys] == [treebank._nltk_chunk(*k) for k in keys]


def test_sentences_are_plain_punkts(real):
    params = PunktParameters()
    params.abbrev_types = set(sentence_abbreviations())
    plain = PunktSentenceTokenizer(params)
    for text in _texts(real):
        folded = fold(text)
        expected = [(p0 + s, p0 + e) for p0, p1 in paragraph_spans(folded) if folded[p0:p1].strip()
                    for s, e in plain.span_tokenize(folded[p0:p1])]
        assert sentence_spans(text) == expected


def test_tokens_are_nltks_sentence_by_sentence(real):
    nltk_words = NLTKWordTokenizer()
    total = same = 0
    for text in _texts(real):
        for a, b in sentence_spans(text):
            sent = fold(text[a:b])
            ref = [t.replace("``", '"').replace("''", '"') for t in nltk_words.tokenize(sent)]
            total += 1
            same += ref == [sent[x:y] for x, y in word_spans(sent)]
    assert total > 1000 and same == total


def test_n_words_is_the_token_tables_word_count(real):
    toks = tokens(real, fields=["body"])
    words = toks[~toks["is_punct"]].groupby("article_id", observed=False).size()
    assert words.reindex(real["article_id"].astype(str)).fillna(0).astype(int).tolist() == real["n_words"].tolist()


@pytest.mark.parametrize("text", [
    "They aren't. The army is.",                       # a clitic splits only before a sentence-final period
    'The army said."The border is calm." Then it rained.',   # Punkt breaks inside a whitespace chunk
    "Some wanna\n\nNew paragraph wanna go.",            # NLTK splits "wanna" only before a space
    "Gen. Noman (AFP) told it: “ISIS’ last bastion fell.” U.S. forces agreed -- 1,500 of them!",
    "", "   \n\n  ",
])
def test_count_words_equals_the_tokens_words(text):
    expected = sum(1 for a, b in sentence_spans(text) for x, y in word_spans(text[a:b])
                   if any(ch.isalnum() or ch == "_" for ch in text[a + x:a + y]))
    assert count_words(text) == expected


@pytest.mark.parametrize("text", [
    "Gen. Noman spoke. Jan. 5 was quiet. No. 5 fell. A. Smith said so. He left... Then? Yes! 2017. The end.",
    "It fell.\u00a0The army said. the town. Al-Qaim. U.S. forces. (AFP) It rained.) Then. \"Quoted.\" Done",
    "al-Qaim. Deir.Ezzor. ISIS. The e.g. case. Etc. etc. The end",
    'He said "stop."', "It ended?!", "It ended. \"", '."', 'Wait?" )', "Gen.", "It fell.\n\nA. B. C.", "end.) x",
])
def test_punkt_shortcuts_give_plain_punkts_sentences(text):
    params = PunktParameters()
    params.abbrev_types = set(sentence_abbreviations())
    folded = fold(text)
    assert sentence_spans(text) == list(PunktSentenceTokenizer(params).span_tokenize(folded))


#: inputs an independent sweep found where the engine and NLTK parted (each now a regression test)
HOSTILE = [
    "a. )", "a. '", "a. ]", "a. }", "He said. ’", "(He won. )", "It is over. ’ Then.",       # final period, space, closers
    "I'\x1cx", "It's\x1fnot.", "t.\x1f", "Xy.\x1d..(", "he.\x1c..’e", "Canada's\x1cstand",  # information separators
    "t's'", "He called it ‘Trump’s’", "Staff of ‘the Jones’s’\n\nNext.",                     # clitic then quote at the end
    "They can't.:", "I'm.;", "wanna.(", "It ended.) (Then.",                                  # end mark then a next-token mark
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_inputs_give_nltks_sentences_words_and_counts(text):
    params = PunktParameters()
    params.abbrev_types = set(sentence_abbreviations())
    folded = fold(text)
    spans = [(p0 + s, p0 + e) for p0, p1 in paragraph_spans(folded) if folded[p0:p1].strip()
             for s, e in PunktSentenceTokenizer(params).span_tokenize(folded[p0:p1])]
    assert sentence_spans(text) == spans
    words = NLTKWordTokenizer()
    for a, b in spans:
        assert word_spans(folded[a:b]) == list(words.span_tokenize(folded[a:b]))
    n_words = sum(1 for a, b in spans for x, y in words.span_tokenize(folded[a:b])
                  if any(ch.isalnum() or ch == "_" for ch in folded[a + x:a + y]))
    assert count_words(text) == n_words
    table = tokens(pd.DataFrame({"article_id": ["h"], "body": [text]}), fields=["body"], stopwords=False)
    assert list(zip(table["start"], table["end"])) == [(a + x, a + y) for a, b in spans
                                                        for x, y in words.span_tokenize(folded[a:b])]


def test_what_is_not_text_is_a_clear_error_naming_the_function_or_cell():
    from analysis import tokenize
    from analysis.scale import count_terms
    from analysis.text import is_punct, stopword_set

    for fn in (word_spans, count_words, is_punct):
        with pytest.raises(TypeError, match=rf"^{fn.__name__}\(\) expects text"):
            fn(None)
    with pytest.raises(TypeError, match="stopwords must be"):
        tokenize("Iraqi forces.", stopwords=5)
    assert stopword_set(["The"]) == {"the"}
    for cell in (5, 3.5, b"bytes here.", ["a", "b"]):
        table = pd.DataFrame({"article_id": ["a"], "body": pd.Series([cell], dtype=object)})
        for fn in (tokens, count_terms):
            with pytest.raises(TypeError, match=r"column 'body', row 0: expected text, got"):
                fn(table)
    surrogate = pd.DataFrame({"article_id": ["a"], "body": pd.Series(["abc \ud800 def."], dtype=object)})
    for fn in (tokens, count_terms):
        with pytest.raises(ValueError, match="lone surrogate .U\\+D800 at character 4"):
            fn(surrogate, cache=True)
    for ids in (["a", "a"], [None, "b"]):
        table = pd.DataFrame({"article_id": ids, "body": ["x", "y"]})
        for fn in (tokens, count_terms):
            with pytest.raises(ValueError, match=rf"^{fn.__name__}\(\): .*(repeats|no article_id)"):
                fn(table)
    for source in (None, 5, b"x", [5]):
        with pytest.raises(TypeError, match="expected a file, folder or glob"):
            count_terms(source)
    one = pd.DataFrame({"article_id": ["a"], "body": ["Iraqi forces entered Al-Qaim."]})
    assert len(tokens(one, fields="body")) == 5 and count_terms(one, fields="body")["term"].tolist()[:1] == ["al-qaim"]


def test_nltks_regex_time_limit_is_a_clear_error(monkeypatch):
    """NLTK runs its regexes under a wall-clock limit (nltk.redos): running over it names the text, not NLTK."""
    from analysis.engine import sentences as engine_sentences

    def slow(self, text, realign_boundaries=True):
        raise TimeoutError("regular-expression match exceeded its 5.0s time limit")
        yield

    monkeypatch.setattr(engine_sentences._MemoPunkt, "span_tokenize", slow)
    with pytest.raises(ValueError, match=r"a paragraph of 1,500,000 characters .*nltk\.redos"):
        sentence_spans("1. " * 500_000)


def test_punkt_spans_equal_plain_punkt_on_random_texts():
    """The engine's Punkt loop (NLTK's, over lists) against plain Punkt on 5,000 random texts built from the
    pieces its rules turn on (end marks, closers, abbreviations, initials, numbers, ellipses, spaces)."""
    import random

    params = PunktParameters()
    params.abbrev_types = set(sentence_abbreviations())
    plain = PunktSentenceTokenizer(params)
    rng = random.Random(7)
    pieces = ["word", "Word", "U.S.", ".", "?", "!", '"', "'", ")", "(", "]", " ", "  ", "end.", "Gen.", "1.", "A.",
              ";", ":", "--", "…", "x", "...", "?!", "\t", "No.", "2017.", "1,500.", "al-Qaim.", "jan.", "-",
              "a-", "the", "The", "9"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        assert list(splitter_of().span_tokenize(text)) == list(plain.span_tokenize(text)), text


def splitter_of():
    from analysis.engine.sentences import sentence_splitter

    return sentence_splitter()


def test_release_memory_hands_freed_heap_pages_back():
    """Freed memory between live objects stays in the process until release_memory (glibc's malloc_trim)."""
    from analysis.engine.pool import _malloc_trim, release_memory

    if _malloc_trim() is None:
        pytest.skip("not glibc: nothing to trim")

    def rss_mb() -> float:
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    blocks = [bytes(2000) + bytes([i % 251]) for i in range(60_000)]     # 120 MB of heap blocks
    keep = blocks[::200]                                                    # one live block per 400 KB
    del blocks
    before = rss_mb()
    release_memory()
    assert before - rss_mb() > 60, "the freed pages between the live blocks went back to the system"
    assert len(keep) == 300
