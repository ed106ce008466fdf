"""Speaker phrases and their typing (``analysis/statements/speakers.py``, ``actors.py``, ``details.py``,
``nationality.py``) on passages written like the comma-less Syria-war wire copy of the FA-KES corpus. Each rule
has a case it fixes and a guard case it must leave alone."""
from __future__ import annotations

from analysis.statements import code_phrase, statements_of


def _row(text: str, speaker: str, nth: int = 0) -> dict:
    rows = [r for r in statements_of(text) if r["speaker"] == speaker]
    assert len(rows) > nth, f"no statement by {speaker!r} in {[(r['speaker'], r['text'][:30]) for r in statements_of(text)]}"
    return rows[nth]


def _speakers(text: str) -> list[str]:
    return [r["speaker"] for r in statements_of(text)]


# --- 1. a place inside a speaker phrase is a detail, not the actor

def test_an_activist_in_a_province_is_an_activist_not_the_province():
    text = ("The insurgents are also tightening their grip in Syria of which they now control a third. An activist "
            "in Deir al-Zor who spoke on condition of anonymity told Reuters that 300 men had been executed.")
    row = _row(text, "An activist in Deir al-Zor")
    assert (row["speaker_actor"], row["speaker_role"], row["speaker_country"]) == ("activist", "CVL", "SY")


def test_a_medical_source_in_a_city_is_the_medical_source():
    text = "Shells hit a school in the east of the city. A medical source in Aleppo said 12 people were killed."
    row = _row(text, "A medical source in Aleppo")
    assert (row["speaker_actor"], row["speaker_role"]) == ("medical source", "CVL")


def test_activists_in_rural_idlib_are_one_speaker():
    text = "Schools were closed for a week. Activists in rural Idlib said that five people were killed on Monday."
    row = _row(text, "Activists in rural Idlib")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Activists", "CVL")


def test_guard_an_institution_after_at_stays_in_the_speaker():
    text = ("Three civilians were killed in Aleppo. A source at Aleppo Police Command told SANA that terrorists "
            "targeted the neighbourhood with rocket shells.")
    assert _row(text, "A source at Aleppo Police Command")["speaker_role"] == "MIL"


def test_a_named_actor_after_a_place_is_the_speaker():
    text = ("Twenty-five children were killed in airstrikes that hit crowded areas killing civilians in eastern "
            "Syria UNICEF has said.")
    assert _speakers(text) == ["UNICEF"]


# --- 2. a collective and the named member it includes

def test_media_groups_including_an_outlet_are_that_outlet():
    text = ("It did not provide further details on the blast. Opposition media groups including Aleppo Today said "
            "the explosion occurred near a mosque during a funeral.")
    row = _row(text, "Opposition media groups including Aleppo Today")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Aleppo Today", "MED")


def test_guard_today_after_a_verb_is_still_a_time():
    text = "The army said today that it had retaken the hill overlooking the town."
    assert _row(text, "The army")["speaker_role"] == "MIL"


# --- 3. a longer body beats the one-word body after it

def test_a_member_of_the_civil_defence_forces_is_ngo():
    text = ("Rescue teams were searching the rubble. Shuhud al-Hussein a member of the civil defence forces said "
            "the bodies of four children had been pulled out.")
    row = _row(text, "Shuhud al-Hussein a member of the civil defence forces")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Shuhud al-Hussein", "NGO")


def test_guard_government_and_regime_forces_stay_military():
    assert code_phrase("Iraqi government forces").role == "MIL"
    assert code_phrase("Syrian regime forces").role == "MIL"
    assert code_phrase("the opposition coalition").role == "OPP"


# --- 4. a region word is no person's name

def test_european_officials_are_plural_officials_not_a_person():
    c = code_phrase("European officials")
    assert (c.actor, c.role, c.person, c.plural) == ("European officials", "GOV", False, True)


def test_guard_a_capitalised_name_is_still_a_name():
    c = code_phrase("Foreign Minister Laurent Fabius")
    assert (c.actor, c.person) == ("Laurent Fabius", True)


# --- 5. a place before the speaker in comma-less text is no part of it

def test_a_capital_after_in_is_dropped_before_the_speaker():
    text = ("Israel will not wait Strategic Affairs Minister Yuval Steinitz said. In Paris Fabius said that if the "
            "Security Council could not make a decision others would.")
    assert "Fabius" in _speakers(text) and "Paris Fabius" not in _speakers(text)


def test_a_country_ending_a_clause_is_dropped_before_the_president():
    text = ("I am not optimistic about the short-term prospects in Syria Obama said at a news conference in Lima "
            "at the end of a summit.")
    assert _speakers(text) == ["Obama"]


