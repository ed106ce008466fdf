"""Shouted text: a paragraph or headline written in capitals, read case-folded by the capitalisation rules.

The speaker rules read capitals as names (*Igor Konashenkov*) and acronyms (*UNICEF*); in a paragraph written all
in capitals every word looks like an acronym, so a speaker ran on past its verb (*A RUSSIAN DEFENCE MINISTRY
SPOKESMAN DID NOT*). A paragraph is **shouted** when it has at least ``Thresholds.min_shouted_letters`` letters and
at most ``Thresholds.max_shouted_lower_share`` of them are lower case. The tokens of a shouted paragraph are read
from a copy of the same length (so every offset still points into the original text) in which

* a known actor's or country's name is capitalised (*Islamic State*, *Russian*), a one-word actor alias that is no
  function word keeps its capitals (*UNICEF*, *SANA*);
* a run of unknown words right after a title, rank or member word is a name and is capitalised (*spokesman Igor
  Konashenkov*);
* every other word is lower case (function words, verbs, *did not*).

The rows keep the original surface (speaker, text); the speaker is coded from that surface.
"""
from __future__ import annotations

from functools import lru_cache

from .config import THRESHOLDS, Thresholds
from .lexicon import TOKEN, countries, cues, key, load_actor_lexicon, load_role_lexicon, verbs, word_list


def shouted(par: str, th: Thresholds = THRESHOLDS) -> bool:
    """Whether a paragraph is written in capitals.

    >>> shouted("UNICEF SAID 20 CHILDREN WERE KILLED."), shouted("UNICEF said 20 children were killed.")
    (True, False)
    """
    upper = lower = 0
    for c in par:
        if c.isalpha():
            upper += c.isupper()
            lower += c.islower()
    return upper + lower >= th.min_shouted_letters and lower <= th.max_shouted_lower_share * (upper + lower)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(word_list("stopwords_en.txt")) | frozenset(cues()) | frozenset(k[0] for k in verbs())


@lru_cache(maxsize=1)
def _one_word_aliases() -> frozenset[str]:
    return frozenset(a[0] for a in load_actor_lexicon() if len(a) == 1)


def _known(ks: tuple[str, ...]) -> bool:
    return ks in load_actor_lexicon() or ks in countries()


def _title_word(k: str) -> bool:
    r = load_role_lexicon().get((k,))
    return r is not None and r.kind in ("title", "rank", "member")


def _cased(word: str, how: str) -> str:
    """``word`` in lower case (``lower``), capitalised (``title``) or as written, character by character (no
    character changes length, so offsets hold)."""
    if how == "keep":
        return word
    out = [c.lower() if len(c.lower()) == 1 else c for c in word]
    if how == "title" and out and len(out[0].upper()) == 1:
        out[0] = out[0].upper()
    return "".join(out)


def _casing(words: list[str], th: Thresholds) -> list[str]:
    """How each word of a shouted paragraph is read: ``keep``, ``title`` or ``lower``."""
    keys, out, i = [key(w) for w in words], ["lower"] * len(words), 0
    fn = _function_words()
    while i < len(words):
        n = next((n for n in range(min(th.max_alias_words, len(words) - i), 0, -1) if _known(tuple(keys[i:i + n]))),
                 0)
        if n == 1 and keys[i] not in fn and keys[i] in _one_word_aliases():
            out[i] = "keep"             # UNICEF, SANA
        for j in range(i, i + n):
            out[j] = out[j] if out[j] == "keep" or keys[j] in fn else "title"
        if n == 0 and _title_word(keys[i]):
            j = i + 1                   # "SPOKESMAN IGOR KONASHENKOV": unknown words after a title are a name
            while j < len(words) and j - i <= th.max_name_words and keys[j].isalpha() and keys[j] not in fn \
                    and (keys[j],) not in load_role_lexicon() and not _known((keys[j],)):
                out[j] = "title"
                j += 1
            i = max(i + 1, j)
            continue
        i += max(n, 1)
    return out


def unshout(text: str, spans: list[tuple[int, int]], th: Thresholds = THRESHOLDS) -> str:
    """``text`` with its shouted paragraphs (``spans``) case-folded as the module says; same length as ``text``.

    >>> unshout("A DEFENCE MINISTRY SPOKESMAN DID NOT SAY.", [(0, 41)])
    'a defence ministry spokesman did not say.'
    """
    parts, last = [], 0
    for a, b in spans:
        if not shouted(text[a:b], th):
            continue
        found = list(TOKEN.finditer(text, a, b))
        words = [m for m in found if m.group()[:1].isalnum()]
        parts.append(text[last:a])
        pos = a
        for m, how in zip(words, _casing([m.group() for m in words], th)):
            parts.append(text[pos:m.start()])
            parts.append(_cased(m.group(), how))
            pos = m.end()
        parts.append(text[pos:b])
        last = b
    parts.append(text[last:])
    return "".join(parts)
