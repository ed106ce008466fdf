"""Issue 17: bad, odd and hostile input ends in the right articles or a counted skip naming file and line."""
from __future__ import annotations

import json
import os
import threading
import warnings

import pandas as pd
import pytest

from analysis import LoadError, LoadWarning, load_articles, load_report, term_frequencies, tokens
from analysis.scale import count_terms

from .scrape import Page, render_dump

BODY_A = ["Iraqi forces entered the town on Friday, commanders said.", "The offensive began a week ago."]
BODY_B = ["The army denied reports of infiltration on Sunday.", "It said units remain on the border."]
BODY_C = ["Turkish drones struck targets near the border.", "No casualties were reported."]


def _quiet_load(source, **kw):
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        arts = load_articles(source, **kw)
    return arts, [str(w.message) for w in rec if issubclass(w.category, LoadWarning)]


def test_middle_article_with_headline_and_caption_but_no_body(tmp_path):
    pages = [Page("Iraqi Forces Enter the Town", BODY_A, "Troops advance", "AFP"),
             Page("Army Denies Infiltration Reports", [], "Units deploy on the border", "File/Reuters"),
             Page("Drones Strike Near the Border", BODY_C, "A drone over the hills", "Getty Images")]
    (tmp_path / "d.txt").write_bytes(render_dump(pages))
    arts, msgs = _quiet_load(tmp_path / "d.txt")
    assert list(arts["title"]) == ["Iraqi Forces Enter the Town", "Drones Strike Near the Border"]
    assert list(arts["caption"]) == ["Troops advance", "A drone over the hills"]
    assert [b.split("\n\n") for b in arts["body"]] == [BODY_A, BODY_C]
    skipped = load_report(arts).skipped
    assert skipped[["source", "reason"]].values.tolist() == [
        ["d.txt", "article has no body (headline: 'Army Denies Infiltration Reports')"]]
    assert int(skipped["line"].iloc[0]) == render_dump(pages[:1]).decode().count("\n") + 5


def test_csv_unterminated_quote_stops_the_file_at_that_row(tmp_path):
    rows = ["id,title,body", 'a1,One,"The army said, again, that the border is calm."',
            'a2,Two,"Troops moved north, officials said.', 'a3,Three,"Rain fell."', "a4,Four,Jets flew.",
            'a5,Five,"Talks resumed, diplomats said."']
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    arts, msgs = _quiet_load(tmp_path / "t.csv")
    assert list(arts["article_id"]) == ["a1"]
    skipped = load_report(arts).skipped
    assert skipped["line"].tolist() == [3]
    assert "malformed CSV from the row starting on line 3" in skipped["reason"].iloc[0]
    assert "t.csv, line 3: malformed CSV" in msgs[0]
    with pytest.raises(LoadError, match=r"t\.csv, line 3: malformed CSV"):
        load_articles(tmp_path / "t.csv", on_error="raise")


def test_csv_row_with_wrong_number_of_fields(tmp_path):
    (tmp_path / "w.csv").write_text("id,title,body\nb1,One,Calm day.\nb2,Two,Calm,again\nb3,Three,Rain.\n")
    arts, _ = _quiet_load(tmp_path / "w.csv")
    assert list(arts["article_id"]) == ["b1"]
    assert "4 fields, the header has 3" in load_report(arts).skipped["reason"].iloc[0]


def test_nul_byte_costs_nothing_in_a_large_csv_and_a_dump(tmp_path):
    lines = ["id,title,body"] + [f"r{i},Title {i},Body number {i} of the archive." for i in range(1000)]
    lines[5] = lines[5].replace("Body", "Bo\x00dy")
    (tmp_path / "big.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, msgs = _quiet_load(tmp_path / "big.csv")
    assert len(arts) == 1000 and not msgs
    assert arts.loc[4, "body"] == "Body number 4 of the archive."
    assert "removed NUL byte ×1" in arts.loc[4, "changes"]
    assert arts["changes"].str.contains("NUL").sum() == 1
    dump = render_dump([Page("Army Denies Infiltration Reports", BODY_B)]).replace(b"denied", b"de\x00nied")
    (tmp_path / "nul.txt").write_bytes(dump)
    arts, msgs = _quiet_load(tmp_path / "nul.txt")
    assert arts.loc[0, "body"].split("\n\n") == BODY_B and not msgs


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path, encoding):
    text = render_dump([Page("Army Denies Infiltration Reports", BODY_B + ["Café owners fled, ’tis said."])]).decode()
    (tmp_path / "u.txt").write_bytes(text.encode(encoding))
    arts, msgs = _quiet_load(tmp_path / "u.txt")
    assert not msgs
    assert arts.loc[0, "body"].split("\n\n") == BODY_B + ["Café owners fled, ’tis said."]
    assert "decoded as UTF-16" in arts.loc[0, "changes"]


