"""Numeric dates: the order of day and month is decided per file from the dates in it, never one value at a time.

Every expected date below is checked by hand: in a day-first file ``05/04/2017`` is 5 April 2017, in a
month-first file ``04/05/2017`` is 5 April 2017; ``13/04/2017`` can only be 13 April, ``04/13/2017`` too.
"""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis import LoadWarning, load_articles, load_report
from analysis.corpus.header import parse_date

T = pd.Timestamp
BODIES = [
    ["Iraqi forces on Friday entered the town, officers said.", "The assault began at dawn with artillery fire."],
    ["The army denied the reports on Sunday.", "It said units continue their regular missions along the border."],
    ["Turkish drones struck targets near the Syrian border, the ministry said.", "No casualties were reported."],
    ["Rebels shelled a district of the city, state media said.", "Two civilians were wounded in the attack."],
    ["The ministry said talks would resume next week in Geneva.", "Opposition delegates have not confirmed."],
    ["Aid convoys reached the besieged town after weeks of delay.", "The United Nations said more were needed."],
]
TITLES = ["Army Enters Town", "Army Denies Reports", "Drones Strike Near Border", "Rebels Shell District",
          "Talks To Resume In Geneva", "Aid Reaches Besieged Town"]


def _rows(dates: list[str], prefix: str, **extra) -> list[dict]:
    return [{"id": f"{prefix}-{k}", "title": TITLES[k], "body": "\n\n".join(BODIES[k]), "date": d, **extra}
            for k, d in enumerate(dates)]


def _csv(path, dates: list[str]) -> None:
    pd.DataFrame(_rows(dates, path.stem)).to_csv(path, index=False)


def _jsonl(path, dates: list[str], **extra) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in _rows(dates, path.stem, **extra)), encoding="utf-8")


def _load(source, **kw) -> tuple[pd.DataFrame, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        arts = load_articles(source, **kw)
    return arts, [w for w in caught if issubclass(w.category, LoadWarning)]


def _dates(arts: pd.DataFrame) -> list:
    return arts.sort_values(["source", "line"])["date"].tolist()


def _order_rows(arts: pd.DataFrame) -> pd.DataFrame:
    ch = load_report(arts).changes
    return ch[ch["what"].isin(["ambiguous date order", "conflicting date order"])]


# --------------------------------------------------------------------------- one convention per file


def test_day_first_csv_reads_every_date_day_first(tmp_path):
    _csv(tmp_path / "uk.csv", ["05/04/2017", "13/04/2017", "02/03/2017 14:20", "28/02/2017"])
    arts, warned = _load(tmp_path / "uk.csv")
    assert _dates(arts) == [T("2017-04-05"), T("2017-04-13"), T("2017-03-02 14:20"), T("2017-02-28")]
    assert _order_rows(arts).empty and not warned


def test_day_first_jsonl_with_two_digit_years(tmp_path):
    _jsonl(tmp_path / "me.jsonl", ["04/03/2018", "11/03/2018 09:15", "25/03/2018", "06/03/18"], source="The National")
    arts, warned = _load(tmp_path / "me.jsonl")
    assert _dates(arts) == [T("2018-03-04"), T("2018-03-11 09:15"), T("2018-03-25"), T("2018-03-06")]
    assert set(arts["source"]) == {"The National"}            # decided per file, whatever the records' source
    assert _order_rows(arts).empty and not warned


def test_day_first_jsonl_read_on_all_cores(tmp_path, monkeypatch):
    """The parse runs in worker processes for large JSONL: the file's order is still decided over all of it."""
    from analysis.corpus import tabular

    monkeypatch.setattr(tabular, "PARALLEL_MIN", 2)
    monkeypatch.setattr(tabular.os, "cpu_count", lambda: 2)
    _jsonl(tmp_path / "me.jsonl", ["04/03/2018", "11/03/2018", "07/03/2018", "09/03/2018", "25/03/2018", "01/03/2018"])
    arts, warned = _load(tmp_path / "me.jsonl")
    assert _dates(arts) == [T("2018-03-04"), T("2018-03-11"), T("2018-03-07"), T("2018-03-09"), T("2018-03-25"),
                            T("2018-03-01")]
    assert not warned


def _dump(path, leads: list[str]) -> None:
    """A dump: a header block (author, tags) at the top, then articles whose bodies open with their date."""
    parts = ["Author: Staff Writer\nTags: Syria, Iraq\n"]
    for k, lead in enumerate(leads):
        first, second = BODIES[k]
        parts.append(f"{TITLES[k]}\n\n{lead} {first}\n\n{second}")
    path.write_text("\n\n\n\n".join(parts) + "\n", encoding="utf-8")


def test_day_first_txt_dump(tmp_path):
    _dump(tmp_path / "dump.txt", ["05/04/2017", "13/04/2017", "Wed 07/04/2017"])
    arts, warned = _load(tmp_path / "dump.txt")
    assert arts["title"].tolist() == TITLES[:3]
    assert _dates(arts) == [T("2017-04-05"), T("2017-04-13"), T("2017-04-07")]
    assert arts["body"].str.split("\n\n").tolist() == BODIES[:3]
    assert _order_rows(arts).empty and not warned


def test_month_first_us_file(tmp_path):
    _csv(tmp_path / "us.csv", ["04/05/2017", "04/13/2017", "12/01/2016 3:45 PM", "04-06-2017"])
    arts, warned = _load(tmp_path / "us.csv")
    assert _dates(arts) == [T("2017-04-05"), T("2017-04-13"), T("2016-12-01 15:45"), T("2017-04-06")]
    assert _order_rows(arts).empty and not warned


def test_two_files_of_different_conventions_in_one_load(tmp_path):
    _csv(tmp_path / "uk.csv", ["05/04/2017", "13/04/2017"])
    _jsonl(tmp_path / "us.jsonl", ["04/05/2017", "04/13/2017", "03/02/2017"])
    arts, warned = _load(tmp_path)
    by = arts.groupby("source")["date"].apply(list).to_dict()
    assert by["uk.csv"] == [T("2017-04-05"), T("2017-04-13")]
    assert by["us.jsonl"] == [T("2017-04-05"), T("2017-04-13"), T("2017-03-02")]
    assert _order_rows(arts).empty and not warned


# --------------------------------------------------------------------------- no evidence, or evidence both ways


def test_all_ambiguous_file_uses_the_default_counted_and_reported(tmp_path):
    # 05/05 reads the same either way; ISO and month names are never ambiguous: 3 dates are guessed
    _jsonl(tmp_path / "amb.jsonl", ["05/04/2017", "06/04/2017", "07/04/2017 10:00", "05/05/2017", "2017-04-09",
                                    "08 Apr 2017"])
    arts, warned = _load(tmp_path / "amb.jsonl")
    assert _dates(arts) == [T("2017-04-05"), T("2017-04-06"), T("2017-04-07 10:00"), T("2017-05-05"),
                            T("2017-04-09"), T("2017-04-08")]
    rows = _order_rows(arts)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["source"], row["what"], row["n"], row["action"]) == ("amb.jsonl", "ambiguous date order", 3, "changed")
    assert "day first" in row["detail"] and "default" in row["detail"]
    assert pd.isna(row["article_id"])
    assert len(warned) == 1 and "amb.jsonl" in str(warned[0].message) and "day first" in str(warned[0].message)
    assert "ambiguous date order ×3" in load_report(arts).summary()


