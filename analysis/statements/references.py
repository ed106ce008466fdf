"""Speakers resolved within an article and coded: pronouns, descriptions, surnames, continued quotes.

*he / she* take the most recent person, *it* the most recent organisation or country, *they / we* the most recent
group or organisation; a definite description (*the ministry*, *the monitor*, *the group*, *the spokesman*, *the
statement*) the most recent speaker whose phrase has the same head word, else the most recent with its role; a
bare surname the earlier speaker or titled mention with that name; an indefinite lead (*a monitor said*) the named
speaker of the same role among the next few statements. Every row records what it resolved to.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from .actors import Coding, Lexicons, code_phrase, unique_heads
from .config import THRESHOLDS, Thresholds
from .extraction import Stmt
from .lexicon import countries, has, key
from .nationality import article_country, country_list, settle_country
from .speakers import Span, is_pronoun, subject_after, verb_at
from .text import Doc


_PLACE_PREPOSITIONS = ("in", "at", "from", "near", "to", "into", "across", "outside", "inside", "of")
_ORGANISED = ("NGO", "REB", "OPP", "MED", "IGO")     # what "a group" may turn out to be


@dataclass
class Entry:
    """A speaker (or titled mention) a later reference can resolve to."""

    coding: Coding
    phrase: str
    start: int
    end: int


def _phrase(doc: Doc, st: Stmt) -> tuple[str, int, int, str]:
    sp = st.speaker
    a, b = doc.toks[sp.first].s, doc.toks[sp.last].e
    appos = doc.text[doc.toks[sp.appos[0]].s:doc.toks[sp.appos[1]].e] if sp.appos else ""
    return doc.text[a:b], a, b, appos


def titled_mentions(doc: Doc, lex: Lexicons, th: Thresholds = THRESHOLDS) -> list[Entry]:
    """Titled names anywhere in the article (``President Bashar al-Assad``, ``Rami Abdel Rahman director of the
    Observatory``), for surnames and pronouns later."""
    out: list[Entry] = []
    toks = doc.toks
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and j - i < th.max_name_words and toks[j].word and toks[j].cap \
                and lex.roles.get((toks[j].k,)) is None:
            j += 1
        nxt = j + (1 if j < len(toks) and has(toks[j].k, "det") else 0)
        r = lex.roles.get((toks[nxt].k,)) if nxt < len(toks) else None
        if j - i >= 2 and r is not None and r.kind in ("title", "rank", "member"):
            span = subject_after(toks, i, min(len(toks), i + 16))
            if span is not None:
                _add_mention(doc, lex, out, i, span.last)
            i = j
            continue
        r = lex.roles.get((toks[i].k,))
        if r is not None and r.kind in ("title", "rank", "member"):
            j = i + 1
            while j < len(toks) and j - i <= th.max_name_words and toks[j].sent == toks[i].sent and (
                    toks[j].cap and toks[j].word and verb_at(toks, j, len(toks)) is None
                    and not has(toks[j].k, "time") or _abbrev_dot(toks, j)):
                j += 1
            if j - i >= 2 and toks[j - 1].cap:
                a = i       # back over "UN Under-Secretary-General for Humanitarian Affairs and Emergency Relief"
                while a - 1 >= 0 and i - a < th.max_title_chain_words and toks[a - 1].sent == toks[i].sent and (
                        toks[a - 1].cap and toks[a - 1].word or _abbrev_dot(toks, a - 1)
                        or toks[a - 1].k in ("for", "of", "and") and a - 2 >= 0 and toks[a - 2].cap):
                    a -= 1
                _add_mention(doc, lex, out, a, j - 1)
            i = max(j, i + 1)
            continue
        i += 1
    longest: dict[int, Entry] = {}
    for e in out:           # "Emergency Relief Coordinator X" inside "UN Under-Secretary-General ... X": keep the whole
        if e.end not in longest or e.start < longest[e.end].start:
            longest[e.end] = e
    return sorted(longest.values(), key=lambda e: e.start)


def _abbrev_dot(toks, j: int) -> bool:
    """The dot of ``U.N.`` or ``Maj.`` inside a name."""
    return toks[j].t == "." and j > 0 and toks[j - 1].cap and ("." in toks[j - 1].t or len(toks[j - 1].t) <= 4)


def _add_mention(doc: Doc, lex: Lexicons, out: list[Entry], a: int, b: int) -> None:
    phrase = doc.text[doc.toks[a].s:doc.toks[b].e]
    c = code_phrase(phrase, "", lex)
    if c.person and c.actor and c.rule != "person without a title":
        out.append(Entry(c, phrase, doc.toks[a].s, doc.toks[b].e))


def _same_person(name: str, full: str) -> bool:
    """``Abdel Rahman`` / ``Ban`` / ``Assad`` is ``Rami Abdel Rahman`` / ``Ban Ki-moon`` / ``Bashar al-Assad``: the
    end (or a one-word start) of a name, name particles aside."""
    a, b = _name_words(name), _name_words(full)
    return len(a) < len(b) and (b[-len(a):] == a or (len(a) == 1 and b[0] == a[0]))


def _name_words(name: str) -> list[str]:
    out = []
    for w in name.lower().split():
        head, _, rest = w.partition("-")
        out.append(rest if rest and has(head, "particle") else w)
    return out


def _compatible(ref: str, c: Coding) -> bool:
    if ref in ("he", "she", "i"):
        return c.person
    if ref == "it":
        return not c.person and not c.plural
    return not c.person          # they, we


def _find(history: list[Entry], pred, th: Thresholds) -> Entry | None:
    for e in reversed(history[-th.max_reference_history:]):
        if pred(e):
            return e
    return None


def _is_description(phrase: str, lex: Lexicons) -> bool:
    """``the ministry``, ``The Observatory``, ``this group``: a short definite phrase of lexicon words, no name
    and no country (``the Syrian army`` is no reference to ``the Russian army``)."""
    words = phrase.split()
    if not (2 <= len(words) <= 4 and words[0].lower() in ("the", "this", "that")):
        return False
    for w in words[1:]:
        k = key(w)
        if (k,) in countries() or (w[:1].isupper() and (k,) not in lex.roles and not has(k, "generic")):
            return False
    return True


def _by_description(history: list[Entry], phrase: str, own: Coding, th: Thresholds) -> Entry | None:
    """The antecedent of a description: same head word, else (for a generic head) the same role."""
    low = phrase.lower()
    head = low.split()[-1]
    # a role from a title or body must agree; "the source", "The Coalition" (a name's head) need not
    known = "no lexicon" not in own.rule and not own.person and not any(w[:1].isupper() for w in phrase.split()[1:])
    ante = _find(history, lambda e: head in e.phrase.lower().split() and e.phrase.lower() != low
                 and (not known or e.coding.role == own.role) and (own.person or not e.coding.person), th)
    if ante is None and has(head, "generic"):
        same_role = "no lexicon" not in own.rule
        ante = _find(history, lambda e: not e.coding.person and (not same_role or e.coding.role == own.role), th)
    return ante


def _member_only(c: Coding) -> bool:
    """A member word with no body and no name (``Secretary General``, ``the spokesman``)."""
    return c.rule.split(" (")[0].count("'") == 0 and c.rule.endswith(")") and not c.rule.startswith(
        ("title", "rank", "body", "actor", "state", "countr", "people"))


def _generic_lead(phrase: str, st: Stmt, own: Coding) -> bool:
    """``a monitor said``, ``a group tracking the violence said``, a headline's ``... Monitor``: an unnamed
    speaker the article names just after."""
    words = phrase.split()
    generic = "no lexicon" not in own.rule or has(key(words[-1]), "generic") if words else False
    return bool(words) and (words[0].lower() in ("a", "an") or st.how == "headline attribution") \
        and not own.person and not own.rule.startswith("actor") and generic


def _pool(history: list[Entry], mentions: list[Entry], starts: list[int], a: int, th: Thresholds) -> list[Entry]:
    """The last speakers and the last mentions before offset ``a``, in text order (bounded, whatever the text)."""
    k = bisect_left(starts, a)
    recent = mentions[max(0, k - th.max_reference_history):k]
    return sorted(history[-th.max_reference_history:] + [m for m in recent if m.end <= a], key=lambda e: e.start)


def _resolve(doc: Doc, st: Stmt, history: list[Entry], mentions: list[Entry], starts: list[int], lex: Lexicons,
             th: Thresholds, persons: list[Entry] = (), genders: dict | None = None) -> tuple[Coding, str, Entry | None]:
    """(coding, reference kind, antecedent) of one statement's speaker."""
    genders = genders if genders is not None else {}
    phrase, a, _, appos = _phrase(doc, st)
    low = phrase.lower()
    own = code_phrase(phrase, appos, lex)
    pool = _pool(history, mentions, starts, a, th)
    if len(phrase.split()) == 1 and is_pronoun(low):
        fits = lambda e: _compatible(low, e.coding) and genders.get(e.coding.actor, low) == low     # noqa: E731
        # the speaker of the sentences just before wins over actors merely named in them ("X said ... It added")
        ante = _find(history, lambda e: fits(e) and a - e.end < th.max_pronoun_chars, th) or _find(pool, fits, th)
        if ante is None and low in ("he", "she"):
            ante = _plain_name_before(doc, st.speaker.first, lex, th)
        if ante is not None and low in ("he", "she"):
            genders[ante.coding.actor] = low        # "she" never later resolves to someone called "he"
        return (ante.coding, "pronoun", ante) if ante else (own, "pronoun, unresolved", None)
    if _is_description(phrase, lex) and not own.rule.startswith("actor"):
        ante = _by_description(pool, phrase, own, th)
        if ante is not None:
            return ante.coding, "description", ante
        return _only_actor(phrase, own, lex), "", None
    if phrase.split()[0].lower() in ("its", "their") and own.person and " of '" not in own.rule:
        ante = _find(pool, lambda e: not e.coding.person, th)     # "Its head Rami Abdel Rahman"
        if ante is not None:
            return replace(ante.coding, actor=own.actor, person=True), "possessive", ante
    if own.person and " of '" not in own.rule and _member_only(own):
        ante = _find(pool, lambda e: e.coding.person and " of '" in e.coding.rule
                     and key(phrase.split()[-1]) in {key(w) for w in e.phrase.split()}, th)
        if ante is not None:         # "Secretary General" after "the UN Secretary General"
            return ante.coding, "description", ante
    if _generic_lead(phrase, st, own):
        k = bisect_left(starts, a)
        for e in mentions[k:k + th.max_cataphora_statements]:
            same = e.coding.role == own.role or ("no lexicon" in own.rule and e.coding.role in _ORGANISED)
            if same and not e.coding.person and e.coding.rule.startswith("actor"):
                return e.coding, "forward", e
    if own.person and own.actor and own.rule == "person without a title":
        k = bisect_left(persons, a, key=lambda e: e.start)
        # titled people named before, then (nearest first) after: '"..." Konashenkov said. ... spokesman Maj. Gen.
        # Igor Konashenkov'
        after = persons[k:k + th.max_reference_history][::-1]
        pool = after + sorted(pool + persons[max(0, k - th.max_reference_history):k], key=lambda e: e.start)
        ante = _find(pool, lambda e: e.coding.person and e.coding.rule != own.rule and _same_person(own.actor,
                                                                                                 e.coding.actor), th)
        if ante is not None:
            return ante.coding, "surname", ante
    return _only_actor(phrase, own, lex), "", None


