"""Speech acts with a noun object and relayed speech (``analysis/statements/acts.py``, ``analysis/data/
speech_acts.csv``) on passages written like the comma-less Syria-war wire copy of the FA-KES corpus. What counts
follows the annotation guide (``benchmarks/data/fakes_statements_guide.md``, 1.2 to 1.4). Each rule has a case
that failed before it and a guard of what must not become a statement."""
from __future__ import annotations

import pytest

from analysis.statements import extract_statements, statements_of
from analysis.statements.acts import speech_acts_table


def _acts(text: str) -> list[tuple[str, str, str]]:
    """(speaker, cue, content) of every statement of a text (speech acts or not: a guard wants none at all)."""
    return [(r["speaker"], r["cue"], r["text"]) for r in statements_of(text)]


def _contents(text: str) -> list[str]:
    return [r["text"] for r in statements_of(text)]


# --- condemnation: the object is the content, however short

def test_condemned_with_a_short_object_is_a_statement():
    text = ("A car bomb killed 12 people near a market in Azaz on Sunday. The Syrian Foreign Ministry condemned the "
            "bombing.")
    assert _acts(text) == [("The Syrian Foreign Ministry", "condemned", "the bombing")]
    row = statements_of(text)[0]
    assert (row["verb"], row["speaker_role"], row["attribution"]) == ("condemn", "GOV", "speech act: condemn")


def test_guard_a_passive_condemnation_has_no_speaker():
    assert _acts("The bombing was condemned around the world. Rescue teams searched the rubble.") == []


def test_guard_a_resolution_condemning_is_no_speaker_of_its_own():
    text = "The UN Security Council met on Wednesday to debate a Western-drafted resolution condemning the air strike."
    assert _acts(text) == []


# --- a casualty toll given by a source

def test_a_toll_given_or_put_by_a_monitor_is_a_statement():
    text = ("Air strikes hit the town overnight. Syrian state media gave a toll of 44 dead and 140 injured in the "
            "bombing which hit a western district. The Observatory put the death toll at 48 adding that children "
            "were among the dead.")
    acts = _acts(text)
    assert ("Syrian state media", "gave", "a toll of 44 dead and 140 injured in the bombing") in acts
    assert ("The Observatory", "put", "the death toll at 48") in acts


def test_guard_no_toll_or_a_blast_raising_it_is_no_statement():
    text = "The blast raised the death toll to 50. The commander gave no casualty toll for the clashes."
    assert _acts(text) == []


# --- claims of responsibility

def test_claimed_the_attack_is_a_claim_of_responsibility_up_to_the_venue():
    text = ("Daesh claimed the attack in a statement circulated on social media calling it a response to the crimes "
            "of the coalition.")
    acts = _acts(text)
    assert ("Daesh", "claimed", "the attack") in acts
    assert ("Daesh", "calling it", "a response to the crimes of the coalition") in acts


def test_guard_claimed_a_town_or_lives_is_not_speech():
    text = ("The army claimed the town after heavy fighting on Monday. The attack claimed the lives of 18 civilians "
            "in the market.")
    assert statements_of(text) == []


def test_guard_a_possessive_before_claims_is_no_speaker():
    text = "The opposition said Russias claims about a halt to the bombing on Aleppo are sheer deception."
    assert [r["speaker"] for r in statements_of(text)] == ["The opposition"]


def test_guard_a_claim_with_a_clause_stays_reported_speech():
    rows = statements_of("The rebels claimed government forces had used chlorine gas in the attack.")
    assert [(r["text"], r["attribution"]) for r in rows] == [
        ("government forces had used chlorine gas in the attack", "reported, speaker before the verb")]


# --- denials and rejections

def test_denied_the_reports_is_a_statement_cut_before_the_participle():
    text = "Moscow denied the reports on Monday calling them a fabrication of Western media."
    acts = _acts(text)
    assert acts[0][:2] == ("Moscow", "denied") and acts[0][2].startswith("the reports")
    assert "calling" not in acts[0][2]


