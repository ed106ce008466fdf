"""Dates: :func:`parse_date` reads one date; :class:`DateOrders` decides the order of day and month per file.

A numeric date (``05/04/2017``, ``05.04.17``, ``05-04-2017``) cannot be read alone: 5 April in London and
Beirut, May 4 in New York. The order is a file's convention, so it is decided per file from the dates in
it: a first number over 12 proves day first (``13/04/2017``), a second over 12 proves month first
(``04/13/2017``). A file whose dates prove one order reads all its numeric dates in that order; a file
whose dates prove both reads each proven date as proven and the rest in the order more of them prove; a
file with no proof reads them in :data:`DEFAULT_ORDER` (day first: the convention of the UK and Middle
East outlets this corpus reads). Dates read by the default or by a majority are counted and reported per
file. ISO dates (``2017-04-05``) and dates with a month name are never in question.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from functools import lru_cache

import pandas as pd

from .rules import DAYS, MONTHS

__all__ = ["parse_date", "date_order", "DateOrders", "DAY_FIRST", "MONTH_FIRST", "DEFAULT_ORDER"]

DAY_FIRST, MONTH_FIRST = "day first", "month first"
#: The order of day and month in a file whose numeric dates all fit both (UK / Middle East usage).
DEFAULT_ORDER = DAY_FIRST
#: What a numeric date fitting both orders is (neither proves an order).
EITHER = "either"
AMBIGUOUS_ORDER, CONFLICTING_ORDER = "ambiguous date order", "conflicting date order"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_DAY_PREFIX = re.compile(rf"^(?:(?:{DAYS})\w*\.?,?\s+)")
_AT_TIME = re.compile(r"\s+at\s+(\d{1,2})(\d{2})\b")
_DOT_TIME = re.compile(r"\s(\d{1,2})\.(\d{2})(?=(?:\s+[A-Z]{2,4})?$)")             # "14.23 BST"
_SEPARATOR = re.compile(r"[|·•]")
_RUN_TOGETHER = re.compile(r"^([A-Za-z]{3,9}\.?\s+)(\d{1,2})((?:19|20)\d\d)\b")      # "Apr 152017"
_LOCAL_ZONE = re.compile(r"\s+(?:ET|EST|EDT|PT|PST|PDT|CET|CEST|BST|AST)$")    # local time, kept naive
_DAY_FIRST = re.compile(r"\d{1,2}[.-]\d")          # what dateutil is told of other numeric forms ("24.08")
# What most pages print, read without the general parser (which gives the same): "05 Apr 2017",
# "April 5, 2017 09:14".
_SIMPLE_DATE = re.compile(
    r"(?:(?P<d1>\d{1,2}) (?P<m1>[A-Za-z]{3,9})|(?P<m2>[A-Za-z]{3,9}) (?P<d2>\d{1,2}),?) (?P<y>\d{4})"
    r"(?: (?P<hh>\d{1,2}):(?P<mm>\d{2}))?", re.ASCII)
# Day and month (in either order) and a year of four or two digits, one separator: "05/04/2017 10:20".
_NUMERIC_DATE = re.compile(r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?!\d)\.?"
                           r"(?P<rest>.*)", re.ASCII | re.S)
_MONTH_NO = {**{m.lower(): k for k, name in enumerate(MONTHS.split("|")[:12], start=1) for m in (name, name[:3])},
             "sept": 9}


@lru_cache(maxsize=4096)
def _numeric(raw: str) -> tuple[int, int, int, str] | None:
    """A numeric date's two first numbers, its year (two digits: 69-99 the 1900s, 00-68 the 2000s, as
    ``strptime``'s ``%y``) and what follows it (a time); None for any other text."""
    m = _NUMERIC_DATE.match(_DAY_PREFIX.sub("", raw.strip()))
    if m is None:
        return None
    year = int(m.group("y"))
    if len(m.group("y")) == 2:
        year += 1900 if year >= 69 else 2000
    return int(m.group("a")), int(m.group("b")), year, m.group("rest")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def date_order(raw: str) -> str | None:
    """What a date says of the order of day and month: :data:`DAY_FIRST` or :data:`MONTH_FIRST` when it
    proves one (a number over 12), ``"either"`` when it fits both and reads differently in each; None for
    a date that needs no order (ISO, a month name, ``05/05/2017``) or is no date.

    >>> date_order("13/04/2017"), date_order("04/13/17"), date_order("05/04/2017"), date_order("2017-04-05")
    ('day first', 'month first', 'either', None)
    """
    parts = _numeric(raw)
    if parts is None:
        return None
    a, b, year, _ = parts
    if a == b:
        return None
    if a > 12 or b > 12:
        order = DAY_FIRST if a > 12 else MONTH_FIRST
        day, month = (a, b) if order == DAY_FIRST else (b, a)
        return order if _valid(year, month, day) else None
    return EITHER


def parse_date(raw: str, order: str = DEFAULT_ORDER) -> pd.Timestamp | None:
    """A date (with its time, if given) as naive UTC, or None when it cannot be read.

    A numeric date is read in the order its numbers prove (``13/04/2017``), else in ``order``
    (:data:`DAY_FIRST`, the default, or :data:`MONTH_FIRST`); the loader decides ``order`` per file.

    >>> parse_date("2017-04-05T10:20:00+03:00"), parse_date("Wed 05 Apr 2017"), parse_date("soon")
    (Timestamp('2017-04-05 07:20:00'), Timestamp('2017-04-05 00:00:00'), None)
    >>> parse_date("05/04/2017"), parse_date("05/04/2017", MONTH_FIRST), parse_date("04/13/2017")
    (Timestamp('2017-04-05 00:00:00'), Timestamp('2017-05-04 00:00:00'), Timestamp('2017-04-13 00:00:00'))
    """
    if order not in (DAY_FIRST, MONTH_FIRST):
        raise ValueError(f"order must be {DAY_FIRST!r} or {MONTH_FIRST!r}, got {order!r}")
    parts = _numeric(raw)
    if parts is not None:
        a, b, year, rest = parts
        day_first = a > 12 or (b <= 12 and order == DAY_FIRST)
        day, month = (a, b) if day_first else (b, a)
        if not _valid(year, month, day):
            return None
        return _parse_date(f"{year:04d}-{month:02d}-{day:02d}{rest}".strip())
    return _parse_date(raw.strip())


