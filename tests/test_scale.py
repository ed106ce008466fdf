"""Large-corpus paths give the same answers: parallel tokens, caches, count_terms, and Dask on a LocalCluster."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import load_articles, load_report, term_frequencies, tokens
from analysis.scale import articles_bag, count_terms
from analysis.scale import term_frequencies as dask_term_frequencies


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample):
    """A few hundred articles: the sample's bodies with unique ids and varied numbers, in three JSONL files."""
    folder = tmp_path_factory.mktemp("corpus")
    recs = sample[["title", "body"]].to_dict("records")
    for f in range(3):
        with (folder / f"part{f}.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(80):
                r = recs[i % 2]
                fh.write(json.dumps({"id": f"a{f}-{i}", "title": r["title"],
                                     "body": r["body"].replace("150,000", f"{150 + i},000")}) + "\n")
    return folder


def test_parallel_and_cached_tokens_equal_serial(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    arts = load_articles(corpus)
    serial = tokens(arts, workers=1)
    pd.testing.assert_frame_equal(serial, tokens(arts, workers=2))
    first = tokens(arts, cache=True)
    assert list((tmp_path / "tokens").glob("*.parquet"))
    pd.testing.assert_frame_equal(serial, first)
    pd.testing.assert_frame_equal(serial, tokens(arts, cache=True))


def test_count_terms_equals_term_frequencies(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    arts = load_articles(corpus, cache=True)
    pd.testing.assert_frame_equal(arts, load_articles(corpus, cache=True))
    ref = term_frequencies(tokens(arts))
    for kw in ({"workers": 1}, {"workers": 2, "chunk_size": 40}, {"cache": True}, {"cache": True}):
        pd.testing.assert_frame_equal(ref, count_terms(arts, **kw), check_dtype=False)


def test_dask_local_cluster_equals_pandas(corpus):
    distributed = pytest.importorskip("distributed")
    arts = load_articles(corpus)
    expected = term_frequencies(tokens(arts))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            distributed.Client(cl):
        got = dask_term_frequencies(articles_bag(sorted(corpus.glob("*.jsonl"))))
        pd.testing.assert_frame_equal(expected, got, check_dtype=False)
        import dask.dataframe as dd

        frame = arts[["article_id", "title", "body"]].copy()
        frame.attrs.clear()          # Dask metadata needs no load report
        ddf = dd.from_pandas(frame, npartitions=3)
        pd.testing.assert_frame_equal(expected, dask_term_frequencies(ddf), check_dtype=False)


@pytest.fixture(scope="module")
def messy_folder(tmp_path_factory, sample, sample_path):
    """A folder as archives come: a scraped dump, JSONL with duplicate ids inside and across batches,
    broken lines, CRLF and a BOM, a Windows-1252 JSONL file, a CSV, a hidden, an empty and an unsupported file."""
    folder = tmp_path_factory.mktemp("messy")
    (folder / "dump.txt").write_bytes(sample_path.read_bytes())
    recs = sample[["title", "body"]].to_dict("records")
    lines = []
    for i in range(12):
        r = recs[i % 2]
        lines.append(json.dumps({"id": f"x{i % 9}", "title": r["title"], "body": r["body"].replace("1,500", f"{i},500"),
                                 "date": "2017-11-03T10:00:00+03:00"}, ensure_ascii=False))
    lines[3] = '{"id": "broken", "title": "no closing brace"'
    lines[5] = '["a list"]'
    lines[7] = json.dumps({"id": "nobody", "title": "A title only"})
    # no id: the content hash is the id
    lines.append(json.dumps({"title": recs[0]["title"], "body": recs[0]["body"]}, ensure_ascii=False))
    (folder / "feed.jsonl").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n\r\n")
    cafe = {"id": "x1", "title": "Caf\u00e9 talks", "body": "Talks in the caf\u00e9 went on."}
    army = {"id": "w1", "title": "Army statement", "body": "The army said the border was calm \u2013 again."}
    (folder / "old.jsonl").write_bytes(json.dumps(cafe, ensure_ascii=False).encode("cp1252") + b"\n"
                                       + json.dumps(army).encode() + b"\n")
    (folder / "more.csv").write_text("id,title,body\nc1,Border,\"The army said, again, that the border is calm.\"\n"
                                     "x2,Dup,\"Same id as a JSONL article.\"\n", encoding="utf-8")
    (folder / ".hidden.jsonl").write_text('{"id": "h", "body": "hidden"}\n')
    (folder / "empty.jsonl").write_text("\n\n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    return folder


def _skips(report) -> set:
    return {(s.source, None if pd.isna(s.line) else int(s.line), s.reason.split(" (same as")[0])
            for s in report.skipped.itertuples()}


@pytest.mark.parametrize("kw", [{"workers": 1, "chunk_size": 2}, {"workers": 2, "chunk_size": 3},
                                {"workers": 2}])
def test_count_terms_streams_files_like_load_articles(messy_folder, kw):

    with pytest.warns(Warning):
        arts = load_articles(messy_folder)
    expected = count_terms(arts, workers=1)
    with pytest.warns(Warning, match="skipped"):
        got = count_terms(messy_folder, **kw)
    pd.testing.assert_frame_equal(expected, got)
    report = load_report(got)
    assert _skips(report) == _skips(load_report(arts))
    dupes = {s for s in _skips(report) if s[2].startswith("duplicate article id")}
    # x0..x2 repeat in the feed; the feed's id-less line has the dump's first article's content hash;
    # x1 again in old.jsonl; x2 in the CSV
    assert len(dupes) == 6
    assert report.files_read == load_report(arts).files_read == 5
    loaded = load_report(arts).changes.groupby("what")["n"].sum()
    assert report.changes.set_index("what")["n"].sort_index().to_dict() == loaded.sort_index().to_dict()


def test_count_terms_on_files_caches_and_raises(messy_folder, corpus, monkeypatch, tmp_path):
    from analysis import LoadError

    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    first = count_terms(corpus, cache=True)
    assert len(list((tmp_path / "terms").glob("src-*.parquet"))) == 1
    again = count_terms(corpus, cache=True)
    pd.testing.assert_frame_equal(first, again)
    assert load_report(again).files_read == 3
    with pytest.raises(LoadError, match=r"feed\.jsonl, line 4: not valid JSON"):
        count_terms(messy_folder / "feed.jsonl", on_error="raise")
    with pytest.raises(LoadError, match="no article could be loaded"):
        with pytest.warns(Warning):
            count_terms(messy_folder / "empty.jsonl")


def test_token_rows_are_the_word_spans_of_each_sentence():
    """The vectorised token table equals the plain definition, also where Punkt splits inside a chunk."""
    from analysis.text import sentence_spans, word_spans

    texts = ['The army said."The border is calm." Then it rained.',
             "  Leading spaces. (A sentence in brackets.) Another one!\n\nNew paragraph… ends",
             "Staff Maj. Gen. Noman Abed al-Zobai told AFP: “ISIS’ last bastion fell.” U.S. forces agreed.",
             "", "   ", "Tabs\tand\u00a0odd\u2009spaces, and a dash \u2013 here."]
    arts = pd.DataFrame({"article_id": [f"t{i}" for i in range(len(texts))], "body": texts})
    got = tokens(arts, fields=["body"], stopwords=False)
    rows = []
    for aid, text in zip(arts.article_id, texts):
        pos = 0
        for k, (s0, s1) in enumerate(sentence_spans(text)):
            for a, b in word_spans(text[s0:s1]):
                rows.append((aid, k, pos, text[s0 + a:s0 + b], s0 + a, s0 + b))
                pos += 1
    assert list(zip(got.article_id.astype(str), got.sentence, got.position, got.token.astype(str),
                    got.start, got.end)) == rows
    inside = [a for a, _ in sentence_spans(texts[0]) if a and not texts[0][a - 1].isspace()]
    assert inside == [14] and len(rows) > 40      # 'said."The': the boundary cuts a whitespace chunk


def test_batched_chunk_tokenisation_equals_chunk_by_chunk(sample, monkeypatch):
    """New chunks are tokenised thousands per NLTK call; each must get the tokens it gets alone."""
    import re

    import importlib

    tk = importlib.import_module("analysis.engine.treebank")
    from analysis.text import fold

    tricky = ['"We', 'fight,"', "ISIS'", "'tis", "cannot", "gonna", "U.S.", "Jan.", "(AFP)", "[1]", "--", "...",
              "end.)", "''quoted''", "``x", "it's", "can't", "3:30", "1,500,", "$3.88", "e-mail:", "x", "'", '"',
              "rock'n'roll", "Qaim.'", "al-Qaim.\"", "a.m.", "??", "wait!", "(Sent1.)", "it’s", "—", "#1;", "50%"]
    chunks = set(tricky)
    for text in sample["body"]:
        chunks.update(fold(text).split())
    keys = [(c, last) for c in sorted(chunks) for last in (False, True)]
    alone = {}
    for key in keys:
        tk._CACHE.clear()
        alone[key] = tk._nltk_chunk(*key)          # NLTK on the chunk in its context
    tk._CACHE.clear()
    monkeypatch.setattr(tk, "FILL_BATCH", 97)          # several NLTK calls, batch edges inside the data
    tk.fill(keys)
    batched = {key: tk._CACHE[key] for key in keys}
    assert batched == alone
    assert alone[("cannot", False)] == ((0, 3), (3, 6)) and alone[("U.S.", True)] == ((0, 3), (3, 4))
    assert len(keys) > 500 and any(re.search(r"\W$", c) for c, _ in keys)


def test_progress_bar_for_large_inputs_and_the_command_line(tmp_path, sample, capsys):
    """Long runs show a tqdm bar (auto from 2,000 lines), short ones stay quiet; the CLI prints and writes."""
    from analysis.scale import main

    big = tmp_path / "big.jsonl"
    body = sample["body"].iloc[1].split("\n\n")[0]
    big.write_text("".join(json.dumps({"id": f"b{i}", "title": "T", "body": f"{body} {i}"}) + "\n"
                           for i in range(2100)), encoding="utf-8")
    count_terms(big, workers=1)
    assert "counting" in capsys.readouterr().err
    count_terms(big, workers=1, progress=False)
    count_terms(load_articles(big).head(50), workers=1)
    assert "counting" not in capsys.readouterr().err
    out = tmp_path / "terms.csv"
    assert main([str(big), "--out", str(out), "--top", "3", "--workers", "1"]) == 0
    printed = capsys.readouterr()
    table = pd.read_csv(out)
    assert table["term"].iloc[0] in printed.out and "counting" in printed.err and "nothing skipped" in printed.err
    assert int(table.loc[table.term == "lebanese", "doc_freq"].iloc[0]) == 2100
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_caches_follow_the_text(corpus, monkeypatch, tmp_path):
    """A changed text, a filtered table or a changed setting is counted afresh, never read from a stale cache."""
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    arts = load_articles(corpus)
    first = count_terms(arts, cache=True)
    edited = arts.copy()
    edited.loc[edited.index[5], "body"] = edited.loc[edited.index[5], "body"] + " Peshmerga Peshmerga."
    for variant, kw in ((edited, {}), (arts.iloc[1:], {}), (arts, {"stopwords": "news"}), (arts, {"fields": ["body"]})):
        fresh = count_terms(variant, workers=1, **kw)
        pd.testing.assert_frame_equal(fresh, count_terms(variant, cache=True, **kw))
        assert not fresh.equals(first)
    assert int(count_terms(edited, cache=True).set_index("term").loc["peshmerga", "count"]) == 2
    toks = tokens(edited, cache=True)
    assert toks["norm"].astype(str).eq("peshmerga").sum() == 2
    assert not tokens(arts, cache=True)["norm"].astype(str).eq("peshmerga").any()
    assert len(list((tmp_path / "tokens").glob("*.parquet"))) == 2


def test_chunk_batch_fallback_keeps_sentence_final_tokens(monkeypatch):
    """When NLTK cannot align a batch, chunks are tokenised one by one: a sentence-final ``said.`` still
    splits its period, a mid-sentence one does not."""
    import importlib

    tk = importlib.import_module("analysis.engine.treebank")

    class Failing:
        def span_tokenize(self, text):
            if text.count(" x ") > 1:               # a batch: fail as NLTK's quote alignment can
                raise ValueError("alignment")
            return tk.NLTKWordTokenizer().span_tokenize(text)

    keys = [("said.", False), ("said.", True), ("Iraq", False), ("Iraq", True), ('"ISIS"', True), ("U.S.", False)]
    tk._CACHE.clear()
    alone = {key: tk._nltk_chunk(*key) for key in keys}
    tk._CACHE.clear()
    monkeypatch.setattr(tk, "_WORD_TOKENIZER", Failing())
    tk.fill(keys)
    assert {key: tk._CACHE[key] for key in keys} == alone
    assert alone[("said.", True)] == ((0, 4), (4, 5)) and alone[("said.", False)] == ((0, 5),)
    tk._CACHE.clear()


def test_count_terms_on_files_learns_the_same_furniture_as_load_articles(recwarn):
    """Real FA-KES articles: furniture learned in a first streamed pass over batches equals load_articles'."""
    from analysis import repo_root

    fakes = repo_root() / "data" / "external" / "fakes_syria.jsonl"
    arts = load_articles(fakes)
    assert (load_report(arts).furniture["origin"] == "learned").any()
    expected = count_terms(arts, workers=1)
    for kw in ({"workers": 1, "chunk_size": 7}, {"workers": 2, "chunk_size": 40}):
        got = count_terms(fakes, **kw)
        pd.testing.assert_frame_equal(expected, got)
        assert load_report(got).skipped.values.tolist() == load_report(arts).skipped.values.tolist()


def test_streaming_reads_each_file_once_and_leaves_no_spool(corpus, messy_folder, monkeypatch, tmp_path):
    """count_terms(path) reads every file once (the records are spooled for the counting pass), and the
    spools are gone afterwards, also when the count stops on an error."""
    from analysis import LoadError
    from analysis.corpus import stream

    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(tmp_path))
    reads: list[str] = []
    real = stream.numbered_lines

    def counted(path):
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(stream, "numbered_lines", counted)
    expected = term_frequencies(tokens(load_articles(corpus)))
    pd.testing.assert_frame_equal(expected, count_terms(corpus, workers=1, chunk_size=25), check_dtype=False)
    assert sorted(reads) == ["part0.jsonl", "part1.jsonl", "part2.jsonl"]
    assert not any((tmp_path / "tmp").iterdir())
    with pytest.raises(LoadError):
        count_terms(messy_folder / "feed.jsonl", on_error="raise", workers=1)
    assert not any((tmp_path / "tmp").iterdir())


def test_tokens_merged_from_many_worker_batches_equal_one_process(monkeypatch):
    """Real news split into many small batches (each with its own vocabulary, one without any token) on two
    workers: the merged table equals the one-process table row for row, codes and categories included."""
    from analysis.engine import tables
    from analysis.paths import repo_root

    arts = load_articles(repo_root() / "data" / "external" / "fakes_syria.jsonl").head(60).copy()
    arts.loc[arts.index[6:9], ["title", "caption", "body"]] = ""  # a whole batch of 3 rows without text
    monkeypatch.setattr(tables, "BATCH_MIN", 3)
    monkeypatch.setattr(tables, "BATCH_MAX", 3)
    monkeypatch.setattr(tables, "MERGE_START_BYTES", 64)          # columns grow many times while merging
    serial = tokens(arts, workers=1)
    merged = tokens(arts, workers=2)
    assert serial["article_id"].nunique() == 57 and len(serial) > 10_000
    pd.testing.assert_frame_equal(serial, merged)
