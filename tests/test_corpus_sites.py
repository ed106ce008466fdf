"""Issue 16: other sites' page texts (header blocks, widgets, tag lists, datelines, mojibake), furniture
learned from the corpus, and the real FA-KES subset."""
from __future__ import annotations

import json
import re
import warnings

import pandas as pd
import pytest

from analysis import LoadWarning, load_articles, load_report, repo_root
from analysis.corpus import add_widgets

from .scrape import build_scrapes, judge

FAKES = repo_root() / "data" / "external" / "fakes_syria.jsonl"
P1 = "Syrian government forces recaptured the town of Khan Sheikhoun on Tuesday, a monitoring group said."
P2 = "The Britain-based Syrian Observatory for Human Rights said at least 12 fighters were killed."
P3 = "Russia’s defence ministry said its jets had not flown in the area."


def _load(tmp_path, text: str, name: str = "page.txt") -> pd.DataFrame:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_articles(path)


# --------------------------------------------------------------------------- header blocks


def test_pelican_header_block_becomes_metadata_and_mojibake_is_repaired(tmp_path):
    text = ("Title: Syrian Army Retakes Khan\u00c2\u00a0Sheikhoun\nDate: 2017-04-05 10:20\nCategory: News\n"
            "Tags: Syria, Idlib, chemical weapons\nSlug: syrian-army-retakes-khan-sheikhoun\n"
            "Src: https://www.example.com/world/syria-123\nAuthor: Lina Sinjab\n\n"
            + "BEIRUT (Reuters) - " + P1.replace(" town", " \u00c2 town") + "\n\n"
            + P2.replace("at least", "\u00c2\u00a0at least") + "\n\n" + P3.replace("’", "\u00e2\u20ac\u2122") + "\n")
    art = _load(tmp_path, text).iloc[0]
    assert art["title"] == "Syrian Army Retakes Khan Sheikhoun"
    assert art["date"] == pd.Timestamp("2017-04-05 10:20")
    assert (art["author"], art["url"], art["tags"]) == ("Lina Sinjab", "https://www.example.com/world/syria-123",
                                                        "Syria; Idlib; chemical weapons")
    assert art["dateline"] == "BEIRUT (Reuters)"
    assert art["body"].split("\n\n") == [P1, P2, P3]
    assert "mojibake repaired ×3" in art["changes"] and "header line ×7" in art["changes"]


@pytest.mark.parametrize("head", [
    "---\ntitle: \"Syrian Army Retakes Khan Sheikhoun\"\ndate: 2017-04-05T10:20:00+03:00\nauthor: Lina Sinjab\n"
    "tags: [Syria, Idlib]\n---\n\n",
    "From: Lina Sinjab <lina@example.com>\nSubject: Syrian Army Retakes Khan Sheikhoun\n"
    "Date: Wed, 05 Apr 2017 07:20:00 +0000\n\n",
])
def test_fenced_and_mail_headers(tmp_path, head):
    art = _load(tmp_path, head + f"{P1}\n\n{P2}\n").iloc[0]
    assert art["title"] == "Syrian Army Retakes Khan Sheikhoun"
    assert art["date"] == pd.Timestamp("2017-04-05 07:20")
    assert art["author"] == "Lina Sinjab"
    assert art["body"].split("\n\n") == [P1, P2]


# --------------------------------------------------------------------------- widgets


@pytest.mark.parametrize("credit", ["Louai Beshara/AFP/Getty Images", "Hassan Ammar/AP",
                                    "Omar Haj Kadour/AFP via Getty Images", "Anas Alkharboutli/picture alliance"])
def test_photo_toggle_lines_with_varying_credits(tmp_path, credit):
    caption = "Civil defence workers search the rubble in Idlib."
    text = (f"Syria Strike Kills 12 Fighters\n\nBy Ruth Sherlock\n\nEnlarge this image\ntoggle caption\n{credit}\n"
            f"{caption}\n{credit}\n\n{P1}\n\nAdvertisement\n\n{P2}\n")
    art = _load(tmp_path, text).iloc[0]
    assert (art["title"], art["author"], art["caption"]) == ("Syria Strike Kills 12 Fighters", "Ruth Sherlock", caption)
    assert art["body"].split("\n\n") == [P1, P2]
    furniture = load_report(_load(tmp_path, text)).furniture
    assert set(furniture["template"]) >= {"photo toggle and credit", "photo credit", "advertisement"}


