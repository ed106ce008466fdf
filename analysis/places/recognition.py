"""Recognition: the capitalised spans of a text that name places, with the context that steers resolution.

A span is matched against the gazetteer longest name first (exact key; then the romanisation key,
kept only if resolution finds the place in a country the article is about). A span is not a place
when it continues a person's or an organisation's name (*Haider al-Abadi*, *John Kerry*, *Aleppo Media
Center*, *Syrian Observatory*), is on the list of non-places (months, weekdays and their abbreviations,
titles), or sits in a tag or breadcrumb list of page furniture.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .gazetteer import ARAB
from .keys import ARTICLES, name_key, strip_article, translit_key
from .vocab import Vocab, vocab
from .weights import WEIGHTS, GeoWeights

__all__ = ["Tok", "Match", "tokenize_names", "Recognizer"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[‘'`ʿ]?[^\W\d_][\w’'‘ʿ\-]*\.?")
_PARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa]d|[Aa]n|[Aa]r|[Aa]s|[Aa]sh|[Aa]t|[Aa]z|[Ee]d|[Ee]z|[Ee]s|ul)-[A-Z‘'ʿ]")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_ENDS_SENTENCE = re.compile(r"[.!?\n:]\W*$")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,}")
_STRONG = ("country", "admin region", "continent")
_CONTRACTION = re.compile(r"[’'](?:ve|ll|re|m|d)$")     # "I've", "We'll": a pronoun and a verb, not a name


@dataclass
class Tok:
    start: int
    end: int
    text: str
    cap: bool
    sent_start: bool


@dataclass
class Match:
    """A recognised span and its context."""

    i: int                 # first token in the text's token list
    j: int                 # one past the last token
    start: int
    end: int
    key: str
    demonym: int | None = None
    people: str | None = None       # a people's demonym ("Kurdish" → Kurdistan): a place with no point
    abbrev: int | None = None
    cands: list[int] | None = None
    variant: bool = False           # found by its romanisation key only
    possessive: bool = False        # "Syrias": a possessive written without its apostrophe
    cue: str | None = None          # the kind a context cue asks for
    cue_strength: float = 0.0
    cue_word: str = ""
    weak_cue: bool = False
    qualifier: int | None = None    # row of the region/country in "Town, Region"
    qualifier_start: int | None = None  # where that qualifier's name starts in the text
    qualifies: int | None = None    # this mention is the qualifier of the town before it, and this row of it (the
                                    # region or country holding one of that town's candidates) is the pair's reading
    locative: list[int] | None = None   # rows of the regions/countries a name after "in" may be ("X in Idlib")
    after_word: str = ""
    prev_cap: bool = False
    next_cap: bool = False
    head_only: bool = False         # only the head of a longer name ("Tal" of "Tal Al-Majda", "Lion of X")
    org: bool = False               # the span is part of an organisation's or unit's name
    furniture: bool = False         # in a tag or breadcrumb list
    sent_initial: bool = False
    lower_elsewhere: bool = False
    said_after: bool = False
    acronym: bool = False
    generic: bool = False
    hyphen: bool = False            # a capitalised part of a hyphenated word ("Washington-backed")


def _is_cap(word: str, stop: frozenset[str]) -> bool:
    """Capitalised like a name; a capitalised function word ("The", "But", "She") is not."""
    w = word.lstrip("‘'`ʿ")
    if not w or _CONTRACTION.search(w):
        return False
    if w[0].isupper() and not (len(w) > 1 and w.isupper()) and w.lower() in stop:
        return False
    return w[0].isupper() or bool(_PARTICLE.match(word))


def tokenize_names(text: str, dotted: frozenset[str], stop: frozenset[str]) -> list[Tok]:
    """Word tokens with their offsets; possessives and trailing marks cut off, kept dots of ``U.S.``, ``Ky.``."""
    toks: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        word = m.group()
        if word.endswith(("’s", "'s")):
            e -= 2
        elif word[-1] in "’'‘-":
            e -= 1
        elif word.endswith(".") and not (_INITIALS.fullmatch(word) or name_key(word) in dotted):
            e -= 1
        word = text[s:e]
        if not word:
            continue
        gap = text[prev_end:s]
        sent_start = not toks or bool(_ENDS_SENTENCE.search(text[max(0, s - 6):s].rstrip())) or "\n" in gap
        if toks and toks[-1].text.endswith(".") and _ABBREVIATION.fullmatch(toks[-1].text):
            sent_start = False if gap.strip() == "" else sent_start
        toks.append(Tok(s, e, word, _is_cap(word, stop), sent_start))
        prev_end = e
    return toks


def _joined(text: str, a: Tok, b: Tok) -> bool:
    """Two adjacent tokens belong to one capitalised span (separated by one space only)."""
    if a.text.endswith(".") and len(a.text) > 2 and not _INITIALS.fullmatch(a.text):
        return False
    return text[a.end:b.start] == " " and not text[a.start:a.end + 2].endswith(("’s", "'s"))


def chunks(text: str, toks: list[Tok], connectors: frozenset[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, with connectors between capitalised tokens."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n and _joined(text, toks[j - 1], toks[j]):
            if toks[j].cap:
                j += 1
            elif (toks[j].text.lower() in connectors and j + 1 < n and toks[j + 1].cap
                  and _joined(text, toks[j], toks[j + 1])):
                j += 2
            elif (toks[j].text.lower() in connectors and j + 2 < n and toks[j + 1].text.lower() == "the"
                  and toks[j + 2].cap and _joined(text, toks[j], toks[j + 1])
                  and _joined(text, toks[j + 1], toks[j + 2])):
                j += 3        # "Iraq and the Levant", "Gulf of the Farallones"
            else:
                break
        out.append((i, j))
        i = j
    return out


class Recognizer:
    """Finds the place mentions of a text in one :class:`~analysis.places.gazetteer.Gazetteer`."""

    def __init__(self, gaz: Gazetteer, kind, cc, words: Vocab | None = None, weights: GeoWeights = WEIGHTS):
        from ..text import stopword_set

        self.gaz, self.kind, self.cc, self.w = gaz, kind, cc, weights
        self.admin_key = gaz.places["admin_key"].to_numpy(dtype=object)
        self.pop = gaz.places["population"].to_numpy()
        self.v = words or vocab()
        self.stop = stopword_set(True)

    def find(self, text: str) -> tuple[list[Tok], list[Match]]:
        toks = tokenize_names(text, self.v.dotted, self.stop)
        furniture = self._furniture(text, toks)
        matches: list[Match] = []
        ends = {e for _, e in furniture}
        for a, b in chunks(text, toks, self.v.connectors):
            cuts = [k for k in range(a + 1, b) if toks[k - 1].end in ends]     # a tag list ends inside the run
            for s, e in zip([a, *cuts], [*cuts, b]):
                matches.extend(self._in_chunk(text, toks, s, e))
        lower_words = {t.text.lower() for t in toks if not t.cap}
        from .context import add_context

        for m in matches:
            m.furniture = any(s <= m.start < e for s, e in furniture)
            add_context(self, text, toks, m, lower_words)
        by_start = {m.start: m for m in matches}
        for m in matches:
            q = by_start.get(m.qualifier_start) if m.qualifier_start is not None else None
            if q is not None and q.cands and m.qualifier in q.cands:
                q.qualifies = m.qualifier     # "Atlanta, Georgia": the qualifier is read as the pair reads it
        return toks, matches

    def _in_chunk(self, text: str, toks: list[Tok], a: int, b: int) -> list[Match]:
        out: list[Match] = []
        i = a
        while i < b:
            found = self._longest(text, toks, i, b) if toks[i].cap else None
            if isinstance(found, list):
                last = found[-1]
                if text[last.end:toks[i].end] == "":     # "Nations-Syrian Arab Red Crescent" goes on
                    last.org = any(toks[k].text.lower() in self.v.org_words for k in range(i + 1, b))
                out.extend(found)
                i += 1
                continue
            if found is None:
                i += 1
                continue
            found.prev_cap = self._prev_is_name(toks, a, i)
            self._lowercase_modifier(text, toks, found)
            found.next_cap = found.j < b and toks[found.j].cap
            if found.next_cap:
                found.after_word = toks[found.j].text.lower()
            found.org = not found.possessive and self._org_follows(toks, found.j, b)
            found.head_only = found.j < b and (bool(_PARTICLE.match(toks[found.j].text))
                                               or self._of_name(text, toks, found.j, b))
            if found.variant and found.j < b:
                nxt = toks[found.j]
                found.head_only = found.head_only or nxt.text.lower() in ARTICLES or (
                    nxt.cap and nxt.text.lower() not in self.v.after_place_ok
                    and name_key(nxt.text) not in self.v.not_places)   # "Bashar al Assad", "Bara Abdelrahman"
            out.append(found)
            i = found.j
        return out

    def _longest(self, text: str, toks: list[Tok], i: int, b: int) -> Match | list[Match] | None:
        """The longest gazetteer name starting at token ``i``: exact, without its article, or by romanisation."""
        for j in range(min(b, i + 8), i, -1):
            if not toks[j - 1].cap:
                continue
            key = name_key(text[toks[i].start:toks[j - 1].end])
            if key in self.v.peoples:
                return Match(i, j, toks[i].start, toks[j - 1].end, key, people=self.v.peoples[key], cands=[])
            if key in self.v.not_places:
                # "Islamic State of Iraq and the Levant": the whole phrase is not a place
                return None if j - i == 1 else Match(i, j, toks[i].start, toks[j - 1].end, key, generic=True)
            found = self._exact(toks, i, j, key)
            if found is not None:
                return self._without_generic(text, toks, found)
            if j - i == 1 and "-" in toks[i].text:
                parts = self._hyphen_parts(toks[i], i)
                if parts:
                    return parts
            if j - i >= 2 and self._is_variant(text[toks[i].start:toks[j - 1].end]):
                return Match(i, j, toks[i].start, toks[j - 1].end, key, cands=[], variant=True)
        return self._possessive(toks, i) or (
            Match(i, i + 1, toks[i].start, toks[i].end, name_key(toks[i].text), cands=[], variant=True)
            if self._is_variant(toks[i].text) else None)

    def _of_name(self, text: str, toks: list[Tok], j: int, b: int) -> bool:
        """"Lion of Incursions": a name goes on after *of* in the same capitalised run; but "Hasaka of Syria"
        (*of* and a country or region) still names the place."""
        if toks[j].text.lower() != "of":
            return False
        a = j + 2 if j + 2 < b and toks[j + 1].text.lower() == "the" else j + 1
        return not any(self.kind[c] in (*_STRONG, "region") for k in range(b, a, -1)
                       for c in self.gaz.candidates(name_key(text[toks[a].start:toks[k - 1].end])) or [])

    def _without_generic(self, text: str, toks: list[Tok], m: Match) -> Match:
        """"Euphrates River" → "Euphrates": the span is the river's name when the shorter name finds the
        same place."""
        last = toks[m.j - 1].text.lower()
        if m.j - m.i < 2 or last not in ("river", "rivers") or not m.cands:
            return m
        key = name_key(text[toks[m.i].start:toks[m.j - 2].end])
        if not set(m.cands) & set(self.gaz.candidates(key)):
            return m
        m.j, m.end, m.key = m.j - 1, toks[m.j - 2].end, key
        m.cands = self.gaz.candidates(key)
        return m

    def _exact(self, toks: list[Tok], i: int, j: int, key: str) -> Match | None:
        cands, dem = self.gaz.candidates(key), self.gaz.demonyms.get(key)
        abbrev = self.gaz.admin_abbrev.get(key) if j - i == 1 and toks[i].text.endswith(".") else None
        if not cands and dem is None and abbrev is None and j - i >= 2 and key.split()[0] in ARTICLES:
            cands = [c for c in self.gaz.candidates(strip_article(key)) if self.cc[c] in ARAB]   # "Al Raqqa"
        if cands or dem is not None or abbrev is not None:
            return Match(i, j, toks[i].start, toks[j - 1].end, key, demonym=dem, abbrev=abbrev, cands=cands)
        if key in self.v.peoples:
            return Match(i, j, toks[i].start, toks[j - 1].end, key, people=self.v.peoples[key], cands=[])
        return None

    def _is_variant(self, surface: str) -> bool:
        """A spelling the gazetteer lacks (``Saraqeb``) whose romanisation key it knows."""
        key = name_key(surface)
        if key in self.v.not_places or any(name_key(w) in self.v.not_places for w in surface.split()):
            return False
        tk = translit_key(surface)
        consonants = len(tk.replace("*", "").replace(" ", ""))
        return (consonants >= 3 or (consonants == 2 and len(key) >= 4)) and tk in self.gaz.by_translit

    def _org_follows(self, toks: list[Tok], j: int, b: int) -> bool:
        """An organisation word in the capitalised run right after a name ("Syrian Observatory", "Aleppo Media
        Center"); the run stops at a connector, a not-place ("Damascus Saturday the Observatory") or an Arabic
        article that starts another name ("Syria Al Mayadeen TV")."""
        for k in range(j, b):
            low = toks[k].text.lower()
            if low in self.v.org_words:
                return True
            if (not toks[k].cap or low in self.v.connectors or name_key(low) in self.v.not_places
                    or _PARTICLE.match(toks[k].text)):
                return False
        return False

    def _lowercase_modifier(self, text: str, toks: list[Tok], m: Match) -> None:
        """"eastern Ghouta": a lower-case direction that is part of the gazetteer's name (Eastern Ghouta)."""
        if m.i == 0 or toks[m.i - 1].cap or toks[m.i - 1].text not in self.v.modifiers - {"the", "new", "old"}:
            return
        key = name_key(text[toks[m.i - 1].start:m.end])
        cands = [c for c in self.gaz.candidates(key) if self.kind[c] in ("region", "physical feature")]
        if cands and text[toks[m.i - 1].end:toks[m.i].start] == " ":
            m.i, m.start, m.key, m.cands, m.variant = m.i - 1, toks[m.i - 1].start, key, cands, False

    def _possessive(self, toks: list[Tok], i: int) -> Match | None:
        """``Syrias war``: a possessive written without its apostrophe (some scrapes drop them)."""
        word = toks[i].text
        if len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
            return None
        key = name_key(word[:-1])
        cands = [c for c in self.gaz.candidates(key) if self.kind[c] in _STRONG]
        if not cands:
            return None
        return Match(i, i + 1, toks[i].start, toks[i].end - 1, key, cands=cands, possessive=True)

    def _hyphen_parts(self, tok: Tok, i: int) -> list[Match]:
        """``US-led``, ``Lebanese-Syrian``, ``pro-Syrian``, ``Washington-backed``: the capitalised parts of a
        hyphenated word that name a country, region or continent (a national capital only where a region shares
        its name, as Washington, Moscow or Tehran do: ``London-based``, ``Riyadh-led`` find nothing)."""
        out = []
        pos = tok.start
        for part in tok.text.split("-"):
            s, e = pos, pos + len(part)
            pos = e + 1
            if not _is_cap(part, self.stop) or len(part) < 2:
                continue
            key = name_key(part)
            if key in self.v.not_places and key not in self.v.peoples:
                continue
            cands, dem = self.gaz.candidates(key), self.gaz.demonyms.get(key)
            strong = [c for c in cands if self.kind[c] in _STRONG]
            if strong and not any(self.kind[c] == "country" for c in strong):
                # "Washington-backed", "Tehran-led": a national capital stands for its government, not the state
                # or province of its name (Washington state); a country's name is the country ("Kuwait-based"),
                # and a capital without a region of its name is left alone ("London-based" may be in Ontario)
                strong = [c for c in cands if c in self.gaz.capitals()] or strong
            if strong or dem is not None or key in self.v.peoples:
                out.append(Match(i, i + 1, s, e, key, demonym=dem, cands=strong, people=self.v.peoples.get(key),
                                 hyphen=True))
        return out

    def _prev_is_name(self, toks: list[Tok], a: int, i: int) -> bool:
        """The match continues a capitalised name that is not a place or a modifier ("Haider al-Abadi")."""
        if i == a:
            return False
        prev = toks[i - 1]
        if prev.text.lower() in ARTICLES and prev.text.lower() != "the" and i - 1 > a:
            return True       # "Aqareb es Safi": an article inside one longer name
        if re.search(r"-[a-z]+$", prev.text) or (len(prev.text) > 3 and prev.text.isupper()):
            return False      # "Kurdish-majority Syrian city", "BEIRUT Syrian forces": not a first name
        if not prev.cap or prev.text.lower().rstrip(".") in self.v.modifiers:
            return False      # a connector ("Gulf of Mexico") or a modifier ("northern Syria")
        key = name_key(prev.text)
        if key in self.gaz.demonyms or key in self.v.furniture:
            return False      # "Syrian Deir Ezzor"
        if self._possessive([prev], 0) is not None:
            return False      # "Syrias Deir az-Zour": a possessive without its apostrophe
        return not any(self.kind[c] in _STRONG for c in self.gaz.candidates(key))   # "Iraq Anbar"

    def _furniture(self, text: str, toks: list[Tok]) -> list[tuple[int, int]]:
        """Character ranges of tag and breadcrumb lists: "Tags Syria Idlib ...", "Home > World > Syria".

        A tag list runs from its marker over capitalised names and lower-case tag words, and ends at the
        first function word other than *the* and *of* (where running text starts), or after 20 words.
        """
        spans = []
        for k, t in enumerate(toks):
            if not (t.cap and t.text.lower() in self.v.furniture and k + 1 < len(toks) and toks[k + 1].cap):
                continue
            e = k + 1
            while e < len(toks) and e - k <= 20:
                low = toks[e].text.lower()
                if low in self.stop and low not in ("the", "of", "al", "el"):
                    break
                if (toks[e].cap and e + 2 < len(toks) and not toks[e + 1].cap and not toks[e + 2].cap
                        and toks[e + 1].text.lower() not in self.stop and e - k > 1):
                    break     # "... SOHR Syrian rebels launched": running text starts
                e += 1
            spans.append((t.start, toks[e - 1].end))
        for m in re.finditer(r"(?m)^(?:[^\n>›»|]{1,40}\s[>›»|]\s){2,}[^\n]*$", text):
            spans.append(m.span())
        return spans