def test_one_warning_for_many_ambiguous_files(tmp_path):
    for k in range(3):
        _jsonl(tmp_path / f"amb{k}.jsonl", ["05/04/2017", "06/04/2017"], source=f"outlet {k}")
    arts, warned = _load(tmp_path)
    assert len(warned) == 1 and "3 file(s)" in str(warned[0].message)
    rows = _order_rows(arts)
    assert rows["source"].tolist() == ["amb0.jsonl", "amb1.jsonl", "amb2.jsonl"] and rows["n"].tolist() == [2, 2, 2]


def test_single_header_block_file_is_decided_on_its_own_date(tmp_path):
    (tmp_path / "post.txt").write_text(f"Title: {TITLES[0]}\nDate: 05/04/2017 10:20\nAuthor: J. Doe\n\n"
                                       + "\n\n".join(BODIES[0]) + "\n", encoding="utf-8")
    (tmp_path / "proven.txt").write_text(f"Title: {TITLES[1]}\nDate: 13/04/2017\n\n" + "\n\n".join(BODIES[1]) + "\n",
                                         encoding="utf-8")
    arts, warned = _load(tmp_path)
    assert arts.set_index("source")["date"].to_dict() == {"post.txt": T("2017-04-05 10:20"),
                                                          "proven.txt": T("2017-04-13")}
    assert _order_rows(arts)[["source", "n"]].values.tolist() == [["post.txt", 1]]
    assert len(warned) == 1


def test_conflicting_file_reads_proven_dates_as_proven_and_reports(tmp_path):
    # two dates prove day first, one month first; 03/04/2017 fits both: read day first (the majority)
    _csv(tmp_path / "mixed.csv", ["13/04/2017", "25/04/2017", "04/20/2017", "03/04/2017"])
    arts, warned = _load(tmp_path / "mixed.csv")
    assert _dates(arts) == [T("2017-04-13"), T("2017-04-25"), T("2017-04-20"), T("2017-04-03")]
    rows = _order_rows(arts).set_index("what")
    assert rows.loc["ambiguous date order", "n"] == 1
    assert "day first" in rows.loc["ambiguous date order", "detail"]
    assert rows.loc["conflicting date order", "n"] == 1
    assert "2" in rows.loc["conflicting date order", "detail"] and "month first" in rows.loc["conflicting date order",
                                                                                              "detail"]
    assert len(warned) == 1 and "mixed.csv" in str(warned[0].message)


