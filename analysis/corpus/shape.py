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
    min_paragraphs: int = 2       # a body of fewer paragraphs is left as it is


SHAPE = ShapeRules()
# The page speaking to its reader, or of itself: "you", "please", "I agree", "this article", "our newsletter".
_READER = re.compile(
    r"\b(?:you|your|you['’](?:re|ll|ve|d)|please|thank you|I agree|this (?:article|story|page|content)"
    r"|our (?:newsletters?|top stories|journalism|website|site|apps?|privacy|terms|community|coverage|house rules"
    r"|readers?|editors?|\w+ edition))\b", re.I)
# What pages ask the reader to do: inside the body, a paragraph is a prompt only with one of these too.
_ACTION = re.compile(
    r"\b(?:sign(?:ing)?[ -]?up|subscrib\w*|newsletters?|e-?mail|inbox|click|tap|download|log ?in|register"
    r"|donat\w*|comments?|repl(?:y|ies)|privacy|cookies?|guidelines|house rules|republish\w*|alerts?)\b", re.I)
# Narrative reporting verbs (headlines in lists say "says": present tense is no mark of the story's prose).
_REPORTED = re.compile(r"\b(?:said|told|according to|reported|quoted|added)\b")
_QUOTE = re.compile("[\"“”«»]")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")


def _kind(text: str, rules: ShapeRules) -> str:
    """``prose`` (the story's), ``prompt`` (asks the reader to act: furniture anywhere), ``edge`` (furniture
    before the first or after the last prose paragraph)."""
    if _QUOTE.search(text) or _REPORTED.search(text):
        return "prose"
    n = len(text.split(None, rules.caption_max_words))
    if n <= rules.prompt_max_words and _READER.search(text):
        return "prompt" if _ACTION.search(text) else "edge"
    if n <= rules.edge_max_words and not _SENTENCE_END.search(text):
        return "edge"
    if n <= rules.caption_max_words and CREDIT_END.search(text):
        return "edge"
    return "prose"


def shape_furniture(paragraphs: list[tuple[int, str]], rules: ShapeRules = SHAPE
                    ) -> tuple[list[tuple[int, str]], list[tuple[int, str, str, str]]]:
    """The paragraphs without furniture told by its shape, and the removals as events.

    >>> paras = [(1, "Gulf Desk"), (2, "Troops entered the town on Friday."), (3, "Talks resumed."),
    ...          (4, "Please respect our house rules when you write a reply.")]
    >>> [t for _, t in shape_furniture(paras)[0]]
    ['Troops entered the town on Friday.', 'Talks resumed.']
    """
    if len(paragraphs) < rules.min_paragraphs:
        return paragraphs, []
    kinds = [_kind(text, rules) for _, text in paragraphs]
    prose = [i for i, k in enumerate(kinds) if k == "prose"]
    if not prose:
        return paragraphs, []
    kept, events = [], []
    for i, (no, text) in enumerate(paragraphs):
        if kinds[i] == "prompt" or (kinds[i] == "edge" and not prose[0] < i < prose[-1]):
            what = "reader prompt" if kinds[i] == "prompt" else "short line at the edge of the body"
            events.append((no, "removed", what, text))
        else:
            kept.append((no, text))
    return kept, events
