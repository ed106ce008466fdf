"""Page furniture told by its shape rather than its wording, for sites the catalogue has never seen.

A body's own text runs from its first to its last paragraph of prose. Before and after them, pages print
short lines that are no sentence (labels, bylines, time stamps, topic and headline lists) and prompts that
address the reader ("Please respect our house rules when you write a reply."); inside it, boxes that ask the
reader to act ("Get it free in your inbox by signing up here"). A paragraph with quotation marks or a
reporting verb ("said", "told") is always the story's own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .rules import CREDIT_END

__all__ = ["ShapeRules", "SHAPE", "shape_furniture"]


@dataclass(frozen=True)
class ShapeRules:
    """When a paragraph's shape makes it page furniture (thresholds, one comment each)."""

    edge_max_words: int = 15      # a line before the first or after the last prose paragraph, no longer than
                                  # this and not ending a sentence, is furniture (a label, a list item)
    prompt_max_words: int = 50    # a paragraph addressing the reader is furniture up to this length
    caption_max_words: int = 60   # a caption ending in its credit "(AFP PHOTO / …)" at the body's edge
    sentence_min_words: int = 6   # a line this long, mostly in lower case, without label marks (: | / @), reads
    sentence_lower: float = 0.5   # as a sentence that lost its full stop, not a label or a list item
    min_paragraphs: int = 2       # a body of fewer paragraphs is left as it is


SHAPE = ShapeRules()
# The page speaking to its reader, or of itself: "you", "please", "I agree", "this article", "our newsletter"
# (what follows "our" is left to the next mark: "Get our newsletter" also asks to act).
_READER = (r"\b(?:you|your|you['’](?:re|ll|ve|d)|please|thank you|I agree|this (?:article|story|page|content)"
           r"|our (?=(?:newsletters?|top stories|journalism|website|site|apps?|privacy|terms|community|coverage"
           r"|house rules|readers?|editors?|\w+ edition)\b))\b")
# What pages ask the reader to do (in lower case): inside the body, a prompt needs one of these too.
_ACTION = (r"\b(?:sign(?:ing)?[ -]?up|subscrib\w*|newsletters?|e-?mail|inbox|click|tap|download|log ?in|register"
           r"|donat\w*|comments?|repl(?:y|ies)|privacy|cookies?|guidelines|house rules|republish\w*|alerts?)\b")
# Narrative verbs of saying, in lower case (headlines in lists say "says": present tense is no mark of the
# story's prose; "H. Said" is a name).
_REPORTED = (r"(?-i:\b(?:said|told|according to|reported|quoted|added|wrote|asked|stated|announced|warned|urged"
             r"|claimed|explained|insisted|declared|tweeted)\b)")
_QUOTE_CHARS = "\"“”«»"
_VERBS = ("said", "told", "according to", "reported", "quoted", "added", "wrote", "asked", "stated", "announced",
          "warned", "urged", "claimed", "explained", "insisted", "declared", "tweeted")   # looked for as text first
_REPORTED_RX = re.compile(_REPORTED)
# The reader's marks, looked for in the lower-cased text (literal keys first: most paragraphs have none).
_READER_KEYS = ("you", "please", "i agree", "this ", "our ")
_READER_RX, _ACTION_RX = re.compile(_READER.replace("I agree", "i agree")), re.compile(_ACTION)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)$")     # "… held the town. (2.1)": the sentence ends before it


def _kind(text: str, rules: ShapeRules) -> str:
    """``prose`` (the story's), ``prompt`` (asks the reader to act: furniture anywhere), ``edge`` (furniture
    before the first or after the last prose paragraph), ``weak`` (a sentence without its full stop, or a
    headline in a list: furniture only after a furniture line at the body's edge)."""
    n = len(text.split(None, rules.caption_max_words))
    if n > rules.caption_max_words:            # long paragraphs are prose: no pattern is run on them
        return "prose"
    if any(q in text for q in _QUOTE_CHARS) or (any(v in text for v in _VERBS) and _REPORTED_RX.search(text)):
        return "prose"
    low = text.lower()
    if n <= rules.prompt_max_words and any(k in low for k in _READER_KEYS) and _READER_RX.search(low):
        return "prompt" if _ACTION_RX.search(low) else "edge"
    if n <= rules.edge_max_words and not _SENTENCE_END.search(_TRAILING_PARENS.sub("", text)):
        return "weak" if _unstopped_sentence(text, rules) else "edge"
    if n <= rules.edge_max_words and text.endswith("?"):     # a short question: the story's, or a listed headline
        return "weak"
    if CREDIT_END.search(text):
        return "edge"
    return "prose"


def _unstopped_sentence(text: str, rules: ShapeRules) -> bool:
    """A sentence without its full stop ("The death toll is expected to rise"), not a label or a title-case
    list item ("Most popular today", "Hazem Sabbagh", "Published date: 2 March 2017")."""
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return (len(words) >= rules.sentence_min_words and lower >= rules.sentence_lower * len(words)
            and not _LABEL_MARKS.search(text))


_LABEL_MARKS = re.compile(r"[:|/@•›»]")


def shape_furniture(paragraphs: list[tuple[int, str]], rules: ShapeRules = SHAPE, *, cut_end: bool = False
                    ) -> tuple[list[tuple[int, str]], list[tuple[int, str, str, str]]]:
    """The paragraphs without furniture told by its shape, and the removals as events. ``cut_end``: the
    site's learned furniture was cut off the last paragraph; left unfinished, its rest is the start of that
    furniture (a boilerplate longer than the learned window), not a sentence that lost its full stop.

    >>> paras = [(1, "Gulf Desk"), (2, "Troops entered the town on Friday."), (3, "Talks resumed."),
    ...          (4, "Please respect our house rules when you write a reply.")]
    >>> [t for _, t in shape_furniture(paras)[0]]
    ['Troops entered the town on Friday.', 'Talks resumed.']
    """
    if len(paragraphs) < rules.min_paragraphs:
        return paragraphs, []
    kinds = [_kind(text, rules) for _, text in paragraphs]
    if cut_end and kinds[-1] == "weak":
        kinds[-1] = "edge"
    prose = [i for i, k in enumerate(kinds) if k == "prose"]
    if not prose:
        return paragraphs, []
    first, last = _weak_edges(kinds, prose[0], prose[-1])
    kept, events = [], []
    for i, (no, text) in enumerate(paragraphs):
        if kinds[i] == "prompt" or (kinds[i] != "prose" and not first <= i <= last):
            what = "reader prompt" if kinds[i] == "prompt" else "short line at the edge of the body"
            events.append((no, "removed", what, text))
        else:
            kept.append((no, text))
    return kept, events


def _weak_edges(kinds: list[str], first: int, last: int) -> tuple[int, int]:
    """The first and last paragraphs of the body's own text: its prose, and the weak lines next to it that no
    furniture line precedes in their edge (a list's heading comes before its items; a sentence that lost its
    full stop follows the prose directly)."""
    head = [i for i in range(first) if kinds[i] == "weak"]
    if head and all(kinds[i] == "weak" for i in range(head[0])):
        first = head[0]
    for i in range(last + 1, len(kinds)):
        if kinds[i] != "weak":
            break
        last = i
    return first, last
