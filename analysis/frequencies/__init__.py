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

from .context import concordance, dispersion
from .counts import collocations, ngrams, term_frequencies
from .keyness import distinctive_terms, g2_log_likelihood, keyness

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
