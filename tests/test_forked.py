"""Issue 18: a large corpus is loaded in a forked child (its churned memory leaves with it); the parent gets
the same table, report, warnings, errors and progress bars as a load in the same process."""
from __future__ import annotations

import json
import os
import signal
import warnings

import pandas as pd
import pytest

import analysis.corpus.load as loader
from analysis import LoadError, LoadWarning, load_articles, load_report
from analysis.engine import forked
from analysis.paths import repo_root

from .scrape import Page, render_dump

FAKES = repo_root() / "data" / "external" / "fakes_syria.jsonl"

pytestmark = pytest.mark.skipif(not forked.fork_available(), reason="needs POSIX fork")


def _load(source, child: bool, monkeypatch, **kw):
    """``load_articles`` forced into the child (or kept here), with its LoadWarnings and their file."""
    monkeypatch.setattr(loader, "CHILD_MIN_BYTES", 0 if child else 1 << 62)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        arts = load_articles(source, **kw)
    return arts, [(str(w.message), os.path.basename(w.filename)) for w in rec if w.category is LoadWarning]


def _same_load(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b)
    ra, rb = load_report(a), load_report(b)
    for part in ("skipped", "changes", "furniture"):
        pd.testing.assert_frame_equal(getattr(ra, part), getattr(rb, part))


def _corpus_with_bad_lines(tmp_path):
    lines = FAKES.read_text(encoding="utf-8").splitlines()[:60]
    lines[7] = '{"title": "cut off mid-record", "body": "The army'               # broken JSON
    lines[20] = json.dumps({"title": "no body", "body": ""})                     # nothing to load
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "c.jsonl"


def test_child_load_is_the_same_as_a_load_here_on_real_news(monkeypatch):
    here, w_here = _load(FAKES, False, monkeypatch)
    child, w_child = _load(FAKES, True, monkeypatch)
    _same_load(here, child)
    assert len(child) == 149 and w_here == w_child


def test_skips_are_reported_and_announced_once_at_the_callers_line(tmp_path, monkeypatch):
    path = _corpus_with_bad_lines(tmp_path)
    here, w_here = _load(path, False, monkeypatch)
    child, w_child = _load(path, True, monkeypatch)
    _same_load(here, child)
    assert load_report(child).skipped["line"].tolist() == [8, 21]
    assert len(w_child) == 1 and w_child == w_here
    assert w_child[0][1] == os.path.basename(__file__)          # the warning points at the caller, not the engine


def test_errors_in_the_child_are_the_loaders_clear_errors(tmp_path, monkeypatch):
    path = _corpus_with_bad_lines(tmp_path)
    monkeypatch.setattr(loader, "CHILD_MIN_BYTES", 0)
    with pytest.raises(LoadError, match=r"c\.jsonl, line 8") as err:
        load_articles(path, on_error="raise")
    assert not getattr(err.value, "__notes__", None)           # an expected error: its message, no traceback
    (tmp_path / "furniture.txt").write_bytes(render_dump([Page("Share this", [], "", "")]))
    with pytest.raises(LoadError):
        load_articles(tmp_path / "furniture.txt")


def test_progress_bars_drawn_in_the_child_are_drawn_by_the_parent(tmp_path, monkeypatch):
    drawn: list[list] = []

    class Bar:
        def __init__(self, total=None, desc="", unit=""):
            self.log = [desc, total, 0, False]
            drawn.append(self.log)

        def update(self, n=1):
            self.log[2] += n

        def close(self):
            self.log[3] = True

    monkeypatch.setattr("tqdm.auto.tqdm", Bar)
    lines = FAKES.read_text(encoding="utf-8").splitlines()
    (tmp_path / "big.jsonl").write_text("\n".join(lines * 15) + "\n", encoding="utf-8")
    _load(tmp_path / "big.jsonl", True, monkeypatch, progress=True)
    assert drawn and all(desc.startswith("reading big.jsonl") and total == n and closed
                         for desc, total, n, closed in drawn)


def test_a_child_that_dies_is_a_clear_error_not_a_hang():
    with pytest.raises(forked.ChildProcessLost, match="killed by signal 9"):
        forked.run_forked(lambda: os.kill(os.getpid(), signal.SIGKILL))


def test_an_unexpected_error_carries_the_childs_traceback():
    def step():
        return {}["missing"]

    with pytest.raises(KeyError) as err:
        forked.run_forked(step)
    assert "in step" in err.value.__notes__[0]
    with pytest.raises(KeyError) as err:
        forked.run_forked(step, expected=(KeyError,))
    assert not getattr(err.value, "__notes__", None)


def test_an_error_that_cannot_travel_arrives_as_its_kind_and_message():
    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"odd {a} {b}")

    def step():
        raise Odd(1, 2)

    with pytest.raises(RuntimeError, match="Odd: odd 1 2"):
        forked.run_forked(step)


def test_the_result_comes_back_as_bytes():
    assert forked.run_forked(lambda x: [x.encode(), b"", bytes(range(256)) * 4000], "é") == [
        "é".encode(), b"", bytes(range(256)) * 4000]


def test_the_child_leaves_announcing_skips_to_the_parent(tmp_path):
    path = _corpus_with_bad_lines(tmp_path)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        table, report = loader._load_as_bytes(path, "warn", False)
    assert not [w for w in rec if w.category is LoadWarning]
    assert [s["line"] for s in json.loads(report)["skipped"]] == [8, 21]


def test_a_notebook_kernel_loads_in_a_child_and_draws_the_bar(tmp_path):
    """The path a notebook on a large corpus takes: the kernel forks the child; the bar and the table arrive."""
    import nbformat
    from nbclient import NotebookClient

    lines = FAKES.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.jsonl"                       # 2,235 lines: read on all cores, with a bar
    big.write_text("\n".join(lines * 15) + "\n", encoding="utf-8")
    code = ("import warnings\nimport analysis.corpus.load as loader\nfrom analysis import load_articles\n"
            "loader.CHILD_MIN_BYTES = 0\nwarnings.simplefilter('ignore')\n"
            f"arts = load_articles({str(big)!r}, progress=True)\nprint('articles', len(arts))")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code)]
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    outputs = nb.cells[0].outputs
    text = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    assert "articles 149" in text                      # the copies are duplicates: skipped, counted
    bars = [o for o in outputs if o["output_type"] == "display_data"] + \
           [o for o in outputs if o.get("name") == "stderr" and "reading big.jsonl" in o.get("text", "")]
    assert bars, "the child's progress bar was not drawn in the notebook"
