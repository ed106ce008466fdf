"""The main job on another corpus: its own figure folder, an index of captions, HTML reports, clear failures."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from analysis.figures import read_caption, save_figure, write_figure_index  # noqa: E402
from analysis.reproduce import NotebookFailed, corpus_slug, list_notebooks, run_all, run_notebook  # noqa: E402
from analysis.paths import repo_root  # noqa: E402


def test_figure_index_lists_every_figure_with_its_caption(tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_title("Mentions per week | sample")
    save_figure(fig, "09_example", folder=tmp_path)
    plt.close(fig)
    assert read_caption(tmp_path / "09_example.png") == "Mentions per week | sample"
    index = write_figure_index(tmp_path).read_text()
    assert "`09_example`" in index and "Mentions per week \\| sample" in index
    assert "[svg](09_example.svg)" in index


def test_failed_notebook_names_notebook_and_cell(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Question"), nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("raise ValueError('bad corpus')")]
    path = tmp_path / "05_broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(NotebookFailed, match=r"05_broken.ipynb: cell 2 failed with ValueError: bad corpus"):
        run_notebook(path, output=tmp_path / "out.ipynb")


def test_missing_corpus_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="CORPUS=no/such/corpus.jsonl"):
        run_all("no/such/corpus.jsonl")


@pytest.mark.notebook
def test_main_job_on_a_generated_corpus_writes_its_own_folder(tmp_path, monkeypatch):
    corpus = tmp_path / "demo_small.jsonl"
    subprocess.run([sys.executable, str(repo_root() / "tools" / "make_demo_corpus.py"), "--articles", "40",
                    "--out", str(corpus)], check=True, capture_output=True)
    assert len(corpus.read_text().splitlines()) == 40
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    monkeypatch.chdir(tmp_path)
    import analysis.reproduce as rep

    monkeypatch.setattr(rep, "repo_root", lambda: tmp_path)     # reports/ under tmp, not the repo
    figures = run_all(str(corpus), notebooks=list_notebooks())
    assert figures == tmp_path / "figures" / corpus_slug(corpus) == tmp_path / "figures" / "demo_small"
    names = {p.name for p in figures.iterdir()}
    for stem in ("01_words_per_article", "02_top_terms", "03_distinctive_words", "04_locations_map"):
        assert {f"{stem}.png", f"{stem}.svg", f"{stem}.pdf", f"{stem}.csv"} <= names
    assert "README.md" in names
    reports = tmp_path / "reports" / "demo_small"
    assert sorted(p.name for p in reports.glob("*.html")) == [f"{p.stem}.html" for p in list_notebooks()]
    # the sample's figures were not touched
    assert not (tmp_path / "figures" / "01_words_per_article.png").exists()
    counts = json.loads(json.dumps(
        __import__("pandas").read_csv(figures / "04_locations_map.csv").head(3).to_dict("records")))
    assert counts and counts[0]["mentions"] > 5
