"""Repair the residue that scraping leaves in text, and say what was changed.

Every function here returns the repaired text *and* a list of short change
labels, so the loader can report per article what it touched.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import ftfy

__all__ = ["DecodeResult", "UndecodableError", "decode_bytes", "repair_line", "from_html", "fix_mixed_quotes",
           "looks_binary", "utf16_kind"]

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # curly quotes are information: they delimit quotations
    fix_character_width=False,
    explain=False,
)

# Only lines with a character that mojibake, ligatures or control codes produce go through ftfy
# (UTF-8 read as Latin-1/cp1252 starts with one of these lead characters); the rest are left as they are.
_FTFY_GATE = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                        "\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufb00-\ufb06\ufffd]")
_LONE_A_CIRC = re.compile("\u00c2(?![A-Za-z\u00c0-\u024f])")
# Spaces that are not plain spaces, and zero-width characters.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_MULTI_SPACE = re.compile(r" {2,}")
# Any character one of the three above acts on: most non-ASCII lines (curly quotes, accents) have none.
_SPECIAL = re.compile("[" + "".join(p.pattern[1:-1] for p in (_FTFY_GATE, _ODD_SPACES, _ZERO_WIDTH)) + "]")
# "Lebanese -Syrian", "Lebanese- Syrian": a hyphen with a space on one side only,
# between two words the second of which is capitalised (so "pro- and anti-" survives).
# (Each pattern opens with its literal and looks behind afterwards: the same matches, found faster.)
_STRAY_HYPHEN = re.compile(r" -(?=[A-Z][a-z])(?<=[A-Za-z] -)|- (?=[A-Z][a-z])(?<=[A-Za-z]- )")
# "word ," → "word,"
_SPACE_BEFORE_PUNCT = re.compile(r" (?<=[\w\"”’')] ) *(?=[,;:](?:\s|$)|\.(?:\s|$)(?!\.))")


# HTML that exports leave in a field: blocks end paragraphs, a <br> a line; inline tags go; scripts, styles and
# comments go with their content; entities (&quot; &amp; &#39; &nbsp;) are decoded.
_HTML_DROP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HTML_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|figure|figcaption|"
                         r"table|tr|td|th|tbody|thead|hr|main|aside|nav)\b[^<>]*>", re.I)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)
_HTML_INLINE = re.compile(r"</?(?:a|span|b|i|em|strong|u|s|small|sup|sub|time|abbr|cite|font|img|mark|q|ins|del|"
                          r"picture|source|figure)\b[^<>]*>", re.I)
_HTML_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,7}|#[0-9]{1,6}|#[xX][0-9A-Fa-f]{1,5});")


def from_html(text: str) -> tuple[str, list[str]]:
    """A field's HTML as text: block tags end paragraphs, ``<br>`` a line, other known tags and scripts go,
    entities are decoded; with the labels of what changed. Text without HTML is returned as it is.

    >>> from_html("<p>&quot;We will win,&quot; he said.</p><p>AT&amp;T <b>denied</b> it.</p>")
    ('\\n\\n"We will win," he said.\\n\\n\\n\\nAT&T denied it.\\n\\n', ['HTML tag removed', 'HTML entity decoded'])
    """
    changes = []
    if "<" in text:
        new = _HTML_INLINE.sub("", _HTML_BREAK.sub("\n", _HTML_BLOCK.sub("\n\n", _HTML_DROP.sub("", text))))
        if new != text:
            changes.append("HTML tag removed")
            text = new
    if "&" in text and _HTML_ENTITY.search(text):
        new = html.unescape(text)
        if new != text:
            changes.append("HTML entity decoded")
            text = new
    return text, changes


@dataclass(frozen=True)
class DecodeResult:
    """Text decoded from a file, with what decoding had to do."""

    text: str
    changes: tuple[str, ...]
    nul_lines: tuple[int, ...] = ()   # lines that held NUL bytes (dropped)


def utf16_kind(raw: bytes) -> str | None:
    """``"utf-16"`` when the bytes start with a UTF-16 byte-order mark, ``"utf-16-le"``/``"-be"`` when
    their NUL pattern says UTF-16 without one (ASCII-range text: every other byte is NUL), else None.

    >>> utf16_kind("Army".encode("utf-16")), utf16_kind("Army statement".encode("utf-16-le"))
    ('utf-16', 'utf-16-le')
    """
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = raw[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(raw: bytes) -> bool:
    """True when bytes look like a binary file rather than text (many NULs or control codes, not UTF-16).

    A stray NUL byte in a text file does not make it binary (the loader drops the NUL and says so).

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary("Iraqi forces".encode()), looks_binary(b"Iraqi\\x00 forces " + b"said " * 60)
    (False, False)
    """
    head = raw[:8192]
    if not head or utf16_kind(raw) is not None:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05 or head.count(0) > max(2, 0.01 * len(head))


class UndecodableError(ValueError):
    """Bytes in an encoding the loader cannot tell (neither UTF-8, UTF-16 nor plausibly Windows-1252)."""


#: Bytes that Windows-1252 leaves undefined: text with them is not Windows-1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _plausibly_cp1252(raw: bytes) -> bool:
    """Western text in Windows-1252 has few non-ASCII bytes, mostly alone between ASCII ones (é, ’, “);
    East Asian double-byte encodings (Shift-JIS, GBK, Big5) have many, in runs."""
    high = [i for i, b in enumerate(raw) if b >= 0x80]
    if not high:
        return True
    if any(raw[i] in _CP1252_UNDEFINED for i in high):
        return False
    paired = sum(1 for i in high if i + 1 < len(raw) and raw[i + 1] >= 0x80)
    return len(high) <= 0.1 * len(raw) and paired <= 0.25 * len(high)


def decode_bytes(raw: bytes) -> DecodeResult:
    """Decode file bytes: UTF-8 (dropping a BOM), UTF-16 (BOM or NUL pattern), else Windows-1252 when
    the bytes look like it. Stray NUL bytes are dropped and reported.

    Raises :class:`UndecodableError` (saying why) rather than guess an encoding it cannot tell.

    >>> decode_bytes(b"\\xef\\xbb\\xbfTT\\r\\n").changes
    ('removed UTF-8 byte-order mark', 'converted CRLF line ends')
    >>> decode_bytes("Army said".encode("utf-16")).text
    'Army said'
    """
    changes: list[str] = []
    kind = utf16_kind(raw)
    if kind is not None:
        try:
            text = raw.decode(kind)
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"looks like UTF-16 but is not (bad bytes at offset {exc.start})") from None
        text = text.lstrip("\ufeff")
        how = "byte-order mark" if kind == "utf-16" else kind[-2:].upper() + ", no byte-order mark"
        changes.append(f"decoded as UTF-16 ({how})")
    else:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
            changes.append("removed UTF-8 byte-order mark")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not _plausibly_cp1252(raw):
                raise UndecodableError(
                    f"not UTF-8 (first bad byte at offset {exc.start}) and not Windows-1252 either; "
                    "convert the file to UTF-8") from None
            text = raw.decode("cp1252")
            changes.append(f"not valid UTF-8 (first bad byte at offset {exc.start}); decoded as Windows-1252")
    lines: list[int] = []
    if "\x00" in text:
        lines = sorted({text.count("\n", 0, m.start()) + 1 for m in re.finditer("\x00", text)})
        text = text.replace("\x00", "")
        changes.append(f"removed NUL byte(s) on line(s) {', '.join(map(str, lines[:10]))}")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("converted CRLF line ends")
    return DecodeResult(text, tuple(changes), tuple(lines))


def fix_mixed_quotes(text: str) -> tuple[str, int]:
    """Make a quotation opened with a curly quote close with one (and vice versa).

    Straight double quotes are paired in order; only paragraphs that mix curly
    and straight double quotes are touched. Returns the text and the number of
    quote marks changed.

    >>> fix_mixed_quotes('“We fight," he said.')
    ('“We fight,” he said.', 1)
    >>> fix_mixed_quotes('He said "we fight."')
    ('He said "we fight."', 0)
    """
    if '"' not in text or ("“" not in text and "”" not in text):
        return text, 0
    chars = list(text)
    open_at: int | None = None
    open_char = ""
    changed = 0
    for i, ch in enumerate(chars):
        if ch == "“":
            open_at, open_char = i, ch
        elif ch == "”":
            if open_at is not None and open_char == '"':
                chars[open_at] = "“"
                changed += 1
            open_at = None
        elif ch == '"':
            if open_at is None:
                open_at, open_char = i, ch
            else:
                if open_char == "“":
                    chars[i] = "”"
                    changed += 1
                open_at = None
    return "".join(chars), changed


def _fix_mojibake(line: str) -> str:
    """ftfy on a line with a character mojibake produces; and what ftfy cannot see: a non-breaking space
    whose second byte was stripped as trailing space, leaving its lead byte "Â" alone (no letter follows)."""
    fixed = ftfy.fix_text(line, _FTFY_CONFIG) if _FTFY_GATE.search(line) else line
    return _LONE_A_CIRC.sub(" ", fixed) if "\u00c2" in fixed else fixed


def repair_line(line: str) -> tuple[str, list[str]]:
    """Repair one line of scraped text; return it with the labels of what changed.

    Fixes mojibake (UTF-8 read as Latin-1, via ftfy), odd and zero-width spaces,
    stray spaces around hyphens and before punctuation, mixed curly/straight
    quotes in one quotation, and trailing or doubled spaces.

    >>> repair_line("Lebanese -Syrian border\\u00a0 ")
    ('Lebanese-Syrian border', ['non-breaking or odd space', 'stray space at hyphen', 'trailing space'])
    >>> repair_line("ISISâ€™ last bastion")[0]
    'ISIS’ last bastion'
    """
    changes: list[str] = []
    if not line.isascii() and _SPECIAL.search(line):
        fixed = _fix_mojibake(line)
        if fixed != line:
            # ftfy may also have turned odd spaces into plain ones; count the label once.
            changes.append("mojibake repaired")
            line = fixed
        if _ODD_SPACES.search(line):
            line = _ODD_SPACES.sub(" ", line)
            changes.append("non-breaking or odd space")
        if _ZERO_WIDTH.search(line):
            line = _ZERO_WIDTH.sub("", line)
            changes.append("zero-width character")
    elif "\t" in line:
        line = line.replace("\t", " ")
        changes.append("non-breaking or odd space")
    new = _STRAY_HYPHEN.sub("-", line) if (" -" in line or "- " in line) else line
    if new != line:
        changes.append("stray space at hyphen")
        line = new
    new = _SPACE_BEFORE_PUNCT.sub("", line) if (" ," in line or " ." in line or " ;" in line
                                                  or " :" in line) else line
    if new != line:
        changes.append("space before punctuation")
        line = new
    new, n = fix_mixed_quotes(line)
    if n:
        changes.append("mixed curly and straight quotes")
        line = new
    stripped = line.strip()
    if stripped != line:
        if line.rstrip() != line:
            changes.append("trailing space")
        line = stripped
    if "  " in line:
        line = _MULTI_SPACE.sub(" ", line)
        changes.append("doubled space")
    return line, changes
