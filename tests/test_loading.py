"""The loader on the sample (hand-checked), on realistic variants of the scrape, and on bad input."""
from __future__ import annotations

import hashlib
import json
import warnings

import pandas as pd
import pytest

from analysis import tokens, LoadError, LoadWarning, load_articles, load_report, raw_dir, sentences

from .conftest import SAMPLE_SHA256
from .scrape import Page, render_dump

IRAQ_TITLE = "Iraqi Forces Enter al-Qaim in ‘Last Big Fight’ against ISIS"
LEBANON_TITLE = "Lebanese Army Denies Reports Claiming Militant Infiltration and Troop Withdrawal in Bekaa"
IRAQ_CAPTION = ("Iraqi troops storm a building in the town of Anna during the first phase of their drive "
                "up the Euphrates valley against ISIS on September 22, 2017.")
LEBANON_CAPTION = "Lebanese army units deploy on the Lebanese-Syrian border"


# --------------------------------------------------------------------------- the sample


def test_raw_sample_is_the_seed_byte_for_byte(sample_path):
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == SAMPLE_SHA256


def test_sample_has_exactly_two_articles_with_exact_titles(sample):
    assert list(sample["title"]) == [IRAQ_TITLE, LEBANON_TITLE]


def test_sample_captions_and_credits(iraq, lebanon):
    assert iraq["caption"] == IRAQ_CAPTION
    assert iraq["credit"] == "AFP Photo/MOADH AL-DULAIMI"
    assert lebanon["caption"] == LEBANON_CAPTION
    assert lebanon["credit"] == "File/Reuters"


def test_sample_first_and_last_body_sentences(iraq, lebanon):
    s = sentences(iraq["body"])
    assert s[0] == ("Iraqi forces on Friday entered Al-Qaim, the main town in ISIS’ last bastion in the "
                    "country, military commanders said.")
    assert s[-1] == "Syrian regime forces said Friday they have liberated the eastern city of Deir Ezzor from ISIS."
    s = sentences(lebanon["body"])
    assert s[0] == ("The Lebanese Army on Sunday denied reports alleging the infiltration of armed groups into "
                    "Lebanon and the army's withdrawal from border areas in the Bekaa region.")
    assert s[-1] == ("The Army Command then called for maintaining accuracy in reporting news related to the "
                     "military institution and the security situation, and refraining from spreading rumors "
                     "that could lead to tension among citizens.")


def test_sample_bodies_hold_no_residue_or_caption(sample):
    for _, art in sample.iterrows():
        paragraphs = art["body"].split("\n\n")
        assert "TT" not in paragraphs and "20" not in paragraphs
        assert not any(p.strip().isdigit() for p in paragraphs)
        assert art["caption"] not in art["body"]
        assert art["title"] not in art["body"]
        assert "\u00a0" not in art["body"] and "  " not in art["body"]


def test_sample_paragraph_counts_and_each_paragraph_once(iraq, lebanon):
    assert iraq["n_paragraphs"] == 10 and lebanon["n_paragraphs"] == 4
    for art in (iraq, lebanon):
        paras = art["body"].split("\n\n")
        assert len(paras) == len(set(paras))


def test_sample_repairs_are_reported(sample):
    report = load_report(sample)
    per = report.changes.groupby(["article_id", "what"])["n"].sum()
    iraq_id, leb_id = sample["article_id"]
    assert per[(iraq_id, "repeated headline")] == 1
    assert per[(iraq_id, "repeated caption")] == 3
    assert per[(iraq_id, "share-widget residue")] == 2
    assert per[(iraq_id, "mixed curly and straight quotes")] == 1
    assert per[(leb_id, "stray space at hyphen")] == 4
    assert "mixed curly" not in sample.loc[1, "changes"]
    # the mixed quotation now opens and closes with curly quotes
    assert "“ISIS members have to choose between death and surrender,” Iraqi" in sample.loc[0, "body"]
    assert report.skipped.empty


def test_sample_columns_types_and_stable_ids(sample, sample_path):
    for col in ["article_id", "title", "caption", "credit", "body", "date", "source", "n_words"]:
        assert col in sample.columns
    assert sample["date"].isna().all() and pd.api.types.is_datetime64_any_dtype(sample["date"])
    assert list(sample["source"]) == [sample_path.name] * 2
    again = load_articles(str(sample_path))
    assert list(again["article_id"]) == list(sample["article_id"])
    assert list(sample["article_id"]) == ["60945bf07e1a0611", "30ecdae1f2a47ae7"]
    # one definition of a word: n_words is the token table's word (non-punctuation) rows of the body
    assert sample["n_words"].tolist() == [256, 148]
    toks = tokens(sample, fields=["body"])
    per_article = toks[~toks["is_punct"]].groupby("article_id", observed=True).size()
    assert per_article.reindex(sample["article_id"]).tolist() == [256, 148]


