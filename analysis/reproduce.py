"""The main job: run every notebook headlessly, in order, and export every figure.

``python -m analysis.reproduce`` (what ``make figures`` calls) clears the
figure folder, executes ``notebooks/NN_*.ipynb`` in order in fresh kernels
with papermill, writes the executed copies to ``reports/`` and stops with a
message naming the notebook and the cell that failed.

``--corpus PATH`` runs the same notebooks on another corpus; its figures go to
``figures/<corpus name>/`` so the sample's figures are never overwritten.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path
from typing import Sequence

from .paths import figures_dir, notebooks_dir, repo_root

__all__ = ["NotebookFailed", "list_notebooks", "run_notebook", "run_all", "export_html", "main"]

_FIGURE_SUFFIXES = {".png", ".svg", ".pdf", ".csv"}


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook, the cell and the error."""


def list_notebooks(folder: Path | None = None, *, include_template: bool = False) -> list[Path]:
    """The numbered analysis notebooks (``NN_name.ipynb``) in reading order."""
    folder = folder or notebooks_dir()
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    return [p for p in found if include_template or not p.name.startswith("00_")]


def corpus_slug(corpus: str | os.PathLike) -> str:
    """A folder name for a corpus path: ``data/big/articles.jsonl`` → ``articles``."""
    p = Path(corpus)
    stem = p.stem if p.suffix else p.name
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_") or "corpus"


def run_notebook(path: Path, *, parameters: dict | None = None, output: Path | None = None,
                 figures: Path | None = None, timeout: int = 900) -> Path:
    """Execute one notebook in a fresh kernel; return the executed copy's path.

    Figures saved by the notebook go to ``figures`` (via ``ANALYSIS_FIGURES_DIR``).
    Raises :class:`NotebookFailed` naming the notebook and cell on any error.
    """
    import papermill as pm

    output = output or Path(os.devnull)
    env_before = os.environ.get("ANALYSIS_FIGURES_DIR")
    backend_before = os.environ.get("MPLBACKEND")
    if figures is not None:
        os.environ["ANALYSIS_FIGURES_DIR"] = str(figures)
    # the kernel draws figures inline, so executed copies and HTML reports show them
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        pm.execute_notebook(
            str(path), str(output), parameters=parameters or {}, cwd=str(path.parent),
            kernel_name="python3", progress_bar=False, log_output=False,
            execution_timeout=timeout, report_mode=False,
        )
    except pm.PapermillExecutionError as exc:
        raise NotebookFailed(
            f"{path.name}: cell {exc.exec_count or exc.cell_index} failed with "
            f"{exc.ename}: {exc.evalue}"
        ) from None
    finally:
        if backend_before is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = backend_before
        if figures is not None:
            if env_before is None:
                os.environ.pop("ANALYSIS_FIGURES_DIR", None)
            else:
                os.environ["ANALYSIS_FIGURES_DIR"] = env_before
    return output


def export_html(executed: Path, html: Path) -> Path:
    """Export an executed notebook to a standalone HTML report with the code hidden (for editors)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    html.write_text(body, encoding="utf-8")
    return html


def clear_figures(folder: Path) -> int:
    """Delete figure files (png/svg/pdf/csv and the index) directly in ``folder``; return how many."""
    n = 0
    if folder.is_dir():
        for p in folder.iterdir():
            if p.is_file() and (p.suffix in _FIGURE_SUFFIXES or p.name == "README.md"):
                p.unlink()
                n += 1
    return n


def run_all(corpus: str | None = None, *, notebooks: Sequence[Path] | None = None) -> Path:
    """Clear the figure folder and run every notebook in order; return the figure folder."""
    root = repo_root()
    notebooks = list(notebooks or list_notebooks())
    if corpus:
        corpus_path = Path(corpus).resolve()
        if not corpus_path.exists():
            raise FileNotFoundError(f"CORPUS={corpus}: no such file or folder")
        slug = corpus_slug(corpus_path)
        figures = figures_dir() / slug
        reports = root / "reports" / slug
        parameters = {"CORPUS": str(corpus_path)}
    else:
        figures = figures_dir()
        reports = root / "reports"
        parameters = {}
    removed = clear_figures(figures)
    figures.mkdir(parents=True, exist_ok=True)
    reports.mkdir(parents=True, exist_ok=True)
    print(f"figures → {figures} (cleared {removed} old file(s)); executed notebooks → {reports}")
    total = time.perf_counter()
    for i, nb in enumerate(notebooks, start=1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(notebooks)}] {nb.name} …", end="", flush=True)
        run_notebook(nb, parameters=parameters, output=reports / nb.name, figures=figures)
        print(f" done in {time.perf_counter() - t0:.1f} s", flush=True)
    from .figures import write_figure_index

    index = write_figure_index(figures)
    for nb in notebooks:
        export_html(reports / nb.name, reports / f"{nb.stem}.html")
    n_files = sum(1 for p in figures.iterdir() if p.suffix in _FIGURE_SUFFIXES)
    print(f"figure index → {index}; HTML reports → {reports}/*.html")
    print(f"{len(notebooks)} notebook(s) in {time.perf_counter() - total:.1f} s; "
          f"{n_files} figure file(s) in {figures}")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m analysis.reproduce [--corpus PATH]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("CORPUS") or None,
                        help="run on this corpus (file, folder or glob) instead of data/raw")
    args = parser.parse_args(argv)
    try:
        run_all(args.corpus)
    except (NotebookFailed, FileNotFoundError) as exc:
        print(f"\nFAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
