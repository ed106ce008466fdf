"""The statement rules' vocabulary, read from data files under ``analysis/data/`` (users extend them).

Files: ``reporting_verbs.csv`` (verbs and cues), ``statement_cues.csv`` (gap, time, determiner, pronoun words),
``roles.csv`` (titles, ranks, bodies: role and kind), ``actors.csv`` (named actors and metonymy: canonical actor,
role, country), the gazetteer's ``countries.csv`` (country names and demonyms), ``hedges.txt``, ``modals.txt``,
``adversary_terms.csv``. Nothing is read at import; each file is read once, on first use.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import package_data
from ..text import fold

ROLES = ("GOV", "MIL", "REB", "OPP", "IGO", "NGO", "MED", "CVL", "OTHER")
ROLE_KINDS = ("rank", "body", "state", "title", "member")
VERB_KINDS = ("verb", "participle", "describe", "according", "quoting")
TOKEN = re.compile(r"\w+(?:[.'\-]+\w+)*|[^\w\s]")     # no nested repetition: linear on any input


def key(word: str) -> str:
    """The form a word is looked up by: folded, lower case, without dots.

    >>> key("U.S."), key("Maj."), key("Syria’s")
    ('us', 'maj', "syria's")
    """
    return fold(word).lower().replace(".", "")


def phrase_key(text: str) -> tuple[str, ...]:
    """A phrase as a tuple of word keys (punctuation other than hyphens and dots dropped).

    >>> phrase_key("the U.S.-led coalition")
    ('the', 'us-led', 'coalition')
    """
    return tuple(k for k in (key(m.group()) for m in TOKEN.finditer(fold(text))) if k and (k[0].isalnum() or k[0] == "_"))


def read_table(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict]]:
    """Rows of a CSV (``#`` lines are comments) as ``(line number, row)``; a clear error names file and line."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: lexicon file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(i, line) for i, line in enumerate(fh, 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise ValueError(f"{path}: empty lexicon (needs a header with {', '.join(required)})")
    reader = csv.reader([line for _, line in lines])
    header = [h.strip() for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise ValueError(f"{path}, line {lines[0][0]}: needs columns {', '.join(required)} (missing: {', '.join(missing)})")
    rows = []
    for (lineno, _), values in zip(lines[1:], reader):
        if len(values) > len(header):
            raise ValueError(f"{path}, line {lineno}: {len(values)} fields for {len(header)} columns")
        row = dict(zip(header, (v.strip() for v in values)))
        if not all(row.get(c) for c in required[:1]):
            raise ValueError(f"{path}, line {lineno}: empty {required[0]!r}")
        rows.append((lineno, row))
    return rows


def read_words(path: Path) -> tuple[str, ...]:
    """A one-word-a-line list (``#`` comments), lower case."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: word list not found")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))


@dataclass(frozen=True)
class Verb:
    base: str
    kind: str       # verb, participle, describe, according, quoting
    words: int      # how many words the cue spans ("according to": 2)


@lru_cache(maxsize=4)
def verbs(path: str | None = None) -> dict[tuple[str, ...], Verb]:
    """Reporting verbs and cues by their words: ``{("said",): Verb("say", "verb", 1), ...}``.

    >>> verbs()[("according", "to")].kind
    'according'
    """
    p = Path(path) if path else package_data("reporting_verbs.csv")
    out = {}
    for lineno, row in read_table(p, ("form", "base", "kind")):
        if row["kind"] not in VERB_KINDS:
            raise ValueError(f"{p}, line {lineno}: kind {row['kind']!r} is not one of {', '.join(VERB_KINDS)}")
        words = phrase_key(row["form"])
        out[words] = Verb(row["base"], row["kind"], len(words))
    return out


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """Function words by kind (``statement_cues.csv``): ``{"the": {"det"}, "he": {"person"}, ...}``."""
    p = package_data("statement_cues.csv")
    out: dict[str, set[str]] = {}
    for _, row in read_table(p, ("word", "kind")):
        out.setdefault(key(row["word"]), set()).add(row["kind"])
    return {w: frozenset(k) for w, k in out.items()}


def has(word: str, kind: str) -> bool:
    """Whether a word key has a cue kind.

    >>> has("tuesday", "time"), has("he", "person"), has("army", "det")
    (True, True, False)
    """
    return kind in cues().get(word, ())


@dataclass(frozen=True)
class Role:
    term: str
    role: str
    kind: str


_OLD_TYPES = {"military": "MIL", "government": "GOV", "other": "OTHER"}


def _role_rows(p: Path) -> list[Role]:
    rows = read_table(p, ("term",))
    out = []
    for lineno, row in rows:
        given = row.get("role") or row.get("cameo") or row.get("type", "")
        role = given if given in ROLES else _OLD_TYPES.get(row.get("type", ""), "")
        if role not in ROLES:
            raise ValueError(f"{p}, line {lineno}: role {given or '(empty)'!r} for {row['term']!r} is not one of "
                             f"{', '.join(ROLES)} (or give type military / government / other)")
        kind = row.get("kind") or "title"
        if kind not in ROLE_KINDS:
            raise ValueError(f"{p}, line {lineno}: kind {kind!r} is not one of {', '.join(ROLE_KINDS)}")
        out.append(Role(row["term"].lower(), role, kind))
    return out


def load_role_lexicon(path: str | Path | None = None, *, extend: bool = True) -> dict[tuple[str, ...], Role]:
    """The role lexicon by term words: the shipped ``roles.csv`` extended (or replaced) by your CSV."""
    if path is None:
        return _shipped_roles()
    return _role_lexicon(str(path), extend)


@lru_cache(maxsize=1)
def _shipped_roles() -> dict[tuple[str, ...], Role]:
    return _role_lexicon(None, True)


def _role_lexicon(path: str | None, extend: bool) -> dict[tuple[str, ...], Role]:
    entries: list[Role] = []
    if extend or path is None:
        entries += _role_rows(package_data("roles.csv"))
    if path is not None:
        entries += _role_rows(Path(path))
    return {phrase_key(r.term): r for r in entries}


@dataclass(frozen=True)
class Actor:
    actor: str
    role: str
    country: str
    upper: bool     # a short alias (WHO, IS, AP) only counts written in capitals


def load_actor_lexicon(path: str | Path | None = None, *, extend: bool = True) -> dict[tuple[str, ...], Actor]:
    """Named actors by alias words (``actors.csv``, extended or replaced by your CSV with the same columns)."""
    if path is None:
        return _shipped_actors()
    return _actor_lexicon(str(path), extend)


@lru_cache(maxsize=1)
def _shipped_actors() -> dict[tuple[str, ...], Actor]:
    return _actor_lexicon(None, True)


def _actor_lexicon(path: str | None, extend: bool) -> dict[tuple[str, ...], Actor]:
    paths = ([package_data("actors.csv")] if extend or path is None else []) + ([Path(path)] if path else [])
    out = {}
    for p in paths:
        for lineno, row in read_table(p, ("alias", "actor", "role", "country")):
            if row["role"] not in ROLES:
                raise ValueError(f"{p}, line {lineno}: role {row['role']!r} is not one of {', '.join(ROLES)}")
            if row["country"] and not re.fullmatch(r"[A-Z]{2}", row["country"]):
                raise ValueError(f"{p}, line {lineno}: country {row['country']!r} is not an ISO alpha-2 code")
            words = phrase_key(row["alias"])
            out[words] = Actor(row["actor"], row["role"], row["country"], len(row["alias"].replace(".", "")) <= 3)
    return out


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    demonym: bool


@lru_cache(maxsize=1)
def countries() -> dict[tuple[str, ...], Country]:
    """Country names, aliases and demonyms from the gazetteer (``gazetteer/countries.csv``) by their words."""
    p = package_data("gazetteer/countries.csv")
    out: dict[tuple[str, ...], Country] = {}
    for _, row in read_table(p, ("country_code", "name")):
        code, name = row["country_code"], row["name"]
        for alias in [name] + [a for a in row.get("aliases", "").split("|") if a]:
            out.setdefault(phrase_key(alias), Country(code, name, False))
        for dem in re.split(r"[|,]", row.get("demonyms", "")):
            if dem.strip():
                out.setdefault(phrase_key(dem), Country(code, name, True))
    out.pop((), None)
    return out


@lru_cache(maxsize=8)
def word_list(name: str) -> tuple[str, ...]:
    """A shipped one-a-line word list (``hedges.txt``, ``modals.txt``)."""
    return read_words(package_data(name))


@lru_cache(maxsize=1)
def adversary_terms() -> dict[str, tuple[str, ...]]:
    """How each side names the adversary: label -> terms (``adversary_terms.csv``)."""
    out: dict[str, list[str]] = {}
    for _, row in read_table(package_data("adversary_terms.csv"), ("label", "term")):
        out.setdefault(row["label"], []).append(row["term"].lower())
    return {k: tuple(v) for k, v in out.items()}