def test_loading_never_writes_into_raw(raw_snapshot):
    load_articles(raw_dir())
    now = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(raw_dir().iterdir())}
    assert now == raw_snapshot


# --------------------------------------------------------------------------- variants of the scrape

BODY_A = ["Iraqi forces on Friday entered the town, officers said.",
          "The assault began at dawn with artillery fire on militant positions.",
          "“We will finish them,” a commander told reporters."]
BODY_B = ["The army denied the reports on Sunday.",
          "It said units continue their regular missions along the border."]
BODY_C = ["Turkish drones struck targets near the Syrian border, the ministry said.",
          "No casualties were reported."]


def _load_bytes(tmp_path, data: bytes, name: str = "dump.txt") -> pd.DataFrame:
    path = tmp_path / name
    path.write_bytes(data)
    return load_articles(path)


def test_three_articles_in_one_file_with_other_counters(tmp_path):
    pages = [Page("Iraqi Forces Enter the Town", BODY_A, "Troops advance", "AFP", counters=("TT", "137")),
             Page("Army Denies Infiltration Reports", BODY_B, "Units deploy", "File/Reuters",
                  counters=("Share", "3 comments")),
             Page("Drones Strike Near the Border", BODY_C, "A drone", "Getty Images", counters=())]
    arts = _load_bytes(tmp_path, render_dump(pages))
    assert list(arts["title"]) == [p.title for p in pages]
    for art, page in zip(arts.itertuples(), pages):
        assert art.body.split("\n\n") == page.paragraphs
        assert art.caption == page.caption


def test_missing_caption_and_caption_once(tmp_path):
    pages = [Page("Iraqi Forces Enter the Town", BODY_A),
             Page("Army Denies Infiltration Reports", BODY_B, "Units deploy on the border", "File/Reuters",
                  caption_times=1, header_twice=False)]
    arts = _load_bytes(tmp_path, render_dump(pages))
    assert list(arts["caption"]) == ["", "Units deploy on the border"]
    assert arts.loc[1, "credit"] == "File/Reuters"
    assert [b.split("\n\n") for b in arts["body"]] == [BODY_A, BODY_B]


def test_crlf_bom_and_mojibake_are_repaired_and_reported(tmp_path):
    page = Page("Iraqi Forces Enter al-Qaim", ["ISIS’ last bastion fell, officers said.", BODY_A[1]],
                "Troops advance", "AFP Photo/X")
    # UTF-8 read as Windows-1252 and saved again as UTF-8 turns ’ into "â€™"; add CRLF and a BOM too.
    text = page.render().replace("’", "’".encode("utf-8").decode("cp1252"))
    assert "ISISâ€™ last" in text
    broken = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    arts = _load_bytes(tmp_path, broken)
    assert arts.loc[0, "body"].split("\n\n")[0] == "ISIS’ last bastion fell, officers said."
    assert arts.loc[0, "title"] == "Iraqi Forces Enter al-Qaim"
    changes = arts.loc[0, "changes"]
    assert "mojibake repaired" in changes and "CRLF" in changes and "byte-order mark" in changes


def test_related_lines_pull_quotes_and_stray_spaces(tmp_path):
    body = ["Lebanese troops deployed on the Lebanese -Syrian border on Sunday, the army said.",
            "The commander said “we will not allow any infiltration across the border” in a statement.",
            "RELATED: Army Arrests Smugglers in Bekaa",
            "“we will not allow any infiltration across the border”",
            "Officials gave no further details ."]
    arts = _load_bytes(tmp_path, render_dump([Page("Army Deploys on Border", body, "Troops", "AFP")]))
    paras = arts.loc[0, "body"].split("\n\n")
    assert paras == ["Lebanese troops deployed on the Lebanese-Syrian border on Sunday, the army said.",
                     body[1], "Officials gave no further details."]
    ch = load_report(arts).changes
    assert set(ch["what"]) >= {"RELATED line", "pull-quote repeated from body", "stray space at hyphen",
                               "space before punctuation"}


def test_dateline_in_header_sets_date(tmp_path):
    page = Page("Army Denies Infiltration Reports", BODY_B, "Units deploy", "File/Reuters",
                counters=("Sunday, 19 November, 2023 - 10:30", "TT", "20"))
    arts = _load_bytes(tmp_path, render_dump([page]))
    assert arts.loc[0, "date"] == pd.Timestamp("2023-11-19 10:30")
    assert arts.loc[0, "body"].split("\n\n") == BODY_B


