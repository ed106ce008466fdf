"""Geoparsing on the sample and on realistic variants, hand-checked against GeoNames coordinates."""
from __future__ import annotations

import json
import math
import re
import time

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from analysis import (extract_locations, location_counts, mention_sentences, plot_locations,  # noqa: E402
                      repo_root)
from analysis.gazetteer import haversine_km, load_gazetteer, skeleton_key  # noqa: E402
from analysis.locations import LOCATION_COLUMNS  # noqa: E402

FAKES = repo_root() / "data" / "external" / "fakes_syria.jsonl"
AL_QAIM = (34.37, 41.09)
ANAH = (34.37, 41.99)
DEIR_EZ_ZOR = (35.34, 40.14)


@pytest.fixture(scope="module")
def locs(sample):
    return extract_locations(sample, field="body")


def _near(row, point, km=25.0) -> bool:
    return float(haversine_km(row["lat"], row["lon"], *point)) <= km


def _rows(locs, mention):
    return locs[locs["mention"] == mention]


def test_columns_and_offsets_point_into_the_body(sample, locs):
    assert list(locs.columns) == LOCATION_COLUMNS
    bodies = dict(zip(sample["article_id"], sample["body"]))
    for r in locs.itertuples():
        assert bodies[r.article_id][r.start:r.end] == r.mention


def test_al_qaim_in_both_spellings_is_one_place(locs):
    qaim = locs[locs["mention"].str.lower() == "al-qaim"]
    assert len(qaim) == 3
    assert qaim["geonameid"].nunique() == 1 and qaim["kind"].eq("city or town").all()
    assert all(_near(r, AL_QAIM) for _, r in qaim.iterrows())


def test_gaza_district_is_a_district_of_al_qaim_never_the_gaza_strip(locs):
    gaza = _rows(locs, "Gaza")
    assert len(gaza) == 1
    row = gaza.iloc[0]
    assert row["kind"] == "district" and row["country_code"] == "IQ"
    assert _near(row, AL_QAIM)
    assert "district" in row["why"]
    assert not (locs["country_code"] == "PS").any()


def test_deir_ezzor_variant_resolves_as_city_and_as_province(locs):
    deir = _rows(locs, "Deir Ezzor").sort_values("start")
    assert deir["kind"].tolist() == ["admin region", "city or town"]     # "province of", "city of"
    assert (deir["country_code"] == "SY").all()
    assert _near(deir.iloc[1], DEIR_EZ_ZOR)
    assert _near(deir.iloc[0], DEIR_EZ_ZOR, km=100)                     # the governorate's centre


def test_countries_demonyms_river_and_bekaa(locs):
    countries = set(locs.loc[locs["kind"] == "country", "name"])
    assert {"Iraq", "Syria", "Lebanon"} <= countries
    dem = locs[locs["kind"] == "demonym"]
    assert set(dem["mention"]) == {"Iraqi", "Syrian", "Lebanese"}
    assert set(dem.loc[dem["mention"] == "Lebanese", "country_code"]) == {"LB"}
    euphrates = _rows(locs, "Euphrates").iloc[0]
    assert euphrates["kind"] == "physical feature"
    bekaa = _rows(locs, "Bekaa")
    assert len(bekaa) == 2 and (bekaa["country_code"] == "LB").all()
    assert all(_near(r, (33.85, 36.0), km=60) for _, r in bekaa.iterrows())


def test_no_person_organisation_or_month_is_a_place(locs):
    mentions = set(locs["mention"])
    for not_a_place in ("Haider", "Abadi", "al-Abadi", "Zobai", "Noman", "Counter Terrorism Service", "ISIS",
                        "Friday", "Sunday", "Army Command", "AFP", "X"):
        assert not any(not_a_place in m for m in mentions), not_a_place
    # "Lebanese-Syrian" is two demonyms, "US-led" names the US
    assert {"US", "Lebanese", "Syrian"} <= mentions


