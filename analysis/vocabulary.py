"""Word lists the tokenisers read from ``analysis/data``: the abbreviation table and plain word lists."""
from __future__ import annotations

import csv
from functools import lru_cache

from .chars import fold
from .paths import package_data

__all__ = ["abbreviation_table", "sentence_abbreviations", "word_list"]


def abbreviation_table() -> list[dict[str, str]]:
    """Rows of ``analysis/data/abbreviations.csv``, the project's one abbreviation list (tokeniser and
    geoparser): ``abbreviation`` (lower case, no final period), ``kind``, ``sentence_internal``.

    >>> next(r for r in abbreviation_table() if r["abbreviation"] == "gen")["kind"]
    'title'
    """
    path = package_data("abbreviations.csv")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines)]


@lru_cache(maxsize=1)
def sentence_abbreviations() -> frozenset[str]:
    """Abbreviations Punkt must not treat as sentence ends (lower case, no final period).

    >>> {"gen", "maj", "u.s"} <= sentence_abbreviations()
    True
    """
    return frozenset(r["abbreviation"].lower() for r in abbreviation_table() if r["sentence_internal"] == "1")


@lru_cache(maxsize=8)
def word_list(name: str) -> frozenset[str]:
    """A one-word-per-line list of ``analysis/data`` (``#`` comments), folded and lower-cased.

    >>> "the" in word_list("stopwords_en.txt")
    True
    """
    lines = package_data(name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w.strip()).lower() for w in lines if w.strip() and not w.startswith("#"))
