"""Line classes shared by the dump parser and the cleaners: widget residue, credits, dates, titles."""
from __future__ import annotations

import re

RESIDUE = re.compile(
    r"""^(?:
        T\s?T | \d{1,7} | \d[\d,.]*\s*[kKmM]?\s*(?:comments?|shares?|views?|reads?|likes?)
      | share(?:\s+(?:this|this\s+article|on\s+\w+))? | tweet | print | e-?mail | facebook | twitter
      | whatsapp | telegram | linkedin | copy\s+link | comments? | (?:font|text)\s+size | listen
      | save | a\s?[+-]?\s?a\s?[+-]? | advertisement | ad
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
RELATED = re.compile(r"^(?:RELATED|READ\s+(?:MORE|ALSO)|ALSO\s+READ|SEE\s+ALSO)\b\s*[:：\-–—]", re.I)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
DATE_LINE = re.compile(
    rf"""^(?:(?:{DAYS}),?\s+)?(?:
        \d{{1,2}}\s+(?:{MONTHS})\.?,?\s+\d{{4}}
      | (?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}
      | \d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    )(?:\s*[-–,|/]?\s*(?P<time>\d{{1,2}}[:.]\d{{2}})\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|BST|CET|EST|EDT))?)?
    (?:\s*/\s*(?:[Uu]pdated\s+)?(?:an?|\d+)\s+(?:minute|hour|day|week|month|year)s?\s+ago)?$""",
    re.VERBOSE,
)
# A photo credit in parentheses at the end of a caption: "(AFP Photo/X)", "(File/Reuters)".
CREDIT_WORDS = (
    r"photo|file|afp|reuters|ap|epa|getty|anadolu|xinhua|sana|wafa|spa|ina|dpa|archive|asharq|"
    r"handout|pool|courtesy|images?|via|nna|mena|qna|kuna|iraqi news agency|social media"
)
CREDIT = re.compile(rf"\s*\((?P<credit>[^()]*(?:/|\b(?:{CREDIT_WORDS})\b)[^()]*)\)", re.I)
CREDIT_END = re.compile(CREDIT.pattern + r"\s*$", re.I)
# A bare photo credit line: "Louai Beshara/AFP/Getty Images", "Getty Images", "AP Photo/Hassan Ammar".
CREDIT_LINE = re.compile(
    r"^(?:(?:Photo|Image|Picture)s?:?\s*)?(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*"
    r"(?:\s*/\s*\w[\w.'’-]*(?:\s+[\w.'’-]+){0,3})+$|^(?:AP|AFP|Reuters|EPA|Getty Images|Anadolu Agency|Xinhua)(?:\s+Photo)?$"
)
SENTENCE_END = re.compile(r"""[.!,;:]["'”’)\]]*$|[.!?]["'”’]$""")


HEADER_KEY_LINE = re.compile(r"^[A-Z][A-Za-z_ -]{0,24}:\s")


def is_residue(line: str) -> bool:
    return bool(RESIDUE.match(line))


def split_credit(line: str) -> tuple[str, str] | None:
    m = CREDIT_END.search(line)
    if not m:
        return None
    return line[: m.start()].rstrip(), m.group("credit").strip()


def is_header_key_line(line: str) -> bool:
    """``Title: …``, ``Date: …``, ``Src: …``: a metadata line with a known key."""
    from .header import _key

    return bool(HEADER_KEY_LINE.match(line)) and _key(line) is not None


def title_like(line: str) -> bool:
    """Could this line be a headline? Never a widget, credit, header-key, byline or date line."""
    from .widgets import is_widget_line

    if not line or is_residue(line) or RELATED.match(line) or DATE_LINE.match(line):
        return False
    if split_credit(line) is not None or CREDIT_LINE.match(line) or is_header_key_line(line):
        return False
    if re.match(r"^By\s+[A-Z]", line) or is_widget_line(line):
        return False
    n = len(line.split())
    if n > 30 or len(line) > 250:
        return False
    if SENTENCE_END.search(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"
