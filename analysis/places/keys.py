"""Keys that find a place name under its many spellings.

Three keys, from strict to loose:

* :func:`name_key` — exact: accents, apostrophes, hyphens, dots and case folded.
* :func:`translit_key` — Arabic-name romanisations folded (articles *al-/el-/ad-/ash-*, *ou/u/oo*, *q/k*,
  *sh/ch*, *gh/g*, *ei/ay/ai*, unstressed vowels, doubled letters, ʿ and ' marks): *Jisr al-Shigour* =
  *Jisr ash Shughur*, *Saraqeb* = *Saraqib*, *Kefraya* = *Kafraya*. Vowels are kept as slots, so the
  shape of the word still counts (*Hama* ≠ *Homs*).
* :func:`skeleton_key` — consonants only; used only where a context cue backs it (*the city of X*).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "strip_article", "translit_key", "skeleton_key", "ARTICLES"]

#: Arabic definite articles and their assimilated forms, as romanised in English news.
ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ez", "es", "ed", "er", "en", "et", "ash",
                      "ath", "adh", "ul", "il", "the", "ech", "esh"})
_QUOTES = str.maketrans({c: "" for c in "‘’'`ʿʾ´ʻ\u02bc\u2032"})
_DASHES = re.compile(r"[-‐‑–—_/]+")
_NOT_NAME = re.compile(r"[^\w\s&]")
# digraphs and letters that romanisations swap: longest first
_FOLDS = [("kh", "x"), ("gh", "g"), ("ch", "s"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
          ("q", "k"), ("c", "k"), ("j", "j"), ("ee", "i"), ("oo", "u"), ("ou", "u"), ("w", "w")]
_VOWEL_RUN = re.compile(r"[aeiouy]+")
# y/w after a vowel and before a consonant or the end is part of the vowel: Dayr = Deir, Zawr = Zor
_GLIDE = re.compile(r"(?<=[aeiou])[yw](?=[^aeiouy]|$)")


def _ascii(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The exact-match key of a place name: accents, apostrophes, hyphens, case and dots folded.

    >>> name_key("Al-Qā’im"), name_key("Al Qa'im"), name_key("B.C."), name_key("Deir ez-Zor")
    ('al qaim', 'al qaim', 'bc', 'deir ez zor')
    """
    s = _ascii(name).translate(_QUOTES).lower()
    s = s.replace(".", "")
    s = _DASHES.sub(" ", s)
    s = _NOT_NAME.sub("", s)
    return " ".join(s.split())


def strip_article(key: str) -> str:
    """A :func:`name_key` without its leading Arabic article(s): ``al qaim`` → ``qaim``.

    >>> strip_article("al qaim"), strip_article("al")
    ('qaim', 'al')
    """
    parts = key.split()
    while len(parts) > 1 and parts[0] in ARTICLES:
        parts = parts[1:]
    return " ".join(parts)


def _words(key: str) -> list[str]:
    """The words of a key without articles, an assimilated article split off (``ezzor`` → ``zor``)."""
    out = []
    for tok in key.split():
        if tok in ARTICLES and len(key.split()) > 1:
            continue
        m = re.match(r"^(?:a|e)([^aeiou\W])\1(\w{2,})$", tok)
        if m and out:
            tok = m.group(1) + m.group(2)
        out.append(tok)
    return out or key.split()


def _fold_word(word: str) -> str:
    for a, b in _FOLDS:
        word = word.replace(a, b)
    word = re.sub(r"(.)\1+", r"\1", word)            # doubled letters
    word = _GLIDE.sub("", word)
    word = re.sub(r"(?<=[aeiou])h$", "", word)         # final h after a vowel: Raqqah = Raqqa
    return _VOWEL_RUN.sub("*", word)


@lru_cache(maxsize=200_000)
def translit_key(name: str) -> str:
    """A key shared by the usual romanisations of one Arabic (or Persian, Kurdish) place name.

    >>> translit_key("Jisr al-Shigour") == translit_key("Jisr ash Shughur")
    True
    >>> translit_key("Saraqeb") == translit_key("Saraqib"), translit_key("Kefraya") == translit_key("Kafraya")
    (True, True)
    >>> translit_key("Deir Ezzor") == translit_key("Dayr az Zawr"), translit_key("Hama") == translit_key("Homs")
    (True, False)
    """
    key = name_key(name)
    return " ".join(_fold_word(w) for w in _words(key))


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str:
    """A looser key: articles dropped, vowels and y/w/h dropped, doubles collapsed.

    >>> {skeleton_key(n) for n in ("Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr")}
    {'drzr'}
    >>> {skeleton_key(n) for n in ("Albu Kamal", "Abu Kamal", "Bukamal")}
    {'bkml'}
    """
    key = name_key(name)
    key = re.sub(r"^(?:al ?bu|abu|al bu|bu) ?", "bu", key)
    s = "".join(_words(key)) if key else ""
    s = re.sub(r"[aeiouyhw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)
