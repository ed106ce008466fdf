"""Speakers resolved within an article and coded: pronouns, descriptions, surnames, continued quotes.

*he / she* take the most recent person, *it* the most recent organisation or country, *they / we* the most recent
group or organisation; a definite description (*the ministry*, *the monitor*, *the group*, *the spokesman*, *the
statement*) the most recent speaker whose phrase has the same head word, else the most recent with its role; a
bare surname the earlier speaker or titled mention with that name; an indefinite lead (*a monitor said*) the named
speaker of the same role among the next few statements. Every row records what it resolved to.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from .actors import Coding, Lexicons, code_phrase, unique_heads
from .config import THRESHOLDS, Thresholds
from .extraction import Stmt
from .lexicon import countries, has, key
from .antecedents import definite_complement, document_speaker, same_head_before, sentence_subject
from .mentions import Entry, actor_mentions, plain_name_before, surname_mentions, titled_mentions
from .nationality import article_country, country_list, local_country, settle_country
from .speakers import Span, is_pronoun
from .text import Doc


_ORGANISED = ("NGO", "REB", "OPP", "MED", "IGO")     # what "a group" may turn out to be
_COMPLEMENT = ("of", "for", "in", "at", "from", "inside", "with", "on")   # after a head: "a source in Aleppo"


def _phrase(doc: Doc, st: Stmt) -> tuple[str, int, int, str]:
    sp = st.speaker
    a, b = doc.toks[sp.first].s, doc.toks[sp.last].e
    appos = (doc.cased or doc.text)[doc.toks[sp.appos[0]].s:doc.toks[sp.appos[1]].e] if sp.appos else ""
    return doc.text[a:b], a, b, appos


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


def _head_words(phrase: str) -> set[str]:
    """Words that may head a phrase: the last, the one before a complement (of, in ...) or a parenthesis, a title
    before a name (``official`` in *a U.S. official*, *the official of X*, *official Ali Omar*; not in *official
    media*)."""
    words = phrase.lower().split()
    out = {words[-1]} if words else set()
    for i in range(1, len(words)):
        if words[i] in _COMPLEMENT or words[i].startswith("("):
            out.add(words[i - 1])
    low = [i for i, w in enumerate(phrase.split()) if not w[:1].isupper()]
    if low:
        out.add(words[low[-1]])
    return out


def _by_description(history: list[Entry], phrase: str, own: Coding, th: Thresholds) -> Entry | None:
    """The antecedent of a description: same head word, else (for a generic head) the same role."""
    low = phrase.lower()
    head = low.split()[-1]
    # a role from a title or body must agree; "the source", "The Coalition" (a name's head) need not
    # nor a member word's default role ("the official", "the sources": whoever's officials they are)
    known = "no lexicon" not in own.rule and not own.person and not any(w[:1].isupper() for w in phrase.split()[1:]) \
        and not _member_only(own)
    ante = _find(history, lambda e: head in _head_words(e.phrase) and e.phrase.lower() != low
                 and (not known or e.coding.role == own.role) and (own.person or not e.coding.person), th)
    if ante is None and has(head, "generic"):
        same_role = "no lexicon" not in own.rule
        ante = _find(history, lambda e: not e.coding.person and (not same_role or e.coding.role == own.role), th)
    return ante


def _pronoun(doc: Doc, st: Stmt, low: str, history: list[Entry], pool: list[Entry], lex: Lexicons,
             th: Thresholds, genders: dict) -> Entry | None:
    """The antecedent of a pronoun: the speaker of the sentences just before, who wins over actors merely named in
    them (*X said ... It added*), unless the subject of the previous sentence agrees and comes after that speaker
    (*... said Rami Abdel Rahman. ... Ziad 13 suffered a head injury ... he told AFP*)."""
    a = doc.toks[st.speaker.first].s
    fits = lambda e: _compatible(low, e.coding) and genders.get(e.coding.actor, low) == low     # noqa: E731
    ante = _find(history, lambda e: fits(e) and a - e.end < th.max_pronoun_chars, th) or _find(pool, fits, th)
    subj = sentence_subject(doc, st.speaker.first, lex, th)
    if subj is not None and fits(subj) and (ante is None or subj.start >= ante.end):
        ante = subj
    if ante is None and low in ("he", "she"):
        ante = plain_name_before(doc, st.speaker.first, lex, th)
    if ante is not None and low in ("he", "she"):
        genders[ante.coding.actor] = low        # "she" never later resolves to someone called "he"
    return ante


def _description(doc: Doc, st: Stmt, phrase: str, own: Coding, history: list[Entry], pool: list[Entry],
                 lex: Lexicons, th: Thresholds) -> Entry | None:
    """The antecedent of ``the ministry`` / ``the official`` / ``the report``: a speaker or mention with its head,
    else an earlier phrase in the text with its head that says more, else (a document) the last speaker."""
    ante = _by_description(pool, phrase, own, th)
    if ante is None:
        head = key(phrase.split()[-1])
        role = "" if _member_only(own) or "no lexicon" in own.rule else own.role
        ante = same_head_before(doc, st.speaker.first, head, lex, th, role) or document_speaker(head, history)
    return ante


def _member_only(c: Coding) -> bool:
    """A member word with no body and no name (``Secretary General``, ``the spokesman``)."""
    return c.rule.split(" (")[0].count("'") == 0 and c.rule.endswith(")") and not c.rule.startswith(
        ("title", "rank", "body", "actor", "state", "countr", "people"))


def _partitive(phrase: str, history: list[Entry], th: Thresholds) -> Entry | None:
    """``one official`` / ``one of the diplomats``: a member of the last speakers named by the plural of its head
    (*European officials said ... said one official*)."""
    words = [key(w) for w in phrase.split()]
    if len(words) < 2 or words[0] != "one":
        return None
    plural = {words[-1] + "s", words[-1] + "es"}
    return _find(history, lambda e: bool(plural & _head_words(e.phrase)), th)


def _generic_lead(phrase: str, st: Stmt, own: Coding) -> bool:
    """``a monitor said``, ``a group tracking the violence said``, a headline's ``... Monitor``: an unnamed
    speaker the article names just after."""
    words = phrase.split()
    generic = "no lexicon" not in own.rule or has(key(words[-1]), "generic") if words else False
    return bool(words) and (words[0].lower() in ("a", "an") or st.how == "headline attribution") \
        and not own.person and not own.rule.startswith("actor") and generic


def _possessive_lead(phrase: str) -> bool:
    """``Its head X``, ``The groups director X`` (the group's, apostrophe lost): a member of an organisation named
    before."""
    words = [key(w) for w in phrase.split()]
    if words[0] in ("its", "their"):
        return True
    return words[0] == "the" and any(w.endswith("s") and has(w[:-2] if w.endswith("'s") else w[:-1], "generic")
                                     for w in words[1:-1])


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
    own = code_phrase(doc.cased[a:a + len(phrase)] if doc.cased else phrase, appos, lex)     # shouted: case-folded
    pool = _pool(history, mentions, starts, a, th)
    if len(phrase.split()) == 1 and is_pronoun(low):
        ante = _pronoun(doc, st, low, history, pool, lex, th, genders)
        return (ante.coding, "pronoun", ante) if ante else (own, "pronoun, unresolved", None)
    if _is_description(phrase, lex) and not own.rule.startswith("actor"):
        ante = _description(doc, st, phrase, own, history, pool, lex, th)
        if ante is not None:
            return ante.coding, "description", ante
        return _only_actor(phrase, own, lex), "", None
    if _possessive_lead(phrase) and own.person and " of '" not in own.rule:
        ante = _find(pool, lambda e: not e.coding.person, th)     # "Its head Rami Abdel Rahman"
        if phrase.split()[0].lower() == "the":                    # "the groups director": a group that spoke
            ante = _find(history, lambda e: not e.coding.person and e.coding.role in _ORGANISED, th) or ante
        if ante is not None:
            return replace(ante.coding, actor=own.actor, person=True), "possessive", ante
    if own.person and " of '" not in own.rule and _member_only(own):
        ante = _partitive(phrase, history, th) or _find(pool, lambda e: e.coding.person and " of '" in e.coding.rule
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
        coding = definite_complement(doc, st.speaker.first, st.speaker.last, coding, lex, th)
        coding = settle_country(coding, (phrase, ante.phrase) if ante else (phrase,), home, lex,
                                local_country(doc, st.speaker.first, st.speaker.last))
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