@pytest.mark.parametrize("widget", [
    "Enlarge this image toggle caption Louai Beshara/AFP/Getty Images Louai Beshara/AFP/Getty Images",
    "Media playback is unsupported on your device\nMedia caption Rebels fire at government positions near Idlib",
    "Image copyright Reuters\nImage caption Smoke rises over the town after the strike",
    "Image copyright AFP/Getty Images Image caption Smoke rises over the town after the strike",
])
def test_media_and_image_widgets_never_reach_body_or_title(tmp_path, widget):
    arts = _load(tmp_path, f"{widget}\n\nSyria Strike Kills 12 Fighters\n\n{P1}\n\n{widget}\n\n{P2}\n")
    assert list(arts["title"]) == ["Syria Strike Kills 12 Fighters"]
    assert arts.loc[0, "body"].split("\n\n") == [P1, P2]


def test_inline_tag_list_stops_where_the_sentence_starts(tmp_path):
    body = ("Wed 05 Apr 2017 Regime forces fended off an attack on Aleppo. Tags Syria Aleppo regime forces "
            "the Nusra Front Syrian troops and pro-government gunmen repelled an offensive by rebels on Tuesday. "
            + P2)
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "Regime forces fended off an attack on Aleppo",
                                                  "body": body}) + "\n", encoding="utf-8")
    art = load_articles(tmp_path / "a.jsonl").iloc[0]
    assert art["body"] == ("Syrian troops and pro-government gunmen repelled an offensive by rebels on Tuesday. "
                           + P2)
    assert art["date"] == pd.Timestamp("2017-04-05")
    removed = load_report(load_articles(tmp_path / "a.jsonl")).changes.set_index("what")["detail"]
    assert removed["tags"] == "Tags Syria Aleppo regime forces the Nusra Front"
    assert removed["headline repeated in body"] == "Regime forces fended off an attack on Aleppo."


@pytest.mark.parametrize("dateline, first", [
    ("BEIRUT (Reuters) - ", "BEIRUT (Reuters)"), ("DAMASCUS, Syria (AP) — ", "DAMASCUS, Syria (AP)"),
    ("Aleppo, SANA - ", "Aleppo, SANA"), ("ISTANBUL — ", "ISTANBUL"),
])
def test_dateline_fills_its_column_and_leaves_the_first_sentence_clean(tmp_path, dateline, first):
    art = _load(tmp_path, f"Syria Strike Kills 12 Fighters\n\n{dateline}{P1}\n\n{P2}\n").iloc[0]
    assert art["dateline"] == first
    assert art["body"].split("\n\n") == [P1, P2]


def test_users_extend_the_catalogue(tmp_path):
    text = f"Syria Strike Kills 12 Fighters\n\n{P1}\n\nSupport independent journalism today\n\n{P2}\n"
    assert "Support independent" in _load(tmp_path, text).loc[0, "body"]
    (tmp_path / "mine.tsv").write_text("line\tdonation prompt\tsupport independent journalism.{0,40}\n")
    from analysis.corpus import widgets
    try:
        assert add_widgets(tmp_path / "mine.tsv") == 1
        assert _load(tmp_path, text).loc[0, "body"].split("\n\n") == [P1, P2]
    finally:
        widgets._EXTRA.clear()


# --------------------------------------------------------------------------- learned furniture


def test_furniture_learned_per_site_and_reported(tmp_path):
    site = tmp_path / "trt"
    site.mkdir()
    bodies = [P1, P2, P3, "Turkish troops crossed into Syria at dawn.", "Talks in Astana ended without a deal.",
              "A convoy of aid trucks reached Douma on Sunday.", "Jets struck Idlib overnight, residents said."]
    for i, b in enumerate(bodies):
        (site / f"{i}.txt").write_text(f"Headline Number {i} About Syria\n\nMiddle East News {i + 3} Views\n\n"
                                       f"{b} Source TRTWorld and agencies\n", encoding="utf-8")
    arts = load_articles(tmp_path)
    assert list(arts["body"]) == bodies
    fur = load_report(arts).furniture.set_index("template")
    assert fur.loc["source trtworld and agencies", ["origin", "where", "n_articles", "n_words"]].tolist() == \
        ["learned", "end of body", 7, 28]
    assert fur.loc["middle east news # views", "n_articles"] == 7
    # one article alone learns nothing (the catalogue still applies)
    one = load_articles(site / "0.txt")
    assert one.loc[0, "body"].endswith("Source TRTWorld and agencies")


