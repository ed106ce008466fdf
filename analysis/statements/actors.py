"""Actor coding: a speaker phrase's role (GOV MIL REB OPP IGO NGO MED CVL OTHER), country and canonical actor.

In the manner of CAMEO/PETRARCH actor codes, from CSV lexicons users extend: ``roles.csv`` (ranks, bodies, titles,
members), ``actors.csv`` (named organisations and metonymy: *Damascus*, *the Kremlin*, *the Pentagon*), and the
gazetteer's country names and demonyms. The rules, in order (the row's ``rule`` says which one decided):

1. a military **rank** makes MIL, unless the body the officer belongs to is a rebel group, the opposition, an NGO
   or an IGO (a rebel lieutenant is REB);
2. a **member** word (spokesman, official, envoy, head) inherits its body's role and country
   (*a spokesman for the Free Syrian Army* is REB; *Russian Defence Ministry spokesman* GOV, RU);
3. otherwise the **head** decides: the rightmost title or body of the phrase before any of/for
   (*Iraqi government forces* is MIL; *Syrian President Bashar al-Assad* GOV);
4. a **country** alone speaks for its government (*Turkey said*: GOV, TR);
5. a person with no title, or anything else, is OTHER.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import THRESHOLDS
from .details import place_complement
from .organisations import BRANCH, branch_details, capword, named_armed_group, only_countries
from .lexicon import TOKEN, Actor, Country, countries, has, key, load_actor_lexicon, load_role_lexicon

SPEAKER_TYPE = {"MIL": "military", "GOV": "government"}
_SUFFIXES = ("-based", "-led", "-run", "-owned")


@dataclass(frozen=True)
class Coding:
    """What a speaker phrase codes to."""

    role: str
    country: str
    actor: str
    person: bool
    plural: bool
    rule: str

    @property
    def speaker_type(self) -> str:
        """``military`` / ``government`` / ``other``, derived from the role."""
        return SPEAKER_TYPE.get(self.role, "other")


@dataclass(frozen=True)
class _Match:
    i: int
    j: int                       # word indices [i, j)
    kind: str                    # rank body state title member actor country
    role: str = ""
    term: str = ""
    actor: Actor | None = None
    country: Country | None = None


@dataclass(frozen=True, eq=False)
class Lexicons:
    """The role and actor lexicons used together (see :func:`load_roles`)."""

    roles: dict
    actors: dict


@lru_cache(maxsize=1)
def default_lexicons() -> Lexicons:
    return Lexicons(load_role_lexicon(), load_actor_lexicon())


def _country_key(k: str) -> str:
    """``syria's`` / ``syrias`` / ``us-led`` / ``britain-based`` -> the country word."""
    for suf in _SUFFIXES:
        if k.endswith(suf):
            return k[: -len(suf)]
    if k.endswith("'s"):
        return k[:-2]
    if k.endswith("s") and (k[:-1],) in countries() and (k,) not in countries():
        return k[:-1]
    return k


def _possessive(k: str) -> str:
    """``isis's`` / ``isiss`` (apostrophes lost) -> ``isis``."""
    return k[:-2] if k.endswith("'s") else k[:-1] if k.endswith("s") else k


def _matches(words: list[tuple[str, str]], lex: Lexicons) -> list[_Match]:
    """Longest lexicon matches left to right (actors before roles before countries at equal length)."""
    keys = [k for _, k in words]
    ckeys = [_country_key(k) for k in keys]
    out, i = [], 0
    while i < len(words):
        best = None
        for n in range(min(THRESHOLDS.max_alias_words, len(words) - i), 0, -1):
            ks = tuple(keys[i:i + n])
            a = lex.actors.get(ks)
            shown = [s for s, _ in words[i:i + n]]
            if a is None and words[i + n - 1][0][:1].isupper():
                a = lex.actors.get(ks[:-1] + (_possessive(ks[-1]),))      # UNs, ISISs: apostrophes lost
                shown[-1] = shown[-1][:-2] if shown[-1].endswith("'s") else shown[-1][:-1]
            if a is not None and (not a.upper or all(s.isupper() for s in shown)):
                best = _Match(i, i + n, "actor", a.role, " ".join(ks), actor=a)
                break
            r = lex.roles.get(ks) if not _generic_possessive(words, i, n, lex) else lex.roles.get((ks[0][:-1],))
            if r is None and ks[-1].endswith("s") and (words[i + n - 1][0][:1].isupper()
                                                        or has(_possessive(ks[-1]), "generic")):
                r = lex.roles.get(ks[:-1] + (_possessive(ks[-1]),))        # "The Observatorys chief"
            if r is not None:
                best = _Match(i, i + n, r.kind, r.role, r.term)
                break
            c = countries().get(tuple(ckeys[i:i + n]))
            if c is not None and (n > 1 or words[i][0][:1].isupper()):
                best = _Match(i, i + n, "country", term=" ".join(ks), country=c)
                break
        if best is not None:
            out.append(best)
            i = best.j
        else:
            i += 1
    return out


