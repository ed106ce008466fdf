"""Far places matched by a word of the text that only shares a name with them: a town the text puts in another
country (*Orem in Aleppo governorate*), a sentence-initial word that is an alternate name of a far town (*Basic*:
Henderson, Nevada; *Ive*: a Paris arrondissement), a country's adjective (*the Kazakh capital*), a region's name
(*the Middle East*) and a nom de guerre (*Lion of Incursions*). Short passages written here in the style of the
corpora, and (when ``../shared`` is beside the repo) the 401 development articles."""
from __future__ import annotations


import pandas as pd
import pytest

from analysis import extract_locations
from analysis.places.gazetteer import haversine_km


SYRIA = ("ALEPPO (Reuters) - Air strikes hit rebel-held districts of Aleppo on Monday, and shelling killed five people "
         "in Idlib and Homs, residents said. The United States and Russia traded blame at the United Nations, and "
         "the United States said Russia had broken the truce; American officials said Russian jets flew the raids.")


def _locs(text: str) -> pd.DataFrame:
    return extract_locations(text)


def _of(locs: pd.DataFrame, mention: str) -> pd.DataFrame:
    return locs[locs["mention"] == mention]


def test_a_town_the_text_puts_in_a_syrian_province_is_not_a_us_namesake():
    locs = _locs(SYRIA + " The aid convoy was struck while traveling to Orem in Aleppo governorate.")
    orem = _of(locs, "Orem")
    assert not (orem["country_code"] == "US").any(), orem[["name", "country_code", "why"]].values.tolist()
    assert (_of(locs, "Aleppo")["country_code"] == "SY").all()


@pytest.mark.parametrize("text", ["Police in Orem, Utah said the suspect fled to Provo. The United States marshals "
                                  "joined the search.",
                                  "He grew up in Orem in Utah County and later moved to Provo."])
def test_the_qualified_or_located_us_town_still_resolves(text):
    orem = _of(_locs(text), "Orem")
    assert len(orem) == 1 and orem.iloc[0]["country_code"] == "US", orem.values.tolist()


def test_the_kazakh_capital_is_astana_and_no_kazakh_town():
    locs = _locs(SYRIA + " Russia, Iran and Turkey have hosted negotiations in the Kazakh capital Astana that led to "
                         "four de-escalation zones. Astana will host the next round.")
    assert not (locs["kind"].eq("city or town") & locs["mention"].eq("Kazakh")).any(), locs.values.tolist()
    astana = _of(locs, "Astana")
    assert len(astana) == 2 and (astana["country_code"] == "KZ").all(), astana[["name", "country_code"]].values.tolist()


@pytest.mark.parametrize("text, mention", [
    ("Protesters marched in the Texas capital, Austin, on Monday.", "Texas"),
    ("Rebels advanced on the Tigray capital Mekele.", "Tigray"),
    ("Fighting reached the Idlib capital on Monday, Syrian activists said.", "Idlib"),
])
def test_a_region_before_capital_is_still_the_region(text, mention):
    """Guard for the Kazakh rule: "the X capital" names the country or region whose capital it is."""
    found = _of(_locs(text), mention)
    assert len(found) == 1 and found.iloc[0]["kind"] == "admin region", found.values.tolist()


def test_a_capital_of_a_province_is_still_a_town():
    locs = _locs("Suicide bombers hit a training camp in Hasakeh capital of the Kurdish-majority province of the same "
                 "name in Syria.")
    assert (_of(locs, "Hasakeh")["country_code"] == "SY").all() and len(_of(locs, "Hasakeh")) == 1


def test_the_middle_east_is_the_region_not_a_us_town():
    locs = _locs(SYRIA + " The war has divided the Middle East along sectarian lines, a Washington think tank said.")
    me = _of(locs, "Middle East")
    assert len(me) == 1 and me.iloc[0]["kind"] == "region" and me.iloc[0]["country_code"] == "", me.values.tolist()


@pytest.mark.parametrize("sentence", ["Basic resources in rebel-held east Aleppo are running low.",
                                      "\"Ive never seen so many people dying in one place\" he said from Idlib."])
def test_a_sentence_initial_word_is_not_an_alternate_name_of_a_far_town(sentence):
    locs = _locs(SYRIA + " France and Britain called for a meeting. " + sentence)
    far = locs.dropna(subset=["lat"])
    far = far[(haversine_km(far["lat"].to_numpy(), far["lon"].to_numpy(), 33.51, 36.29) > 1500)
              & far["kind"].eq("city or town") & ~far["mention"].isin(["Washington", "Moscow", "Paris", "London"])]
    assert far.empty, far[["mention", "name", "country_code"]].values.tolist()


def test_a_romanised_name_near_the_articles_places_is_kept_after_a_sentence_start():
    locs = _locs(SYRIA + " Raqqa was bombed too. Deraa was shelled.")
    assert (_of(locs, "Raqqa")["country_code"] == "SY").all() and len(_of(locs, "Raqqa")) == 1
    assert (_of(locs, "Deraa")["country_code"] == "SY").all() and len(_of(locs, "Deraa")) == 1


def test_a_nom_de_guerre_is_not_a_city_but_a_place_of_a_country_is():
    locs = _locs(SYRIA + ' Abu al-Zir, dubbed "Lion of Incursions", was killed. ISIS began to kill Christians in '
                         "Hasaka of Syria.")
    assert _of(locs, "Lion").empty, _of(locs, "Lion").values.tolist()
    assert (_of(locs, "Hasaka")["country_code"] == "SY").all() and len(_of(locs, "Hasaka")) == 1


def test_a_contraction_is_not_a_name():
    locs = _locs('France said so. "The disparities are as great as I\'ve ever seen them," he said in Toronto.')
    assert _of(locs, "I've").empty


def test_the_401_development_articles_put_no_word_or_namesake_on_another_continent(dev_locations):
    locs = dev_locations.dropna(subset=["lat"])
    pts = locs[~locs["kind"].isin(["country", "demonym", "continent", "physical feature", "region"])]
    far = pts[haversine_km(pts["lat"].to_numpy(), pts["lon"].to_numpy(), 33.51, 36.29) > 1500]
    wrong = far[far["mention"].isin(["Orem", "Basic", "Ive", "Kazakh", "Lion", "Middle East"])]
    assert wrong.empty, wrong[["article_id", "mention", "name"]].values.tolist()
    # every far town left is known worldwide (a million people, or many GeoNames names) or named by its own name
    # (Washington, Lausanne), never by an alternate name only
    from analysis.places import Geoparser
    from analysis.places.keys import name_key

    res = Geoparser().res
    row = {int(g): r for r, g in enumerate(res.gid)}
    towns = far[far["kind"].eq("city or town")]
    small = towns[[not res.world_city(row[int(g)]) and name_key(m) != name_key(n)
                   for g, m, n in zip(towns["geonameid"], towns["mention"], towns["name"])]]
    assert small.empty, small[["article_id", "mention", "name", "why"]].values.tolist()
