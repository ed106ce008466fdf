"""Telling running prose from lists: where a tag list ends and the sentence starts, a link list after a
paragraph's last sentence, link-like lines; and whitespace squeezed (helpers of :mod:`.widgets`)."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["cut_tags", "LinkListRules", "LINK_LIST"]

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
