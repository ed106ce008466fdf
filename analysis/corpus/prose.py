"""Telling running prose from lists: where a tag list ends and the sentence starts, a link list after a
paragraph's last sentence, link-like lines; and whitespace squeezed (helpers of :mod:`.widgets`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["cut_tags", "cut_headlines", "LinkListRules", "LINK_LIST"]

# Lowercase words that only running prose has: where a tag list ends and the sentence begins.
_PROSE = frozenset("has have had is are was were said says will would could can may been did does "
                   "a an of to on in at by for with from after as that which who its their his her".split())
_STARTERS = frozenset("The A An In On At It He She They This These Those There We I Its His Her Their "
                      "After As When While Since Two Three Several More Some".split())


def cut_tags(words: list[str], max_tags: int = 30) -> int | None:
    """Given the words after a ``Tags`` marker, the index where the real sentence starts (None: none does).

    >>> cut_tags("Syria Aleppo regime forces the Nusra Front Syrian troops and gunmen repelled an attack".split())
    7
    >>> cut_tags("Syria Islamic State video Palmyra The Islamic State group has released".split())
    5
    """
    def cap(w: str) -> bool:
        return w.lstrip("\"“‘'(")[:1].isupper()

    hit = next((k for k, w in enumerate(words[:max_tags + 8]) if w in _PROSE or
                (w.islower() and len(w) > 4 and w.endswith("ed"))), None)
    if hit is None:
        return None
    quote = next((k for k, w in enumerate(words[:hit]) if k and w[:1] in "\"“"), None)
    if quote is not None:                  # a quotation opens the sentence
        return quote
    k = hit - 1
    while k >= 0 and not cap(words[k]):
        k -= 1
    if k < 0:
        return None
    run_end = k
    while k >= 0 and cap(words[k]):
        k -= 1
    run = range(k + 1, run_end + 1)
    starter = next((j for j in run if words[j] in _STARTERS), None)
    start = starter if starter is not None else run_end
    return start if start >= 1 else None


# Words of a sentence that headlines leave out (auxiliaries, past-tense saying: headlines say "says"): where a
# run of headlines glued before the story's next sentence ends.
_SENTENCE_ONLY = frozenset("said told was were had has have is are been would could did".split())
#: Headline runs (related coverage, a video's promo) are looked at for this many words at most.
MAX_HEADLINE_WORDS = 60


def cut_headlines(words: list[str], max_words: int = MAX_HEADLINE_WORDS) -> int | None:
    """Given the words after a ``Related Coverage`` or ``click to watch`` marker, the index where the story's
    sentence resumes after the headlines (None: not found, or a sentence ends first: no headline run). A
    sentence starts at a capitalised opener after a word in lower case ("… south of country | The offensive
    …"), or with the capitalised run before its first word that headlines leave out ("… weapons program |
    Foreign Minister Sergei Lavrov said …"). When unsure, the run's first word: a headline word may be kept,
    a sentence's never cut.

    >>> cut_headlines("U.N. Security Council urges easier access for Syria aid Foreign Minister Lavrov said".split())
    9
    >>> cut_headlines("Syrian army takes villages in south of country The large offensive made progress".split())
    8
    >>> cut_headlines("Syrian factions joined the talks. Others said no".split()) is None
    True
    >>> cut_headlines("Syrian factions joined the talks on Monday and the envoy said".split()) is None
    True
    """
    head = words[:max_words]
    for k, w in enumerate(head):
        if k and w in _STARTERS and head[k - 1][:1].islower():
            return k
        if w in _SENTENCE_ONLY or (k and w[:1] in "\"“"):
            break
        if _ENDS_SENTENCE.search(w):
            return None
    else:
        return None
    if w[:1] in "\"“":
        return k if k >= 1 else None
    j = k - 1                         # the subject: back to a capitalised word, then to its run's first word
    while j >= 0 and not _capitalised(head[j]):
        j -= 1
    end = j
    while j > 0 and _capitalised(head[j - 1]):
        j -= 1
    start = next((i for i in range(j, end + 1) if head[i] in _STARTERS), j)
    if any(w in _ARTICLES for w in head[:start]):     # headlines drop articles: "joined the talks" is a sentence
        return None
    return start if start >= 1 else None


_ARTICLES = frozenset({"the", "a", "an"})
# A word that ends a sentence (not an abbreviation: "U.S.", "U.N."): a run holding one is no headline list.
_ENDS_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"”’)]?$")


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


Events = list  # of (line, action, what, detail)


@dataclass(frozen=True)
class LinkListRules:
    """When the words after a body's last full stop are a link list or a menu, not an unfinished sentence."""

    min_words: int = 10        # a run of at least this many words …
    min_capitalised: float = 0.6   # … most of them capitalised (headlines in title case, menu items)


LINK_LIST = LinkListRules()


def _trailing_link_list(no: int, text: str, events: Events, rules: LinkListRules = LINK_LIST) -> str:
    """``text`` without a run of headlines or menu items after its last sentence (Sputnik's related list)."""
    last = _LAST_SENTENCE_END.match(text)
    if last is None:
        return text
    tail = text[last.end():]
    words = tail.split()
    if len(words) >= rules.min_words and sum(1 for w in words if w[:1].isupper()) >= rules.min_capitalised * len(words):
        events.append((no, "removed", "link list after the last sentence", tail.strip()))
        return text[:last.end()]
    return text


# The last sentence end: what runs before it is skipped from the end backwards (a sentence end matches
# at one place only, with or without its closing quote).
_LAST_SENTENCE_END = re.compile(r"(?s:.*)[.!?][\"”’)]?(?=\s)")


_SPACES = re.compile(r"\s{2,}")


def _squeeze(text: str) -> str:
    """Runs of two or more whitespace characters made one space (printable ASCII text, whose only
    whitespace is the space, is returned as it is when it has no two in a row)."""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text
    return _SPACES.sub(" ", text)


def _prose(words: list[str]) -> bool:
    """Running prose: a sentence end at least every 30 words and at most a third of the words capitalised
    (link lists and site menus: few sentence ends, about half the words capitalised)."""
    ends = sum(1 for w in words if re.search(r"[.!][\"”’)]?$", w))
    caps = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 20 and ends * 30 >= len(words) and caps * 3 <= len(words)


def _link_like(text: str) -> bool:
    """Not prose: a link, a topic, headlines in a list (short, or mostly capitalised; no full stop at the end)."""
    words = text.split()
    caps = sum(1 for w in words if w[:1].isupper())
    return (len(words) <= 14 or (len(words) <= 80 and caps >= 0.4 * len(words))) and not re.search(
        r"[.!:][\"”’)]?$", text)