def _plain_name_before(doc: Doc, ti: int, lex: Lexicons, th: Thresholds) -> Entry | None:
    """``John Smith, 45, was at home ... "It was terrible," he said``: with no titled person or speaker to refer to,
    the nearest two- or three-word name before (no lexicon words, not after a preposition: no place)."""
    toks = doc.toks
    j = ti - 1
    while j > 0 and ti - j < th.max_words_before_quote * 4:
        if toks[j].cap and toks[j].word and toks[j - 1].cap and toks[j - 1].word:
            a = j - 1
            while a - 1 >= 0 and j - a < 2 and toks[a - 1].cap and toks[a - 1].word:
                a -= 1
            run = toks[a:j + 1]
            if all((t.k,) not in lex.roles and (t.k,) not in lex.actors and (t.k,) not in countries()
                   and not has(t.k, "time") and t.k not in ("the", "a", "an") for t in run) \
                    and (a == 0 or toks[a - 1].k not in _PLACE_PREPOSITIONS):
                phrase = doc.text[run[0].s:run[-1].e]
                c = code_phrase(phrase, "", lex)
                if c.person:
                    return Entry(c, phrase, run[0].s, run[-1].e)
            j = a
        j -= 1
    return None


def _only_actor(phrase: str, own: Coding, lex: Lexicons) -> Coding:
    """``the Observatory``, ``an Observatory toll`` with nothing to refer back to: the one actor of that name."""
    if own.person or own.rule.startswith("actor") or not own.rule.startswith("body"):
        return own
    for w in reversed(phrase.split()):
        named = unique_heads(lex).get(key(w)) if w[:1].isupper() else None
        if named is not None and named.role == own.role:
            return replace(own, actor=named.actor, country=named.country,
                           rule=f"{own.rule}; the only actor called '{w}'")
    return own


