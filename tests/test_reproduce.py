"""The main job: safe output names, staging (a failed or killed run keeps the previous figures), globs,
a one-article corpus, clear failures, and reports about the corpus they ran on."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from analysis.figures import read_caption, save_figure, write_figure_index  # noqa: E402
from analysis.paths import repo_root  # noqa: E402
from analysis.reproduce import (CorpusError, NotebookFailed, OutputError, corpus_slug, list_notebooks,  # noqa: E402
                                main, run_all, run_notebook)

EXAMPLE = repo_root() / "data" / "external" / "fakes_syria.jsonl"


@pytest.fixture(scope="module")
def derived(tmp_path_factory):
    """One derived-data folder for the module's runs (the gazetteer index is built once)."""
    return tmp_path_factory.mktemp("derived")


@pytest.fixture
def outputs(tmp_path, monkeypatch, derived):
    """Figures, reports and derived data of the main job go under temporary folders, never into the repo."""
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    monkeypatch.setenv("ANALYSIS_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("ANALYSIS_DERIVED_DIR", str(derived))
    return tmp_path


def _small_corpus(folder: Path, n: int) -> Path:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()[:n]
    path = folder / f"syria_{n}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_figure_index_lists_every_figure_with_its_caption(tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_title("Mentions per week | sample")
    save_figure(fig, "09_example", folder=tmp_path)
    plt.close(fig)
    assert read_caption(tmp_path / "09_example.png") == "Mentions per week | sample"
    index = write_figure_index(tmp_path, corpus="x.jsonl").read_text()
    assert "`09_example`" in index and "Mentions per week \\| sample" in index
    assert "[svg](09_example.svg)" in index and "Corpus: `x.jsonl`" in index


def test_failed_notebook_names_notebook_and_cell(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Question"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('bad corpus')")]
    path = tmp_path / "05_broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(NotebookFailed, match=r"05_broken.ipynb: cell 2 failed with ValueError: bad corpus"):
        run_notebook(path, output=tmp_path / "out.ipynb")


