"""Hostile input for the statement extractor: unclosed quotes, shouted (all-caps) text, an actor ending a comma-less
clause glued to the next speaker's name, a country after an organisation's name. Written wire-copy passages: each
case failed before the fix; each guard is what must not change."""
from __future__ import annotations

from analysis.statements import statements_of


def _by_text(rows: list[dict], words: str) -> dict:
    hits = [r for r in rows if words in r["text"]]
    assert hits, f"no statement holds {words!r}: {[(r['speaker'], r['text']) for r in rows]}"
    return hits[0]


# 1. unclosed quotes -------------------------------------------------------------------------------------------------

def test_unclosed_quote_ends_before_a_new_attribution():
    text = ('The army said "we will never surrender to the terrorists. The rebels said they shelled Homs overnight '
            'and killed four soldiers.')
    rows = statements_of(text)
    army = _by_text(rows, "never surrender")
    assert army["speaker"] == "The army" and "rebels" not in army["text"]
    assert "unclosed quote" in army["attribution"]
    rebels = _by_text(rows, "shelled Homs")
    assert rebels["speaker"] == "The rebels" and rebels["speaker_role"] == "REB"


def test_unclosed_quote_ends_before_according_to_and_a_gap_word():
    text = ('The governor said "the road to the airport is open again. Fighting went on in the east according to '
            'the Observatory. The monitor also said 12 fighters were killed.')
    rows = statements_of(text)
    gov = _by_text(rows, "road to the airport")
    assert "Observatory" not in gov["text"] and "fighters" not in gov["text"]
    assert _by_text(rows, "Fighting went on")["speaker_actor"] == "Syrian Observatory for Human Rights"


def test_unclosed_quote_with_no_new_attribution_runs_to_the_paragraph_end():
    text = 'The minister said "we will rebuild the city. Every family will have a home again.\nThe UN said aid arrived.'
    row = _by_text(statements_of(text), "rebuild the city")
    assert "Every family will have a home again" in row["text"]
    assert row["attribution"].endswith("ended at paragraph end")


def test_guard_closed_quote_unchanged():
    text = '"We will never surrender to the terrorists," the army said. The rebels said they shelled Homs overnight.'
    rows = statements_of(text)
    army = _by_text(rows, "never surrender")
    assert army["speaker"] == "the army" and "unclosed" not in army["attribution"]
    assert _by_text(rows, "shelled Homs")["speaker"] == "The rebels"


def test_guard_multi_paragraph_quote_by_news_convention():
    text = ('The commander said: "We will hold the town whatever it costs. The rebels said they would take it in a '
            'week.\n"They were wrong, and we are still here," the commander added.')
    rows = statements_of(text)
    row = _by_text(rows, "hold the town")
    assert "The rebels said they would take it" in row["text"]      # one quotation over two paragraphs
    assert "still here" in row["text"] and row["speaker"] == "the commander"
    assert "continued in the next paragraph" in row["attribution"]


# 2. shouted (all-caps) text -----------------------------------------------------------------------------------------

SHOUTED = ("A RUSSIAN DEFENCE MINISTRY SPOKESMAN DID NOT SAY WHEN THE STRIKES BEGAN. A RUSSIAN DEFENCE MINISTRY "
           "SPOKESMAN IGOR KONASHENKOV SAID THE JETS HIT ISLAMIC STATE TARGETS NEAR PALMYRA.")


def test_shouted_speaker_never_runs_past_its_verb():
    rows = statements_of(SHOUTED)
    assert rows and not any("DID" in r["speaker"] or "NOT" in r["speaker"] for r in rows)
    for r in rows:          # offsets still point into the original text
        assert SHOUTED[r["speaker_start"]:r["speaker_end"]] == r["speaker"]
        assert SHOUTED[r["start"]:r["end"]] == r["text"]


def test_shouted_names_read_case_folded():
    row = _by_text(statements_of(SHOUTED), "JETS HIT")
    assert row["speaker"] == "A RUSSIAN DEFENCE MINISTRY SPOKESMAN IGOR KONASHENKOV"
    assert (row["speaker_actor"], row["speaker_role"], row["speaker_country"]) == ("Igor Konashenkov", "GOV", "RU")


def test_shouted_apposition_name():
    text = ("A RUSSIAN DEFENCE MINISTRY SPOKESMAN, IGOR KONASHENKOV, SAID THE JETS HIT ISLAMIC STATE TARGETS NEAR "
            "PALMYRA ON TUESDAY.")
    assert _by_text(statements_of(text), "JETS HIT")["speaker_actor"] == "Igor Konashenkov"


def test_guard_acronym_speaker_in_normal_and_shouted_text():
    for text in ("UNICEF said 20 children were killed in the attack on the school.",
                 "UNICEF SAID 20 CHILDREN WERE KILLED IN THE ATTACK ON THE SCHOOL."):
        row = _by_text(statements_of(text), "20 ")
        assert (row["speaker"], row["speaker_actor"], row["speaker_role"]) == ("UNICEF", "UNICEF", "IGO")