def surname_mentions(doc: Doc, persons: list[Entry]) -> list[Entry]:
    """Every later mention of a titled person by surname (``Warren, a Democrat, fired back``): the latest person
    named before a pronoun is often one of these."""
    by_surname: dict[str, Entry] = {}
    for p in persons:
        by_surname.setdefault(p.coding.actor.split()[-1].lower(), p)
    out = []
    for t in doc.toks:
        p = by_surname.get(t.k)
        if p is not None and t.cap and t.s >= p.end:
            out.append(Entry(p.coding, doc.text[t.s:t.e], t.s, t.e))
    return out


def actor_mentions(doc: Doc, lex: Lexicons) -> list[Entry]:
    """Named actors anywhere in the article (``the Syrian Observatory for Human Rights``), for references."""
    toks, out, i = doc.toks, [], 0
    while i < len(toks):
        if not toks[i].cap:
            i += 1
            continue
        for n in range(min(THRESHOLDS.max_alias_words, len(toks) - i), 0, -1):
            hit = lex.actors.get(tuple(t.k for t in toks[i:i + n]))
            if hit is not None and toks[i].cap and (not hit.upper or toks[i].t.isupper()):
                phrase = doc.text[toks[i].s:toks[i + n - 1].e]
                out.append(Entry(code_phrase(phrase, "", lex), phrase, toks[i].s, toks[i + n - 1].e))
                i += n - 1
                break
        i += 1
    return out


