"""Embedded posts, image and video prompts and related-headline runs glued into one-line bodies (as the FA-KES
development corpus prints them: the scrape flattened each page into one line and lost '/' and ':' in links), and
the furniture learned per site, which must not cut a formulaic opening or ending off a real sentence."""
from __future__ import annotations

import json
import warnings

import pytest

from analysis import load_articles, load_report

P1 = "Syrian government forces recaptured the town of Khan Sheikhoun on Tuesday, a monitoring group said."
P2 = "The Britain-based Syrian Observatory for Human Rights said at least 12 fighters were killed."
P4 = "Foreign Minister Sergei Lavrov said Russia had seen reports of contacts with the Nusra Front."
TWEET = "Children among the wounded in Khan Sheikhoun, rescuers say."


def _inline(tmp_path, body: str) -> str:
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "Syria Strike Kills 12 Fighters", "body": body}) + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_articles(tmp_path / "a.jsonl").loc[0, "body"]


# An embedded post is its text, its links and its signature (author, handle, date). The links, the hashtags
# between them and the signature are the page's; the post's text is kept: the story quotes it, and where it
# begins is not marked once the embed is flattened into the paragraph.
@pytest.mark.parametrize("embed, kept", [
    (f"{TWEET} https://t.co/Xq3LmN8pQr pic.twitter.com/Ab12Cd34Ef — Syria Civil Defence (@SyriaCivilDef) "
     "April 4, 2017", TWEET),
    (f"{TWEET} httpst.coXq3LmN8pQr pic.twitter.comAb12Cd34Ef Syria Civil Defence (SyriaCivilDef) April 4 2017",
     TWEET),                                                            # the scrape lost '/', ':' and ','
    (f"{TWEET} httpst.coXq3LmN8pQr Idlib pic.twitter.comAb12Cd34Ef OCHA Syria (OCHASyria) April 4 2017",
     TWEET),                                                            # a hashtag between the two links
    (f"{TWEET} pic.twitter.com/Ab12Cd34Ef", TWEET),
    ("Rockets fell on Damascus again today. — Raniah Salloum (@Ranyah) February 5, 2015",
     "Rockets fell on Damascus again today."),
    ("Aid convoy enters eastern Ghouta. A post shared by UNICEF (@unicef) on Mar 3, 2017 at 4:05pm PST",
     "Aid convoy enters eastern Ghouta."),
    ("Our teams pulled 11 people from the rubble. Posted by Syria Civil Defence on Tuesday, April 4, 2017",
     "Our teams pulled 11 people from the rubble."),
    ("Rescuers pull children from rubble in Idlib - YouTube", ""),       # a video's title above its player
])
def test_embedded_posts_in_a_one_line_body(tmp_path, embed, kept):
    assert _inline(tmp_path, f"{P1} {embed} {P2}") == " ".join(x for x in (P1, kept, P2) if x)


@pytest.mark.parametrize("furniture, after", [
    ("(Click to enlarge)", P2), ("[click to enlarge]", P2), ("Map of Deir az-Zour [click to enlarge]", P2),
    ("In pictures Click here for Zouhir al-Shimale's photo essay on East Aleppo's empty markets", P2),
    ("click to watch - Syrian army takes villages in south of country", P2),
    ("Related Coverage U.S. to wait and see on use of force in Syria: army chief of staff U.N. Security Council "
     "urges easier access for Syria aid Chemical experts in Syria to dismantle weapons program", P4),
])
def test_image_video_prompts_and_related_headlines_inside_a_one_line_body(tmp_path, furniture, after):
    assert _inline(tmp_path, f"{P1} {furniture} {after}") == f"{P1} {after}"


@pytest.mark.parametrize("tail", [
    " Related Syria's Assad says Turkey's Erdogan exploiting coup UN pleads for weekly 48-hour truce",
    " (Source: Syrian Coalition) Twitter", " (Source: Syrian Coalition's Media Department)",
    " (Click to enlarge)",
])
def test_credits_prompts_and_related_headlines_after_the_last_sentence(tmp_path, tail):
    assert _inline(tmp_path, f"{P1} {P2}{tail}") == f"{P1} {P2}"


