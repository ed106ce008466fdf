"""Every notebook runs top to bottom in a fresh kernel; committed notebooks carry no outputs."""
from __future__ import annotations

import json

import pytest

from analysis.paths import notebooks_dir
from analysis.reproduce import list_notebooks, run_notebook

NOTEBOOKS = list_notebooks(include_template=True)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Each notebook run once in a fresh kernel: name → (executed copy, figure folder)."""
    return {}


def _run(path, root):
    out = root / path.name
    figs = root / "figures"
    run_notebook(path, output=out, figures=figs)
    return out, figs


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_a_fresh_kernel(path, tmp_path_factory, executed):
    out, figs = _run(path, tmp_path_factory.mktemp(path.stem))
    executed[path.name] = (out, figs)
    nb = json.loads(out.read_text())
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert any(p.suffix == ".png" for p in figs.iterdir()), "every notebook saves at least one figure"


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_rerun_gives_byte_identical_figures(path, tmp_path, executed):
    """Running a notebook again writes the same bytes (PNG, SVG, PDF, CSV) for its first figure."""
    if path.name not in executed:
        pytest.skip("the first run failed or was deselected")
    _, first = executed[path.name]
    _, second = _run(path, tmp_path)
    stem = sorted(p.stem for p in first.glob("*.png"))[0]
    files = sorted(p.name for p in first.iterdir() if p.stem == stem)
    assert {"png", "svg", "pdf"} <= {f.rsplit(".", 1)[1] for f in files}
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs between runs"


@pytest.mark.notebook
def test_html_report_hides_code(executed, tmp_path):
    from analysis.reproduce import export_html

    name = next(n for n in executed if n.startswith("02_"))
    html = export_html(executed[name][0], tmp_path / "02.html").read_text(encoding="utf-8")
    assert "Term frequencies" in html and "<img" in html
    assert "load_articles(" not in html            # code cells are hidden for editors


@pytest.mark.parametrize("path", sorted(notebooks_dir().glob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_are_stripped(path):
    """Policy (README): notebooks are committed without outputs; executed copies live in reports/."""
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {cell.get('id')} has outputs"
            assert cell.get("execution_count") is None, f"{path.name} cell {cell.get('id')} has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_has_one_parameters_cell_and_no_machine_paths(path):
    nb = json.loads(path.read_text())
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join("".join(c["source"]) for c in nb["cells"])
    for needle in ("/work/", "/home/", "/root/", "C:\\\\", "sys.path"):
        assert needle not in source, f"{path.name} hard-codes {needle!r}"
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown" and "Question" in "".join(first["source"])
