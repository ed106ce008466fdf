"""Page furniture learned from the corpus itself: what recurs across many articles of one site.

A site's pages share furniture: a line (``Source TRTWorld and agencies``), a run of words that
starts or ends most bodies (``… Community standards Discussion Comment via Facebook …``), with
variable parts (numbers, dates) allowed. :func:`edges` takes an article's candidates (the word
sequences that start and end its body, its short lines; small, so worker processes send them back
when a corpus is streamed), :func:`site_stats` counts them per site, :func:`learn` keeps those
frequent enough and :func:`remove` takes them out of one article.
"""
from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .rules import DAYS, MONTHS

__all__ = ["FurnitureRules", "SiteStats", "Templates", "edges", "site_stats", "learn", "remove"]


@dataclass(frozen=True)
class FurnitureRules:
    """When recurring text counts as page furniture (thresholds, one comment each)."""

    min_articles: int = 5           # a template recurs in at least this many articles of its site …
    min_share_edge: float = 0.5     # … and starts/ends at least this share of them (prose rarely does)
    min_share_line: float = 0.3     # a whole short line: at least this share of the site's articles
    max_line_words: int = 20        # learned whole lines are short (longer recurring text is prose)
    edge_words: int = 30            # start/end templates are looked for within this many words
    min_template_words: int = 2     # a one-word start ("The") is never furniture
    max_edge_share: float = 0.5     # never remove more than this share of a body's words at its edges
    leftover_words: int = 3         # a paragraph left with this few words after a cut goes too (a crumb)


RULES = FurnitureRules()
_PRUNE_AT = 400_000
# A line that opens with a short label and a colon: "READ MORE: …", "WATCH: …", "Photo: …".
_LABEL = re.compile(r"^([A-Z][\w'’]*(?: [\w'’]+){0,2}):\s+\S")
_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"\d[\d,.]*")


_MONTH_NAMES = frozenset(m.lower() for m in MONTHS.split("|")) | {"may"}
_DAY_NAMES = frozenset(d.lower() for d in DAYS.split("|"))


@lru_cache(maxsize=1 << 17)
def norm(token: str) -> str:
    """A word with its variable parts made constant: digits → ``#``, month and day names → tags.

    >>> [norm(t) for t in "Views 1,430 Wed 05 Apr 2017".split()]
    ['views', '#', '<day>', '#', '<month>', '#']
    """
    t = token.strip(".,;:!?\"'“”‘’()[]|").lower()
    if t in _MONTH_NAMES:
        return "<month>"
    if t in _DAY_NAMES:
        return "<day>"
    if not t.isalpha():
        t = _NUMBER.sub("#", t)
    return t or token


def _norms(text: str) -> list[str]:
    return list(map(norm, _TOKEN.findall(text)))


Edges = tuple  # (site, signature, first words, last words reversed, short lines): one article's candidates


def edges(rec: dict, rules: FurnitureRules = RULES) -> Edges | None:
    """What one article contributes to its site's counts (small: travels back from worker processes)."""
    paras = rec["paragraphs"]
    if not paras:
        return None
    body = "\n".join(t for _, t in paras)
    sig = hashlib.blake2b(_digits_as_hash(body), digest_size=8).digest()
    first = tuple(map(norm, paras[0][1].split(None, rules.edge_words)[:rules.edge_words]))
    last = tuple(map(norm, paras[-1][1].rsplit(None, rules.edge_words)[-rules.edge_words:]))[::-1]
    # (split at most max_line_words times: a longer paragraph then has one part more than that)
    short = [t for _, t in paras if len(t.split(None, rules.max_line_words)) <= rules.max_line_words]
    # whole short lines, and the labels that open short lines ("READ MORE:", "WATCH:", "Photo:")
    lines = {tuple(_norms(t)) for t in short} | {("<label>", _label(t)) for t in short if _label(t)}
    return rec["site"], sig, first, last, tuple(lines)


_DIGITS_TO_NUL = bytes(0 if chr(i) in "0123456789" else i for i in range(256))


