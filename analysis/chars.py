"""Characters: the one-for-one folding every tokeniser applies, and the checks on text and tokens.

Folding maps curly quotes and apostrophes to straight ones, Unicode hyphens to ``-``, non-breaking and other
Unicode spaces (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000) and the control characters U+001C–U+001F to
spaces, one character for one, so every token keeps exact character offsets
into the original text.
"""
from __future__ import annotations

import re

__all__ = ["fold", "plain_spaces", "without_invisibles", "original_span", "normalize_token", "is_punct",
           "require_text"]

#: spaces a scraped page keeps (&nbsp;, thin spaces): words and sentences part there as at a plain space
#: ("United\u00a0States", "fell.\u00a0The"); Punkt and multi-word names look for a plain one
_SPACES = {c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
           "\u202f\u205f\u3000"}
_SPACE_TABLE = str.maketrans(_SPACES)
_FOLD_TABLE = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "−": "-",
    # information separators: whitespace to Python's str.split and re, not to NLTK's regex engine
    "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x1f": " ",
    **_SPACES,
})
_FOLD_CHARS = re.compile("[" + "".join(chr(c) for c in _FOLD_TABLE) + "]")
_SEPARATORS = re.compile("[\x1c-\x1f]")
_HAS_ALNUM = re.compile(r"\w")
# zero-width spaces and joiners, soft hyphens, bidi marks and isolates, BOM, NUL and the other control codes that
# are not whitespace: invisible, inside a word they split it ("Ho\x00ms")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def require_text(value: object, caller: str) -> str:
    """``value`` when it is text, else a ``TypeError`` that names the caller and what it got.

    >>> require_text(None, "tokenize")
    Traceback (most recent call last):
    TypeError: tokenize() expects text (str), got None
    """
    if not isinstance(value, str):
        got = "None" if value is None else f"{type(value).__name__} {str(value)[:40]!r}"
        raise TypeError(f"{caller}() expects text (str), got {got}")
    return value


def fold(text: str) -> str:
    """Fold curly quotes, apostrophes and Unicode hyphens to ASCII, one character for one.

    >>> fold("ISIS’ “last big fight”")
    'ISIS\\' "last big fight"'
    """
    require_text(text, "fold")
    # str.translate with a dict walks every character in Python-level lookups (about 15 MB/s);
    # ASCII text without control characters has nothing to fold, and other text usually only a few quotes.
    if text.isascii() and _SEPARATORS.search(text) is None:
        return text
    return _FOLD_CHARS.sub(_fold_match, text)


def plain_spaces(text: str) -> str:
    """Non-breaking and other Unicode spaces as plain spaces, one character for one (offsets stay).

    >>> plain_spaces("United\\u00a0States")
    'United States'
    """
    return text if text.isascii() else text.translate(_SPACE_TABLE)


def without_invisibles(text: str) -> tuple[str, list[int] | None]:
    """The text without invisible format characters (``Da\\u200bmascus`` is Damascus), and where each of its
    characters stands in ``text`` (``None`` when there was nothing to remove), for :func:`original_span`.

    >>> without_invisibles("Da\\u200bmascus")
    ('Damascus', [0, 1, 3, 4, 5, 6, 7, 8, 9])
    """
    if _INVISIBLE.search(text) is None:
        return text, None
    kept = [i for i, ch in enumerate(text) if _INVISIBLE.match(ch) is None]
    return "".join(text[i] for i in kept), kept + [len(text)]


def original_span(kept: list[int], start: int, end: int) -> tuple[int, int]:
    """The span ``start:end`` of :func:`without_invisibles`' text as a span of the original text (-1 stays -1)."""
    if start < 0:
        return start, end
    a = kept[start]
    return a, (kept[end - 1] + 1 if end > start else a)


def _fold_match(m: re.Match) -> str:
    return _FOLD_TABLE[ord(m.group())]


def normalize_token(token: str) -> str:
    """The comparable form of a token: folded and lower-cased (``Al-Qaim`` → ``al-qaim``).

    >>> normalize_token("Al-Qaim"), normalize_token("ISIS’"), normalize_token("army’s")
    ('al-qaim', "isis'", "army's")
    """
    return fold(token).lower()


def is_punct(token: str) -> bool:
    """True for tokens without a letter or digit (``,``, ``“``, ``--``): not words.

    >>> is_punct("--"), is_punct("1,500"), is_punct("’s")
    (True, False, False)
    """
    return not _HAS_ALNUM.search(require_text(token, "is_punct"))
