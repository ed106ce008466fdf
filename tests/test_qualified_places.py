"""A qualifier is read jointly with the place it qualifies: in "X, Y" read as town X in region Y, Y is the region or
country holding one of X's candidates (the largest such), not a same-named place elsewhere. *Atlanta, Georgia* is the
US state (Atlanta lies in it), not the country in the Caucasus; *Tbilisi, Georgia* stays the country; *Idlib, Syria*
stays Syria."""
from __future__ import annotations

from tests.places_text import one_place

US = "The company is based in Atlanta, Georgia, and its rival in Austin, Texas."
SYRIA = ("Syrian rebels shelled Idlib, Syria, on Monday. Separately, a Syrian refugee who settled in Atlanta, Georgia, "
         "said the Syrian army was to blame.")


def test_a_us_city_and_its_state_are_both_read_in_the_us():
    atlanta, georgia = one_place(US, "Atlanta"), one_place(US, "Georgia")
    assert (georgia["country_code"], georgia["kind"]) == ("US", "admin region"), georgia["why"]
    assert atlanta["country_code"] == "US" and abs(atlanta["lat"] - 33.75) < 0.5, atlanta["why"]   # Atlanta, GA
    austin, texas = one_place(US, "Austin"), one_place(US, "Texas")
    assert (texas["country_code"], texas["kind"]) == ("US", "admin region"), texas["why"]
    assert austin["country_code"] == "US" and abs(austin["lat"] - 30.27) < 0.5, austin["why"]       # Austin, TX


def test_in_a_syria_story_georgia_after_atlanta_is_still_the_us_state():
    georgia = one_place(SYRIA, "Georgia")
    assert (georgia["country_code"], georgia["kind"]) == ("US", "admin region"), georgia["why"]
    assert one_place(SYRIA, "Atlanta")["country_code"] == "US"
    assert one_place(SYRIA, "Idlib")["country_code"] == "SY"


def test_tbilisi_georgia_stays_the_country():
    text = "Protesters gathered in Tbilisi, Georgia, on Sunday, demanding new elections."
    georgia = one_place(text, "Georgia")
    assert (georgia["country_code"], georgia["kind"]) == ("GE", "country"), georgia["why"]
    assert one_place(text, "Tbilisi")["country_code"] == "GE"


def test_idlib_syria_stays_syria():
    text = "Air strikes hit a market in Idlib, Syria, on Tuesday, killing at least 12 people, activists said."
    syria = one_place(text, "Syria")
    assert (syria["country_code"], syria["kind"]) == ("SY", "country"), syria["why"]
    assert one_place(text, "Idlib")["country_code"] == "SY"