def _digits_as_hash(text: str) -> bytes:
    """``text`` (UTF-8) with every run of digits made one ``#`` (ASCII text without a regex pass).

    >>> _digits_as_hash("Views 1,430 on 05 Apr 2017"), _digits_as_hash("2017")
    (b'Views #,# on # Apr #', b'#')
    """
    if not text.isascii() or "\x00" in text:
        return _DIGITS.sub("#", text).encode()
    marked = text.encode("ascii").translate(_DIGITS_TO_NUL)
    parts = [p for p in marked.split(b"\x00") if p]
    if not parts:
        return b"#" if marked else b""
    return (b"#" if marked[:1] == b"\x00" else b"") + b"#".join(parts) + (b"#" if marked[-1:] == b"\x00" else b"")


def _label(text: str) -> str:
    m = _LABEL.match(text)
    return m.group(1).lower() if m else ""


@dataclass
class SiteStats:
    """Counts of one site's body starts, ends and short lines, each distinct article once (copies of an
    article, numbers aside, are one article: syndicated duplicates must not pass for furniture)."""

    n_articles: int = 0
    starts: Counter = field(default_factory=Counter)     # keys: word sequences joined by spaces
    ends: Counter = field(default_factory=Counter)
    lines: Counter = field(default_factory=Counter)
    seen: set = field(default_factory=set)

    def add(self, e: Edges, rules: FurnitureRules = RULES) -> None:
        _, sig, first, last, lines = e
        if sig in self.seen:
            return
        self.seen.add(sig)
        self.n_articles += 1
        self.starts.update(_prefixes(first, rules.min_template_words))
        self.ends.update(_prefixes(last, rules.min_template_words))
        self.lines.update(lines)
        if len(self.starts) + len(self.ends) + len(self.lines) > _PRUNE_AT:
            self._prune()

    def _prune(self) -> None:
        """Lossy counting: what is rarer than a tenth of the site's articles so far can hardly reach the
        thresholds (a third or half of them), so memory stays bounded on archives."""
        floor = 0.1 * self.n_articles
        self.starts, self.ends, self.lines = (Counter({k: n for k, n in c.items() if n >= floor})
                                              for c in (self.starts, self.ends, self.lines))


def _prefixes(words: tuple[str, ...], shortest: int) -> list[str]:
    """The word sequences ``words`` starts with, from ``shortest`` words up, each as its words joined by
    spaces (a word never holds one; strings, unlike tuples, cost the garbage collector nothing)."""
    out = []
    joined = " ".join(words[:shortest - 1])
    for w in words[shortest - 1:]:
        joined = f"{joined} {w}" if joined else w
        out.append(joined)
    return out


def site_stats(records: list[dict], rules: FurnitureRules = RULES) -> dict[str, SiteStats]:
    """Per site, how many distinct articles start or end with each word sequence and hold each short line."""
    stats: dict[str, SiteStats] = {}
    for rec in records:
        # the reader may have found them already (in a worker process), with the default rules
        e = rec.pop("_edges") if "_edges" in rec and rules is RULES else edges(rec, rules)
        if e is not None:
            stats.setdefault(e[0], SiteStats()).add(e, rules)
    return stats


@dataclass
class Templates:
    """One site's learned furniture: word sequences at body starts and ends, and whole lines."""

    starts: frozenset = frozenset()
    ends: frozenset = frozenset()
    lines: frozenset = frozenset()
    max_len: int = 0


def _frequent(counts: Counter, threshold: int, cap: int) -> frozenset:
    """Sequences (words joined by spaces) seen at least ``threshold`` times, as tuples of words, when
    shorter than ``cap`` words (a full-window match means identical bodies, not furniture)."""
    return frozenset(words for k, n in counts.items() if n >= threshold and len(words := tuple(k.split(" "))) < cap)


def learn(stats: dict[str, SiteStats], rules: FurnitureRules = RULES) -> dict[str, Templates]:
    """The templates of every site with enough articles (a lone article has none: the catalogue still applies).

    >>> bodies = ["Troops entered Raqqa.", "Talks resumed.", "A convoy reached Homs.", "Rain fell.", "Jets struck."]
    >>> recs = [{"site": "s", "paragraphs": [(1, f"{b} Source TRTWorld and agencies")]} for b in bodies]
    >>> max(learn(site_stats(recs))["s"].ends, key=len)
    ('agencies', 'and', 'trtworld', 'source')
    >>> rec = {"site": "s", "paragraphs": [(1, "Shelling hit Aleppo, killing four. Source TRTWorld and agencies")]}
    >>> remove(rec, learn(site_stats(recs))["s"])
    [('end of body', 'source trtworld and agencies', 'Source TRTWorld and agencies')]
    >>> rec["paragraphs"]
    [(1, 'Shelling hit Aleppo, killing four.')]
    """
    out: dict[str, Templates] = {}
    for site, s in stats.items():
        edge = max(rules.min_articles, math.ceil(rules.min_share_edge * s.n_articles))
        line = max(rules.min_articles, math.ceil(rules.min_share_line * s.n_articles))
        if s.n_articles < rules.min_articles:
            continue
        t = Templates(_frequent(s.starts, edge, rules.edge_words), _frequent(s.ends, edge, rules.edge_words),
                      frozenset(k for k, n in s.lines.items() if n >= line and k))
        if t.starts or t.ends or t.lines:
            out[site] = t
    return out