def test_shift_jis_is_refused_not_guessed(tmp_path):
    (tmp_path / "good.txt").write_bytes(render_dump([Page("Army Denies Infiltration Reports", BODY_B)]))
    (tmp_path / "sjis.txt").write_bytes(("シリア軍は町に入った。\n\n" * 20).encode("shift_jis"))
    arts, msgs = _quiet_load(tmp_path)
    assert len(arts) == 1
    skipped = load_report(arts).skipped
    assert skipped["source"].tolist() == ["sjis.txt"]
    assert skipped["reason"].iloc[0].startswith("unknown text encoding: not UTF-8")
    assert "mojibake" not in " ".join(arts["changes"])


def test_windows_1252_still_read(tmp_path):
    (tmp_path / "w.txt").write_bytes("Army Statement\n\nTalks in the café went on.\n".encode("cp1252"))
    arts, _ = _quiet_load(tmp_path / "w.txt")
    assert arts.loc[0, "body"] == "Talks in the café went on."


def test_lone_surrogates_in_jsonl_are_repaired_and_named(tmp_path):
    lines = ['{"id": "s1", "title": "Army statement", "body": "The army said \\ud83d it advanced."}',
             '{"id": "s2", "title": "Pair", "body": "A flag \\ud83c\\uddf8\\ud83c\\uddfe was raised."}']
    (tmp_path / "s.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, msgs = _quiet_load(tmp_path / "s.jsonl")
    assert list(arts["body"]) == ["The army said \ufffd it advanced.", "A flag \U0001F1F8\U0001F1FE was raised."]
    ch = load_report(arts).changes
    row = ch[ch["what"] == "lone surrogate escape replaced by U+FFFD"]
    assert row[["article_id", "source", "n"]].values.tolist() == [["s1", "s.jsonl", 1]]
    tf = count_terms(tmp_path / "s.jsonl", workers=1)
    pd.testing.assert_frame_equal(tf, term_frequencies(tokens(arts)), check_dtype=False)


def test_jsonl_body_types(tmp_path):
    lines = [json.dumps({"id": "l1", "title": "List", "body": ["First paragraph here.", "Second one here."]}),
             json.dumps({"id": "d1", "title": "Dict", "body": {"text": "x"}}),
             json.dumps({"id": "b1", "title": "Bool", "body": True}),
             json.dumps({"id": "n1", "title": "Number", "body": 20})]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, msgs = _quiet_load(tmp_path / "b.jsonl")
    assert arts["body"].tolist() == ["First paragraph here.\n\nSecond one here."]
    assert arts["n_paragraphs"].tolist() == [2]
    skipped = load_report(arts).skipped
    assert skipped[["line", "reason"]].values.tolist() == [
        [2, "line 2 has a 'body' that is a JSON object, not text"],
        [3, "line 3 has a 'body' that is a true/false, not text"],
        [4, "line 4 has a 'body' that is a number, not text"]]


def test_plain_and_recursive_globs_include_subfolders(tmp_path):
    (tmp_path / "archive" / "2017" / "04").mkdir(parents=True)
    (tmp_path / "archive" / "top.txt").write_bytes(render_dump([Page("Army Denies Infiltration", BODY_B)]))
    (tmp_path / "archive" / "2017" / "04" / "deep.txt").write_bytes(render_dump([Page("Drones Strike Border", BODY_C)]))
    (tmp_path / "archive" / "2017" / "04" / "deep.jsonl").write_text(
        json.dumps({"title": "Iraqi Forces Enter Town", "body": "\n\n".join(BODY_A)}) + "\n")
    everything = ["2017/04/deep.jsonl", "2017/04/deep.txt", "top.txt"]
    assert sorted(load_articles(str(tmp_path / "archive" / "*"))["source"]) == everything
    assert sorted(load_articles(str(tmp_path / "archive" / "**"))["source"]) == everything
    assert sorted(load_articles(str(tmp_path / "archive" / "**" / "*.txt"))["source"]) == ["2017/04/deep.txt",
                                                                                          "top.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_named_pipe_is_skipped_not_hung_on(tmp_path):
    (tmp_path / "good.txt").write_bytes(render_dump([Page("Army Denies Infiltration", BODY_B)]))
    os.mkfifo(tmp_path / "pipe.txt")
    result: dict = {}

    def run():
        result["direct"] = _quiet_load([tmp_path / "good.txt", tmp_path / "pipe.txt"])
        result["folder"] = _quiet_load(tmp_path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result["terms"] = count_terms(tmp_path, workers=1)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "loading a named pipe hung"
    for key in ("direct", "folder"):
        arts, msgs = result[key]
        assert len(arts) == 1
        assert load_report(arts).skipped.values.tolist()[0][0::2] == \
            ["pipe.txt", "not a regular file: a named pipe (FIFO), not read"]
    assert load_report(result["terms"]).skipped["source"].tolist() == ["pipe.txt"]


def test_concat_and_merge_keep_working_and_keep_the_report(sample):
    both = pd.concat([sample.head(1), sample.tail(1)])
    assert len(both) == 2
    merged = sample.merge(sample[["article_id", "n_words"]], on="article_id", suffixes=("", "_again"))
    assert load_report(merged).summary() == load_report(sample).summary()
    again = pd.concat([sample, sample])
    assert load_report(again).files_read == 1
    assert isinstance(sample.attrs["load_report"], str)          # JSON text: plain data, nothing else
    assert load_report(sample) == load_report(sample.iloc[:1])


def test_article_cache_is_parquet_and_json_and_survives_corruption(tmp_path, monkeypatch, sample_path):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path / "derived"))
    first = load_articles(sample_path, cache=True)
    folder = tmp_path / "derived" / "articles"
    assert sorted(p.suffix for p in folder.iterdir()) == [".json", ".parquet"]
    again = load_articles(sample_path, cache=True)
    pd.testing.assert_frame_equal(first, again)
    assert load_report(again) == load_report(first)
    for victim, damage in ((".parquet", b"PAR1 truncated"), (".json", b'{"files_read": 1, "chan')):
        path = next(p for p in folder.iterdir() if p.suffix == victim)
        path.write_bytes(damage)
        rebuilt = load_articles(sample_path, cache=True)
        pd.testing.assert_frame_equal(first, rebuilt)
    assert not list(folder.glob("*.pkl"))


def test_count_terms_report_cache_is_json_and_rebuilt_when_truncated(tmp_path, monkeypatch, sample_path):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    first = count_terms(sample_path, cache=True, workers=1)
    report = next((tmp_path / "terms").glob("*.report.json"))
    report.write_text(report.read_text()[:10])
    again = count_terms(sample_path, cache=True, workers=1)
    pd.testing.assert_frame_equal(first, again)
    assert load_report(again).files_read == 1
    assert not list((tmp_path / "terms").glob("*.pkl"))


def test_a_corpus_without_body_fields_says_so_once(tmp_path):
    """Every line lacks 'body' (the text is under a name not read as one): one grouped reason, and the fields there are."""
    path = tmp_path / "other.jsonl"
    path.write_text("".join(json.dumps({"id": i, "summary": "Iraqi forces entered Al-Qaim."}) + "\n"
                            for i in range(40)), encoding="utf-8")
    with pytest.warns(LoadWarning, match=r"line 1: line 1 has no 'body' field \(its fields: id, summary\)"):
        with pytest.raises(LoadError) as err:
            load_articles(path)
    message = str(err.value)
    assert message.endswith("skipped 40: a line has no 'body' field ×40.") and len(message) < 200