def _generic_possessive(words, i: int, n: int, lex: Lexicons) -> bool:
    """``groups`` in *the groups director X*: the group's (apostrophe lost) before a member word, not a plural."""
    k = words[i][1]
    if n != 1 or not k.endswith("s") or not has(k[:-1], "generic") or i + 1 >= len(words):
        return False
    r = lex.roles.get((words[i + 1][1],))
    return r is not None and r.kind == "member"


def _words(phrase: str) -> list[tuple[str, str]]:
    return [(m.group(), key(m.group())) for m in TOKEN.finditer(phrase) if m.group()[:1].isalnum()]


def _name(words, matches) -> str:
    """A person's name: the rightmost run of capitalised words no lexicon knows that does not modify a lexicon
    word after it (``Homs Governor``, ``Al-Nasr Army``, ``Aleppo local authorities`` are no names; ``Governor Talal
    Barazi`` has one)."""
    known = {i for m in matches for i in range(m.i, m.j)}
    # a run before a body, or before a capitalised title, modifies it: "Al-Nasr Army", "Homs Governor"
    starts = {m.i for m in matches if m.kind in ("body", "state", "actor", "country") or words[m.i][0][:1].isupper()}
    end = len(words)
    while end > 0:
        idx = end - 1
        while idx >= 0 and (idx in known or not capword(words[idx])):
            idx -= 1
        if idx < 0:
            return ""
        first = idx
        while first - 1 >= 0 and first - 1 not in known and capword(words[first - 1]):
            first -= 1
        run = [s for s, _ in words[first:idx + 1]]
        nxt = idx + 1       # "Aleppo local authorities": lower-case modifiers between a run and the body it modifies
        while nxt < len(words) and nxt not in known and has(words[nxt][1], "modifier") \
                and not words[nxt][0][:1].isupper():
            nxt += 1
        if nxt not in starts and not all(s.isupper() for s in run) \
                and not all(has(key(s), "particle") for s in run):
            return " ".join(run)
        end = first
    return ""


def _split(words, matches) -> int:
    """Index of the first of/for outside a lexicon match (the start of the complement)."""
    inside = {i for m in matches for i in range(m.i + 1, m.j)}
    for idx, (_, k) in enumerate(words):
        if k in ("of", "for") and idx not in inside:
            return idx
    return len(words)


def _body(ms: list[_Match]) -> _Match | None:
    """The rightmost body, unless a longer lexicon match stands right before it: in *the civil defence forces* the
    two-word *civil defence* is the body, *forces* its generic last word (but *government forces* and *Syrian
    regime forces* are forces); a collective of no role of its own (*media groups*) is the body before it too."""
    bodies = [m for m in ms if m.kind in ("body", "state", "actor")]
    if len(bodies) > 1 and bodies[-1].kind == bodies[-2].kind == "body" and bodies[-2].j == bodies[-1].i \
            and (bodies[-2].j - bodies[-2].i > bodies[-1].j - bodies[-1].i or bodies[-1].role == "OTHER"):
        return bodies[-2]
    return bodies[-1] if bodies else None


def code_phrase(phrase: str, appos: str = "", lex: Lexicons | None = None) -> Coding:
    """Role, country and canonical actor of a speaker phrase (see the module's rules).

    >>> code_phrase("Russian Defence Ministry spokesman Maj. Gen. Igor Konashenkov")
    Coding(role='MIL', country='RU', actor='Igor Konashenkov', person=True, plural=False, rule="rank 'maj gen'")
    >>> c = code_phrase("a spokesman for the Free Syrian Army"); (c.role, c.country, c.actor)
    ('REB', 'SY', 'Free Syrian Army')
    >>> code_phrase("Damascus").rule, code_phrase("Turkey").role
    ("actor 'damascus' (GOV)", 'GOV')
    """
    return _code(phrase, appos, lex or default_lexicons())


