"""The widget catalogue (``analysis/data/widgets.tsv``): page furniture removed from every article.

Rules are data: each names *where* it acts (a whole line, an inline span, a paragraph's tail, its
end, or a tag list) and a regular expression. Users add rules with :func:`add_widgets`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .prose import Events, _link_like, _prose, _squeeze, _trailing_link_list, cut_headlines, cut_tags
from .rules import CREDIT_LINE, DAYS, MONTHS

__all__ = ["Widget", "widgets", "add_widgets", "is_widget_line", "strip_widgets", "cut_tags"]

WHERE = ("line", "span", "tail", "end", "tags")
#: A photo credit: "Louai Beshara/AFP/Getty Images", "Omar Haj Kadour/AFP via Getty Images", "AP".
CREDIT = (r"(?:(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*/[\w.'’/-]*"
          r"(?:\s+(?:Images|Photo|Pool|Handout|alliance|Press|USA))*"
          r"(?:\s+via\s+Getty\s+Images)?|Getty\s+Images|AP\s+Photo|AFP|AP|Reuters|EPA)")
NUMBER = r"\d[\d,.]*[kKmM]?"
#: A date stamp with its time and zone: "Wed 5 Apr 2017 10.21 BST", "April 5, 2017 / 12:24 PM / a year ago".
DATE = (rf"(?:(?:{DAYS})\w*\.?,?\s+)?(?:\d{{1,2}}\s+(?:{MONTHS})\w*\.?,?\s+\d{{4}}"
        rf"|(?:{MONTHS})\w*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}})"
        r"(?:\s*[,|/·•-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|AST|KSA))?)?"
        r"(?:\s*/\s*(?:updated\s+)?(?:an?|\d+)\s+\w+\s+ago)?")
#: A reader prompt, not a reported sentence: no reporting verb before a colon ("Sign up sheets were posted,
#: residents said" is the story's; "Sign up for our newsletter", "Read more: Envoy says …" are the page's).
PROMPT = r"(?![^:]*\b(?:said|says|told|according to|reported)\b)"
#: Narrative saying (past tense: listed headlines say "says"): a paragraph's rest holding it is a sentence.
_REPORTED = re.compile(r"\b(?:said|told|according to|reported)\b")


@dataclass(frozen=True)
class Widget:
    """One catalogue rule."""

    where: str
    name: str
    pattern: re.Pattern
    hints: tuple[str, ...] = ()     # lower-case strings one of which the text must hold for the rule to apply

    def may_match(self, present: set[str] | str) -> bool:
        """Could the rule match text holding the ``present`` hints (or this lower-cased text)?"""
        if not self.hints:
            return True
        if isinstance(present, str):
            return any(h in present for h in self.hints)
        return not present.isdisjoint(self.hints)


_EXTRA: list[Widget] = []
#: Tail rules whose list is of headlines in sentence case (not tags): cut where the story's sentence resumes.
HEADLINE_RULES = frozenset({"related headlines inline", "media promo inline"})


def _parse(text: str, origin: str) -> list[Widget]:
    rules = []
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("where\t"):
            continue
        parts = line.split("\t")
        if len(parts) not in (3, 4) or parts[0] not in WHERE:
            raise ValueError(f"{origin}, line {no}: expected 'where<TAB>name<TAB>pattern[<TAB>hints]' with where "
                             f"one of {WHERE}")
        where, name, pattern = parts[:3]
        hints = tuple(h.strip().lower() for h in parts[3].split(",") if h.strip()) if len(parts) == 4 else ()
        try:
            rx = re.compile(pattern.replace("{credit}", CREDIT).replace("{n}", NUMBER).replace("{date}", DATE)
                            .replace("{prompt}", PROMPT), re.I)
        except re.error as exc:
            raise ValueError(f"{origin}, line {no}: bad pattern ({exc})") from None
        rules.append(Widget(where, name, rx, hints))
    return rules


@lru_cache(maxsize=1)
def _shipped() -> tuple[Widget, ...]:
    path = Path(__file__).resolve().parent.parent / "data" / "widgets.tsv"
    return tuple(_parse(path.read_text(encoding="utf-8"), str(path)))


def widgets() -> list[Widget]:
    """The catalogue: the shipped rules and any added with :func:`add_widgets`.

    >>> sorted({w.where for w in widgets()})
    ['end', 'line', 'span', 'tags', 'tail']
    """
    return list(_shipped()) + _EXTRA


def add_widgets(source: str | Path) -> int:
    """Add catalogue rules from a TSV file (``where<TAB>name<TAB>pattern``) or that text; returns how many.

    >>> add_widgets("line\\tdonate prompt\\tsupport our journalism.{0,80}")
    1
    >>> is_widget_line("Support our journalism today")
    True
    >>> _EXTRA.clear()
    """
    text = Path(source).read_text(encoding="utf-8") if "\t" not in str(source) else str(source)
    rules = _parse(text, str(source)[:40])
    _EXTRA.extend(rules)
    return len(rules)


_BY: dict[tuple, dict[str, list[Widget]]] = {}


def _by(where: str) -> list[Widget]:
    """The rules acting at ``where`` (cached per catalogue: the shipped rules and those added)."""
    key = tuple(map(id, _EXTRA))
    if key not in _BY:
        _BY.clear()
        _BY[key] = {k: [w for w in widgets() if w.where == k] for k in WHERE}
        _BY[key].update({f"{k}-unhinted": [w for w in _BY[key][k] if not w.hints] for k in WHERE})
    return _BY[key][where]


def _hints_in(lowered: str, among: frozenset[str] | None = None) -> frozenset[str]:
    """Which of the catalogue's hints occur in a lower-cased text (only those ``among`` a set known to
    hold every hint the text can hold: those of a longer text that contains it)."""
    key = ("hints",) + tuple(map(id, _EXTRA))
    if key not in _BY:
        hints = sorted({h for w in widgets() for h in w.hints})
        # lower() of a text and of a part of it differ only in the capital sigma's final form: hints
        # holding a sigma are always looked for
        _BY[key] = {"groups": _hint_groups(hints), "sigma": frozenset(h for h in hints if "σ" in h or "ς" in h)}
    if among is None:
        return frozenset(h for guard, hints in _BY[key]["groups"] if guard in lowered
                         for h in hints if h is guard or h in lowered)
    return frozenset(h for h in among | _BY[key]["sigma"] if h in lowered)


def _hint_groups(hints: list[str]) -> list[tuple[str, list[str]]]:
    """Hints grouped under a word several of them hold ("related" for "related news", "related posts"),
    looked for first: when it is absent, so are they. A hint without such a word is its own group."""
    shared = Counter(w for h in hints for w in set(h.split()) if len(w) >= 4)
    groups: dict[str, list[str]] = {}
    for h in hints:
        guard = max((w for w in h.split() if shared[w] >= 2), key=lambda w: (len(w), w), default=h)
        groups.setdefault(guard, []).append(h)
    return list(groups.items())


def _any_line_rule() -> re.Pattern:
    """All line rules in one pattern (group names made unique), to test a line once."""
    rules = _by("line")
    key = ("any-line",) + tuple(map(id, rules))
    if key not in _BY:
        parts = []
        for i, w in enumerate(rules):
            pat = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", w.pattern.pattern)
            parts.append("(?:" + re.sub(r"\(\?P=(\w+)\)", rf"(?P=\1_{i})", pat) + ")")
        _BY[key] = {"rx": re.compile("|".join(parts), re.I)}
    return _BY[key]["rx"]


_END_CACHE: dict[tuple, list] = {}


def _ends() -> list[tuple[Widget, re.Pattern]]:
    """The ``end`` rules, each anchored at the end of the text (compiled once per catalogue)."""
    rules = _by("end")
    key = tuple(map(id, rules))         # the cached rules stay alive: their ids are theirs
    if key not in _END_CACHE:
        _END_CACHE.clear()
        _END_CACHE[key] = [(w, re.compile(f"(?:{w.pattern.pattern})\\s*$", w.pattern.flags)) for w in rules]
    return _END_CACHE[key]


def line_widget(line: str) -> Widget | None:
    """The catalogue rule a whole line matches, if any."""
    line = line.strip()
    if len(line) > 600:
        return None
    return _line_widget(line, tuple(map(id, _EXTRA)))


@lru_cache(maxsize=8192)
def _line_widget(line: str, catalogue: tuple) -> Widget | None:
    if not _any_line_rule().fullmatch(line):
        return None
    return next((w for w in _by("line") if w.pattern.fullmatch(line)), None)


def _applicable(where: str, present: frozenset[str]) -> list[Widget]:
    """The rules at ``where`` that could match a text holding the ``present`` hints, in catalogue order."""
    if not present:
        return _by(f"{where}-unhinted")
    return [w for w in _by(where) if not w.hints or not present.isdisjoint(w.hints)]


def is_widget_line(line: str) -> bool:
    """Is this whole line page furniture by the catalogue (or a bare photo credit)?

    >>> is_widget_line("Enlarge this image"), is_widget_line("Iraqi forces entered the town.")
    (True, False)
    """
    return line_widget(line) is not None


def _inline(no: int, text: str, events: Events, last: bool = True, hinted: frozenset[str] | None = None) -> str:
    """``text`` without the catalogue's span, end, tail and tag rules (recorded in ``events``).

    ``hinted``: the hints the whole article holds (None: unknown); the paragraph holds some of them.
    """
    low = _hints_in(text.lower(), hinted) if hinted is None or hinted else frozenset()
    for w in _applicable("span", low):
        def gone(m: re.Match, w: Widget = w) -> str:
            events.append((no, "removed", w.name, m.group(0)))
            return " "
        text = w.pattern.sub(gone, text)
    for w in _applicable("tags", low):
        text = _strip_tags(no, text, w, events)
    for w in _applicable("tail", low):
        text = _strip_tail(no, text, w, events)
    if last:
        text = _trailing_link_list(no, _strip_ends(no, text, events), events)
    return _squeeze(text).strip()


def _strip_ends(no: int, text: str, events: Events) -> str:
    """``text`` without the sign-offs and wire credits that end it (the ``end`` rules, recorded in ``events``)."""
    for _ in range(3):
        found = False
        low = None                             # the lower-cased tail, for the rules' hints
        for w, rx in _ends():
            tail = max(0, len(text) - 400)         # sign-offs are short: look at the paragraph's end only
            if w.hints:
                low = text[tail:].lower() if low is None else low
                if not w.may_match(low):
                    continue
            m = rx.search(text, tail)
            if m and m.start() > 0:
                events.append((no, "removed", w.name, m.group(0).strip()))
                text = text[:m.start()]
                found, low = True, None
        if not found:
            break
    return text


def _strip_tail(no: int, text: str, w: Widget, events: Events) -> str:
    """A tail widget (``Related News …``): to the end of the paragraph, or, when the article's prose
    resumes after a link list, up to where its sentence starts."""
    m = w.pattern.search(text)
    if not m:
        return text
    rest = text[m.end():].split()
    prose = _prose(rest)
    if prose or _REPORTED.search(" ".join(rest)):          # the story resumes after the list
        # headlines in sentence case: where the story resumes (after a tag-like list: where its sentence starts)
        k = cut_tags(rest, max_tags=60) if prose and w.name not in HEADLINE_RULES else None
        k = cut_headlines(rest) if k is None else k
        if k is None:
            return text
        events.append((no, "removed", w.name, " ".join([text[m.start():m.end()]] + rest[:k])))
        return text[:m.start()] + " ".join(rest[k:])
    if len(rest) > 0.6 * len(text.split()) + 3:
        return text
    events.append((no, "removed", w.name, text[m.start():]))
    return text[:m.start()]


def _strip_tags(no: int, text: str, w: Widget, events: Events) -> str:
    """Remove a tag list: ``Tags Syria Idlib …`` up to where the sentence starts, or to the end."""
    for m in list(w.pattern.finditer(text))[::-1]:
        rest = text[m.end():].split()
        if m.start() and not re.search(r"[.!?\"”’)]\s*$", text[:m.start()]) and re.search(r"[.!?]", " ".join(rest)):
            continue                       # "Tags" mid-sentence: a word, not a widget
        if not rest:
            continue
        if not re.search(r"[.!?]", " ".join(rest[:40])) and len(rest) <= 40:
            events.append((no, "removed", w.name, text[m.start():]))
            text = text[:m.start()]
            continue
        k = cut_tags(rest)
        if k is None or k > 30:
            continue
        events.append((no, "removed", w.name, text[m.start():m.end()].strip() + " " + " ".join(rest[:k])))
        text = text[:m.start()] + " ".join(rest[k:])
    return text


def strip_widgets(paragraphs: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], Events, list[str]]:
    """Paragraphs without catalogue furniture; the removals as events; captions found between credits.

    >>> paras, events, captions = strip_widgets([(1, "Enlarge this image"), (2, "toggle caption"),
    ...     (3, "Louai Beshara/AFP/Getty Images"), (4, "Syrian troops in Aleppo."),
    ...     (5, "Louai Beshara/AFP/Getty Images"), (6, "The army said it advanced. Tags Syria Aleppo")])
    >>> paras, captions
    ([(6, 'The army said it advanced.')], ['Syrian troops in Aleppo.'])
    """
    out: list[tuple[int, str]] = []
    events: Events = []
    captions: list[str] = []
    # the hints of the whole article narrow each paragraph's search (one paragraph: searched as it is)
    hinted = _hints_in("\n".join(t for _, t in paragraphs).lower()) if len(paragraphs) > 1 else None
    i = 0
    credit_after_widget = False
    while i < len(paragraphs):
        no, text = paragraphs[i]
        w = line_widget(text)
        if w is not None:
            events.append((no, "removed", w.name, text))
            credit_after_widget = w.name.startswith("photo") or w.name.startswith("media")
            i = _after_widget(paragraphs, i, w, events, captions)
            continue
        repeated = i + 2 < len(paragraphs) and paragraphs[i + 2][1] == text and len(text.split()) <= 8
        if credit_after_widget and (CREDIT_LINE.match(text) or repeated):
            events.append((no, "removed", "photo credit", text))
            # a caption printed between two copies of its credit
            if i + 2 < len(paragraphs) and paragraphs[i + 2][1] == text and len(paragraphs[i + 1][1]) < 500:
                captions.append(paragraphs[i + 1][1])
                events.append((paragraphs[i + 1][0], "removed", "photo caption", paragraphs[i + 1][1]))
                events.append((paragraphs[i + 2][0], "removed", "photo credit", text))
                i += 3
            else:
                i += 1
            continue
        credit_after_widget = False
        new = _inline(no, text, events, last=i == len(paragraphs) - 1, hinted=hinted)
        if new:
            out.append((no, new))
        i += 1
    return out, events, captions


def _after_widget(paragraphs: list[tuple[int, str]], i: int, w: Widget, events: Events,
                  captions: list[str]) -> int:
    """The index after a line widget and what belongs to it: a caption between ``hide caption`` and
    ``toggle caption``; the link lines listed under ``Related Topics`` / ``More on this story``."""
    text = paragraphs[i][1].strip().lower()
    j = i + 1
    if text.startswith("hide caption"):
        ahead = [k for k in range(j, min(j + 3, len(paragraphs)))
                 if paragraphs[k][1].lower().startswith("toggle caption")]
        if ahead:
            for k in range(j, ahead[0]):
                captions.append(paragraphs[k][1])
                events.append((paragraphs[k][0], "removed", "photo caption", paragraphs[k][1]))
            return ahead[0]
    if w.name == "related links":
        while j < len(paragraphs) and _link_like(paragraphs[j][1]) and line_widget(paragraphs[j][1]) is None:
            events.append((paragraphs[j][0], "removed", w.name, paragraphs[j][1]))
            j += 1
    return j
