"""Where a quote that never closes ends.

A quote mark that opens and never closes in its paragraph used to run to the paragraph's end, so a later sentence
with its own speaker was read as part of the quote (*The army said "we will never surrender. The rebels said they
shelled Homs.*: the rebels' statement given to the army). As mature quote extractors do, an unclosed quote now ends

* at the paragraph's end when the next paragraph opens with a quote mark (the news convention for a quotation over
  several paragraphs: no closing mark until its last paragraph, an opening mark at each new one);
* else before the first later sentence that has an attribution of its own outside any quote (a speaker word and a
  reporting verb: *The rebels said*, *according to X*);
* else at the paragraph's end (or at the next opening mark, as before).

The row's ``attribution`` says *unclosed quote, ended at ...* so these quotes can be counted.
"""
from __future__ import annotations

from functools import lru_cache

from ..text import sentence_spans
from .config import THRESHOLDS
from .lexicon import TOKEN, has, key, load_actor_lexicon, load_role_lexicon, verbs

MAX_GAP_WORDS = THRESHOLDS.max_gap_words
ENDED_PARAGRAPH = "paragraph end"
ENDED_CONTINUED = "paragraph end, continued in the next paragraph"
ENDED_ATTRIBUTION = "the sentence before a new attribution"
ENDED_NEXT_QUOTE = "the next opening quote mark"


@lru_cache(maxsize=1)
def _speaker_heads() -> frozenset[str]:
    """Words a speaker phrase may end with (the last word of a role term or an actor alias)."""
    return frozenset(k[-1] for lex in (load_role_lexicon(), load_actor_lexicon()) for k in lex)


def _speaker_word(word: str) -> bool:
    """A word that may end a speaker phrase right before its verb: a name, a role or actor word, a pronoun."""
    k = key(word)
    if has(k, "det") or has(k, "passive") or has(k, "relative") or has(k, "time") or (k,) in verbs():
        return False
    return word[:1].isupper() or k in _speaker_heads() or has(k, "person") or has(k, "plural")


def attributed(sentence: str) -> bool:
    """Whether a sentence has an attribution of its own: a speaker word then a reporting verb, or *according to*.

    >>> attributed("The rebels said they shelled Homs."), attributed("We said nothing to them.")
    (True, False)
    """
    words = [m.group() for m in TOKEN.finditer(sentence) if m.group()[:1].isalnum()]
    table = verbs()
    for i, w in enumerate(words):
        k = key(w)
        pair = table.get((k, key(words[i + 1]))) if i + 1 < len(words) else None
        cue = pair or table.get((k,))
        if cue is None or (w[:1].isupper() and i > 0):
            continue
        if cue.kind == "according":
            return True
        j = i - 1
        while j > 0 and i - j <= MAX_GAP_WORDS and has(key(words[j]), "gap"):
            j -= 1          # "Carter also noted", "the army has said"
        if cue.kind == "verb" and j >= 0 and _speaker_word(words[j]) and key(words[j]) not in ("i", "we"):
            return True
    return False


def unclosed_end(text: str, open_at: int, limit: int, continued: bool) -> tuple[int, str]:
    """``(end, how)`` of a quote opened at ``open_at`` that no mark closes before ``limit`` (the paragraph's end or
    the next opening mark); ``continued``: the next paragraph opens with a quote mark."""
    if continued:
        return limit, ENDED_CONTINUED
    spans = sentence_spans(text[open_at:limit], folded=True)
    for (_, prev_end), (s, e) in zip(spans, spans[1:]):
        if attributed(text[open_at + s:open_at + e]):
            return open_at + prev_end, ENDED_ATTRIBUTION
    return limit, ENDED_PARAGRAPH
