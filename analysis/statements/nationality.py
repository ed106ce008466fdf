"""A speaker's country when the speaker phrase names none: the article's country, or none at all.

Three rules, applied after a speaker is coded and its references resolved (:func:`settle_country`):

1. a capitalised word naming exactly one known organisation of the speaker's role gives that organisation's seat
   (*Observatory director X* belongs to the Britain-based Syrian Observatory);
2. a speaker of no single state (*European officials*, *Western powers*, *diplomats*, *reporters*, *humanitarian
   groups*, a *coalition* spokesman whose coalition the text gives no country: ``stateless_speakers.csv``) keeps no
   country;
3. any other local speaker (army, ministry, activists, rebels, a monitor ...) takes the country of a place its
   phrase names (*An activist in Deir al-Zor*), else the one its own sentences name as places at least twice and
   more than any other (:func:`local_country`: in a page of several stories, the one it is in), else the country
   the article is most about (:func:`article_country`): its most mentioned country, counting country names and
   demonyms, the capitals of a state (*Damascus*) and the regions of one country (*Aleppo*, *Idlib*) where they
   stand as places (after *in*, *of*, *near* ...: *suburbs of Damascus*, not *Damascus said*), but not the sponsor
   or seat in *US-led* or *Britain-based*, which name an actor's backer, not where the news is.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import lru_cache

from ..paths import package_data
from ..places.keys import translit_key
from .actors import Coding, Lexicons, default_lexicons, unique_heads
from .lexicon import countries, has, key, phrase_key, read_table, read_words
from .text import Doc, Tok

LOCAL_ROLES = ("GOV", "MIL", "MED", "CVL", "REB", "OPP", "NGO")     # roles that take the article's country
STATE_WORDS = ("government", "regime", "authorities", "administration", "state")   # the government of the country
PLACE_PREPOSITIONS = ("in", "at", "from", "near", "into", "across", "outside", "inside", "of", "around")
SPONSOR_SUFFIXES = ("-led", "-backed", "-based", "-owned", "-run", "-funded", "-sponsored")
MAX_PLACE_WORDS = 3         # longest region or country name looked up ("Deir ez-Zor", "United Arab Emirates")
MIN_REGION_CHARS = 4        # a shorter one-word region name is too often something else
REGION_LEVEL = "1"          # first-order regions (provinces, governorates) of gazetteer/admin.csv
STATELESS_KINDS = ("region", "collective", "alliance")
LOCAL_SENTENCES = 2         # the speaker's sentence and this many before it are where it speaks from
LOCAL_TOKENS = 200          # ... looked at over at most this many tokens (a text without full stops stays linear)
MIN_LOCAL_PLACES = 2        # places named there (in/of/near X) that outvote the article's country


@lru_cache(maxsize=1)
def stateless_terms() -> dict[tuple[str, ...], str]:
    """``stateless_speakers.csv`` by term words: ``{("european",): "region", ("diplomats",): "collective"}``."""
    p = package_data("stateless_speakers.csv")
    out = {}
    for lineno, row in read_table(p, ("term", "kind")):
        if row["kind"] not in STATELESS_KINDS:
            raise ValueError(f"{p}, line {lineno}: kind {row['kind']!r} is not one of {', '.join(STATELESS_KINDS)}")
        out[phrase_key(row["term"])] = row["kind"]
    return out


def stateless(phrase: str) -> bool:
    """Whether a speaker phrase names no single state: a region word and no country, or a collective head.

    >>> stateless("European foreign ministers"), stateless("diplomats"), stateless("Syrian diplomats")
    (True, True, False)
    >>> stateless("coalition spokesman Col. John Smith"), stateless("the opposition coalition")
    (True, False)
    """
    keys = phrase_key(phrase)
    if not keys or any(_country_of(k) for k in keys):
        return False
    terms = stateless_terms()
    if any(terms.get((k,)) == "region" for k in keys):
        return True
    roles = default_lexicons().roles
    if any(terms.get((k,)) == "alliance" and (i == 0 or (keys[i - 1],) not in roles) for i, k in enumerate(keys)):
        return True         # "coalition spokesman X" (not "the opposition coalition"): several states
    return any(terms.get(keys[-n:]) == "collective" for n in range(1, min(len(keys), 2) + 1))


def _country_of(k: str) -> str:
    """The country a word names (``syrian``, ``syria's``), not a sponsor or seat (``us-led``); else ""."""
    if k.endswith(SPONSOR_SUFFIXES):
        return ""
    c = countries().get((k,))
    if c is None and k.endswith("'s"):
        c = countries().get((k[:-2],))
    elif c is None and k.endswith("s"):          # a plural ("Syrias"); not any letter past a name ("Malik", "Use")
        c = countries().get((k[:-1],))
    return c.code if c is not None else ""


@lru_cache(maxsize=1)
def places() -> dict[tuple[str, ...], str]:
    """Capitals that speak for a state (``actors.csv``: *Damascus*, *Moscow*) and the first-order regions that
    belong to one country only (``gazetteer/admin.csv``: *Aleppo*, *Idlib*), by their words -> ISO code."""
    by_name = {c.name: c.code for c in countries().values() if not c.demonym}
    skip = set(read_words(package_data("stopwords_en.txt"))) | set(read_words(package_data("gazetteer/not_places.txt")))
    seen: dict[tuple[str, ...], set[str]] = {}
    for _, row in read_table(package_data("gazetteer/admin.csv"), ("country_code", "level", "name")):
        if row["level"] == REGION_LEVEL:
            names = [row["name"]] + [a for a in row.get("aliases", "").split("|") if a]
            for name in names + [_ascii(n) for n in names if _ascii(n) != n]:     # "Kirkūk" is written "Kirkuk"
                ks = phrase_key(name)
                if 0 < len(ks) <= MAX_PLACE_WORDS and (len(ks) > 1 or len(ks[0]) >= MIN_REGION_CHARS) \
                        and " ".join(ks) not in skip and ks not in countries():
                    seen.setdefault(ks, set()).add(row["country_code"])
    out = {ks: next(iter(codes)) for ks, codes in seen.items() if len(codes) == 1}
    for ks, actor in default_lexicons().actors.items():
        if actor.role == "GOV" and by_name.get(actor.actor) == actor.country and not any(has(k, "det") for k in ks):
            out[ks] = actor.country
    return out


@lru_cache(maxsize=1)
def spelled_places() -> dict[str, str]:
    """:func:`places` of two or more words by their romanisation-folded spelling (``translit_key``: *Deir al-Zor* =
    *Deir Ezzor* = *Deir ez-Zor*), the spellings that name one country only."""
    seen: dict[str, set[str]] = {}
    for ks, code in places().items():
        if len(ks) > 1:      # one word folded this far meets too many others (Madaya, Ghouta, Fuaa)
            seen.setdefault(translit_key(" ".join(ks)), set()).add(code)
    return {k: next(iter(codes)) for k, codes in seen.items() if len(codes) == 1 and k}


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(read_words(package_data("stopwords_en.txt")))


def _ascii(name: str) -> str:
    """A name without its diacritics (``Kirkūk`` -> ``Kirkuk``), as news in English writes it."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _place_at(toks: list[Tok], i: int) -> tuple[str, int]:
    """(ISO code, words) of the country, demonym, capital or region starting at token ``i``; ("", 1) if none."""
    for n in range(min(MAX_PLACE_WORDS, len(toks) - i), 0, -1):
        run = toks[i:i + n]
        if not all(t.cap and t.word for t in run):
            continue
        ks = tuple(t.k for t in run)
        c = countries().get(ks) if n > 1 else None
        code = c.code if c is not None else _country_of(ks[0]) if n == 1 else ""
        if not code and i > 0 and (toks[i - 1].k in PLACE_PREPOSITIONS or has(toks[i - 1].k, "area")):
            # "suburbs of Damascus", "in Aleppo", "in Deir al-Zor" (Deir ez-Zor); not "Damascus said", "Homs Governor"
            code = places().get(ks, "") or (spelled_places().get(translit_key(" ".join(t.t for t in run)), "")
                                             if n > 1 and not any(k in _function_words() for k in ks) else "")
        if code:
            return code, n
    return "", 1


def country_list(toks: list[Tok], first: int, last: int) -> list[tuple[int, int]]:
    """``The US Britain France`` (a list whose commas the text lost): the token span of each country it names;
    ``[(first, last)]`` when the phrase is anything but two or more country names (after a determiner)."""
    i, out = first + (1 if has(toks[first].k, "det") else 0), []
    while i <= last:
        for n in range(min(MAX_PLACE_WORDS, last + 1 - i), 0, -1):
            c = countries().get(tuple(t.k for t in toks[i:i + n]))
            if c is not None and not c.demonym and all(t.cap for t in toks[i:i + n]):
                out.append((i, i + n - 1))
                i += n
                break
        else:
            return [(first, last)]
    return out if len(out) > 1 else [(first, last)]


def article_country(doc: Doc) -> str:
    """The country an article is most about: the one its country names, demonyms, capitals and regions name most
    (ties: the one named first); "" when it names none."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    i = 0
    while i < len(doc.toks):
        code, n = _place_at(doc.toks, i) if doc.toks[i].cap else ("", 1)
        if code:
            counts[code] = counts.get(code, 0) + 1
            first.setdefault(code, i)
        i += n
    return min(counts, key=lambda c: (-counts[c], first[c])) if counts else ""


def local_country(doc: Doc, ti: int, last: int = -1) -> str:
    """The country of a place the speaker phrase ``ti..last`` names (*An activist in Deir al-Zor*), else the one
    the speaker's own and the previous sentences name as places (*west of Kirkuk*, *in Aleppo*) at least
    ``MIN_LOCAL_PLACES`` times and more than any other; "" when they do not. In a page that joins several
    stories, the story the speaker is in, not the one the page names most."""
    toks = doc.toks
    own = _counts(toks, ti, last + 1)
    if own:
        return max(own, key=own.get)
    lo = ti
    while lo > 0 and ti - lo < LOCAL_TOKENS and toks[lo - 1].sent >= toks[ti].sent - LOCAL_SENTENCES:
        lo -= 1
    counts = _counts(toks, lo, ti)
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < MIN_LOCAL_PLACES or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return ""
    return max(counts, key=counts.get)


def _counts(toks: list[Tok], lo: int, hi: int) -> dict[str, int]:
    """ISO code -> how often tokens ``lo..hi-1`` name a place of that country as a place (after in, of, near ...)."""
    counts: dict[str, int] = {}
    i = lo
    while i < hi:
        j = i - 1
        while j >= lo and has(toks[j].k, "area"):
            j -= 1      # "in northern Syria"
        code, n = _place_at(toks, i) if toks[i].cap and j >= lo and toks[j].k in PLACE_PREPOSITIONS else ("", 1)
        if code:
            counts[code] = counts.get(code, 0) + 1
        i += n
    return counts


def settle_country(c: Coding, phrases: tuple[str, ...], home: str, lex: Lexicons, local: str = "") -> Coding:
    """The coding with the module's rules applied when it has no country (``phrases``: the speaker phrase and
    what it was resolved to; ``home`` the article's country, ``local`` its sentences' :func:`local_country`)."""
    if c.country or c.rule.startswith("actor"):
        return c
    for phrase in phrases:
        words = phrase.split()
        for i in range(len(words) - 1, -1, -1):
            w = words[i]
            inside = i > 0 and words[i - 1][:1].isupper() and not has(key(words[i - 1]), "det")
            # the last word of a longer capitalised name ("Air Force", "Task Force") names another body
            named = unique_heads(lex).get(key(w)) if w[:1].isupper() and not inside else None
            if named is not None and named.role == c.role and named.country:
                return replace(c, country=named.country, rule=f"{c.rule}; seat of '{named.actor}'")
    if not (local or home) or c.role not in LOCAL_ROLES or any(stateless(p) for p in phrases):
        return c
    where = "country of its sentences" if local and local != home else "country of the article"
    home = local or home
    return replace(c, country=home, rule=f"{c.rule}; {where}",
                   actor=state_name(home) if c.actor.lower() in STATE_WORDS else c.actor)


def state_name(code: str) -> str:
    """A country's name from its ISO code (``SY`` -> ``Syria``)."""
    for c in countries().values():
        if c.code == code and not c.demonym:
            return c.name
    return code
