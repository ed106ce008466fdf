"""Page texts in further styles of real English-language news sites, built around real article prose.

Each builder takes a real article (title and paragraphs from ``prose_articles``: the middle sentences of
FA-KES bodies, read from wherever the caller keeps the corpus, never copied here) and prints it the way one
family of sites does: BBC, Reuters, Al Jazeera, Guardian, AP, Arab sites' English editions, generic portals
(cookie banners, galleries, pagination, comments), and one-line bodies with the furniture inline. The
furniture wordings are modelled on those sites' pages; a few real-looking decoy sentences that *resemble*
furniture ("Source: a military official said …") are put into bodies, and must be kept.

:func:`measure` counts, per loaded scrape, the furniture words removed and the body words kept.
"""
from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .scrape import AUTHORS, CITIES, prose_articles

CAPTIONS = ["Smoke rises over the town after an air strike", "Civil defence workers search the rubble on Monday",
            "Displaced families wait at a camp near the Turkish border", "A convoy of aid trucks enters the city"]
AGENCY = ["AFP", "Reuters", "EPA", "Getty Images", "AP", "Anadolu Agency"]
TOPICS = ["Syria", "Syrian civil war", "Middle East", "Islamic State group", "Bashar al-Assad", "Russia"]
HEADS = ["Syria war: What we know about the Idlib offensive", "Who is fighting whom in Syria?",
         "Turkey and Russia agree new buffer zone", "Aid groups warn of Idlib catastrophe",
         "UN envoy says talks will resume in Geneva"]
#: Body sentences written to look like furniture at first sight (ours, not real text): they must stay.
DECOYS = [
    "Source: a military official said the convoy had been hit twice before it reached the checkpoint.",
    "Advertisement for the new recruitment drive appeared on state television on Monday, activists said.",
    "Reporters from The Associated Press contributed photographs of the damage to the United Nations inquiry.",
    "Sign up sheets for the evacuation buses were posted outside the mosque, residents said.",
    "Topics discussed at the talks included prisoner releases and aid deliveries, the envoy said.",
    "Comments by the foreign minister drew sharp criticism from Ankara on Tuesday.",
    "Share prices on the Damascus exchange fell sharply after the announcement, traders said.",
    "Follow-up talks in Astana are scheduled for next month, the Kazakh foreign ministry said.",
    "Page after page of the report details strikes on hospitals, the rights group said.",
    "Click here, a local activist said, was all it took to join the group's online forum.",
    "Read more than 300 pages of the leaked files and a pattern emerges, the lawyer said.",
    "Photo evidence gathered by the monitors was handed to investigators in The Hague.",
]


@dataclass
class Styled:
    """A page text and the article it holds."""

    name: str
    style: str
    text: str
    title: str
    paragraphs: list[str]              # the article's own paragraphs (real prose, and decoys), exactly
    suffix: str = ".txt"


def _date(rng: random.Random) -> tuple[int, str]:
    day = rng.randint(1, 28)
    return day, ["January", "February", "March", "April", "May", "June"][rng.randint(0, 5)]


def _decoy(paras: list[str], rng: random.Random) -> list[str]:
    """The paragraphs with one decoy sentence put in as a paragraph of its own, inside the body."""
    out = list(paras)
    out.insert(rng.randint(1, len(out)), rng.choice(DECOYS))
    return out


def _between(paras: list[str], widgets: list[list[str]], rng: random.Random) -> list[str]:
    """Body paragraphs with widget blocks (lists of lines) put between some of them."""
    out: list[str] = []
    slots = {rng.randint(1, max(1, len(paras) - 1)): w for w in widgets}
    for k, p in enumerate(paras):
        if k in slots:
            out.append("\n".join(slots[k]))
        out.append(p)
    return out


def _page(top: list[str], body: list[str], bottom: list[str]) -> str:
    return "\n".join(top) + "\n\n" + "\n\n".join(body) + "\n\n" + "\n".join(bottom) + "\n"


