"""Sentences and words with NLTK, offline, and the token table.

Sentences come from NLTK's Punkt (:class:`~nltk.tokenize.punkt.PunktSentenceTokenizer`) built from the
abbreviations the project ships (ranks, titles, months, countries: no ``nltk_data`` needed), paragraph
by paragraph; words from NLTK's Treebank-style :class:`~nltk.tokenize.NLTKWordTokenizer`. Text is first
folded one character for one (curly quotes to straight, Unicode hyphens to ``-``), so every token keeps
exact character offsets into the original text.

**A word** is a token with a letter or digit (:func:`is_punct` is false). ``n_words`` of
:func:`analysis.load_articles`, the token table's non-punctuation rows and :func:`analysis.count_terms`
count the same words.

The speed (remembered decisions, chunk rules, worker processes, caches) lives in the private
:mod:`analysis.engine`; tests tie it to plain NLTK run on whole sentences.
"""
from __future__ import annotations

from typing import Iterable, Sequence, Union

import pandas as pd

from .chars import fold, is_punct, normalize_token, require_text
from .engine.cache import CacheKey, cached_table
from .engine.chunks import chunk_spans_of
from .engine.pool import default_workers, paused_gc, release_memory
from .engine.sentences import sentence_splitter, split_sentences
from .engine.tables import token_arrays, token_frame
from .engine.treebank import TOKENIZER_VERSION, chunk_spans, nltk_spans
from .corpus.columns import check_ids, column_texts
from .vocabulary import abbreviation_table, sentence_abbreviations, word_list

__all__ = ["ABBREVIATIONS", "fold", "normalize_token", "is_punct", "sentence_spans", "sentences", "word_spans",
           "tokenize", "tokens", "stopword_set", "sentence_splitter", "abbreviation_table"]

StopwordOption = Union[bool, str, Iterable[str]]


