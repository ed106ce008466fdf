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


# --------------------------------------------------------------------------- other sites' page texts
#
# Realistic page texts of three families the loader must read (issue 16), built around real article
# prose (sentences from the shipped FA-KES subset, CC BY 4.0) so the tests know exactly which words
# are the article and which are page furniture.

import json
import random
import re
from pathlib import Path

_SENT = re.compile(r"(?<=[a-z0-9\"”)][.!?])\s+(?=[A-Z\"“])")
CREDITS = ["Louai Beshara/AFP/Getty Images", "Omar Haj Kadour/AFP via Getty Images", "Hassan Ammar/AP",
           "Delil Souleiman/AFP/Getty Images", "Ammar Abdullah/Reuters", "Anas Alkharboutli/picture alliance"]
AGENCIES = ["Reuters", "AFP", "AP", "EPA", "Getty Images", "Anadolu Agency"]
AUTHORS = ["Jane Arraf", "Ruth Sherlock", "Lina Sinjab", "Martin Chulov", "Sarah El Deeb"]
CITIES = ["BEIRUT", "DAMASCUS", "AMMAN", "ISTANBUL", "GENEVA", "MOSCOW"]
WIRES = ["Reuters", "AFP", "AP"]
TAGS = ["Syria", "Idlib", "Bashar al-Assad", "SOHR", "al-Qaeda", "Eastern Ghouta", "Douma", "Syrian regime",
        "Russia", "Aleppo", "chemical weapons", "Hezbollah"]


@dataclass
class Scrape:
    """A page text and what loading it must give."""

    name: str
    family: str
    text: str
    title: str
    paragraphs: list[str]                      # the article's own paragraphs, exactly
    furniture: list[str] = field(default_factory=list)   # strings that must not survive in the body
    date: str = ""
    author: str = ""
    dateline: str = ""
    tags: str = ""


# The outlets' own furniture flattened into a sentence (embedded posts' links, video titles, image prompts): such
# sentences are no article prose to measure the loader on.
_EMBED_RESIDUE = re.compile(r"pic\.twitter|t\.co\w|\s[-–—]\sYouTube\b|[Cc]lick (?:here|to)\b")