def _conjuncts(doc: Doc, st: Stmt, lex: Lexicons) -> list[Stmt]:
    """``State media and the Observatory said``: one statement per coordinated speaker (each must name one)."""
    sp = st.speaker
    cuts = [k for k in range(sp.first + 1, sp.last) if doc.toks[k].k == "and"]
    bounds = [b for f, l in zip([sp.first] + [c + 1 for c in cuts], [c - 1 for c in cuts] + [sp.last])
              for b in (country_list(doc.toks, f, l) if f <= l else [(f, l)])]
    if len(bounds) == 1:
        return [st]
    for f, l in bounds:
        c = code_phrase(doc.text[doc.toks[f].s:doc.toks[l].e], "", lex)
        if f > l or c.rule == "no lexicon match" or _member_only(c):
            return [st]     # each conjunct must name a speaker of its own
    return [replace(st, speaker=Span(f, l, sp.appos if l == sp.last else None, sp.how)) for f, l in bounds]


def resolve(doc: Doc, stmts: list[Stmt], lex: Lexicons, th: Thresholds = THRESHOLDS) -> list[dict]:
    """One row per statement (and coordinated speaker), in text order, speakers coded and references resolved."""
    persons = titled_mentions(doc, lex)
    mentions = sorted(persons + actor_mentions(doc, lex) + surname_mentions(doc, persons), key=lambda e: e.start)
    genders: dict[str, str] = {}
    seats = _seats(mentions)
    starts = [m.start for m in mentions]
    home = article_country(doc)
    history: list[Entry] = []
    rows: list[dict] = []
    split = [part for st in stmts for part in (_conjuncts(doc, st, lex) if st.speaker else [st])]
    for st in sorted(split, key=lambda s: s.start):
        if st.follows and rows:
            row = dict(rows[-1])
            row.update(_content(doc, st), reference="continuation", attribution=st.how)
            rows.append(row)
            continue
        if st.speaker is None:
            continue
        coding, ref, ante = _resolve(doc, st, history, mentions, starts, lex, th, persons, genders)
        phrase, a, b, appos = _phrase(doc, st)
        coding = _article_identity(coding, f"{phrase} {appos}", history, seats)
        coding = settle_country(coding, (phrase, ante.phrase) if ante else (phrase,), home, lex)
        history.append(Entry(coding, phrase, a, b))
        rows.append({**_content(doc, st), "speaker": phrase, "speaker_start": a, "speaker_end": b,
                     **_coded(coding), "reference": ref, "resolved_from": ante.phrase if ante else "",
                     "resolved_start": ante.start if ante else -1, "resolved_end": ante.end if ante else -1,
                     "attribution": st.how,
                     "rule": f"{ref} -> '{ante.phrase}': {coding.rule}" if ante else coding.rule})
    for row in rows:
        row.pop("_coding", None)
    return rows