@lru_cache(maxsize=8192)
def _code(phrase: str, appos: str, lex: Lexicons) -> Coding:
    words = _words(phrase)
    ms = branch_details(words, _matches(words, lex))     # "IFRC Syria": Syria is the branch, not the actor
    cut = _place_cut(words, ms)
    places, words, ms = ms, words[:cut], [m for m in ms if m.j <= cut]     # "An activist in Deir al-Zor": the place
    split = _split(words, ms)
    main, comp = [m for m in ms if m.i < split], [m for m in ms if m.i >= split]
    # a name after of/for names the speaker ("the head of the Observatory Rami Abdel Rahman") unless a body heads
    # the phrase: "opponents of President Bashar al-Assad" are not Assad
    bodied = bool(main) and main[-1].kind in ("body", "state") and split < len(words)
    name = _name(words[:split], main) or ("" if bodied else _name(words, ms))
    role, rule, body = _decide(words, main, comp)
    if role == "" and appos:
        inner = code_phrase(appos, "", lex)
        if inner.rule != "no lexicon match":
            return Coding(inner.role, inner.country, name or inner.actor, bool(name) or inner.person, inner.plural,
                          f"apposition: {inner.rule}")
    if appos and not name:
        inner = code_phrase(appos, "", lex)
        if inner.rule == "person without a title":
            name = inner.actor          # "Turkey's foreign minister, Mevlut Cavusoglu, said"
    role = role or ("OTHER")
    rule = rule or ("person without a title" if name else "no lexicon match")
    country = _country(ms, body) or _country([m for m in places if m.i >= cut], None)
    actor = _actor(phrase, words, name, body, ms, country)
    person = bool(name) or any(m.kind in ("rank", "title", "member") for m in main[-1:])
    last = words[-1][1] if words else ""
    plural = not name and last.endswith("s") and not (body and body.kind == "actor" and body.j == len(words))
    return Coding(role, country, actor, person and not plural, plural, rule)


def _place_cut(words, ms: list[_Match]) -> int:
    """Where a place complement ending the phrase starts (``in [rural] Aleppo``), else ``len(words)``."""
    known = {i for m in ms for i in range(m.i, m.j)}
    named = {i for m in ms if m.kind not in ("country",) and not (m.kind == "actor" and m.role == "GOV")
             for i in range(m.i, m.j)}     # a capital ("in Damascus") or a country may be the place

    def place_run(i: int, j: int) -> bool:
        return all(x not in named and (s[:1].isupper() or has(k.split("-")[0], "particle"))
                   for x, (s, k) in enumerate(words[i:j], i))
    return place_complement(words, known, place_run)


def _decide(words, main: list[_Match], comp: list[_Match]) -> tuple[str, str, _Match | None]:
    """(role, rule, deciding body) by the module's rules; role "" when nothing decided."""
    known, given = {i for m in main + comp for i in range(m.i, m.j)}, main
    main = [_Match(m.i, m.j, "body", "REB", f"{m.term}, a named armed group")
            if named_armed_group(words, m, known, given + comp) else m for m in main]
    comp = [_Match(m.i, m.j, "body", "REB", f"{m.term}, a named armed group")
            if named_armed_group(words, m, known, given + comp) else m for m in comp]
    body = _body(main) or _body(comp)
    ranks = [m for m in main if m.kind == "rank"]
    if ranks:
        if body is not None and body.role in ("REB", "OPP", "NGO", "IGO"):
            return body.role, f"rank '{ranks[0].term}' in a {body.role} body '{body.term}'", body
        return "MIL", f"rank '{ranks[0].term}'", body
    heads = [m for m in main if m.kind in ("title", "body", "state", "actor", "member")]
    if heads:
        head = heads[-1]
        if head.kind == "member":
            owner = _body(main[:main.index(head)]) or _body(comp)
            if owner is not None:
                return owner.role, f"{head.term} of '{owner.term}' ({owner.role})", owner
            titles = [m for m in main if m.kind == "title"]
            if titles:
                return titles[-1].role, f"{head.term}, title '{titles[-1].term}' ({titles[-1].role})", None
            return head.role, f"{head.term} ({head.role})", None
        owned = _non_state_owner(given, comp, head)
        if owned is not None:
            return owned
        if head.kind == "body":
            head = _body(main) or head      # "the civil defence forces", "media groups"
        named = [m for m in main + comp if m.kind == "actor" and m.role == head.role]
        if head.kind == "body" and named:
            head = named[-1]        # "the Syrian Observatory for Human Rights monitor": the named one
        what = "actor" if head.kind == "actor" else head.kind
        return head.role, f"{what} '{head.term}' ({head.role})", head if head.kind != "title" else body
    if comp and _body(comp) is not None:
        b = _body(comp)
        return b.role, f"complement '{b.term}' ({b.role})", b
    nations = [m for m in main if m.kind == "country"]
    if nations and not nations[-1].country.demonym and only_countries(words, nations):
        return "GOV", f"countries {' and '.join(m.term for m in nations)} speak for their governments", None
    if nations and len(words) - sum(1 for _, k in words if has(k, "det")) == nations[-1].j - nations[-1].i:
        c = nations[-1].country
        if c.demonym:
            return "CVL", f"people of a country '{nations[-1].term}'", None
        return "GOV", f"country '{nations[-1].term}' speaks for its government", None
    return "", "", None