def test_plain_text_article_with_wrapped_lines(tmp_path):
    text = ("Drones Strike Near the Border\n\nTurkish drones struck targets near the\nSyrian border, the "
            "ministry said.\n\nNo casualties were reported.\n")
    arts = _load_bytes(tmp_path, text.encode(), "plain.txt")
    assert arts.loc[0, "title"] == "Drones Strike Near the Border"
    assert arts.loc[0, "body"].split("\n\n") == BODY_C


def test_jsonl_and_csv_formats(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"title": "Army Denies Reports", "body": "\n\n".join(BODY_B), "date": "2023-11-19",
                    "url": "https://example.org/a", "id": "leb-1"}) + "\n", encoding="utf-8")
    pd.DataFrame({"title": ["Drones Strike"], "body": ["\n\n".join(BODY_C)], "date": ["not a date"]}) \
        .to_csv(tmp_path / "b.csv", index=False)
    arts = load_articles(tmp_path)
    assert list(arts["source"]) == ["a.jsonl", "b.csv"]
    assert arts.loc[0, "article_id"] == "leb-1" and arts.loc[0, "url"] == "https://example.org/a"
    assert arts.loc[0, "date"] == pd.Timestamp("2023-11-19")
    assert pd.isna(arts.loc[1, "date"])
    assert "unparseable date" in arts.loc[1, "changes"]
    assert arts.loc[1, "body"].split("\n\n") == BODY_C


def test_common_other_field_names_are_read_not_ignored(tmp_path):
    """An export naming its fields headline / text / published / outlet: the headline and the date given are read
    (they were ignored, and the date guessed from the body's first line instead)."""
    body = "Wed 05 Apr 2017 Victims of a suspected chemical attack in Syria appeared to show symptoms. " + BODY_B[0]
    pd.DataFrame({"id": ["w-1"], "headline": ["Syria attack symptoms consistent with nerve agent use WHO"],
                  "text": [body], "published": ["2017-04-06"], "outlet": ["Reuters"]}) \
        .to_csv(tmp_path / "export.csv", index=False)
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "w-2", "headline": "Army Denies Reports", "content": BODY_B,
                                                     "published_at": "2023-11-19T08:30:00Z"}) + "\n", encoding="utf-8")
    arts = load_articles(tmp_path).set_index("article_id")
    assert arts.loc["w-1", "title"] == "Syria attack symptoms consistent with nerve agent use WHO"
    assert arts.loc["w-1", "date"] == pd.Timestamp("2017-04-06") and arts.loc["w-1", "source"] == "Reuters"
    assert arts.loc["w-2", "title"] == "Army Denies Reports"
    assert arts.loc["w-2", "date"].date().isoformat() == "2023-11-19"
    assert arts.loc["w-2", "body"].split("\n\n") == BODY_B


def test_html_in_a_jsonl_body_is_text_not_words(tmp_path):
    """An API export whose body is the article's HTML: paragraphs from <p>, entities decoded, and neither 'p' nor
    'quot' nor 'amp' a word (they were the corpus's most frequent terms)."""
    body = ("<p>Victims of a suspected chemical attack in Syria appeared to show symptoms the World Health "
            "Organization said on Wednesday.</p>\n<p>&quot;Some cases appear to show additional signs consistent "
            "with exposure to organophosphorus chemicals&quot; WHO said in a statement.<br/>Doctors &amp; nurses "
            "in Idlib treated 300 people.</p><script>var ad = 1;</script>")
    (tmp_path / "api.jsonl").write_text(json.dumps({"id": "who-1", "title": "WHO: nerve agent", "body": body}) + "\n",
                                        encoding="utf-8")
    arts = load_articles(tmp_path / "api.jsonl")
    assert arts.loc[0, "body"].split("\n\n") == [
        "Victims of a suspected chemical attack in Syria appeared to show symptoms the World Health Organization "
        "said on Wednesday.",
        '"Some cases appear to show additional signs consistent with exposure to organophosphorus chemicals" WHO '
        "said in a statement. Doctors & nurses in Idlib treated 300 people."]
    assert {"HTML tag removed", "HTML entity decoded"} <= set(load_report(arts).changes["what"])
    words = set(tokens(arts)["norm"])
    assert not words & {"p", "/p", "quot", "amp", "br", "script", "var"}


def test_semicolon_csv_with_a_bom(tmp_path):
    """A spreadsheet export from a European locale: UTF-8 with a BOM, fields separated by ';'."""
    text = "id;title;body;date\r\nleb-1;Army Denies Reports;\"" + "\n\n".join(BODY_B) + "\";19.11.2023\r\n"
    (tmp_path / "export.csv").write_bytes(text.encode("utf-8-sig"))
    arts = load_articles(tmp_path / "export.csv")
    assert arts.loc[0, "article_id"] == "leb-1" and arts.loc[0, "title"] == "Army Denies Reports"
    assert arts.loc[0, "body"].split("\n\n") == BODY_B and arts.loc[0, "date"] == pd.Timestamp("2023-11-19")