def prose_articles(path: Path, n: int, seed: int = 0) -> list[tuple[str, list[str]]]:
    """``n`` (title, paragraphs) of real prose: the middle sentences of FA-KES bodies (their first and last
    sentences, where the scraped furniture sits, are left out, and so are sentences holding tags, parentheses
    or embeds' residue)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    out = []
    for row in rng.sample(rows, len(rows)):
        sents = []
        for s in _SENT.split(row["body"])[1:-1]:
            if (6 <= len(s.split()) <= 60 and s[-1] in ".!?\"”" and "Tags" not in s and "(" not in s
                    and not _EMBED_RESIDUE.search(s)
                    and not any(s.rstrip(".") in o or o.rstrip(".") in s for o in sents)):
                sents.append(s)
        if len(sents) < 3 or not row["title"][:1].isupper():
            continue
        k = rng.randint(3, min(9, len(sents)))
        sents = sents[:k]
        cut = sorted(rng.sample(range(1, k), min(k - 1, rng.randint(1, 3))))
        paras = [" ".join(sents[a:b]) for a, b in zip([0] + cut, cut + [k])]
        out.append((row["title"].strip(), paras))
        if len(out) == n:
            break
    return (out * (n // max(len(out), 1) + 1))[:n]


def _mojibake(text: str, rng: random.Random) -> str:
    """Non-breaking spaces saved as UTF-8 and read as Windows-1252 (``Â``), and some ``â€™``."""
    words = text.split(" ")
    for i in rng.sample(range(1, len(words)), min(3, len(words) - 1)):
        words[i] = "\u00c2\u00a0" + words[i] if rng.random() < 0.5 else "\u00c2 " + words[i]
    return " ".join(words).replace("\u2019", "\u00e2\u20ac\u2122")


def pelican_page(title: str, paras: list[str], rng: random.Random, i: int) -> Scrape:
    date = f"2017-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    author = rng.choice(AUTHORS)
    tags = rng.sample(TAGS, 3)
    wire, city = rng.choice(WIRES), rng.choice(CITIES)
    header = [f"Title: {title}", f"Date: {date}", f"Category: {rng.choice(['News', 'Middle East', 'World'])}",
              f"Tags: {', '.join(tags)}", f"Slug: {re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')}",
              f"Src: https://www.example-wire.com/article/{i}", f"Author: {author}"]
    rng.shuffle(header[2:])
    body = [f"{city} ({wire}) - {paras[0]}"] + paras[1:]
    text = "\n".join(header) + "\n\n" + "\n\n".join(_mojibake(p, rng) for p in body) + "\n"
    return Scrape(f"blog_{i:03d}.txt", "blog", text, title, paras,
                  ["Title:", "Date:", "Category:", "Slug:", "Src:", "Author:", "\u00c2", f"({wire})"],
                  date=date, author=author, dateline=f"{city} ({wire})", tags="; ".join(tags))


def us_outlet_page(title: str, paras: list[str], rng: random.Random, i: int) -> Scrape:
    credit = rng.choice(CREDITS)
    agency = rng.choice(AGENCIES)
    author = rng.choice(AUTHORS)
    caption = "Syrian civil defence workers search the rubble after an air strike in the town on Monday."
    widgets = {
        "npr": ["Enlarge this image", "toggle caption", credit, caption, credit],
        "npr-inline": [f"Enlarge this image toggle caption {credit} {credit}"],
        "npr-hide": ["hide caption", caption, "toggle caption", credit],
        "reuters": [f"FILE PHOTO: {caption[:-1]} REUTERS/{credit.split('/')[0]}/File Photo", "3 Min Read"],
        "bbc": ["Media playback is unsupported on your device", f"Media caption {caption}"],
        "bbc-image": [f"Image copyright {agency}", f"Image caption {caption}"],
        "bbc-inline": [f"Image copyright {agency} Image caption {caption}"],
    }
    kind = rng.choice(sorted(widgets))
    lines = [title, "", f"By {author}", ""] + widgets[kind] + [""]
    body = list(paras)
    at = rng.randint(1, len(body))
    mid = rng.choice([["Advertisement"], [f"Image copyright {agency}", f"Image caption {caption}"], []])
    parts = body[:at] + mid + body[at:]
    tail = rng.choice([["Share this article", "Related Topics", "Syrian civil war", "Syria"],
                       ["More on this story", "Syria war: What we know", "Who is fighting whom?"],
                       ["Sign up for our newsletter to get the latest news in your inbox."], []])
    text = "\n".join(lines) + "\n" + "\n\n".join(parts) + ("\n\n" + "\n".join(tail) if tail else "") + "\n"
    furniture = ["Enlarge this image", "toggle caption", credit, "Media playback", "Media caption", "Image copyright",
                 "Image caption", "Advertisement", "Share this article", "Related Topics", "newsletter", f"By {author}",
                 "Syrian civil war", "More on this story", "What we know", "Who is fighting", "hide caption", "REUTERS/",
                 "Min Read", "search the rubble"]
    return Scrape(f"us_{i:03d}.txt", "us", text, title, paras, furniture, author=author)


def syria_news_page(title: str, paras: list[str], rng: random.Random, i: int) -> Scrape:
    """FA-KES-like: one line of body, no paragraph breaks, furniture inline."""
    day = rng.randint(1, 28)
    date = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][day % 5]} {day:02d} Apr 2017"
    wire, city = rng.choice(WIRES), rng.choice(CITIES)
    tags = rng.sample(TAGS, rng.randint(3, 6))
    prose = " ".join(paras)
    head = rng.choice([f"{date} {title}. ", f"{date} {title}. Tags {' '.join(tags)} ", f"{city} ({wire}) - ",
                       f"{date} {city} ({wire}) - "])
    tail = rng.choice(["", " Source AA Related News Iraqs vote violations | The global gag rule | Slovenian elections "
                           "Subscribe TRT World on Facebook Like Follow Follow Copyright \u00a9 2018 TRT World.",
                       f" Tags {' '.join(tags)}", " AFP Print Tweet Views 729"])
    crumb = rng.choice(["", "Middle East Syria Security\n\n"])
    text = f"{title}\n\n{crumb}{head}{prose}{tail}\n"
    furniture = ["Tags", "Related News", "Subscribe", "Copyright", "Print Tweet", "Views 729", "Middle East Syria",
                 f"({wire})", "Apr 2017"]
    return Scrape(f"syria_{i:03d}.txt", "syria", text, title, [prose], furniture,
                  dateline=f"{city} ({wire})" if "(" in head else "")


FAMILIES = {"blog": pelican_page, "us": us_outlet_page, "syria": syria_news_page}


def build_scrapes(prose_path: Path, per_family: int, seed: int = 0) -> list[Scrape]:
    """``per_family`` page texts of each family, every one around a different real article."""
    rng = random.Random(seed)
    arts = prose_articles(prose_path, per_family * len(FAMILIES), seed)
    out = []
    for f, (family, make) in enumerate(FAMILIES.items()):
        for i, (title, paras) in enumerate(arts[f * per_family:(f + 1) * per_family]):
            out.append(make(title, paras, rng, i))
    return out


def judge(scrape: Scrape, articles) -> list[str]:
    """What is wrong with the loaded articles of one scrape (empty: it passes). A pass: one article, the
    headline as title, no furniture or mojibake in the body, at least 90% of the article's words kept."""
    problems = []
    if len(articles) != 1:
        return [f"{len(articles)} articles"]
    art = articles.iloc[0]
    if art["title"] != scrape.title:
        problems.append(f"title {art['title']!r}")
    body = art["body"]
    for bit in scrape.furniture:
        if bit and bit in body:
            problems.append(f"residue {bit!r}")
    if re.search("[\u00c2\u00c3]|\u00e2\u20ac", body):
        problems.append("mojibake")
    want = re.findall(r"\w+", " ".join(scrape.paragraphs))
    have = set(re.findall(r"\w+", body))
    kept = sum(1 for w in want if w in have) / max(len(want), 1)
    if kept < 0.9 or len(re.findall(r"\w+", body)) < 0.9 * len(want):
        problems.append(f"kept {kept:.0%} of the words")
    return problems