def test_anna_in_the_town_of_anna_is_anah_in_iraq():
    text = ("Iraqi forces retook the town of Anna on Thursday, 80 km east of al-Qaim near the border "
            "with Syria, a commander said.")
    locs = extract_locations(text)
    anna = _rows(locs, "Anna").iloc[0]
    assert anna["country_code"] == "IQ" and anna["kind"] == "city or town"
    assert _near(anna, ANAH)
    assert "spelling variant" in anna["why"] and "town of" in anna["why"]


@pytest.mark.parametrize("spelling", ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zor"])
def test_deir_ez_zor_spellings(spelling):
    locs = extract_locations(f"Syrian troops advanced on the city of {spelling} on Monday.")
    row = _rows(locs, spelling).iloc[0]
    assert row["country_code"] == "SY" and _near(row, DEIR_EZ_ZOR)


@pytest.mark.parametrize("spelling", ["Albu Kamal", "Abu Kamal", "Bukamal"])
def test_albu_kamal_spellings(spelling):
    locs = extract_locations(f"Fighters fled across the Iraqi border to the Syrian town of {spelling}.")
    row = _rows(locs, spelling).iloc[0]
    assert row["country_code"] == "SY" and _near(row, (34.45, 40.92))


@pytest.mark.parametrize("spelling", ["Al-Qaim", "al-Qaim", "Al Qa'im", "Qaim"])
def test_al_qaim_spellings(spelling):
    locs = extract_locations(f"Iraqi troops entered {spelling} near the Syrian border.")
    row = _rows(locs, spelling).iloc[0]
    assert _near(row, AL_QAIM)


def test_raqqa_and_a_us_state_context():
    locs = extract_locations("Kurdish-led forces said they had taken Raqqa from ISIS, in northern Syria.")
    assert _near(_rows(locs, "Raqqa").iloc[0], (35.95, 39.01))
    us = extract_locations("The storm hit Frankfort, Ky., on Monday, and moved on to Georgia and Florida, "
                           "the National Weather Service said.")
    assert _rows(us, "Frankfort").iloc[0]["country_code"] == "US"
    assert _near(_rows(us, "Frankfort").iloc[0], (38.20, -84.87))
    assert set(_rows(us, "Georgia")["kind"]) == {"admin region"}       # the state, not the country
    assert set(_rows(us, "Florida")["kind"]) == {"admin region"}


def test_people_named_like_places_are_not_places():
    text = ("Senator Michael Steele said on Monday that the talks had failed. Steele added that "
            "Paris Hilton would not attend. Jordan Peterson spoke in London.")
    locs = extract_locations(text)
    assert "Steele" not in set(locs["mention"])
    assert "London" in set(locs["mention"])


def test_words_seen_in_lowercase_are_not_places_and_empty_text_is_fine():
    assert extract_locations("").empty
    assert list(extract_locations("").columns) == LOCATION_COLUMNS
    locs = extract_locations("Reading the report, officials said. The reading was clear.")
    assert locs.empty


def test_bad_field_is_a_clear_error(sample):
    with pytest.raises(KeyError, match="no 'text' column"):
        extract_locations(sample, field="text")
    with pytest.raises(KeyError, match="no 'Body' column"):      # a list too: it gave an empty table
        extract_locations(sample, field=["title", "Body"])
    assert set(extract_locations(sample.drop(columns="caption"))["field"]) == {"title", "body"}  # the default


def test_non_breaking_spaces_keep_multi_word_names_whole():
    """&nbsp; between words (a table not made by load_articles): United States is still one country, and
    Bashar in Bashar al-Assad is still a person, not the Syrian village Basir."""
    text = ("The United States has said the deaths were caused by sarin. President Bashar al-Assad denied it. "
            "Peter Salama of the WHO spoke in Damascus.")
    plain = extract_locations(text)
    assert plain[["mention", "country_code"]].values.tolist() == [["United States", "US"], ["Damascus", "SY"]]
    nbsp = extract_locations(text.replace(" ", "\u00a0"))
    assert nbsp["mention"].tolist() == ["United\u00a0States", "Damascus"]
    assert nbsp.drop(columns="mention").equals(plain.drop(columns="mention"))


def test_invisible_characters_inside_names_change_nothing():
    """'Da\u200bmascus' (a zero-width space a CMS left) is Damascus in Syria, with the offsets of the text given."""
    text = "Sy\u200bria said Da\u200bmascus and Id\u200dlib were calm, and the Syrian army entered Saraqeb."
    locs = extract_locations(text)
    assert locs[["name", "country_code"]].values.tolist() == [
        ["Syria", "SY"], ["Damascus", "SY"], ["Idlib", "SY"], ["Syria", "SY"], ["Saraqib", "SY"]]
    assert [text[a:b] for a, b in zip(locs["start"], locs["end"])] == locs["mention"].tolist()
    assert locs["mention"].tolist()[:3] == ["Sy\u200bria", "Da\u200bmascus", "Id\u200dlib"]
    nul = extract_locations("Shells hit Ho\x00ms.")
    assert nul[["mention", "name", "start", "end"]].values.tolist() == [["Ho\x00ms", "Homs", 11, 16]]


def test_places_summary_tells_two_places_of_one_name_apart():
    """Idlib the province and Idlib the city both lead: the finding said 'Idlib (3) and Idlib (2)'."""
    from analysis.findings import places_summary
    from analysis.maps import country_counts

    text = ("Jets struck Idlib province on Monday. In Idlib province rebels said 20 people died. Shelling hit Idlib "
            "province again. Residents of the city of Idlib fled. The city of Idlib was without power.")
    locs = extract_locations(text)
    summary = places_summary(locs, location_counts(locs), country_counts(locs))
    assert "**Idlib** (admin region, 3) and **Idlib** (city or town, 2)" in summary, summary


def _cpu_seconds(text: str) -> float:
    best = math.inf
    for _ in range(2):
        t0 = time.process_time()
        extract_locations(text, progress=False)
        best = min(best, time.process_time() - t0)
    return best


def test_time_grows_linearly_on_one_long_line_without_punctuation():
    """Real Syria-war text run together without punctuation or paragraphs (a scrape that lost them): four times
    the text took sixteen times as long (every described place scanned every place found before it)."""
    bodies = [json.loads(line)["body"] for line in FAKES.read_text(encoding="utf-8").splitlines()]
    text = re.sub(r"[^\w\s]", "", " ".join(bodies)) * 2
    extract_locations(text[:2_000])
    small, large = _cpu_seconds(text[:100_000]), _cpu_seconds(text[:400_000])
    assert large / max(small, 1e-3) < 8, (small, large)


def test_repeated_article_ids_are_a_clear_error():
    """Mentions of two articles sharing an id could not be told apart (``mention_sentences`` would fail)."""
    arts = pd.DataFrame({"article_id": ["a", "a"], "body": ["Shells hit Homs.", "Rebels entered Idlib."]})
    with pytest.raises(ValueError, match="extract_locations.*repeats article_id 'a'"):
        extract_locations(arts)


def test_location_counts_and_sentences(sample, locs):
    counts = location_counts(locs)
    top = counts.iloc[0]
    assert top["surface"] == "Al-Qaim" and top["mentions"] == 3
    assert "demonym" not in set(counts["kind"])
    per_article = location_counts(locs, by="article_id")
    assert set(per_article["article_id"]) == set(sample["article_id"])
    with_sent = mention_sentences(sample, locs)
    row = with_sent[with_sent["mention"] == "Gaza"].iloc[0]
    assert row["sentence"].startswith("Shortly afterwards, another officer said the town's Gaza district")


def test_gazetteer_is_cached_without_pickle_and_read_back(tmp_path, monkeypatch):
    from analysis.places import store as G

    assert skeleton_key("Dayr az Zawr") == skeleton_key("Deir Ezzor")
    built = load_gazetteer()                        # built or loaded once
    path = G.gazetteer_cache_path()
    assert path.exists() and path.suffix == ".npz"
    import numpy as np

    with np.load(path, allow_pickle=False) as data:  # plain arrays: loading never runs code
        assert "key_keys" in data.files
    G.clear_memory()
    gaz = load_gazetteer()                          # read back from the cache
    assert len(gaz.places) == len(built.places) > 200_000
    assert gaz.candidates("al qaim") == built.candidates("al qaim")