def test_a_cell_over_its_time_is_stopped_with_one_line(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import time\ntime.sleep(60)")]
    path = tmp_path / "06_slow.ipynb"
    nbformat.write(nb, path)
    t0 = time.monotonic()
    with pytest.raises(NotebookFailed, match=r"06_slow.ipynb: cell 1 ran longer than 2 s and was stopped"):
        run_notebook(path, timeout=2)
    assert time.monotonic() - t0 < 40


def test_missing_corpus_is_a_clear_error_and_touches_nothing(outputs):
    with pytest.raises(CorpusError, match="CORPUS=no/such/corpus.jsonl: no such file or folder"):
        run_all("no/such/corpus.jsonl")
    assert not (outputs / "figures").exists() and not (outputs / "reports").exists()


def test_an_output_folder_that_cannot_be_written_is_one_failed_line(outputs, monkeypatch, capfd):
    """ANALYSIS_FIGURES_DIR under a file (a typo, a mount gone): one FAILED line naming it, before the corpus is
    read, not a traceback from pathlib after it."""
    (outputs / "taken").write_text("a file, not a folder\n", encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(outputs / "taken" / "figures"))
    corpus = _small_corpus(outputs, 2)
    with pytest.raises(OutputError, match=r"cannot write the outputs to .*taken/figures: .*taken is not a folder"):
        run_all(corpus)
    assert main(["--corpus", str(corpus)]) == 1
    err = capfd.readouterr().err
    assert "FAILED: cannot write the outputs" in err and "Traceback" not in err
    assert not (outputs / "reports").exists()


@pytest.mark.parametrize("name", ["..jsonl", "...jsonl", ".hidden.jsonl", "a b/c.jsonl", "x/../../y.jsonl",
                                  "*.jsonl", "archive/**/*.txt", "/"])
def test_output_names_are_safe(name):
    slug = corpus_slug(name)
    assert slug and not slug.startswith(".") and "/" not in slug and "\\" not in slug and ".." not in slug
    assert slug == corpus_slug(name)                      # the same corpus always gets the same name


def test_same_name_in_different_folders_or_globs_differ():
    assert corpus_slug("a/*.txt") != corpus_slug("b/*.txt")
    assert corpus_slug("data/external/fakes_syria.jsonl") == "fakes_syria"


@pytest.mark.notebook
def test_main_job_on_the_real_example_corpus(outputs, capfd, monkeypatch):
    """The main job on real news other than the sample: its own folders, every figure with its CSV, readable
    labels (strict layout checks in save_figure), findings about this corpus and none about the sample, and a
    quiet terminal."""
    monkeypatch.setenv("ANALYSIS_STRICT_FIGURES", "1")
    import warnings

    from analysis import LoadWarning, load_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        n = len(load_articles(EXAMPLE))            # 149: one record is only furniture, a named skip
    figures = run_all(str(EXAMPLE))
    out = capfd.readouterr()
    assert figures == outputs / "figures" / "fakes_syria"
    pngs = sorted(figures.glob("*.png"))
    assert len(pngs) >= 10
    for png in pngs:
        assert {png.with_suffix(s).exists() for s in (".svg", ".pdf", ".csv")} == {True}, png.name
    for stem in ("02_term_trends", "02_keyness", "02_top_terms_by_group", "03_statements_by_group",
                 "04_locations_map"):
        assert (figures / f"{stem}.png").exists(), stem
    reports = outputs / "reports" / "fakes_syria"
    assert sorted(p.name for p in reports.glob("*.html")) == [f"{p.stem}.html" for p in list_notebooks()]
    text = _report_text(reports)
    # nothing about the sample, everything about this corpus
    for sample_fact in ("al-Qaim", "Al-Qaim", "Bekaa", "two articles", "2 articles", "Lebanese Army", "the sample",
                        "Iraq article", "Lebanon article", "Nine of the ten"):
        assert sample_fact not in text, sample_fact
    assert f"{n} articles" in text and "by source" in text and "Ahram Online" in text
    assert "peaks in" in text                                        # trends over time, computed
    # the terminal: progress, the load summary and where the reports are, no library noise
    assert f"{n} article(s) loaded" in out.out and "skipped 1" in out.out and "[4/4] 04_locations_map.ipynb" in out.out
    assert "reports:" in out.out
    for noise in ("without encryption", "KeyboardInterrupt", "Traceback"):
        assert noise not in out.out + out.err, noise


def _report_text(folder: Path) -> str:
    """Markdown cells and Markdown/text outputs of the executed notebooks."""
    chunks = []
    for nb in sorted(folder.glob("*.ipynb")):
        for cell in json.loads(nb.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                chunks.append("".join(cell["source"]))
            for o in cell.get("outputs", []):
                data = o.get("data", {})
                chunks.append("".join(data.get("text/markdown", "")))
                chunks.append("".join(o.get("text", "")))
    return "\n".join(chunks)


@pytest.mark.notebook
def test_one_article_corpus_runs_every_notebook_and_says_what_it_cannot_compute(outputs):
    corpus = _small_corpus(outputs, 1)
    figures = run_all(str(corpus))
    text = _report_text(outputs / "reports" / corpus_slug(corpus))
    assert "1 article" in text
    assert "no group to compare" in text or "not two groups" in text
    assert (figures / "04_locations_map.png").exists()


FIRST = list_notebooks()[:1]          # notebook 01 alone: enough to exercise staging, names and globs quickly


@pytest.mark.notebook
def test_glob_corpus_is_accepted(outputs):
    folder = outputs / "archive"
    folder.mkdir()
    _small_corpus(folder, 6)
    figures = run_all(str(folder / "*.jsonl"), notebooks=FIRST)
    assert figures.parent == outputs / "figures" and figures.name.startswith("archive-glob-")
    assert (figures / "01_words_per_article.png").exists()


@pytest.mark.notebook
def test_a_failed_or_killed_run_keeps_the_previous_figures(outputs):
    corpus = _small_corpus(outputs, 5)
    figures = run_all(str(corpus), notebooks=FIRST)
    before = {p.name: p.read_bytes() for p in figures.iterdir()}
    assert "01_words_per_article.png" in before
    # a notebook fails: nothing is replaced
    import nbformat

    broken = outputs / "nb"
    broken.mkdir()
    for i, src in enumerate(["x = 1", "raise RuntimeError('disk full')"], start=1):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("from analysis import save_figure"), nbformat.v4.new_code_cell(src)]
        nbformat.write(nb, broken / f"0{i}_step.ipynb")
    with pytest.raises(NotebookFailed, match="02_step.ipynb: cell 2 failed with RuntimeError: disk full"):
        run_all(str(corpus), notebooks=sorted(broken.glob("*.ipynb")))
    assert {p.name: p.read_bytes() for p in figures.iterdir()} == before
    assert not list((outputs / "figures").glob(".staging-*"))
    # the process is killed while it writes: nothing is replaced, and the next run cleans up after it
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.Popen([sys.executable, "-m", "analysis.reproduce", "--corpus", str(corpus)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any((outputs / "figures").glob(".staging-*/*.png")):
        time.sleep(0.2)
    assert any((outputs / "figures").glob(".staging-*/*.png")), "the second run never started writing"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert {p.name: p.read_bytes() for p in figures.iterdir()} == before
    run_all(str(corpus), notebooks=FIRST)
    assert not list((outputs / "figures").glob(".staging-*"))


def test_two_runs_on_one_corpus_wait_for_each_other(outputs):
    """The lock per corpus: a second run blocks (and says so) until the first releases it."""
    from analysis.reproduce import _lock

    script = ("import time; from analysis.reproduce import _lock\n"
              "print('ready', flush=True)\n"
              "t = time.monotonic()\n"
              "with _lock('same'):\n    print(f'got it after {time.monotonic() - t:.1f} s', flush=True)\n")
    with _lock("same"):
        proc = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ), stdout=subprocess.PIPE,
                                text=True)
        first = proc.stdout.readline()                 # imports done (slow on a busy machine), about to ask
        time.sleep(3)
        assert first == "ready\n" and proc.poll() is None, "the second run did not wait"
    out = proc.stdout.read()                           # the same reader: what it buffered is not lost
    proc.wait(timeout=60)
    assert "another run on this corpus (same) is in progress; waiting" in out
    assert float(out.split("got it after ")[1].split()[0]) >= 1.0
    with _lock("other"):                               # another corpus is not held up
        pass