def test_folder_glob_and_list_sources(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_bytes(render_dump([Page("Army Denies Infiltration", BODY_B)]))
    (tmp_path / "two.txt").write_bytes(render_dump([Page("Drones Strike Near Border", BODY_C)]))
    assert len(load_articles(tmp_path)) == 2
    assert sorted(load_articles(tmp_path / "sub" / "*.txt")["source"]) == ["one.txt"]
    both = load_articles([tmp_path / "sub" / "one.txt", tmp_path / "two.txt"])
    assert sorted(both["source"]) == ["sub/one.txt", "two.txt"]


# --------------------------------------------------------------------------- bad input


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(LoadError, match=r"nope\.txt: no such file or folder"):
        load_articles(tmp_path / "nope.txt")


def test_glob_matching_nothing(tmp_path):
    with pytest.raises(LoadError, match="matches no file"):
        load_articles(str(tmp_path / "*.jsonl"))


def _load_with_one_good(tmp_path, name: str, data: bytes):
    (tmp_path / "good.txt").write_bytes(render_dump([Page("Army Denies Infiltration", BODY_B)]))
    (tmp_path / name).write_bytes(data)
    with pytest.warns(LoadWarning) as record:
        arts = load_articles(tmp_path)
    return arts, load_report(arts).skipped, str(record[0].message)


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"\n \n\t\n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("photo.jpg", b"\xff\xd8\xff", "unsupported file type"),
])
def test_bad_files_are_skipped_counted_and_named(tmp_path, name, data, reason):
    arts, skipped, message = _load_with_one_good(tmp_path, name, data)
    assert len(arts) == 1
    assert skipped["source"].tolist() == [name] and reason in skipped["reason"].iloc[0]
    assert name in message and reason in message


def test_undecodable_bytes_are_decoded_and_reported(tmp_path):
    data = render_dump([Page("Army Denies Infiltration", ["The army said caf\xe9 owners fled."])])
    data = data.replace("caf\xe9".encode(), b"caf\xe9")  # a lone Latin-1 byte: not valid UTF-8
    arts = _load_bytes(tmp_path, data)
    assert "café owners" in arts.loc[0, "body"]
    assert "not valid UTF-8 (first bad byte at offset" in arts.loc[0, "changes"]


def test_jsonl_bad_lines_are_named_by_line(tmp_path):
    lines = [json.dumps({"title": "A", "body": BODY_B[0]}), "{not json", "[1, 2]",
             json.dumps({"title": "No body here"}), json.dumps({"title": "Empty", "body": "  "}),
             json.dumps({"title": "B", "body": BODY_C[0]})]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with pytest.warns(LoadWarning, match=r"c\.jsonl, line 2: not valid JSON"):
        arts = load_articles(tmp_path / "c.jsonl")
    assert list(arts["title"]) == ["A", "B"]
    skipped = load_report(arts).skipped
    assert skipped["line"].tolist() == [2, 3, 4, 5]
    assert "not an object" in skipped["reason"].iloc[1]
    assert "no 'body' field" in skipped["reason"].iloc[2]
    assert "empty body" in skipped["reason"].iloc[3]
    with pytest.raises(LoadError, match=r"c\.jsonl, line 2: not valid JSON"):
        load_articles(tmp_path / "c.jsonl", on_error="raise")


def test_csv_without_body_column(tmp_path):
    pd.DataFrame({"title": ["A"], "summary": ["x"]}).to_csv(tmp_path / "d.csv", index=False)
    with pytest.warns(LoadWarning), pytest.raises(LoadError, match=r"no article could be loaded.*no 'body' column"):
        load_articles(tmp_path / "d.csv")


def test_article_without_body_is_skipped_and_named(tmp_path):
    pages = [Page("Army Denies Infiltration Reports", BODY_B, "Units", "AFP")]
    text = render_dump(pages).decode() + "\n\n\n\nHeadline Without Any Body\n\nA caption (AFP)\nA caption (AFP)\n"
    (tmp_path / "e.txt").write_text(text, encoding="utf-8")
    with pytest.warns(LoadWarning, match=r"e\.txt, line \d+: article has no body"):
        arts = load_articles(tmp_path / "e.txt")
    assert len(arts) == 1


def test_duplicate_articles_are_counted(tmp_path):
    data = render_dump([Page("Army Denies Infiltration", BODY_B)])
    (tmp_path / "x.txt").write_bytes(data)
    (tmp_path / "y.txt").write_bytes(data)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        arts = load_articles(tmp_path)
    assert len(arts) == 1
    assert "duplicate article id" in load_report(arts).skipped["reason"].iloc[0]
    assert any(issubclass(w.category, LoadWarning) for w in rec)