def _longest(seq: list[str], templates: frozenset, limit: int, fits) -> int:
    """The length of the longest template that ``seq`` starts with and ``fits(k)`` accepts (0: none)."""
    for k in range(min(len(seq), limit), 1, -1):
        if tuple(seq[:k]) in templates and fits(k):
            return k
    return 0


def _opens_unit(token: str) -> bool:
    """Does a new unit (headline, sentence, line) start at this word? Prose runs on in lower case."""
    return bool(re.match(r"[\"“‘']?[A-Z]", token))


def _closes_unit(text: str) -> bool:
    return bool(re.search(r"[.!?:\"”’)\]]$", text))


def _head_spans(text: str, n: int) -> list[re.Match]:
    """The first ``n`` words of ``text`` as matches (all of them when it has fewer)."""
    return list(itertools.islice(_TOKEN.finditer(text), n))


def _tail_spans(text: str, n: int) -> list[re.Match]:
    """The last ``n`` words of ``text`` as matches (all of them when it has fewer)."""
    parts = text.rsplit(None, n)
    return list(_TOKEN.finditer(text, len(parts[0]) if len(parts) > n else 0))


def remove(rec: dict, templates: Templates, rules: FurnitureRules = RULES) -> list[tuple[str, str, str]]:
    """Take a site's learned furniture out of one record's paragraphs; returns (where, template, text) removed."""
    removed: list[tuple[str, str, str]] = []
    paras = [(no, t) for no, t in rec["paragraphs"]]
    kept = []
    longest_line = max(map(len, templates.lines), default=0)     # a longer paragraph is no learned line
    for no, text in paras:
        n_words = len(text.split())
        label = _label(text) if n_words <= rules.max_line_words else ""
        norms = tuple(_norms(text)) if n_words <= longest_line else None
        if norms is not None and norms in templates.lines and len(paras) > 1:
            removed.append(("line", " ".join(norms), text))
        elif label and ("<label>", label) in templates.lines and len(paras) > 1:
            removed.append(("line opening with a label", f"{label}: …", text))
        else:
            kept.append((no, text))
    paras = kept
    budget = int(rules.max_edge_share * sum(len(t.split()) for _, t in paras))
    if paras and templates.starts:
        budget -= _cut_start(paras, templates.starts, budget, removed, rules)
    if paras and templates.ends:
        _cut_end(paras, templates.ends, budget, removed, rules)
    rec["paragraphs"] = [(no, t) for no, t in paras if t]
    return removed


#: Lower-case words a sentence runs on over: learned furniture never ends the text before it with one
#: ("… according to the | Syrian Observatory for Human Rights.", "… loyal to | President Bashar al-Assad.").
_RUNS_ON = frozenset("a an the of to on in at by for with from into onto near over under after before against "
                     "between across and or but nor as than that which who whose whom according".split())
#: The variable parts of a template (numbers, month and day names): a template ending in one ends in a stamp.
_VARIABLE = frozenset({"#", "<month>", "<day>"})
#: How near a template's end a month or day name makes its last number part of a date ("… 5 April 2017").
_STAMP_WORDS = 3


def _ends_in_stamp(words: list[str], norms: list[str], k: int) -> bool:
    """Do the first ``k`` words end in a date or a counter ("Date of publication 5 April 2017", "Views 1,430"),
    not in a number the sentence goes on from ("Syrian forces killed 12 …")?"""
    if norms[k - 1] not in _VARIABLE:
        return False
    near = norms[max(0, k - _STAMP_WORDS):k]
    return "<month>" in near or "<day>" in near or (k >= 2 and not words[k - 2][:1].islower())


