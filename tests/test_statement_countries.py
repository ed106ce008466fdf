"""A speaker's country (``speaker_country``) on sentences like real Syria-war news: the article's country, speakers of
no single state, an organisation's seat, one person one country, international officials, and speaker phrases
that must not swallow a byline, a place or a comma-less list. Each rule has a case it fixes and a guard case it
must leave alone."""
from __future__ import annotations

from analysis.statements import statements_of
from analysis.statements.nationality import article_country, country_list, stateless
from analysis.statements.text import read


def _coded(text: str) -> list[tuple[str, str, str]]:
    return [(r["speaker"], r["speaker_role"], r["speaker_country"]) for r in statements_of(text)]


def _country_of(text: str, speaker: str) -> str:
    rows = [r for r in statements_of(text) if r["speaker"] == speaker]
    assert rows, f"no statement by {speaker!r} in {_coded(text)}"
    return rows[0]["speaker_country"]


# --- the article's country: regions and capitals count, the sponsor in "US-led" does not

def test_a_region_of_one_country_gives_the_article_its_country():
    text = ("Three civilians were killed on Saturday in attacks with shells on Aleppo residential neighborhoods. "
            "A source at Aleppo Police Command told reporters that gunmen targeted the neighborhood with rockets.")
    assert article_country(read(text)) == "SY"
    assert _country_of(text, "A source at Aleppo Police Command") == "SY"


def test_a_capital_outweighs_a_demonym_of_a_refugee_camp():
    text = ("Rockets hit the suburbs of Damascus on Thursday and the Yarmouk Palestinian refugee camp to the south "
            "of Damascus activists said. Khaled Amer an activist said explosions were being heard all night.")
    assert article_country(read(text)) == "SY"
    assert _country_of(text, "activists") == "SY"


def test_us_led_names_the_sponsor_not_the_country_of_the_news():
    text = ("Air strikes by the US-led coalition hit a village. The US-led coalition said it would investigate. "
            "US-led jets flew again on Friday over Syrian towns. Local sources said eleven people were killed.")
    assert article_country(read(text)) == "SY"


def test_guard_an_article_about_the_us_stays_american():
    text = ("Washington said the United States would send more aid. US officials said the plan was ready "
            "and the White House said Congress would vote next week.")
    assert article_country(read(text)) == "US"
    assert article_country(read("Officials said the attack was a crime.")) == ""


# --- speakers of no single state keep no country

def test_european_officials_and_diplomats_have_no_country():
    text = ("Syria denied using chemical weapons in Syria. European officials said the Syrian government must allow "
            "inspectors in. Diplomats said the Syrian draft would fail. Humanitarian groups said Syrian hospitals "
            "had run out of medicine.")
    coded = {s: c for s, _, c in _coded(text)}
    assert coded["European officials"] == coded["Diplomats"] == coded["Humanitarian groups"] == ""


def test_guard_local_speakers_still_take_the_article_country():
    text = ("Syrian troops shelled Syrian villages near Idlib. Syrian officials said the army had taken the hill. "
            "Activists said 20 people were killed and Western diplomats said talks would resume.")
    coded = {s: c for s, _, c in _coded(text)}
    assert coded["Syrian officials"] == "SY" and coded["Activists"] == "SY"
    assert coded["Western diplomats"] == ""
    assert stateless("European foreign ministers") and not stateless("Syrian diplomats")


# --- an organisation's seat, and one person one country

def test_a_capitalised_observatory_gives_its_director_the_seat_of_the_observatory():
    text = ('A car bomb exploded in Syria. "Four people were killed in the attack" said Observatory director Rami '
            "Abdel Rahman. Syrian state television said the blast hit the Syrian town at dawn.")
    assert _country_of(text, "Observatory director Rami Abdel Rahman") == "GB"


def test_guard_a_capitalised_word_that_names_no_organisation_gives_no_seat():
    text = ("Shelling hit the Syrian town of Douma. Hospital director Ahmad Hassan said 12 wounded people "
            "arrived at dawn in Syria.")
    assert _country_of(text, "Hospital director Ahmad Hassan") == "SY"


def test_a_person_keeps_one_country_through_surname_and_pronoun():
    text = ("Air strikes killed 20 people in Syria the Syrian Observatory for Human Rights said on Saturday. "
            '"The toll rose to at least 20 people" Observatory director Rami Abdel Rahman told AFP. Abdel Rahman '
            "said ten of those killed were civilians in the Syrian town. He said the bodies were badly burned.")
    coded = _coded(text)
    assert [c for s, _, c in coded if s in ("Abdel Rahman", "He")] == ["GB", "GB"]