def __getattr__(name: str):
    if name == "ABBREVIATIONS":   # read from the data file on first use, not at import
        return sentence_abbreviations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def sentence_spans(text: str, *, folded: bool = False) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``: Punkt per paragraph (blank lines always split).

    ``folded=True`` says ``text`` already went through :func:`fold`.

    >>> sentence_spans("Staff Maj. Gen. Noman told AFP. It fell.")
    [(0, 31), (32, 40)]
    """
    require_text(text, "sentence_spans")
    return split_sentences(text if folded else fold(text))


def sentences(text: str) -> list[str]:
    """Split text into sentences with Punkt and the project's abbreviations.

    >>> sentences("Staff Maj. Gen. Noman Abed al-Zobai told AFP. The town fell.")
    ['Staff Maj. Gen. Noman Abed al-Zobai told AFP.', 'The town fell.']
    """
    require_text(text, "sentences")
    return [text[s:e] for s, e in sentence_spans(text)]


def word_spans(sentence: str, *, exact: bool = False) -> list[tuple[int, int]]:
    """Character spans of the Treebank word tokens of one sentence.

    The tokens are NLTK's :class:`~nltk.tokenize.NLTKWordTokenizer` tokens, found whitespace chunk by
    chunk (the same tokens, several times faster on a corpus); ``exact=True`` runs NLTK on the whole
    sentence instead.

    >>> s = "Iraqi forces entered Al-Qaim, around 1,500 of them."
    >>> [s[a:b] for a, b in word_spans(s)]
    ['Iraqi', 'forces', 'entered', 'Al-Qaim', ',', 'around', '1,500', 'of', 'them', '.']
    """
    folded = fold(require_text(sentence, "word_spans"))
    if exact:
        return nltk_spans(folded)
    out: list[tuple[int, int]] = []
    chunks = chunk_spans_of(folded)
    for i, (o, end) in enumerate(chunks):
        out.extend((o + a, o + b) for a, b in chunk_spans(folded[o:end], i == len(chunks) - 1))
    return out


def stopword_set(option: StopwordOption = True) -> frozenset[str]:
    """The stopwords for an option: ``True`` (English), ``"news"`` (English + reporting words),
    ``False`` (none) or your own iterable of words.

    >>> "the" in stopword_set(), "said" in stopword_set(), "said" in stopword_set("news")
    (True, False, True)
    """
    if option is False or option is None:
        return frozenset()
    if option is True or option == "english":
        return word_list("stopwords_en.txt")
    if option == "news":
        return word_list("stopwords_en.txt") | word_list("news_words.txt")
    if isinstance(option, str):
        raise ValueError(f"unknown stopword option {option!r}: use True, False, 'news' or a set of words")
    words = list(option) if hasattr(option, "__iter__") else None
    if words is None or any(not isinstance(w, str) for w in words):
        raise TypeError(f"stopwords must be True, False, 'news' or words (str), got {option!r:.60}")
    return frozenset(normalize_token(w) for w in words)


def tokenize(text: str, *, lower: bool = True, stopwords: StopwordOption = False,
             punct: bool = False) -> list[str]:
    """Split text into word tokens, offline.

    ``lower`` returns the normalised form (folded, lower case); ``stopwords`` removes the English list
    (``True``), English + reporting words (``"news"``) or your own set; ``punct`` keeps punctuation.

    >>> tokenize("Iraqi forces entered Al-Qaim, ISIS’ last bastion.")
    ['iraqi', 'forces', 'entered', 'al-qaim', 'isis', 'last', 'bastion']
    >>> tokenize("Around 1,500 on the Lebanese-Syrian border.", stopwords=True)
    ['around', '1,500', 'lebanese-syrian', 'border']
    """
    require_text(text, "tokenize")
    stops = stopword_set(stopwords)
    out: list[str] = []
    for s0, s1 in sentence_spans(text):
        sent = text[s0:s1]
        for a, b in word_spans(sent):
            surface = fold(sent[a:b])
            if (punct or not is_punct(surface)) and surface.lower() not in stops:
                out.append(surface.lower() if lower else surface)
    return out


def _check_table(articles: pd.DataFrame, fields: Sequence[str] | None) -> list[str]:
    """The fields to tokenise; a clear error for what is not an articles table with unique ids."""
    if not isinstance(articles, pd.DataFrame):
        got = "None" if articles is None else type(articles).__name__
        raise TypeError(f"tokens() expects an articles table (a DataFrame from load_articles), got {got}")
    if fields is None:
        fields = [f for f in ("title", "caption", "body") if f in articles.columns]
    fields = [fields] if isinstance(fields, str) else list(fields)
    missing = [f for f in fields if f not in articles.columns]
    if missing:
        raise KeyError(f"articles table has no column(s) {missing}; columns are {list(articles.columns)}")
    if "article_id" not in articles.columns:
        raise KeyError("articles table has no 'article_id' column; make it with load_articles()")
    check_ids(articles, "tokens")
    return fields


def tokens(articles: pd.DataFrame, *, fields: Sequence[str] | None = None,
           stopwords: StopwordOption = True, workers: int | None = None, cache: bool = False,
           progress: bool | None = None) -> pd.DataFrame:
    """One row per token of the given article fields (default: those of title, caption, body present).

    Columns: ``article_id``, ``field``, ``sentence`` (index within the field), ``position`` (token index
    within the field), ``token`` (exact surface text), ``norm`` (normalised form), ``is_stop`` (per
    ``stopwords``), ``is_punct``, and ``start``/``end`` character offsets into that field, so
    ``articles.loc[i, field][start:end] == token``. Text columns are categoricals to stay compact.

    Large corpora: ``workers`` processes share the work (default: all cores from 2,000 articles up);
    ``cache=True`` keeps the table as Parquet in ``data/derived/tokens/`` under a key of the texts and the
    settings, so an unchanged corpus is read back; ``progress`` shows a bar (default: from 2,000 articles).

    >>> toks = tokens(articles)                                 # the sample, loaded with load_articles
    >>> toks.query("field == 'body' and not is_punct").norm.value_counts().head(3).to_dict()
    {'the': 44, 'in': 13, 'of': 13}
    """
    fields = _check_table(articles, fields)
    stops = stopword_set(stopwords)
    key = None
    if cache:
        key = CacheKey("tokens", TOKENIZER_VERSION, fields, stops)
        for col in ["article_id", *fields]:
            key.texts(articles[col])

    def rows(a: int, b: int) -> list[tuple[str, ...]]:              # text only, checked here
        return list(zip(*(column_texts(articles[f].iloc[a:b]) for f in fields)))

    def build() -> pd.DataFrame:
        n_workers = workers if workers is not None else default_workers(len(articles))
        arrays = token_arrays(rows, len(articles), workers=n_workers, progress=progress)
        table = token_frame(arrays, articles["article_id"].astype(str).to_numpy(), fields, stops)
        release_memory()
        return table

    with paused_gc():
        return cached_table(key, build)