def _start_fits(words: list[str], norms: list[str], k: int, starts: frozenset, beyond: bool) -> bool:
    """Does a learned start template of ``k`` words end a unit of the page, so that cutting it leaves whole
    sentences? At the paragraph's end or a mark that closes a unit, yes; before a capitalised word only when
    it is shaped like furniture: it ends in a date or counter, or it is a run of capitalised words (a label, a
    breadcrumb) that the article does not continue with more of the site's recurring opening. A capitalised
    word after prose is a name as often as a new sentence ("Syrian forces advanced on | Raqqa …", "Syrian
    President | Bashar al-Assad …"). ``beyond``: the site's recurring text fills the whole window and goes on
    past it (a boilerplate paragraph): any unit boundary will do."""
    if k == len(words) or _closes_unit(words[k - 1]):
        return True
    if not _opens_unit(words[k]):
        return False
    if beyond or _ends_in_stamp(words, norms, k):
        return True
    return not any(w[:1].islower() for w in words[:k]) and tuple(norms[:k + 1]) not in starts


def _end_fits(words: list[str], norms: list[str], k: int, ends: frozenset, beyond: bool) -> bool:
    """Does a learned end template of ``k`` words (``words`` and ``norms`` reversed: last word first) begin a
    unit of the page? After a mark that closes a unit, yes; at a capitalised word only when the text before it
    does not run on into it ("… according to the | Syrian Observatory …") and the article does not continue
    it backwards with more of the site's recurring ending (``beyond``: as :func:`_start_fits`)."""
    if k < len(words) and _closes_unit(words[k]):
        return True
    if not _opens_unit(words[k - 1]):
        return False
    return beyond or (k == len(words) or words[k].lower() not in _RUNS_ON) and tuple(norms[:k + 1]) not in ends


def _fills_window(norms: list[str], templates: frozenset, rules: FurnitureRules) -> bool:
    """Does the article start (end) with the longest template a site can learn, its recurring text going on
    past the window (a boilerplate paragraph longer than ``edge_words``)?"""
    longest = rules.edge_words - 1            # a template of the window's full length is never learned
    return len(norms) >= longest and tuple(norms[:longest]) in templates


def _cut_start(paras: list, starts: frozenset, budget: int, removed: list, rules: FurnitureRules) -> int:
    """Cut the longest learned start template that fits off the first paragraph; returns the words cut."""
    no, text = paras[0]
    # templates are at most edge_words long; one word more tells whether a unit ends there
    spans = _head_spans(text, rules.edge_words + 1)
    words = [m.group() for m in spans]
    norms = list(map(norm, words))
    beyond = _fills_window(norms, starts, rules)
    k = _longest(norms, starts, rules.edge_words, lambda k: _start_fits(words, norms, k, starts, beyond))
    if not 0 < k <= budget:
        return 0
    cut = spans[k - 1].end()
    removed.append(("start of body", " ".join(norms[:k]), text[:cut]))
    paras[0] = (no, _crumb(text[cut:].strip(), removed, len(paras), rules))
    return k


def _cut_end(paras: list, ends: frozenset, budget: int, removed: list, rules: FurnitureRules) -> None:
    """Cut the longest learned end template that fits off the last paragraph."""
    no, text = paras[-1]
    spans = _tail_spans(text, rules.edge_words + 1)
    words = [m.group() for m in spans][::-1]
    norms = list(map(norm, words))
    beyond = _fills_window(norms, ends, rules)
    k = _longest(norms, ends, rules.edge_words, lambda k: _end_fits(words, norms, k, ends, beyond))
    if 0 < k <= budget and k < len(spans):
        cut = spans[-k].start()
        removed.append(("end of body", " ".join(norm(m.group()) for m in spans[-k:]), text[cut:]))
        paras[-1] = (no, _crumb(text[:cut].strip(), removed, len(paras), rules))


def _crumb(rest: str, removed: list, n_paras: int, rules: FurnitureRules) -> str:
    """What a cut leaves of a paragraph; a few words without a sentence end (a breadcrumb's variable
    part) go too, when other paragraphs remain."""
    if n_paras > 1 and 0 < len(rest.split()) <= rules.leftover_words and not re.search(r"[.!?]$", rest):
        removed.append(("crumb left by a cut", " ".join(_norms(rest)), rest))
        return ""
    return rest