def test_guard_another_person_in_the_article_keeps_the_article_country():
    text = ('"The toll rose to 20" Observatory director Rami Abdel Rahman told AFP in Syria. Activist Khaled Amer '
            "said the Syrian army shelled the town again.")
    assert _country_of(text, "Activist Khaled Amer") == "SY"


# --- international officials

def test_a_un_envoy_for_syria_has_no_country():
    text = ("Fighting raged in Aleppo in Syria. The United Nations envoy for Syria Staffan de Mistura said there "
            "is a lot of evidence that chlorine gas is being used in Syria.")
    assert _country_of(text, "The United Nations envoy for Syria Staffan de Mistura") == ""


def test_guard_a_states_ambassador_to_the_un_keeps_the_state():
    text = "Syrias UN ambassador Bashar Jaafari said the report was biased against the Syrian government."
    assert _country_of(text, "Syrias UN ambassador Bashar Jaafari") == "SY"


# --- speaker phrases that must not swallow a byline, a place or a list

def test_a_byline_in_parentheses_is_no_part_of_the_speaker():
    text = ("DAMASCUS Syria (The Associated Press Albert Aji) Syrian state media said a car bomb killed four "
            "people near a mosque in the capital.")
    assert _coded(text)[0] == ("Syrian state media", "MED", "SY")


def test_guard_a_short_name_in_parentheses_stays_in_the_speaker():
    text = ("The Syrian Observatory for Human Rights (SOHR) director Rami Abdel Rahman said 30 soldiers were "
            "killed in Syria.")
    speaker, role, country = _coded(text)[0]
    assert "(SOHR)" in speaker and (role, country) == ("NGO", "GB")


def test_a_country_before_an_indefinite_monitor_is_a_place():
    text = ("At least 70 fighters have been killed in 24 hours in northern Syria a monitor said Thursday. The "
            "Syrian Observatory for Human Rights said 30 regime soldiers had been killed.")
    assert _coded(text)[0] == ("a monitor", "NGO", "GB")


def test_guard_a_named_group_before_a_description_stays_the_speaker():
    text = ("The Local Coordination Committees another monitoring group said 40 people were killed across "
            "the country.")
    assert _coded(text)[0][0] == "The Local Coordination Committees another monitoring group"


def test_a_list_of_countries_without_commas_gives_one_speaker_each():
    text = "The US Britain France and Russia have urged Syria to allow the inspectors to reach the site."
    assert [(s, c) for s, _, c in _coded(text)] == [("US", "US"), ("Britain", "GB"), ("France", "FR"),
                                                     ("Russia", "RU")]


def test_guard_one_country_with_a_title_is_one_speaker():
    text = "US Secretary of State John Kerry said the evidence was clear. Washington said it would act within days."
    assert [c for _, _, c in _coded(text)] == ["US", "US"]
    toks = read("the United Kingdom").toks
    assert country_list(toks, 0, len(toks) - 1) == [(0, len(toks) - 1)]


# --- a word one letter longer than a country's name is no country ("Malik" is not Mali, "Use" not the US)

def test_a_name_or_word_one_letter_past_a_country_is_no_country():
    text = ("Malik Ahmed, a commander, said the fighters withdrew. Malik added that rebels in Aleppo held the line. "
            "Use of barrel bombs went on, activists said.")
    assert article_country(read(text)) == "SY"
    assert _country_of(text, "activists") == "SY"


def test_guard_plurals_and_possessives_of_countries_still_count():
    assert article_country(read("Syria's army and the two Syrias of the war. Iraqs leaders met.")) == "SY"


def test_a_unique_head_inside_a_longer_name_is_no_seat():
    """"Air Force" ends with "Force", the last word of only one known organisation (the IRGC's Quds Force): the
    longer capitalised name is another body, so the speaker does not take Iran's seat."""
    text = ("Air strikes hit Raqqa. An Air Force spokesman said the jets returned safely to their base in Qatar.")
    assert _country_of(text, "An Air Force spokesman") != "IR"


def test_guard_the_observatory_alone_still_gives_its_seat():
    text = ("Shelling hit Aleppo, the Syrian Observatory for Human Rights said. The Observatory director said "
            "at least nine people were killed.")
    assert _country_of(text, "The Observatory director") == "GB"