def test_guard_shouted_headline_attribution():
    title = "AIR RAIDS KILL 10 NEAR ALEPPO HOSPITAL: MONITOR"
    body = title + "\nAir raids killed ten people near a hospital in Aleppo on Monday, the Syrian Observatory said."
    row = _by_text(statements_of(body, title), "AIR RAIDS KILL")
    assert row["speaker"] == "MONITOR" and row["speaker_role"] == "NGO"


# 3. an actor ending a comma-less clause, glued to the next speaker's name -------------------------------------------

def test_outlet_ending_a_clause_is_not_the_next_speakers_affiliation():
    text = ('Homs Governor Talal Barazi said the evacuation would finish on Saturday. Buses left the district at noon '
            'according to state TV Barazi said the last fighters would leave within days.')
    rows = statements_of(text)
    tv = _by_text(rows, "Buses left")
    assert (tv["speaker"], tv["speaker_role"]) == ("state TV", "MED")
    gov = _by_text(rows, "last fighters")
    assert (gov["speaker"], gov["speaker_actor"], gov["speaker_role"]) == ("Barazi", "Talal Barazi", "GOV")


def test_armed_group_ending_a_clause_is_not_the_speakers_group():
    text = ('PYD spokesman Nawaf Khalil said the Kurds would defend their region. The attack is meant to be against '
            'the whole Kurdish region on the pretext of fighting the PKK Khalil said.')
    row = _by_text(statements_of(text), "attack is meant")
    assert row["speaker"] == "Khalil" and row["speaker_role"] != "REB"
    text = ('Turkish Foreign Minister Mevlut Cavusoglu spoke in Ankara. Turkey will keep up the fight against Daesh '
            'Cavusoglu said on Monday.')
    row = _by_text(statements_of(text), "fight against Daesh")
    assert (row["speaker"], row["speaker_role"], row["speaker_country"]) == ("Cavusoglu", "GOV", "TR")


def test_guard_title_holders_and_names_of_bodies_stay_whole():
    cases = [("Government troops advanced into the town SANA correspondent Ali Hassan said on Monday.",
              "SANA correspondent Ali Hassan", "MED"),
             ("Clashes went on through the night in Idlib Observatory director Rami Abdel Rahman said.",
              "Observatory director Rami Abdel Rahman", "NGO"),
             ("Fighters will stay in Syria as long as needed Hezbollah leader Hassan Nasrallah said in a speech.",
              "Hezbollah leader Hassan Nasrallah", "REB"),
             ("We are unable to determine chemical weapons use the State Departments Jen Psaki told reporters.",
              "the State Departments Jen Psaki", "GOV"),
             ("The army retook the hill Lebanese TV channel Al-Mayadin reported on Sunday.",
              "Lebanese TV channel Al-Mayadin", "MED")]
    for text, speaker, role in cases:
        row = statements_of(text)[0]
        assert (row["speaker"], row["speaker_role"]) == (speaker, role), text


# 4. a country after an organisation's name --------------------------------------------------------------------------

def test_country_after_an_organisation_is_its_branch():
    rows = statements_of("Water supplies to the city were cut for a third day IFRC Syria said in a statement.")
    row = _by_text(rows, "Water supplies")
    assert (row["speaker_actor"], row["speaker_role"], row["speaker_country"]) == ("IFRC", "NGO", "")
    row = _by_text(statements_of("Cholera cases rose sharply in the camps the World Health Organization Syria said "
                                 "on Monday."), "Cholera cases")
    assert (row["speaker_actor"], row["speaker_role"], row["speaker_country"]) == ("World Health Organization",
                                                                                    "IGO", "")


def test_unknown_acronym_before_a_country_is_the_organisation():
    row = _by_text(statements_of("Three clinics were hit overnight XYZW Syria said on Tuesday."), "clinics")
    assert row["speaker_actor"] == "XYZW" and row["speaker_country"] == ""


def test_country_opening_an_organisations_name():
    row = _by_text(statements_of("The Syria Turks Association said it would hold a protest in Ankara."), "protest")
    assert (row["speaker_actor"], row["speaker_role"]) == ("Syria Turks Association", "NGO")
    row = _by_text(statements_of("The strikes destroyed 20 fuel trucks the US Central Command said on Friday."),
                   "fuel trucks")
    assert (row["speaker_role"], row["speaker_country"]) == ("MIL", "US")


def test_guard_countries_and_named_armed_groups():
    row = _by_text(statements_of("Syria said the strikes violated its sovereignty."), "sovereignty")
    assert (row["speaker_actor"], row["speaker_role"], row["speaker_country"]) == ("Syria", "GOV", "SY")
    row = _by_text(statements_of("The Al-Nasr Army said it had repelled an attack near Hama."), "repelled")
    assert row["speaker_role"] == "REB"
    row = _by_text(statements_of("The UN envoy for Syria said talks would resume in Geneva."), "talks")
    assert (row["speaker_role"], row["speaker_country"]) == ("IGO", "")