@pytest.mark.parametrize("sentence", [
    "He wrote on Twitter that the convoy had been hit twice before it reached the checkpoint.",
    "The video, posted on Twitter on August 9, showed a column of smoke over the town.",
    "The Syrian Observatory for Human Rights (SOHR) on August 9, 2016 reported 40 dead in the town.",
    "A post shared by the group on Monday showed the damage to the hospital.",
    "The footage was posted on YouTube by a local activist.",
    '"Click here to donate," the poster read, police said.',
    "Related groups in Idlib refused the deal, the envoy said.",
    "Click here, a local activist said, was all it took to join the group's online forum.",
    "(Source: a military official speaking on condition of anonymity) The convoy was hit twice.",
    "Related Syrian factions joined the talks on Monday and the envoy said the deal would hold until the end of "
    "the month when new talks begin in Geneva.",
    "The group's spokesman - YouTube star Abu Ali - said the video was real.",
    "Residents said the video - YouTube removed it within hours - showed the strike.",
])
def test_sentences_that_look_like_embeds_or_prompts_stay(tmp_path, sentence):
    assert _inline(tmp_path, f"{P1} {sentence} {P2}") == f"{P1} {sentence} {P2}"
    assert _inline(tmp_path, f"{P1} {P2} {sentence}") == f"{P1} {P2} {sentence}"


# --------------------------------------------------------------------------- learned furniture and prose

TOWNS = ["Raqqa", "Idlib", "Homs", "Aleppo", "Douma", "Hama", "Deraa", "Palmyra"]


def _site(tmp_path, bodies: list[str]):
    rows = [{"title": f"Syrian Forces Press On Toward {t}", "body": b, "source": "Syria Daily"}
            for t, b in zip(TOWNS, bodies)]
    (tmp_path / "site.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_articles(tmp_path / "site.jsonl")


def test_a_formulaic_opening_shared_by_most_articles_of_a_site_stays(tmp_path):
    verbs = ["advanced on", "advanced on", "advanced on", "advanced on", "advanced on", "shelled", "entered",
             "bombed"]
    bodies = [f"Date of publication {d} April 2017 Syrian forces {v} {t} on Monday, officials said. Residents of "
              f"{t} fled north, aid groups said." for d, v, t in zip(range(3, 11), verbs, TOWNS)]
    arts = _site(tmp_path, bodies)
    assert arts.loc[0, "body"] == ("Syrian forces advanced on Raqqa on Monday, officials said. Residents of Raqqa "
                                   "fled north, aid groups said.")
    # the site's real furniture, a date line glued to the first sentence, is still learned and cut
    fur = load_report(arts).furniture
    assert fur[fur["origin"] == "learned"]["template"].tolist() == ["date of publication # <month> #"]


def test_a_formulaic_ending_shared_by_most_articles_of_a_site_stays(tmp_path):
    verbs = ["advanced on", "shelled", "entered", "bombed", "encircled", "retook", "struck", "raided"]
    who = ["people", "civilians", "fighters", "children", "soldiers", "rebels", "women", "men"]
    bodies = [f"Syrian forces {v} {t} on Monday. Residents of {t} fled north overnight. At least {n} {w} were "
              f"killed, according to the Syrian Observatory for Human Rights. Source SyriaDaily and agencies"
              for v, t, n, w in zip(verbs, TOWNS, range(3, 11), who)]
    arts = _site(tmp_path, bodies)
    assert arts.loc[0, "body"] == ("Syrian forces advanced on Raqqa on Monday. Residents of Raqqa fled north "
                                   "overnight. At least 3 people were killed, according to the Syrian Observatory "
                                   "for Human Rights.")
    fur = load_report(arts).furniture
    assert fur[fur["origin"] == "learned"]["template"].tolist() == ["source syriadaily and agencies"]


def test_a_formulaic_opening_after_a_title_case_label_stays(tmp_path):
    bodies = [f"Syrian President Bashar al-Assad {v} on Monday, state media said." for v in
              ["met Iran's envoy", "visited troops", "spoke to reporters", "received a delegation", "signed a decree",
               "addressed parliament", "met Russian officers", "toured Aleppo"]]
    arts = _site(tmp_path, bodies)
    assert list(arts["body"]) == bodies