def _non_state_owner(main: list[_Match], comp: list[_Match], head: _Match) -> tuple[str, str, _Match] | None:
    """A state's role word held in a non-state body: the forces of a rebel or opposition body of the lexicons are a
    non-state armed group (*rebel forces*, *Free Syrian Army forces*), and a state's title in a non-state body is
    that body's (*President of the Syrian Coalition Anas al-Abdah*, *Syrian opposition coalition president X*)."""
    if head.kind == "body" and head.role == "MIL":
        side = [m for m in main if m.i < head.i and m.kind in ("body", "actor") and m.role in ("REB", "OPP")]
        if side:
            return "REB", f"{head.term} of '{side[-1].term}' ({side[-1].role}): a non-state armed group", side[-1]
    owner = _body([m for m in main if m.i < head.i]) or _body(comp)     # "coalition president X", "president of"
    if head.kind == "title" and head.role == "GOV" and owner is not None and owner.kind in ("body", "actor") and \
            owner.role not in ("GOV", "MIL"):
        return owner.role, f"title '{head.term}' of '{owner.term}' ({owner.role})", owner
    return None


def _country(ms: list[_Match], body: _Match | None) -> str:
    if body is not None and body.actor is not None and body.actor.country:
        return body.actor.country
    # an international body's official has no country: a country after the body is the posting
    # ("the UN envoy for Syria"), one before it the state ("Syria's UN ambassador")
    posted = body is not None and body.role == "IGO" and body.actor is not None
    for m in ms:
        if m.kind == "country" and not (posted and m.i >= body.j):
            return m.country.code
    for m in ms:            # "Syrian regime forces": the state named inside the phrase
        if m.actor is not None and m.actor.country and m.role in ("GOV", "MIL"):
            return m.actor.country
    return ""


def _actor(phrase, words, name, body, ms, country) -> str:
    if name:
        return name
    if body is not None and body.actor is not None:
        return body.actor.actor
    nations = [m for m in ms if m.kind == "country"]
    if body is not None and body.kind == "state" and nations:
        return nations[0].country.name
    if nations and len(ms) == 1 and not nations[0].country.demonym:
        return nations[0].country.name
    branch = {i for m in ms if m.kind == BRANCH for i in range(m.i, m.j)}      # "IFRC Syria": IFRC
    kept = [s for i, (s, k) in enumerate(words) if not (has(k, "det") or has(k, "quant") or i in branch)]
    return " ".join(kept)


@lru_cache(maxsize=4)
def unique_heads(lex: Lexicons) -> dict[str, Actor]:
    """Words that end the aliases of exactly one actor (``observatory`` -> SOHR): a capitalised ``the Observatory``
    with nothing to refer back to names that actor."""
    seen: dict[str, set] = {}
    first: dict[str, Actor] = {}
    for alias, actor in lex.actors.items():
        seen.setdefault(alias[-1], set()).add(actor.actor)
        first.setdefault(alias[-1], actor)
    return {w: first[w] for w, names in seen.items() if len(names) == 1 and len(w) > 3}


def load_roles(path: str | Path | None = None, *, extend: bool = True) -> Lexicons:
    """The speaker lexicons: the shipped ``roles.csv`` extended (or replaced) by your CSV.

    Your CSV needs ``term`` and ``role`` (GOV MIL REB OPP IGO NGO MED CVL OTHER; or the older ``type``:
    military / government / other) and may have ``kind`` (rank, body, state, title, member; default title).

    >>> lex = load_roles()
    >>> type_speaker("Iraqi Prime Minister Haider al-Abadi", roles=lex)[:2]
    ('government', "title 'prime minister' (GOV)")
    """
    return Lexicons(load_role_lexicon(path, extend=extend), load_actor_lexicon())


def type_speaker(phrase: str, *, roles: Lexicons | None = None) -> tuple[str, str, str]:
    """``(speaker type, rule, role)`` of a speaker phrase: military / government / other, and the CAMEO-style role.

    >>> type_speaker("the US-led coalition")[0], type_speaker("Defence Minister Ali")[0]
    ('military', 'government')
    >>> type_speaker("a resident")[::2], type_speaker("Mr Smith")[1]
    (('other', 'CVL'), 'person without a title')
    """
    c = code_phrase(phrase, "", roles)
    return c.speaker_type, c.rule, c.role
