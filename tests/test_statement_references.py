"""References resolved to the right antecedent (``analysis/statements/references.py``): pronouns, definite
descriptions, document nouns, surnames, on passages written like Syria-war wire copy. Each rule has a case it
fixes and a guard case it must leave alone."""
from __future__ import annotations

from analysis.statements import code_phrase, statements_of


def _rows(text: str) -> list[dict]:
    return statements_of(text)


def _row(text: str, speaker: str, nth: int = 0) -> dict:
    rows = [r for r in _rows(text) if r["speaker"] == speaker]
    assert len(rows) > nth, f"no statement by {speaker!r} in {[(r['speaker'], r['text'][:30]) for r in _rows(text)]}"
    return rows[nth]


# --- "he" never resolves to an organisation: a place before "local authorities" is no person's name

def test_a_place_before_local_authorities_is_no_person():
    c = code_phrase("Aleppo local authorities")
    assert (c.person, c.role, c.actor) == (False, "GOV", "Aleppo local authorities")


def test_he_skips_local_authorities_for_the_titled_person_named_before():
    text = ("More than 100 civilians have been killed in August Aleppo local authorities told reporters on Saturday. "
            "Pathologist at the Aleppo University Hashim described the shelling of the city in northern Syria. "
            '"I saw pits of five meters deep which were left from the explosions" he said.')
    he = _row(text, "he")
    assert he["resolved_from"] == "Pathologist at the Aleppo University Hashim"
    assert (he["speaker_role"], he["speaker_country"]) == ("CVL", "SY")


def test_guard_a_name_before_a_title_stays_a_person_and_they_may_take_the_authorities():
    assert code_phrase("Ahmed local resident").person
    assert code_phrase("Governor Talal Barazi").person
    text = ("Aleppo local authorities said on Saturday that 100 civilians were killed in August in the city. "
            "They said that more than half of the dead were women and children.")
    they = _row(text, "They")
    assert they["resolved_from"] == "Aleppo local authorities" and they["speaker_role"] == "GOV"


def test_guard_a_name_after_a_place_word_is_not_given_a_title():
    text = ("Crowds gathered at the Aleppo University Hashim Khalil said nothing. Dozens were hurt in the city. "
            '"We ran when the shells fell on the square" he said.')
    he = _row(text, "he")
    assert not he["resolved_from"].startswith(("gathered", "Crowds"))
    assert he["speaker_role"] != "CVL"
