"""Build realistic variants of the scraped page-text format, for tests.

The sample's layout per article: headline, blank, caption (with credit) twice,
share-widget residue (``TT``, a counter), blank, the whole headline+caption block
again, blank, then body paragraphs separated by blank lines; three blank lines
before the next article.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Page:
    title: str
    paragraphs: list[str]
    caption: str = ""
    credit: str = ""
    caption_times: int = 2          # how often the caption line repeats in each header block
    header_twice: bool = True       # the whole headline+caption block printed twice
    counters: tuple[str, ...] = ("TT", "20")
    extra_body_lines: list[tuple[int, str]] = field(default_factory=list)  # (insert index, line)

    def caption_line(self) -> str:
        if not self.caption:
            return ""
        return f"{self.caption} ({self.credit})" if self.credit else self.caption

    def render(self) -> str:
        block = [self.title, ""]
        if self.caption:
            block += [self.caption_line()] * self.caption_times
        lines = list(block) + list(self.counters) + [""]
        if self.header_twice:
            lines += block + [""]
        body = list(self.paragraphs)
        for at, extra in sorted(self.extra_body_lines, reverse=True):
            body.insert(at, extra)
        lines += "\n\n".join(body).split("\n")
        return "\n".join(lines)


def render_dump(pages: list[Page], *, newline: str = "\n", bom: bool = False) -> bytes:
    """The bytes of a dump file holding the pages, as a scraper writes them."""
    text = "\n\n\n\n".join(p.render() for p in pages)
    data = text.replace("\n", newline).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data
