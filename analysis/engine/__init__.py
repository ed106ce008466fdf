"""Private: the speed machinery behind :mod:`analysis.text`, :mod:`analysis.scale` and the loader.

Nothing here is public API; the public functions (``tokens``, ``count_terms``, ``load_articles``, …)
call it, and tests tie every shortcut to plain NLTK run on whole sentences.

* :mod:`.sentences` — Punkt with remembered decisions and a shortcut for paragraphs without a break
* :mod:`.treebank` — Treebank spans per whitespace chunk: plain chunks by rule, the rest by NLTK, remembered
* :mod:`.words` — the package's one word count (``n_words``)
* :mod:`.chunks`, :mod:`.tables` — the token table's arrays, a batch of texts at a time
* :mod:`.counting`, :mod:`.streaming` — term counts without the token table, from tables or files
* :mod:`.pool` — worker processes and progress bars; :mod:`.cache` — one cache key recipe, data formats only
"""