def test_denied_allegations_keeps_the_noun_s_that_clause():
    text = ('The Assad regime has denied allegations that it was behind that attack calling them "absolutely '
            'baseless".')
    assert ("The Assad regime", "denied", "allegations that it was behind that attack") in _acts(text)


def test_guard_denied_it_says_nothing_and_what_comes_before_is_not_its_content():
    assert _acts("Asked about the strike the spokesman denied it.") == []


# --- accusations and blame

def test_accused_x_of_y_is_a_statement():
    text = "Russia has accused Belgium of killing civilians in Aleppo while partaking in coalition strikes."
    assert _acts(text) == [("Russia", "accused", "Belgium of killing civilians in Aleppo")]


def test_guard_accused_of_in_a_court_sense_or_passive_is_no_statement():
    text = ("A man accused of spying for Israel was released on Monday. The accused was sentenced to five years. "
            "He was accused of murder.")
    assert _acts(text) == []


# --- calls, appeals and warnings

def test_called_for_a_ceasefire_is_a_statement():
    assert _acts("The UN envoy called for a ceasefire.") == [("The UN envoy", "called for", "a ceasefire")]


def test_guard_troops_calling_for_reinforcements_is_no_statement():
    assert statements_of("Troops called for reinforcements to be sent to the front near Palmyra.") == []


def test_renewed_its_calls_and_urged_after_but_keep_their_speaker():
    text = ("European foreign ministers who blamed the attack on Assad but urged waiting for the U.N. inspectors to "
            "report. The Syrian Coalition condemned the massacre. It also renewed its calls to build an "
            "international coalition to confront the regime.")
    acts = _acts(text)
    assert ("European foreign ministers", "urged", "waiting for the U.N. inspectors to report") in acts
    assert ("It", "renewed its calls", "to build an international coalition to confront the regime") in acts


def test_warned_of_a_catastrophe_is_a_statement_without_the_of():
    text = "The UN envoy warned of a humanitarian catastrophe in Aleppo."
    assert _acts(text) == [("The UN envoy", "warned of", "a humanitarian catastrophe in Aleppo")]


def test_guard_warned_in_a_weather_sense_has_no_speaker():
    assert _acts("Dark clouds warned of the coming storm. Residents were warned of flooding.") == []


# --- held responsible

def test_held_the_regime_responsible_is_a_statement():
    text = "The Syrian Coalition held the Assad regime responsible for the massacre in Atareb."
    assert _acts(text) == [("The Syrian Coalition", "held", "the Assad regime responsible for the massacre in Atareb")]


def test_guard_held_talks_is_no_statement():
    assert statements_of("The foreign minister held talks with his Russian counterpart in Moscow.") == []


# --- relayed speech

def test_relayed_speech_gives_one_statement_per_clause_and_speaker():
    text = ("Reuters also reported residents and rescue workers as saying that two dozen people were killed in the "
            "strikes and that Russian jets may have been responsible.")
    rows = statements_of(text)
    assert sorted((r["speaker"], r["text"]) for r in rows) == sorted([
        ("residents", "two dozen people were killed in the strikes"),
        ("rescue workers", "two dozen people were killed in the strikes"),
        ("residents", "Russian jets may have been responsible"),
        ("rescue workers", "Russian jets may have been responsible")])
    assert "Reuters" not in {r["speaker"] for r in rows}


# --- praise is not counted (the guide's 1.3) and the data file is checked

def test_guard_praise_and_welcome_are_not_statements():
    assert statements_of("Turkey welcomed the agreement. The minister praised the rescue workers.") == []


def test_speech_acts_are_marked_for_filtering():
    st = extract_statements("Syria denies the charges. Damascus said the strike was an act of aggression.")
    assert st["attribution"].tolist() == ["speech act: deny", "reported, speaker before the verb"]
    assert len(st[~st["attribution"].str.startswith("speech act")]) == 1


def test_a_bad_class_in_the_data_file_is_a_clear_error(tmp_path):
    p = tmp_path / "acts.csv"
    p.write_text("form,base,class\nlauded,laud,praise\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2: class 'praise'"):
        speech_acts_table(str(p))