def test_built_scrapes_of_three_families_pass(tmp_path):
    """Upper bound: page texts built by the tests (real FA-KES prose, furniture the tests wrote)."""
    scrapes = build_scrapes(FAKES, 10, seed=7)
    failed = []
    for s in scrapes:
        path = tmp_path / s.family / s.name
        path.parent.mkdir(exist_ok=True)
        path.write_text(s.text, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            problems = judge(s, load_articles(path))
        if problems:
            failed.append((s.name, problems))
    assert len(failed) <= 1, failed


def test_real_fakes_subset_loses_only_furniture():
    raw = [json.loads(line) for line in FAKES.read_text(encoding="utf-8").splitlines()]
    with pytest.warns(LoadWarning, match=r"line 76 has a body that is only page furniture"):
        arts = load_articles(FAKES)     # SANA: "30 October 2016 <headline>" and nothing else
    assert len(arts) == 149
    words = lambda t: len(re.findall(r"\w+(?:[-'’]\w+)*", t))          # noqa: E731
    assert arts["n_words"].sum() >= 0.9 * sum(words(r["body"]) for r in raw)
    for art in arts.itertuples():
        assert not art.body.startswith(art.title)
        assert "Related News" not in art.body and "Community standards" not in art.body
        assert not re.search(r"(?:^|\. )Tags [A-Z]", art.body)
    ch = load_report(arts).changes
    learned = ch[ch["what"] == "learned page furniture"]
    assert (learned["detail"].map(words) <= 12).all()


def test_hide_caption_related_topics_and_wire_photo_lines(tmp_path):
    text = ("Syria Strike Kills 12 Fighters\n\nhide caption\nCivil defence workers search the rubble.\n"
            "toggle caption\nHassan Ammar/AP\n\nFILE PHOTO: A Syrian soldier walks in Aleppo, Syria December 13, 2016. "
            "REUTERS/Omar Sanadiki/File Photo\n3 Min Read\n\n"
            f"{P1}\n\n{P2}\n\nA Reuters/Ipsos poll found most Americans opposed the strikes, said Reuters/Ipsos\n\n"
            "Related Topics\nSyrian civil war\nSyria\n\nMore on this story\nSyria war: What we know\nWho is fighting whom?\n")
    art = _load(tmp_path, text).iloc[0]
    assert art["caption"] == "Civil defence workers search the rubble."
    assert art["body"].split("\n\n") == [P1, P2, "A Reuters/Ipsos poll found most Americans opposed the strikes, "
                                                 "said Reuters/Ipsos"]


def test_navigation_section_labels_byline_affiliation_and_published_date(tmp_path):
    text = ("Skip to content\nAccessibility links\nHome\nNews\n\nMiddle East\n\n"
            "Syria war: Rebels leave eastern Aleppo as army advances\n\nBy Lina Sinjab\nBBC News, Beirut\n\n"
            "Published 15 December 2016\n\nMedia playback is unsupported on your device\n"
            "Media caption, Rebels leave the city on buses\n\n" + P1 + "\n\nImage source, Getty Images\n"
            "Image caption, Buses waited at the crossing\n\n" + P2 + "\n\nRelated Topics\nSyrian civil war\nAleppo\n")
    arts = _load(tmp_path, text)
    assert arts[["title", "author", "date", "body"]].values.tolist() == [[
        "Syria war: Rebels leave eastern Aleppo as army advances", "Lina Sinjab", pd.Timestamp("2016-12-15"),
        P1 + "\n\n" + P2]]
    removed = load_report(arts).changes
    assert removed[removed["what"] == "section label above the headline"]["detail"].tolist() == ["News", "Middle East"]


@pytest.mark.parametrize("byline, author", [("By BEN HUBBARD and ANNE BARNARD", "BEN HUBBARD and ANNE BARNARD"),
                                            ("By Jane Arraf, NPR", "Jane Arraf"),
                                            ("By Lina Sinjab\nBBC News, Beirut", "Lina Sinjab")])
def test_bylines(tmp_path, byline, author):
    art = _load(tmp_path, f"Syria Strike Kills 12 Fighters\n\n{byline}\n\n{P1}\n\n{P2}\n").iloc[0]
    assert (art["author"], art["body"]) == (author, P1 + "\n\n" + P2)


def test_headline_words_that_open_the_first_sentence_stay(tmp_path):
    body = "Syria army retakes Palmyra from Islamic State fighters, state television said on Sunday."
    (tmp_path / "p.jsonl").write_text(json.dumps({"title": "Syria army retakes Palmyra", "body": body}) + "\n")
    assert load_articles(tmp_path / "p.jsonl").loc[0, "body"] == body


def test_photo_credit_without_slash_repeated_around_its_caption(tmp_path):
    text = ("Trump Meets Syrian Opposition Leaders\n\nEnlarge this image\ntoggle caption\nCourtesy of the White House\n"
            "President Trump meets opposition leaders in the Oval Office.\nCourtesy of the White House\n"
            f"{P1}\n\n{P2}\n")
    art = _load(tmp_path, text).iloc[0]
    assert art["caption"] == "President Trump meets opposition leaders in the Oval Office."
    assert art["body"].split("\n\n") == [P1, P2]


@pytest.mark.parametrize("tail", [
    " 48 Related Syrian Army Reportedly Kicks Out Daesh From Suburbs of Qaryatayn Town Turkish Envoy to Russia "
    "Ankara Committed to Ceasefire in Syria",
    " (With AP Reuters and AFP) Last Update: Wednesday 16 November 2016 KSA 20:36 - GMT 17:36 12480",
    " Additional reporting by Tom Perry in Beirut; Writing by John Irish; editing by Andrew Roche",
])
def test_link_lists_update_stamps_and_wire_credits_after_the_last_sentence(tmp_path, tail):
    (tmp_path / "t.jsonl").write_text(json.dumps({"title": "Strike", "body": P1 + " " + P2 + tail}) + "\n")
    assert load_articles(tmp_path / "t.jsonl").loc[0, "body"] == P1 + " " + P2


def test_blog_export_markdown_is_plain_text(tmp_path):
    text = ("Title: Army Enters Raqqa\nDate: 2017-04-05\n\n![photo](http://example.com/y.jpg)\n\n"
            "**BEIRUT (Reuters)** - The army [entered](https://example.com/a) the town on Friday, officials said.\n\n"
            "## What next\n\n> The fighting goes on, a commander said.\n")
    art = _load(tmp_path, text).iloc[0]
    assert (art["title"], art["dateline"]) == ("Army Enters Raqqa", "BEIRUT (Reuters)")
    assert art["body"].split("\n\n") == ["The army entered the town on Friday, officials said.", "What next",
                                         "The fighting goes on, a commander said."]
    assert "Markdown markup removed ×5" in art["changes"]


def test_page_title_with_site_name_gives_way_to_the_headline_printed_again(tmp_path):
    text = ("Syria war: Rebels leave Aleppo as army advances - BBC News\n\n"
            f"Syria war: Rebels leave Aleppo as army advances\n\n{P1}\n")
    assert _load(tmp_path, text)[["title", "body"]].values.tolist() == [
        ["Syria war: Rebels leave Aleppo as army advances", P1]]
    # alone, a title keeps its ending: it may be part of the headline
    alone = _load(tmp_path, f"Syrian army retakes Palmyra | Reuters\n\n{P1}\n", "b.txt")
    assert alone.loc[0, "title"] == "Syrian army retakes Palmyra | Reuters"


def test_headlines_that_look_a_little_like_credits_or_labels_stay_titles(tmp_path):
    arts = _load(tmp_path, f"US/Russia talks on Syria fail\n\n{P1}\n")
    assert arts.loc[0, "title"] == "US/Russia talks on Syria fail"
    # a three-word headline above a standfirst without a full stop is not a section label
    arts = _load(tmp_path, f"Syria ceasefire collapses\n\nRussia and Turkey blame each other for the fighting\n\n{P1}\n",
                 "b.txt")
    assert arts.loc[0, "title"] == "Syria ceasefire collapses"


def test_lines_opening_with_a_recurring_label_are_learned(tmp_path):
    towns = ["Raqqa", "Idlib", "Homs", "Aleppo", "Douma", "Hama"]
    verbs = ["advanced on", "shelled", "encircled", "entered", "bombed", "retook"]
    for i, (town, verb) in enumerate(zip(towns, verbs)):
        (tmp_path / f"{i}.txt").write_text(
            f"Syrian Forces Press On Toward {town}\n\nSyrian forces {verb} {town} on Monday, officials said.\n\n"
            f"WATCH: Drone footage shows the damage in {town} after the strikes\n\n"
            f"Residents of {town} fled north, aid groups said.\n", encoding="utf-8")
    arts = load_articles(tmp_path)
    assert arts.loc[0, "body"] == ("Syrian forces advanced on Raqqa on Monday, officials said.\n\n"
                                   "Residents of Raqqa fled north, aid groups said.")
    fur = load_report(arts).furniture
    assert fur[["origin", "where", "template", "n_articles"]].values.tolist() == [
        ["learned", "line opening with a label", "watch: …", 6]]