def bbc(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    share = ["Share this with", "Email", "Facebook", "Messenger", "Twitter", "Pinterest", "WhatsApp", "LinkedIn",
             "Copy this link", "These are external links and will open in a new window"]
    top = [title, "", f"{day} {month} 2017", "", *share[:rng.randint(5, len(share))]]
    image = [f"Image copyright {rng.choice(AGENCY)}", f"Image caption {rng.choice(CAPTIONS)}"]
    bottom = ["Related Topics", *rng.sample(TOPICS, 3), "", "More on this story", *rng.sample(HEADS, 2),
              f"{day} {month} 2017", "", "Share this story About sharing"]
    return _page(top, _between(paras, [image], rng), bottom)


def reuters(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    city = rng.choice(CITIES)
    top = ["World News", f"{month} {day}, 2017 / {rng.randint(1, 12)}:{rng.randint(10, 59)} PM / a year ago", title,
           ", ".join(rng.sample(AUTHORS, 2)), f"{rng.randint(2, 6)} Min Read"]
    body = [f"{city} (Reuters) - {paras[0]}"] + paras[1:]
    photo = [f"FILE PHOTO: {rng.choice(CAPTIONS)} in Syria {month} {day}, 2017. REUTERS/Omar Sanadiki/File Photo"]
    a, b = rng.sample(AUTHORS, 2)
    bottom = [f"Reporting by {a} in {city.title()}; Additional reporting by {b}; Editing by Peter Graff",
              "Our Standards: The Thomson Reuters Trust Principles."]
    return _page(top, _between(body, [photo], rng), bottom)


def aljazeera(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    top = ["News", "Syria's civil war", title, "", f"{day} {month[:3]} 2017"]
    src = rng.choice(["Source: Al Jazeera and news agencies", "SOURCE: NEWS AGENCIES", "Source: Al Jazeera",
                      "SOURCE: AL JAZEERA AND NEWS AGENCIES"])
    bottom = [src, "", "Follow Al Jazeera English:", "Facebook", "Twitter", "YouTube", "Instagram"]
    return _page(top, paras, bottom)


def guardian(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    author = rng.choice(AUTHORS)
    top = [title, "", f"{author} in Beirut", f"Tue {day} {month[:3]} 2017 14.23 BST",
           f"Last modified on Wed {day} {month[:3]} 2017 10.21 BST", "Shares", str(rng.randint(50, 900)),
           "Comments", str(rng.randint(5, 400))]
    signup = ["Sign up to First Edition, our free daily newsletter – every weekday morning at 7am BST"]
    bottom = ["Topics", *rng.sample(TOPICS, 3), "news", "Reuse this content", "", "Most viewed", *rng.sample(HEADS, 3)]
    return _page(top, _between(paras, [signup], rng), bottom)


def ap(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    author = rng.choice(AUTHORS)
    city = rng.choice(CITIES)
    top = [title, "", f"By {author.upper()}", f"{month} {day}, 2017"]
    body = [f"{city} (AP) — {paras[0]}"] + paras[1:]
    who = rng.choice(AUTHORS)
    bottom = ["___", rng.choice([f"Associated Press writer {who} in {city.title()} contributed to this report.",
                                 f"Associated Press writers {who} and Bassem Mroue contributed."]),
              "", f"Copyright 2017 The Associated Press. All rights reserved. This material may not be published, "
                  "broadcast, rewritten or redistributed."]
    return _page(top, body, bottom)


def arab_english(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    top = ["Home / Middle East", title, rng.choice(["AFP", "Arab News", "Agencies"]),
           f"Published — {day} {month} 2017", f"Updated {day} {month} 2017", "",
           "Share on Facebook", "Share on Twitter", "Share on WhatsApp", "Share on Telegram", "",
           f"Photo: {rng.choice(['AFP', 'Reuters', 'SPA', 'AP'])}"]
    more = [f"Click here to read more: {rng.choice(HEADS)}"]
    bottom = ["Follow us on Twitter @ArabNews", "Most Popular", *rng.sample(HEADS, 2)]
    return _page(top, _between(paras, [more], rng), bottom)


def portal(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    n = rng.randint(5, 20)
    cookie = rng.choice(["We use cookies to ensure that we give you the best experience on our website. If you "
                         "continue to use this site we will assume that you are happy with it. Accept Read more",
                         "This website uses cookies to improve your experience. By continuing to browse the site "
                         "you are agreeing to our use of cookies. OK"])
    top = [cookie, "", title, "", f"Posted on {month} {day}, 2017", "", f"1 of {n}", f"Photo: {rng.choice(AGENCY)}"]
    widgets = [["Advertisement"], ["Newsletter", "Get the latest headlines delivered to your inbox every morning.",
                                   "Enter your email address", "Subscribe"]]
    bottom = ["Page 1 of 2", "Next page", "", f"Comments ({rng.randint(1, 60)})", "Log in to comment",
              "Click here to see more stories"]
    return _page(top, _between(paras, widgets, rng), bottom)


def inline(title: str, paras: list[str], rng: random.Random) -> str:
    """A JSONL record whose body is one line, with widgets glued to the sentences."""
    day, month = _date(rng)
    head = rng.choice(["Share this with Email Facebook Messenger Twitter ", "Share on WhatsApp Share on Facebook ",
                       f"Photo: AFP {day} {month} 2017 ", "Advertisement "])
    mid = rng.choice([" Advertisement ", f" Image copyright {rng.choice(AGENCY)} Image caption "
                                          f"{rng.choice(CAPTIONS)}. ", " Continue reading the main story "])
    tail = rng.choice([" Reuse this content", " Source: Al Jazeera and news agencies",
                       " Copyright 2017 The Associated Press. All rights reserved. This material may not be "
                       "published, broadcast, rewritten or redistributed.", " Comments (12) Log in to comment"])
    cut = rng.randint(1, len(paras) - 1) if len(paras) > 1 else 1
    body = head + " ".join(paras[:cut]) + mid + " ".join(paras[cut:]) + tail
    return json.dumps({"title": title, "body": body}) + "\n"


def mee(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    top = [title, "", f"{rng.choice(AUTHORS)}", "", f"Published date: {day} {month} 2017 12:40 UTC",
           f"Last update: {rng.randint(1, 3)} years {rng.randint(1, 11)} months ago", "", "Middle East Eye correspondent"]
    bottom = ["This article is available in French on Middle East Eye French edition.", "",
              "Middle East Eye delivers independent and unrivalled coverage and analysis of the Middle East, North "
              "Africa and beyond. To learn more about republishing this content and the associated fees, please "
              "fill out this form.", "", "Topics: " + ", ".join(rng.sample(TOPICS, 3))]
    return _page(top, paras, bottom)


def toi(title: str, paras: list[str], rng: random.Random) -> str:
    hour = rng.randint(1, 11)
    top = [title, "", f"By TOI staff and {rng.choice(['AFP', 'Agencies'])}", f"Today, {hour}:{rng.randint(10, 59)} pm",
           "", f"Illustrative: {rng.choice(CAPTIONS)}. (AFP PHOTO / OMAR HAJ KADOUR)"]
    mid = ["Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up"]
    bottom = [f"You're reading the article: {title}", "", "Read more: Israel & the Region", "", "Comments"]
    return _page(top, _between(paras, [mid], rng), bottom)


def national(title: str, paras: list[str], rng: random.Random) -> str:
    day, month = _date(rng)
    top = ["MENA", title, "", f"Updated: {month} {day}, 2017 {rng.randint(1, 12)}:{rng.randint(10, 59)} AM",
           "", "Watch:", rng.choice(HEADS)]
    mid = [f"Read more: {rng.choice(HEADS)}", f"Read more: {rng.choice(HEADS)}"]
    bottom = ["Most popular today", *rng.sample(HEADS, 3), "", "Subscribe to our newsletter",
              "By signing up, I agree to The National's privacy policy"]
    return _page(top, _between(paras, [mid], rng), bottom)


def independent(title: str, paras: list[str], rng: random.Random) -> str:
    top = [title, "", f"{rng.choice(AUTHORS)} Beirut @{rng.choice(['bensh', 'ldsinjab', 'chulov'])}", "",
           f"{rng.randint(1, 30)} comments", "", "Click to follow", "The Independent World"]
    bottom = ["More about", *rng.sample(TOPICS, 4), "", "Reuse content", "", "Comments",
              "Please be respectful when making a comment and adhere to our Community Guidelines."]
    return _page(top, paras, bottom)


#: Styles written after the fixes and measured as they came out (less biased than STYLES, still ours).
HELDOUT = {"mee": mee, "toi": toi, "national": national, "independent": independent}

STYLES = {"bbc": bbc, "reuters": reuters, "aljazeera": aljazeera, "guardian": guardian, "ap": ap,
          "arab-english": arab_english, "portal": portal, "inline": inline}


def build_styled(prose_path: Path, per_style: int, seed: int = 0, styles: dict | None = None) -> list[Styled]:
    """``per_style`` page texts in each style, every one around a different real article (and a decoy)."""
    styles = STYLES if styles is None else styles
    rng = random.Random(seed)
    arts = prose_articles(prose_path, per_style * len(styles), seed)
    out = []
    for s, (style, make) in enumerate(styles.items()):
        for i, (title, paras) in enumerate(arts[s * per_style:(s + 1) * per_style]):
            paras = _decoy(paras, rng)
            suffix = ".jsonl" if style == "inline" else ".txt"
            out.append(Styled(f"{style}_{i:03d}{suffix}", style, make(title, paras, rng), title, paras, suffix))
    return out


_WORD = re.compile(r"\w+")


@dataclass
class Measure:
    """Word counts of one or more loaded scrapes."""

    furniture: int = 0        # furniture words in the page text (all but the title and the article's words)
    furniture_left: int = 0   # words in the loaded body that are not the article's
    body: int = 0             # the article's words
    body_kept: int = 0        # of them, in sentences found whole in the loaded body
    decoys: int = 0
    decoys_kept: int = 0
    title_ok: int = 0
    n: int = 0

    def add(self, other: "Measure") -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _sentences(paras: list[str]) -> list[str]:
    return [s for p in paras for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])", p) if s]


def measure(s: Styled, articles) -> Measure:
    """Furniture removed and body kept for one scrape's loaded article(s)."""
    page = s.text if s.suffix == ".txt" else json.loads(s.text)["body"]
    want = Counter(w for p in s.paragraphs for w in _WORD.findall(p))
    page_words = Counter(_WORD.findall(page))
    if s.suffix == ".txt":
        page_words -= Counter(_WORD.findall(s.title))
    got_text = "\n".join(articles["body"]) if len(articles) else ""
    flat = " " + " ".join(_WORD.findall(got_text)) + " "
    m = Measure(n=1, title_ok=int(len(articles) == 1 and articles.iloc[0]["title"] == s.title))
    m.furniture = sum((page_words - want).values())
    m.furniture_left = sum((Counter(_WORD.findall(got_text)) - want).values())
    for sent in _sentences(s.paragraphs):
        words = _WORD.findall(sent)
        found = f" {' '.join(words)} " in flat
        m.body += len(words)
        m.body_kept += len(words) * found
        if sent in DECOYS:
            m.decoys += 1
            m.decoys_kept += found
    return m