def _article_identity(c: Coding, phrase: str, history: list[Entry], seats: dict) -> Coding:
    """One actor per person and body in an article: ``Abdel Rahman`` is the ``Rami Abdel Rahman`` named earlier,
    and ``Observatory director X`` takes the country of the article's named Observatory."""
    if c.person and c.actor:
        for e in reversed(history[-THRESHOLDS.max_reference_history:]):
            if e.coding.person and (c.actor == e.coding.actor or _same_person(c.actor, e.coding.actor)):
                c = e.coding if c.rule == "person without a title" else replace(
                    c, actor=e.coding.actor, country=c.country or e.coding.country)    # one person, one country
                break
    if not c.country and not c.rule.startswith("actor"):
        for w in phrase.split():
            k = key(w)
            m = seats.get((k, c.role)) or seats.get((k[:-2] if k.endswith("'s") else k, c.role))
            if m is not None:
                return replace(c, country=m.coding.country, rule=f"{c.rule}; country of '{m.phrase}'")
    return c


def _seats(mentions: list[Entry]) -> dict[tuple[str, str], Entry]:
    """(word, role) -> the first named actor of that role with a country whose name has the word."""
    out: dict[tuple[str, str], Entry] = {}
    for m in mentions:
        if m.coding.rule.startswith("actor") and m.coding.country:
            for w in m.phrase.split():
                if key(w) not in ("the", "a", "an", "of", "for"):
                    out.setdefault((key(w), m.coding.role), m)
    return out


def _content(doc: Doc, st: Stmt) -> dict:
    return {"text": doc.text[st.start:st.end], "start": st.start, "end": st.end, "direct": st.direct,
            "verb": st.verb, "cue": st.cue}


def _coded(c: Coding) -> dict:
    return {"speaker_canonical": c.actor, "speaker_actor": c.actor, "speaker_role": c.role,
            "speaker_country": c.country, "speaker_type": c.speaker_type, "_coding": c}
