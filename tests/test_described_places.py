"""Described places the gazetteer lacks (*the village of X*, *the X neighbourhood*) go where the article's resolved
places lie, not to the country it names most: a Syria-war story names the US and Russia as actors, and its villages
are in Syria. A loose spelling of such a name is matched only in that country, near a resolved place; when the
article's places are split between countries, or none is resolved, the place stays without coordinates. Short
passages written here in the style of the corpora, and (when ``../shared`` is beside the repo) the 401 development
articles."""
from __future__ import annotations


import pandas as pd
import pytest

from tests.places_text import one_place


ACTORS = (" The United States accused Russia of bombing hospitals, and Russia said the United States had broken the "
          "deal. American and Russian diplomats will meet again, the United States said, and Russia agreed. The U.S. "
          "State Department said Russian jets and Russian advisers were still in Syria.")


_row = one_place


DATELINE = ("DAMASCUS (Reuters) - Syrian government jets bombed the village of Xyzabad on Tuesday, killing 12 people, a "
            "monitoring group said, and shelling also hit the Qwerty neighbourhood, residents said. In Damascus, state "
            "media said the army advanced." + ACTORS)


@pytest.mark.parametrize("mention", ["Xyzabad", "Qwerty"])
def test_a_described_place_of_a_damascus_story_naming_the_us_and_russia_is_in_syria(mention):
    row = _row(DATELINE, mention)
    assert row["country_code"] == "SY", row["why"]
    assert row["precision"] == "province" and "Damascus" in row["why"], row["why"]


@pytest.mark.parametrize("mention", ["Mayssar", "Otaya"])
def test_a_loose_spelling_of_a_syrian_place_is_not_a_us_or_russian_town(mention):
    """Mayssar is Maeser, Utah and Otaya is Utta, Russia by their romanisation keys: neither is near Aleppo."""
    text = ("ALEPPO, Syria (Reuters) - Two children died in the Mayssar neighbourhood of the northern city, and rebels "
            "shelled the towns of Otaya and Arbin, the Syrian Observatory said. Aleppo was quiet by evening." + ACTORS)
    row = _row(text, mention)
    assert row["country_code"] == "SY", row["why"]


def test_a_loose_spelling_near_the_articles_places_is_still_matched():
    text = ("Rebels shelled the besieged town of al-Fouaa near Idlib on Monday, the Syrian Observatory said. Fighting "
            "in Idlib province and near Saraqeb killed 20." + ACTORS)
    row = _row(text, "al-Fouaa")
    assert (row["name"], row["country_code"]) == ("Foua", "SY"), row["why"]


def test_a_described_place_is_left_unplaced_when_the_articles_places_are_split():
    text = ("Russian jets struck Aleppo on Monday and protesters gathered in Moscow, where the village of Xyzabad was "
            "mentioned by officials. The United States and Russia blamed each other.")
    row = _row(text, "Xyzabad")
    assert row["country_code"] == "" and pd.isna(row["lat"]) and "split" in row["why"], row["why"]


def test_a_described_place_is_not_sent_to_the_only_country_named_when_nothing_is_placed():
    text = ("US-led coalition planes struck water wells in the village of Xyzabad, killing 18 civilians, the monitor "
            "said. The United States said it would investigate, and American officials declined to comment.")
    row = _row(text, "Xyzabad")
    assert row["country_code"] == "" and pd.isna(row["lat"]), row["why"]


def test_a_described_place_goes_to_the_most_mentioned_town_where_the_places_lie():
    text = ("Syrian troops shelled the village of Xyzabad on Monday, a day after rebels attacked Hama. Fighting also "
            "raged in Hama province and near Homs, and jets struck Hama again, the Observatory said.")
    row = _row(text, "Xyzabad")
    assert (row["country_code"], row["precision"]) == ("SY", "province") and "Ḩamāh" in row["why"], row["why"]


# -- real text ---------------------------------------------------------------------------------------
def test_the_401_development_articles_put_no_described_or_loosely_spelled_place_in_the_us_or_russia(dev_locations):
    """Before this rule 21 Syrian villages and neighbourhoods were pinned to the US or Russia (the most-named
    country) and 7 loose spellings matched towns there (Raqa -> Rice, Otaya -> Utta, Mayssar -> Maeser)."""
    locs = dev_locations
    there = locs[locs["country_code"].isin(["US", "RU"]) & ~locs["kind"].isin(["country", "demonym"])]
    described = there["why"].str.startswith("'") | there["precision"].isin(["city", "province", "country"])
    loose = there["why"].str.contains("spelling variant", regex=False)
    bad = there[described | loose | there["kind"].eq("district")]
    assert bad.empty, bad[["article_id", "mention", "name", "country_code", "why"]].values.tolist()