def test_a_region_ending_a_clause_is_dropped_before_an_outlet():
    text = ("Civilians were killed by airstrikes in the outskirts of Raqqa in northern Syria Al Mayadeen TV channel "
            "reported on Sunday.")
    assert _speakers(text) == ["Al Mayadeen TV channel"]


def test_the_city_of_a_place_is_no_part_of_the_speaker():
    text = ("At least 23 civilians have been killed in renewed regime airstrikes on the contested city of Aleppo "
            "Syrian activists said Sunday.")
    row = _row(text, "Syrian activists")
    assert (row["speaker_role"], row["speaker_country"]) == ("CVL", "SY")


def test_guard_the_head_of_the_observatory_keeps_its_complement():
    text = "The toll rose to 40 the head of the Syrian Observatory for Human Rights Rami Abdel Rahman said."
    row = _row(text, "the head of the Syrian Observatory for Human Rights Rami Abdel Rahman")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Rami Abdel Rahman", "NGO")


# --- 6. a coalition spokesman takes the coalition's country from the text, never the article's

def test_a_coalition_spokesman_takes_the_country_of_the_us_led_coalition():
    text = ("The U.S.-led coalition often targets towns held by the jihadists in Syria. The strikes will deny them "
            "the ability to move said coalition spokesman Lt. Col. Thomas Gilleran.")
    row = _row(text, "coalition spokesman Lt. Col. Thomas Gilleran")
    assert (row["speaker_role"], row["speaker_country"]) == ("MIL", "US")


def test_a_coalition_spokesman_with_no_leader_named_has_no_country():
    text = ("Raqqa in northern Syria was hit again. The strikes will deny them the ability to move said coalition "
            "spokesman Lt. Col. Thomas Gilleran.")
    assert _row(text, "coalition spokesman Lt. Col. Thomas Gilleran")["speaker_country"] == ""


def test_guard_an_army_spokesman_takes_the_article_country():
    text = "Shells fell on Aleppo and Homs in Syria. An army spokesman said the rebels had been pushed back."
    assert _row(text, "An army spokesman")["speaker_country"] == "SY"


# --- 7. a speaker takes the country of the story it is in, not the page's most named country

def test_a_commander_in_a_second_story_takes_that_storys_country():
    text = ("Turkish Prime Minister Ahmet Davutoglu said Turkey would not allow the town to fall. Turkish forces "
            "shelled positions near the Turkish border. Supplies come from Turkey and the Turkish side of the "
            "border. Peshmerga shoot dead six suicide bombers west of Kirkuk. In a separate event a suicide attack on "
            "Peshmerga defense lines south of Kirkuk was foiled on Tuesday commander Kamal Kirkuki told Rudaw.")
    assert _row(text, "commander Kamal Kirkuki")["speaker_country"] == "IQ"


def test_guard_one_foreign_place_nearby_does_not_outvote_the_article():
    text = ("Government forces advanced in Aleppo and Homs and shelled Idlib in Syria. Russian jets flew from "
            "Iran. The army said it had killed dozens of fighters.")
    assert _row(text, "The army")["speaker_country"] == "SY"


# --- 8. one person, one role: an organisation's head keeps the organisation however the text writes it

def test_a_lower_case_observatory_before_its_chief():
    text = ("About 600 civilians fled on foot towards areas held by the alliance south of the town observatory "
            "Chief Rami Abdel Rahman said.")
    row = _row(text, "observatory Chief Rami Abdel Rahman")
    assert row["speaker_role"] == "NGO"


def test_the_groups_director_belongs_to_the_group_that_spoke():
    text = ("The Syrian Observatory for Human Rights said 20 fighters were killed including in a Hizballah ambush. "
            "The groups director Rami Abdulrahman told AFP that Hizballah was leading the attack.")
    row = _row(text, "The groups director Rami Abdulrahman")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Rami Abdulrahman", "NGO")


def test_uk_based_written_apart_stays_in_the_speaker():
    text = ("The monitor believes they were carried out by regime forces. Observatory head UK based Syrian Rami "
            "Abdel Rahman said a military aircraft had targeted the market.")
    row = _row(text, "Observatory head UK based Syrian Rami Abdel Rahman")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Rami Abdel Rahman", "NGO")


def test_guard_an_untitled_person_stays_other():
    text = "The market was full at noon. Ali Hassan said he heard three explosions before the roof fell."
    assert _row(text, "Ali Hassan")["speaker_role"] == "OTHER"
