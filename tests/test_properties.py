"""Property test: for generated scraped dumps, every body paragraph lands in exactly one article's body, once."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import load_articles

from .scrape import Page, render_dump

WORDS = ("army forces town border militants statement officials troops region province said reported "
         "operation security offensive residents government minister city attack control during after "
         "Iraqi Syrian Lebanese Baghdad Beirut Damascus Anbar Bekaa Euphrates commander spokesman").split()
NAMES = "Mosul Qaim Raqqa Homs Aleppo Tripoli Sidon Tikrit Ramadi Fallujah Hasakah Idlib".split()


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=6, max_size=22))
    words[0] = words[0].capitalize()
    if draw(st.booleans()):
        words.insert(draw(st.integers(1, len(words))), draw(st.sampled_from(NAMES)))
    if draw(st.integers(0, 4)) == 0:
        words.append(f"{draw(st.integers(2, 9999)):,}")
    return " ".join(words) + draw(st.sampled_from([".", ".", ".", "?", ".\""]))


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


@st.composite
def page(draw, n: int) -> Page:
    title_words = draw(st.lists(st.sampled_from(WORDS + NAMES), min_size=4, max_size=11))
    title = " ".join(w.capitalize() if len(w) > 3 else w for w in title_words) + f" {NAMES[n % len(NAMES)]}"
    has_caption = draw(st.booleans())
    caption_times = draw(st.sampled_from([1, 2]))
    header_twice = draw(st.booleans())
    counters = draw(st.sampled_from([("TT", "20"), ("TT",), (), ("TT", "3")]))
    credit = draw(st.sampled_from(["", "AFP", "File/Reuters", "AFP Photo/AHMAD AL-RUBAYE"])) if has_caption else ""
    # A caption printed once, without credit, repeat or widget residue after it, is indistinguishable
    # from a first body paragraph (for a reader too); the scrapes we know always mark it somehow.
    if has_caption and not credit and caption_times == 1 and not header_twice and not counters:
        counters = ("TT",)
    caption = draw(paragraph()).rstrip('.?"') + f" on day {n}." if has_caption else ""
    return Page(
        title=title,
        caption=caption,
        credit=credit,
        caption_times=caption_times,
        header_twice=header_twice,
        counters=counters,
        paragraphs=[f"{p} ({n}.{i})" for i, p in enumerate(draw(st.lists(paragraph(), min_size=1, max_size=6)))],
    )


@st.composite
def dump(draw) -> list[Page]:
    n = draw(st.integers(1, 4))
    return [draw(page(i)) for i in range(n)]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pages=dump())
def test_every_body_paragraph_lands_in_exactly_one_body_once(pages, tmp_path_factory):
    path = tmp_path_factory.mktemp("dump") / "dump.txt"
    path.write_bytes(render_dump(pages))
    articles = load_articles(path)
    assert len(articles) == len(pages)
    bodies = list(articles["body"])
    for page_ in pages:
        for para in page_.paragraphs:
            holders = [b for b in bodies if para in b.split("\n\n")]
            assert len(holders) == 1, para
            assert holders[0].split("\n\n").count(para) == 1
    # nothing but body paragraphs in the bodies: no captions, counters or headlines
    expected = ["\n\n".join(p.paragraphs) for p in pages]
    assert bodies == expected
    assert list(articles["title"]) == [p.title for p in pages]


# --------------------------------------------------------------------------- other sites' structures
SITE_LINES = ["Source TRTWorld and agencies", "Our Standards: The Thomson Reuters Trust Principles.",
              "This article is an edited translation of the original Arabic."]
WIDGET_LINES = [["Advertisement"], ["Enlarge this image", "toggle caption", "Hassan Ammar/AP"],
                ["Media playback is unsupported on your device"], ["Share this article"],
                ["Image copyright Reuters", "Image caption Smoke rises over the town"]]


@st.composite
def site_dump(draw) -> tuple[list[Page], list[str]]:
    """5-7 pages of one site: each ends with the site's furniture line and carries catalogue widgets
    between its paragraphs; every page's prose opens differently (as real articles do)."""
    n = draw(st.integers(5, 7))
    site_line = draw(st.sampled_from(SITE_LINES))
    pages, furniture = [], {site_line}
    for i in range(n):
        p = draw(page(i))
        p.paragraphs[0] = f"{NAMES[i]} {p.paragraphs[0]}"
        extra = [(len(p.paragraphs), site_line)]
        for _ in range(draw(st.integers(0, 2))):
            widget = draw(st.sampled_from(WIDGET_LINES))
            at = draw(st.integers(1, len(p.paragraphs)))
            extra += [(at, "\n".join(widget))]
            furniture.update(widget)
        p.extra_body_lines = extra
        pages.append(p)
    return pages, sorted(furniture)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=site_dump())
def test_site_furniture_and_widgets_never_survive_and_paragraphs_stay(case, tmp_path_factory):
    pages, furniture = case
    path = tmp_path_factory.mktemp("site") / "dump.txt"
    path.write_bytes(render_dump(pages))
    articles = load_articles(path)
    assert list(articles["title"]) == [p.title for p in pages]
    assert list(articles["body"]) == ["\n\n".join(p.paragraphs) for p in pages]
    for body in articles["body"]:
        for line in furniture:
            assert line not in body