def _simple_date(clean: str) -> datetime | None:
    """A day, a month name and a year (and an hour) in one of the usual orders, or None."""
    m = _SIMPLE_DATE.fullmatch(clean)
    if m is None:
        return None
    month = _MONTH_NO.get((m.group("m1") or m.group("m2")).lower())
    if month is None:
        return None
    try:
        return datetime(int(m.group("y")), month, int(m.group("d1") or m.group("d2")),
                        int(m.group("hh") or 0), int(m.group("mm") or 0))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_date(raw: str) -> pd.Timestamp | None:
    ts = None
    if _ISO_DATE.fullmatch(raw):
        try:
            ts = pd.Timestamp(datetime.fromisoformat(raw))
        except ValueError:
            ts = None
    if ts is None:
        clean = _DOT_TIME.sub(r" \1:\2", _AT_TIME.sub(r" \1:\2", _DAY_PREFIX.sub("", raw)))
        clean = _SEPARATOR.sub(" ", clean).replace(" - ", " ")
        clean = _LOCAL_ZONE.sub("", _RUN_TOGETHER.sub(r"\1\2 \3", clean))
        simple = _simple_date(clean)
        if simple is not None:
            ts = pd.Timestamp(simple)
        else:
            try:
                ts = pd.to_datetime(clean, errors="coerce", format="mixed", dayfirst=bool(_DAY_FIRST.match(clean)))
            except (ValueError, OverflowError):
                return None
        if pd.isna(ts):
            return None
    if not 1900 <= ts.year <= 2100:
        return None
    return ts.tz_convert("UTC").tz_localize(None) if ts.tzinfo else ts


class DateOrders:
    """The order of day and month of each file's numeric dates, decided over every record of a load.

    ``records`` carry ``_numeric_date`` (``[file, text]``, set by the readers; the dates were read day
    first, or in the order they prove). :meth:`settle` re-reads a record's date in its file's order and
    counts it when that order is assumed; :meth:`changes` gives the load report's rows, one per file.
    """

    def __init__(self, records: list[dict]) -> None:
        self.evidence: dict[str, Counter] = {}
        for rec in records:
            if rec.get("_numeric_date"):
                file, text = rec["_numeric_date"]
                self.evidence.setdefault(file, Counter())[date_order(text)] += 1
        self.assumed: dict[str, list] = {}          # file -> [count, first line, first text]

    def order(self, file: str) -> tuple[str, str]:
        """The order a file's dates fitting both are read in, and why (``proven``, ``majority``, ``default``)."""
        seen = self.evidence.get(file, Counter())
        day, month = seen[DAY_FIRST], seen[MONTH_FIRST]
        if day and month:
            return (DAY_FIRST if day > month else MONTH_FIRST if month > day else DEFAULT_ORDER,
                    "majority" if day != month else "default")
        if day or month:
            return (DAY_FIRST if day else MONTH_FIRST), "proven"
        return DEFAULT_ORDER, "default"

    def settle(self, rec: dict) -> None:
        """The record's date read in its file's order (its ``_numeric_date`` dropped); counted when assumed."""
        got = rec.pop("_numeric_date", None)
        if not got or date_order(got[1]) != EITHER:
            return
        file, text = got
        order, why = self.order(file)
        if order != DEFAULT_ORDER:
            rec["date"] = parse_date(text, order)
        if why != "proven":
            tally = self.assumed.setdefault(file, [0, rec["line"], text])
            tally[0] += 1

    def changes(self) -> list[dict]:
        """The load report's rows: per file, the dates read in an assumed order and the proofs against it."""
        rows = []
        conflicting = {f for f, seen in self.evidence.items() if seen[DAY_FIRST] and seen[MONTH_FIRST]}
        for file in sorted(set(self.assumed) | conflicting):
            order, why = self.order(file)
            seen = self.evidence[file]
            day, month = seen[DAY_FIRST], seen[MONTH_FIRST]
            if file in self.assumed:
                n, line, text = self.assumed[file]
                rows.append(_row(file, AMBIGUOUS_ORDER, n, f"{n} numeric date(s) fit both orders of day and month; "
                                 f"read {order} ({_because(why, day, month)}); e.g. line {line}: {text.strip()!r}"))
            if day and month:
                rows.append(_row(file, CONFLICTING_ORDER, month if order == DAY_FIRST else day,
                                 f"{day} date(s) prove day first (first number over 12), {month} month first "
                                 "(second number over 12): each read in the order it proves"))
        return rows


def _row(file: str, what: str, n: int, detail: str) -> dict:
    return {"article_id": None, "source": file, "line": None, "action": "changed", "what": what,
            "detail": detail, "n": n}


def _because(why: str, day: int, month: int) -> str:
    """Why a file's dates fitting both orders are read as they are."""
    if why == "majority":
        return f"the majority: {day} date(s) prove day first, {month} month first"
    if day or month:
        return f"the default, on a tie: {day} date(s) prove day first, {month} month first"
    return "the default: no date in the file shows the order"
