"""A small namesake of a world city (Geneva, Illinois beside Geneva, Switzerland): naming its country in passing is
not enough for it to win; its region named, a place near it, a qualifier, or its country being the article's main
one is (the last only for a town big enough to be named alone, London, Ontario: US wire copy about Syria names the
US most, and its Damascus is not Damascus, Maryland). Short passages written here in the style of the corpora, the hand-annotated dev set, and (when
``../shared`` is beside the repo) the 401 development articles."""
from __future__ import annotations

import json
import sys

import pytest

from analysis import repo_root
from tests.places_text import mention_rows, one_place
from analysis.places import haversine_km

DEV = repo_root() / "benchmarks" / "data" / "fakes_places_dev.jsonl"


_place = one_place


TALKS = ("Syrian government and opposition delegations will resume peace talks in Geneva next week, the United Nations "
         "envoy said on Monday. In Washington, the United States said it backed the talks, while Russian jets kept up "
         "their raids on Aleppo and rebels shelled Damascus. The Syrian Observatory said 40 people died in Idlib "
         "province and in Homs, and Syrian troops advanced near Hama.")


def test_talks_in_geneva_in_a_syria_story_that_names_the_us_are_in_switzerland():
    row = _place(TALKS, "Geneva")
    assert row["country_code"] == "CH", row["why"]
    assert float(haversine_km(row["lat"], row["lon"], 46.2, 6.15)) < 20


def test_a_world_city_beats_a_small_namesake_of_a_country_named_in_passing():
    text = ("The ceasefire brokered by Turkey and Russia in Aleppo collapsed on Wednesday as Turkey accused the "
            "Syrian regime of breaking it. In Paris, the mayor lit the town hall in solidarity with Aleppo and "
            "Syrian activists rallied in Syria's northern Idlib province.")
    row = _place(text, "Paris")
    assert row["country_code"] == "FR", row["why"]      # not Parizh, a village of 2,200 in Russia


@pytest.mark.parametrize("text", [
    # the state named, and towns near it
    "Firefighters from Batavia and St. Charles helped put out a blaze that destroyed a warehouse in Geneva on "
    "Tuesday. The Illinois fire marshal is investigating, and the owner, a Chicago company, said it would rebuild.",
    # a qualifier, in a Syria story
    "Syrian refugees who settled in Geneva, Illinois, held a vigil for the victims of the bombing in Aleppo, as the "
    "United States weighed new sanctions on Syria and Syrian officials blamed rebels in Idlib.",
    # only a resolved place near it (Chicago), in a story mostly about Syria
    "Rebels shelled Aleppo and Syrian jets struck Idlib, the Syrian Observatory said. In the United States, a Syrian "
    "family that fled the war opened a bakery in Geneva, a suburb west of Chicago.",
])
def test_local_evidence_keeps_the_small_namesake(text):
    row = _place(text, "Geneva")
    assert row["country_code"] == "US" and float(haversine_km(row["lat"], row["lon"], 41.89, -88.31)) < 20, row["why"]


def test_without_the_nearby_place_the_same_story_means_switzerland():
    text = ("Rebels shelled Aleppo and Syrian jets struck Idlib, the Syrian Observatory said. In the United States, a "
            "Syrian family that fled the war opened a bakery in Geneva, a suburb west of the city.")
    assert _place(text, "Geneva")["country_code"] == "CH"


def test_the_articles_main_country_still_supports_its_own_town():
    """A local paper names its country, not its province: London, Ontario in a Canadian story."""
    text = ("Hundreds of people gathered in London on Saturday to raise money for families fleeing Aleppo. Canada has "
            "taken in more Syrian refugees than most countries, the mayor said, and Canada should take more. A "
            "Western University student said Canadian churches had sponsored 40 families.")
    row = _place(text, "London")
    assert row["country_code"] == "CA", row["why"]



# -- the main country is not enough for a small town bearing a world city's own name ------------------
@pytest.mark.parametrize("text, mention, cc, lat, lon", [
    # US wire copy about Syria names the US most: Damascus is not Damascus, Maryland (15,000 people)
    ("U.S. officials said the United States would send aid. Rebels near Damascus said government jets bombed the "
     "town.", "Damascus", "SY", 33.51, 36.29),
    # ... also when it names Washington, the US government, 50 km from Damascus, Maryland
    ("US officials in Washington said on Tuesday that Damascus had crossed a red line. The United States will "
     "respond, the Pentagon said.", "Damascus", "SY", 33.51, 36.29),
    ("The United States said it would strike. Russia warned Washington. Damascus denied using gas.",
     "Damascus", "SY", 33.51, 36.29),
    # ... and its talks are not in Geneva, Illinois (22,000 people)
    ("The State Department said on Monday that American diplomats will travel to Geneva for talks on Syria, and the "
     "United States warned that strikes near Damascus must stop.", "Geneva", "CH", 46.2, 6.15),
])
def test_a_story_naming_the_us_most_keeps_syrias_capital_and_the_geneva_talks(text, mention, cc, lat, lon):
    row = _place(text, mention)
    assert row["country_code"] == cc, row["why"]
    assert float(haversine_km(row["lat"], row["lon"], lat, lon)) < 20, row["why"]


@pytest.mark.parametrize("text, mention, lat, lon", [
    # its state named
    ("Montgomery County firefighters put out a barn fire in Damascus on Tuesday, and Maryland officials said no one "
     "was hurt. The state fire marshal is investigating.", "Damascus", 39.29, -77.2),
    # a qualifier
    ("The Lamar County sheriff said a tornado damaged homes in Paris, Texas, on Sunday night, and the United States "
     "weather service warned of more storms.", "Paris", 33.66, -95.56),
    # a Canadian local story that names its province: London, Ontario (a town named alone, too)
    ("Ontario will pay for a new wing of the hospital in London, the province said on Friday. Canada's health "
     "minister welcomed the plan, and London city council will vote on it next week.", "London", 42.98, -81.25),
])
def test_local_evidence_still_keeps_the_namesake_of_a_capital(text, mention, lat, lon):
    rows = mention_rows(text, mention)
    assert len(rows) >= 1
    for _, row in rows.iterrows():
        assert row["country_code"] in ("US", "CA") and float(
            haversine_km(row["lat"], row["lon"], lat, lon)) < 20, row["why"]

# -- real text ---------------------------------------------------------------------------------------
def test_dev_set_places_nothing_far_from_its_gold_place():
    """The 45 hand-annotated Syria-war articles: every matched place with coordinates lies within 1,500 km of
    its gold place (London was London, Ohio in a story naming the US before the namesake rule)."""
    sys.path.insert(0, str(repo_root() / "benchmarks"))
    from geoparse import _has_point, _km, _match
    from analysis.places import Geoparser

    parser = Geoparser()
    far = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for g, p in _match(d["toponyms"], parser.parse(d["text"])):
            if _has_point(g) and _has_point(p) and _km(g, p) > 1500:
                far.append((d["id"], g["name"], p["name"], p["country_code"]))
    assert far == []


def test_the_401_development_articles_put_geneva_in_switzerland(dev_locations):
    locs = dev_locations
    geneva = locs[locs["mention"] == "Geneva"]
    assert len(geneva) >= 4 and set(geneva["country_code"]) == {"CH"}, geneva[["article_id", "name", "why"]]
