"""The places package on short real-style conflict-news passages (hand-checked), the user's gazetteer files in
the exact GeoNames and CSV formats (built here), and the gazetteer cache (no pickle; corrupt or concurrent)."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from analysis import extract_locations, load_articles, repo_root
from analysis.places import GeoWeights, WEIGHTS, haversine_km, store, translit_key
from analysis.places.sources import GazetteerFileError

DAMASCUS = (33.51, 36.29)


def _row(locs, mention):
    rows = locs[locs["mention"] == mention]
    assert len(rows), f"{mention!r} not found in {locs['mention'].tolist()}"
    return rows.iloc[0]


# -- transliteration keys ----------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [("Jisr al-Shigour", "Jisr ash Shughur"), ("Saraqeb", "Saraqib"),
                                  ("Kefraya", "Kafraya"), ("Deir ez-Zor", "Dayr az Zawr"), ("Azaz", "A‘zāz"),
                                  ("Douma", "Dūmā"), ("Khan Sheikhoun", "Khān Shaykhūn"), ("Raqqa", "Ar Raqqah")])
def test_romanisations_share_a_key(a, b):
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize("a, b", [("Hama", "Homs"), ("Idlib", "Aleppo"), ("Dabiq", "Dubuque"), ("Tokhar", "Tucker")])
def test_different_names_keep_different_keys(a, b):
    assert translit_key(a) != translit_key(b)


@pytest.mark.parametrize("text, mention", [
    ("Government air raids on Jisr al-Shigour in Idlib province killed 12 people.", "Jisr al-Shigour"),
    ("Rebels shelled Saraqeb in Idlib province on Monday the Syrian Observatory said.", "Saraqeb"),
])
def test_spelling_variants_resolve_in_syria(text, mention):
    row = _row(extract_locations(text), mention)
    assert row["country_code"] == "SY" and row["precision"] == "exact"
    assert float(haversine_km(row["lat"], row["lon"], 35.85, 36.6)) < 40      # both near Idlib


# -- nothing sent abroad without support ---------------------------------------------------------------
ISSUE_ERRORS = [
    ("Tue 05 Jul 2016 Suicide bombing kills 16 in northeast Syria. The blast hit Hasaka.", "Jul"),
    ("Sat 13 Feb 2016 Turkey shells Kurdish fighters in Syria. Turkish artillery hit Azaz.", "Sat"),
    ("Activists said warplanes conducted nine air raids on the city of Al Raqqa in Syria.", "Al"),
    ("Ten people were killed in shelling on Aleppo the Syrian Observatory said.", "Ten"),
    ("US Secretary of State John Kerry met his Russian counterpart on Syria. Kerry said the truce held.", "Kerry"),
    ("Turkish-backed rebels took Dabiq from IS north of Aleppo in Syria the U.S.-led coalition said.", "Dabiq"),
    ("Regime forces shelled Bustan al-Qasr and Bustan in Aleppo Syria as U.S. officials watched.", "Bustan"),
    ("Regime troops cut the Castello road the last route into rebel-held Aleppo in Syria.", "Castello"),
    ("Syrian jets struck al-Latamineh in Hama province as French officials met in Paris.", "al-Latamineh"),
    ("Airstrikes killed dozens in Tokhar north of Manbij in Syria the U.S.-led coalition said.", "Tokhar"),
]


@pytest.mark.parametrize("text, mention", ISSUE_ERRORS)
def test_issue_errors_never_go_abroad(text, mention):
    locs = extract_locations(text)
    for r in locs[locs["mention"].str.contains(mention, regex=False)].itertuples():
        assert r.country_code in ("SY", ""), (r.mention, r.name, r.country_code, r.why)
    named = set(locs.loc[locs["kind"].isin(["country", "demonym"]), "country_code"])
    for r in locs.dropna(subset=["lat"]).itertuples():
        assert r.country_code in named | {"SY", ""}, (r.mention, r.name, r.country_code)


def test_shipped_real_articles_place_nothing_far_abroad_without_support():
    """150 real FA-KES Syria-war articles: a place outside the article's named countries lies in the region
    (1,500 km of Damascus) or is a world city of a million people or more."""
    articles = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl")
    locs = extract_locations(articles)
    named = locs[locs["kind"].isin(["country", "demonym"])].groupby("article_id")["country_code"].agg(set)
    points = locs.dropna(subset=["lat"])
    points = points[~points["kind"].isin(["country", "demonym", "continent", "physical feature", "region"])]
    far = [(r.mention, r.name, r.country_code) for r in points.itertuples()
           if r.country_code not in named.get(r.article_id, set())
           and float(haversine_km(r.lat, r.lon, *DAMASCUS)) > 1500 and "population" not in r.why]
    assert far == []
    assert {"Jul", "Sat", "Al", "SANA"}.isdisjoint(set(points["mention"]))
    assert (locs["precision"] != "").mean() > 0.9


# -- described places --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, mention, kind, precision, near", [
    ("Warplanes hit the village of Kafr Batikh in Idlib province killing five.", "Kafr Batikh", "city or town",
     "province", (35.85, 36.6)),
    ("Shelling killed three in Beit Sawa a town near Damascus on Friday.", "Beit Sawa", "city or town", "city",
     DAMASCUS),
    ("Barrel bombs fell on the Kallaseh neighbourhood of Aleppo.", "Kallaseh", "district", "city", (36.2, 37.15)),
    ("Thousands waited at the Atmeh crossing near Sarmada in Idlib province.", "Atmeh", "crossing", "province",
     (35.85, 36.6)),
])
def test_descriptions_place_what_the_gazetteer_lacks(text, mention, kind, precision, near):
    row = _row(extract_locations(text), mention)
    assert (row["kind"], row["precision"], row["country_code"]) == (kind, precision, "SY"), row["why"]
    assert float(haversine_km(row["lat"], row["lon"], *near)) < 100
    assert "not in the gazetteer" in row["why"]


def test_lists_of_described_villages_are_split_and_kept():
    locs = extract_locations("Jets struck the villages of Deir Sunbul Kafr Halab and Kafr Nasih in Idlib province.")
    villages = ["Deir Sunbul", "Kafr Halab", "Kafr Nasih"]
    assert locs["mention"].tolist() == villages + ["Idlib"]
    assert set(locs.loc[locs["mention"].isin(villages), "precision"]) == {"province"}


def test_conflict_places_table_pins_neighbourhoods_crossings_and_regions():
    text = ("Regime jets pounded Eastern Ghouta and the Sakhour neighbourhood while convoys crossed at Bab al-Salama "
            "in Syria and Russian jets took off from Hmeimim.")
    locs = extract_locations(text).set_index("mention")
    assert locs.loc["Eastern Ghouta", "kind"] == "region" and locs.loc["Bab al-Salama", "kind"] == "crossing"
    assert locs.loc["Hmeimim", "kind"] == "airbase" and locs.loc["Sakhour", "kind"] == "district"
    assert set(locs.loc[["Eastern Ghouta", "Sakhour", "Bab al-Salama", "Hmeimim"], "precision"]) == {"city"}
    assert float(haversine_km(*locs.loc["Eastern Ghouta", ["lat", "lon"]], *DAMASCUS)) < 20


# -- not places --------------------------------------------------------------------------------------
def test_organisations_people_dates_and_tags_are_not_places():
    text = ("Sun 22 Feb 2015 Tags Syria Idlib Bashar al-Assad SOHR Syrian rebels shelled Idlib. The Syrian "
            "Observatory for Human Rights and the Aleppo Media Center said the Idlib Army fought the Syrian army.")
    locs = extract_locations(text)
    mentions = locs["mention"].tolist()
    tags_end = text.index("SOHR")
    assert all(s > tags_end for s in locs["start"]), "nothing from the tag list"
    assert mentions == ["Syrian", "Idlib", "Syrian"], mentions          # rebels, the city, the army
    assert "Sun" not in mentions and "Feb" not in mentions


def test_peoples_demonyms_are_places_without_a_point():
    locs = extract_locations("The Kurdish-led forces and Arab tribes advanced on Raqqa.")
    kurd = _row(locs, "Kurdish")
    assert kurd["kind"] == "demonym" and kurd["country_code"] == "" and np.isnan(kurd["lat"])


def test_weights_are_one_frozen_dataclass():
    import dataclasses

    assert dataclasses.is_dataclass(GeoWeights) and len(dataclasses.fields(GeoWeights)) >= 35
    with pytest.raises(dataclasses.FrozenInstanceError):
        WEIGHTS.country_named = 1.0


def test_tokeniser_and_geoparser_share_one_abbreviation_list():
    from analysis.places.vocab import abbreviations
    from analysis.text import ABBREVIATIONS, sentences

    kinds = abbreviations()
    assert ABBREVIATIONS <= set(kinds) and kinds["jul"] == "month" and kinds["sat"] == "weekday"
    assert "sat" not in ABBREVIATIONS                   # the sentence splitter's list is unchanged
    assert sentences("Lt. Gen. Smith arrived on Jul. 4. He left.") == ["Lt. Gen. Smith arrived on Jul. 4.", "He left."]


# -- the user's gazetteer files ---------------------------------------------------------------------
DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 adm1 adm2 adm3 adm4 pop elev dem tz date
    ["99000001", "Qaryat al-Mukhtabar", "Qaryat al-Mukhtabar", "Mukhtabar,Moukhtabar", "35.70", "36.80", "P", "PPL",
     "SY", "", "12", "", "", "", "0", "", "350", "Asia/Damascus", "2020-01-01"],
    ["99000002", "Hayy al-Tajriba", "Hayy al-Tajriba", "Tajriba", "36.21", "37.15", "P", "PPLX", "SY", "", "09",
     "", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"],
    ["99000003", "Funduq", "Funduq", "", "36.2", "37.1", "S", "HTL", "SY", "", "09", "", "", "", "0", "", "400",
     "Asia/Damascus", "2020-01-01"],
]


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text("".join("\t".join(r) + "\n" for r in DUMP_ROWS), encoding="utf-8")
    return path


def test_geonames_dump_extends_the_gazetteer_and_is_cached(dump):
    text = "Regime shelling hit Moukhtabar near Idlib and Hayy al-Tajriba in Aleppo on Monday."
    assert "Moukhtabar" not in set(extract_locations(text).dropna(subset=["lat"])["mention"])
    locs = extract_locations(text, gazetteer=[dump])
    row = _row(locs, "Moukhtabar")
    assert (row["lat"], row["lon"], row["geonameid"], row["precision"]) == (35.70, 36.80, 99000001, "exact")
    assert _row(locs, "Hayy al-Tajriba")["kind"] == "district"          # PPLX: a section of a town
    assert store.gazetteer_cache_path([dump]).exists()
    gaz = store.load_gazetteer([dump])
    assert 99000003 not in set(gaz.places["geonameid"])                  # hotels are left out
    assert 99000001 in set(gaz.places["geonameid"])


def test_places_csv_extends_the_gazetteer(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,alternate_names,kind,country,lat,lon\n"
                    "Tal Mukhtabar,Tell Moukhtabar|Tal al-Mukhtabar,village,SY,36.55,37.95\n", encoding="utf-8")
    row = _row(extract_locations("Clashes erupted in Tell Moukhtabar in Syria.", gazetteer=path), "Tell Moukhtabar")
    assert (row["name"], row["country_code"], row["lat"], row["lon"]) == ("Tal Mukhtabar", "SY", 36.55, 37.95)


@pytest.mark.parametrize("content, where, what", [
    ("name,alternate_names,kind,country,lat,lon\nX,,village,SY,95,36\n", "line 2", "outside"),
    ("name,alternate_names,kind,country,lat,lon\nX,,village,Syria,35,36\n", "line 2", "two-letter"),
    ("name,alternate_names,kind,country,lat,lon\nX,,castle,SY,35,36\n", "line 2", "kind"),
    ("name,kind,lat,lon\nX,village,35,36\n", "line 1", "header"),
])
def test_bad_places_csv_names_file_and_line(tmp_path, content, where, what):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerFileError, match=f"bad.csv, {where}: .*{what}"):
        store.load_gazetteer([path])


def test_bad_geonames_dump_names_file_and_line(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text("\t".join(DUMP_ROWS[0]) + "\n" + "\t".join(DUMP_ROWS[1][:18]) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerFileError, match="SY.txt, line 2: 18 tab-separated columns"):
        store.load_gazetteer([path])


# -- the cache: never pickle, corrupt rebuilt, concurrent builds --------------------------------------
class _Payload:
    def __reduce__(self):
        return (os.mkdir, (str(_MARK),))


_MARK = None


def test_planted_pickle_or_truncated_cache_is_rebuilt_never_run(dump, tmp_path):
    global _MARK
    _MARK = tmp_path / "payload-ran"
    path = store.gazetteer_cache_path([dump])
    for bad in (pickle.dumps(_Payload()), b"PK\x03\x04 truncated", b""):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bad)
        store.clear_memory()
        gaz = store.load_gazetteer([dump])
        assert gaz.candidates("mukhtabar"), "rebuilt from the dump"
        assert not _MARK.exists(), "the planted pickle never ran"
        with np.load(path, allow_pickle=False) as data:       # rewritten as plain arrays
            assert "key_keys" in data.files


def test_concurrent_builds_of_one_cache_are_safe(tmp_path):
    path = tmp_path / "SY.txt"
    path.write_text("".join("\t".join(r) + "\n" for r in DUMP_ROWS), encoding="utf-8")
    code = textwrap.dedent(f"""
        from analysis.places import store
        gaz = store.load_gazetteer([{str(path)!r}])
        assert gaz.candidates("mukhtabar")
        print("ok")
    """)
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-500:] for o in outs]
    store.clear_memory()
    assert store.load_gazetteer([path]).candidates("mukhtabar")
    leftovers = [p for p in store.gazetteer_cache_path([path]).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_airbase_named_after_a_town_is_the_base_pinned_to_the_town():
    locs = extract_locations("Syrian jets took off from the Dumayr airbase east of Damascus on Friday.")
    row = _row(locs, "Dumayr")
    assert (row["kind"], row["precision"], row["country_code"]) == ("airbase", "city", "SY"), row["why"]
    assert float(haversine_km(row["lat"], row["lon"], *DAMASCUS)) < 60


def test_breadcrumb_lines_are_furniture():
    text = "Home > Middle East > Syria\nSyrian troops entered Palmyra on Sunday."
    locs = extract_locations(text)
    assert all(s > text.index("\n") for s in locs["start"])
    assert {"Syrian", "Palmyra"} <= set(locs["mention"])


def test_a_place_by_where_it_lies():
    locs = extract_locations("US-led strikes killed dozens in Tokhar 10 km west of Manbij in northern Syria.")
    row = _row(locs, "Tokhar")
    assert (row["country_code"], row["precision"]) == ("SY", "city")
    assert float(haversine_km(row["lat"], row["lon"], 36.53, 37.95)) < 30      # at Manbij, not Tucker, Georgia


def test_iraq_and_yemen_passages():
    """Beyond Syria: a town without a population figure placed by where it lies, a district of a port."""
    iraq = extract_locations("Iraqi forces retook Tal Afar west of Mosul on Sunday, the Joint Operations Command said.")
    assert _row(iraq, "Tal Afar")["country_code"] == "IQ"
    assert float(haversine_km(*_row(iraq, "Tal Afar")[["lat", "lon"]], 36.38, 42.45)) < 10
    yemen = extract_locations("The Saudi-led coalition struck Sanaa and the port of Hodeidah, and fighting raged in "
                              "the al-Hali district of Hodeidah and in Taiz.")
    assert set(yemen.loc[yemen["kind"] != "demonym", "country_code"]) == {"YE"}
    assert _row(yemen, "al-Hali")[["kind", "precision"]].tolist() == ["district", "city"]


def test_bad_arguments_are_clear_errors(tmp_path):
    with pytest.raises(TypeError, match=r"extract_locations\(\) expects an articles table or a text \(str\), got None"):
        extract_locations(None)
    with pytest.raises(FileNotFoundError, match="SY.txt: no such gazetteer file"):
        extract_locations("Shells hit Homs.", gazetteer=[tmp_path / "SY.txt"])