def test_conflict_tie_uses_the_default(tmp_path):
    _csv(tmp_path / "tie.csv", ["13/04/2017", "04/20/2017", "03/04/2017"])
    arts, _ = _load(tmp_path / "tie.csv")
    assert _dates(arts) == [T("2017-04-13"), T("2017-04-20"), T("2017-04-03")]
    assert "default" in _order_rows(arts).set_index("what").loc["ambiguous date order", "detail"]


def test_iso_and_month_name_dates_are_untouched(tmp_path):
    _jsonl(tmp_path / "iso.jsonl", ["2017-04-05", "2017-04-05T10:20:00+03:00", "Wed 05 Apr 2017", "April 5, 2017",
                                    "04/13/2017"])
    arts, warned = _load(tmp_path / "iso.jsonl")
    assert _dates(arts) == [T("2017-04-05"), T("2017-04-05 07:20"), T("2017-04-05"), T("2017-04-05"), T("2017-04-13")]
    assert _order_rows(arts).empty and not warned


def test_cached_load_is_identical_and_announces_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path / "derived"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _csv(corpus / "uk.csv", ["05/04/2017", "13/04/2017"])
    _jsonl(corpus / "amb.jsonl", ["05/04/2017", "06/04/2017"])
    plain, w0 = _load(corpus)
    first, w1 = _load(corpus, cache=True)
    again, w2 = _load(corpus, cache=True)
    pd.testing.assert_frame_equal(plain, first)
    pd.testing.assert_frame_equal(plain, again)        # the changes column text even when only files' rows exist
    assert _dates(again) == _dates(plain) == [T("2017-04-05"), T("2017-04-06"), T("2017-04-05"), T("2017-04-13")]
    assert load_report(plain) == load_report(again)
    assert len(w0) == len(w1) == len(w2) == 1


# --------------------------------------------------------------------------- the parser alone


@pytest.mark.parametrize("raw, expected", [
    ("05/04/2017", "2017-04-05"),              # no evidence: the default, day first
    ("13/04/2017", "2017-04-13"),              # proven day first
    ("04/13/2017", "2017-04-13"),              # proven month first
    ("05.04.2017", "2017-04-05"),
    ("05-04-2017", "2017-04-05"),
    ("05/04/17", "2017-04-05"),                # two-digit years: 00-68 are 2000s, 69-99 1900s
    ("05/04/85", "1985-04-05"),
    ("Wed 05/04/2017 14:20", "2017-04-05 14:20"),
    ("2017-04-05", "2017-04-05"),
    ("5 April 2017", "2017-04-05"),
])
def test_parse_date_numeric_default_is_day_first(raw, expected):
    assert parse_date(raw) == T(expected)


def test_parse_date_in_a_given_order():
    assert parse_date("05/04/2017", order="month first") == T("2017-05-04")
    assert parse_date("13/04/2017", order="month first") == T("2017-04-13")       # what a date proves wins
    assert parse_date("31/02/2017") is None and parse_date("13/13/2017") is None


def test_load_in_a_forked_child_decides_and_announces_the_same(tmp_path, monkeypatch):
    from analysis.corpus import load

    _csv(tmp_path / "us.csv", ["04/05/2017", "04/13/2017"])
    _jsonl(tmp_path / "amb.jsonl", ["05/04/2017", "06/04/2017"])
    here, w0 = _load(tmp_path)
    monkeypatch.setattr(load, "CHILD_MIN_BYTES", 0)
    forked, w1 = _load(tmp_path)
    pd.testing.assert_frame_equal(here, forked)
    assert load_report(here) == load_report(forked)
    assert len(w0) == len(w1) == 1 and str(w0[0].message) == str(w1[0].message)
    assert _dates(forked) == [T("2017-04-05"), T("2017-04-06"), T("2017-04-05"), T("2017-04-13")]


def test_count_terms_on_files_with_numeric_dates(tmp_path):
    """The streamed term count reads the same files (dates do not change what it counts)."""
    from analysis.scale import count_terms

    _jsonl(tmp_path / "amb.jsonl", ["05/04/2017", "06/04/2017"])
    arts, _ = _load(tmp_path)
    pd.testing.assert_frame_equal(count_terms(arts, workers=1), count_terms(tmp_path, workers=1))
