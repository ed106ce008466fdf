"""The main job: run every notebook headlessly, in order, and export every figure and report.

``python -m analysis.reproduce`` (what ``make figures`` calls) checks the corpus first, executes
``notebooks/NN_*.ipynb`` in order in fresh kernels, and writes figures, the figure index, executed
notebooks and HTML reports into a fresh staging folder. Only when every notebook succeeded does the
staging folder replace the previous outputs, so a failed or killed run leaves them as they were.

``--corpus PATH`` (a file, folder or glob) runs the same notebooks on another corpus; its figures go to
``figures/<corpus name>/`` and its reports to ``reports/<corpus name>/``, so the sample's are never
overwritten. The terminal shows progress, what the loader skipped, and where the reports are; the
kernels' own log lines go to ``data/derived/logs/``.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import sys
import time
import uuid
import warnings
from pathlib import Path
from typing import Iterator, Sequence

from .paths import derived_dir, figures_dir, notebooks_dir, reports_dir

__all__ = ["NotebookFailed", "CorpusError", "OutputError", "list_notebooks", "run_notebook", "run_all", "export_html",
           "corpus_slug", "main", "NOTEBOOK_TIMEOUT_S"]

#: A notebook that runs longer than this (seconds) is stopped and the run fails with one line.
NOTEBOOK_TIMEOUT_S = 1800
_FIGURE_SUFFIXES = {".png", ".svg", ".pdf", ".csv"}
_REPORT_SUFFIXES = {".ipynb", ".html"}


class NotebookFailed(RuntimeError):
    """A notebook raised an error or ran out of time; the message names the notebook, the cell and the error."""


class CorpusError(RuntimeError):
    """The corpus cannot be read (no such path, nothing loadable); raised before any output is touched."""


class OutputError(RuntimeError):
    """An output folder (figures, reports, derived data) cannot be written; raised before any output is touched."""


def _check_writable(*folders: Path) -> None:
    """An :class:`OutputError` naming the first folder that cannot be made or written (nothing is created)."""
    for folder in folders:
        here = Path(os.path.abspath(folder))
        while not here.exists() and here.parent != here:
            here = here.parent
        if not here.is_dir() or not os.access(here, os.W_OK | os.X_OK):
            what = "is not a folder" if not here.is_dir() else "is not writable"
            raise OutputError(f"cannot write the outputs to {folder}: {here} {what}; nothing was changed")


def list_notebooks(folder: Path | None = None, *, include_template: bool = False) -> list[Path]:
    """The numbered analysis notebooks (``NN_name.ipynb``) in reading order.

    >>> [p.name for p in list_notebooks()][:2]
    ['01_load_and_tokenise.ipynb', '02_term_frequencies.ipynb']
    """
    folder = folder or notebooks_dir()
    found = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    return [p for p in found if include_template or not p.name.startswith("00_")]


def corpus_slug(corpus: str | os.PathLike) -> str:
    """A safe folder name for a corpus: its file or folder name when that is a plain name, else that
    name cleaned plus a short hash of the absolute path (globs always get the hash). Never empty, never
    a dot name, never with a path separator; the same corpus always gets the same name.

    >>> corpus_slug("data/external/fakes_syria.jsonl")
    'fakes_syria'
    >>> corpus_slug("archive/2017 news/") .startswith("2017_news-")
    True
    >>> [s.startswith("corpus-") for s in (corpus_slug("..jsonl"), corpus_slug("...jsonl"))]
    [True, True]
    """
    text = os.fspath(corpus)
    digest = hashlib.sha1(os.path.abspath(text).encode("utf-8", "surrogatepass")).hexdigest()[:6]
    if any(ch in text for ch in "*?["):
        fixed = re.split(r"[*?\[]", text, maxsplit=1)[0]
        # the folder that holds the pattern: "archive/*.jsonl" and "archive/2017*.txt" -> "archive"
        base = (Path(fixed).name if fixed.endswith(("/", os.sep)) else Path(fixed).parent.name) if fixed else ""
        clean = re.sub(r"[^A-Za-z0-9_-]+", "_", base).strip("._-")
        return f"{clean or 'corpus'}-glob-{digest}"
    p = Path(text.rstrip("/" + os.sep) or text)
    readable = p.stem if p.suffix else p.name
    clean = re.sub(r"[^A-Za-z0-9_-]+", "_", readable).strip("._-")
    if clean and clean == readable:
        return clean
    return f"{clean or 'corpus'}-{digest}"


# --------------------------------------------------------------------------- one notebook


def _inject_parameters(nb, parameters: dict) -> None:
    """Add a cell after the one tagged ``parameters`` that sets ``parameters`` (papermill's convention)."""
    import nbformat

    if not parameters:
        return
    source = "# Parameters injected by the main job\n" + "".join(f"{k} = {v!r}\n" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["injected-parameters"]
    at = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])), 0)
    nb.cells.insert(at, cell)


def run_notebook(path: Path, *, parameters: dict | None = None, output: Path | None = None,
                 figures: Path | None = None, timeout: int = NOTEBOOK_TIMEOUT_S, log: Path | None = None) -> Path:
    """Execute one notebook in a fresh kernel; return the executed copy's path.

    Figures saved by the notebook go to ``figures`` (via ``ANALYSIS_FIGURES_DIR``); the kernel's own
    output (transport warnings, shutdown messages) goes to ``log`` (default: discarded), not to the
    terminal. Raises :class:`NotebookFailed` naming the notebook and cell on an error or when a cell
    runs longer than ``timeout`` seconds.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    _inject_parameters(nb, parameters or {})
    env = dict(os.environ, MPLBACKEND="module://matplotlib_inline.backend_inline", PYDEVD_DISABLE_FILE_VALIDATION="1")
    if figures is not None:
        env["ANALYSIS_FIGURES_DIR"] = str(figures)
    started: dict[str, int] = {}

    def on_start(cell, cell_index):   # count the notebook's own code cells, not the injected parameters
        if cell.cell_type == "code" and "injected-parameters" not in cell.get("metadata", {}).get("tags", []):
            started["n"] = started.get("n", 0) + 1

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                            on_cell_start=on_start)
    log_file = open(log, "ab") if log is not None else open(os.devnull, "wb")
    try:
        with log_file:
            client.execute(env=env, stdout=log_file, stderr=log_file)
    except CellTimeoutError:
        raise NotebookFailed(f"{path.name}: cell {started.get('n', '?')} ran longer than {timeout} s and was "
                             f"stopped") from None
    except CellExecutionError as exc:
        raise NotebookFailed(f"{path.name}: cell {started.get('n', '?')} failed with {exc.ename}: {exc.evalue}") \
            from None
    except DeadKernelError as exc:
        raise NotebookFailed(f"{path.name}: the kernel died in cell {started.get('n', '?')} ({exc})") from None
    finally:
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, output)
    return output or path


def export_html(executed: Path, html: Path) -> Path:
    """Export an executed notebook to a standalone HTML report with the code hidden (for editors)."""
    import logging

    import nbformat
    from nbconvert import HTMLExporter

    logging.getLogger("traitlets").setLevel(logging.ERROR)   # accessibility notes about figure alt text
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    html.write_text(body, encoding="utf-8")
    return html


# --------------------------------------------------------------------------- the whole job


def check_corpus(corpus: str | None) -> str:
    """Load the corpus once before anything is written (warm cache for the notebooks); return a summary line.

    Raises :class:`CorpusError` when it cannot be read.
    """
    from .corpus import LoadError, LoadWarning, load_articles, load_report
    from .paths import raw_dir

    source = corpus if corpus else raw_dir()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LoadWarning)
            articles = load_articles(source, cache=True)
    except (LoadError, OSError) as exc:
        raise CorpusError(f"CORPUS={source}: {exc}") from None
    report = load_report(articles)
    return f"{len(articles):,} article(s) loaded from {source}: {report.summary()}"


@contextlib.contextmanager
def _lock(slug: str) -> Iterator[None]:
    """One run per corpus at a time: a second run waits for the first (POSIX file lock)."""
    path = derived_dir() / "locks" / f"{slug}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; runs on one corpus should not overlap there
            yield
            return
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another run on this corpus ({slug}) is in progress; waiting for it to finish …", flush=True)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _clear_stale(parent: Path) -> None:
    """Remove staging folders left by runs that were killed (their process is gone)."""
    if not parent.is_dir():
        return
    for p in parent.glob(".staging-*"):
        m = re.match(r"\.staging-.*-(\d+)-[0-9a-f]{8}$", p.name)
        if m is None:
            continue
        try:
            os.kill(int(m.group(1)), 0)
        except ProcessLookupError:
            shutil.rmtree(p, ignore_errors=True)
        except PermissionError:
            pass


def _install(stage: Path, final: Path, *, whole_folder: bool, suffixes: set[str]) -> None:
    """Move a finished staging folder into place.

    A corpus folder is swapped whole (rename); the sample's outputs live beside other things in
    ``figures/`` and ``reports/``, so their files are replaced one by one and stale ones removed.
    """
    if whole_folder:
        old = final.with_name(f".old-{final.name}-{uuid.uuid4().hex[:8]}")
        if final.exists():
            final.rename(old)
        stage.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        return
    final.mkdir(parents=True, exist_ok=True)
    new = {p.name for p in stage.iterdir()}
    for p in final.iterdir():
        if p.is_file() and (p.suffix in suffixes or p.name == "README.md") and p.name not in new:
            p.unlink()
    for p in stage.iterdir():
        os.replace(p, final / p.name)
    stage.rmdir()


def _targets(corpus: str | None) -> tuple[str, Path, Path]:
    if corpus:
        slug = corpus_slug(corpus)
        return slug, figures_dir() / slug, reports_dir() / slug
    return "sample", figures_dir(), reports_dir()


def run_all(corpus: str | None = None, *, notebooks: Sequence[Path] | None = None,
            timeout: int = NOTEBOOK_TIMEOUT_S) -> Path:
    """Check the corpus, run every notebook in order into a staging folder, then put the outputs in place.

    Returns the figure folder. On any failure the previous figures and reports are left as they were.
    """
    notebooks = list(notebooks or list_notebooks())
    corpus = os.fspath(corpus) if corpus else None
    if corpus is not None and not any(ch in corpus for ch in "*?[") and not Path(corpus).exists():
        raise CorpusError(f"CORPUS={corpus}: no such file or folder")
    slug, figures, reports = _targets(corpus)
    _check_writable(figures_dir(), reports, derived_dir())
    print(check_corpus(corpus), flush=True)
    parameters = {"CORPUS": os.path.abspath(corpus)} if corpus else {}
    with _lock(slug):
        for parent in (figures_dir(), reports.parent if corpus else reports):
            _clear_stale(parent)
        tag = f".staging-{slug}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        fig_stage = figures_dir() / tag
        rep_stage = (reports.parent if corpus else reports) / tag
        logs = derived_dir() / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        try:
            fig_stage.mkdir(parents=True)
            rep_stage.mkdir(parents=True)
            _run_into(notebooks, parameters, fig_stage, rep_stage, logs / slug, timeout, corpus)
            _install(fig_stage, figures, whole_folder=corpus is not None, suffixes=_FIGURE_SUFFIXES)
            _install(rep_stage, reports, whole_folder=corpus is not None, suffixes=_REPORT_SUFFIXES)
        finally:
            shutil.rmtree(fig_stage, ignore_errors=True)
            shutil.rmtree(rep_stage, ignore_errors=True)
    n_files = sum(1 for p in figures.iterdir() if p.suffix in _FIGURE_SUFFIXES)
    print(f"{n_files} figure file(s) in {figures} (index: {figures / 'README.md'})")
    print(f"reports: {reports}/*.html (executed notebooks beside them)")
    return figures


def _run_into(notebooks: Sequence[Path], parameters: dict, figures: Path, reports: Path, log_stem: Path,
              timeout: int, corpus: str | None) -> None:
    from .figures import write_figure_index

    total = time.perf_counter()
    for i, nb in enumerate(notebooks, start=1):
        t0 = time.perf_counter()
        print(f"[{i}/{len(notebooks)}] {nb.name} …", end="", flush=True)
        log = Path(f"{log_stem}-{nb.stem}.log")
        log.unlink(missing_ok=True)
        try:
            run_notebook(nb, parameters=parameters, output=reports / nb.name, figures=figures, timeout=timeout,
                         log=log)
        except NotebookFailed as exc:
            print(" failed", flush=True)
            raise NotebookFailed(f"{exc} (kernel log: {log}); previous figures and reports kept") from None
        print(f" done in {time.perf_counter() - t0:.1f} s", flush=True)
    write_figure_index(figures, corpus=corpus or "the sample in data/raw")
    for nb in notebooks:
        export_html(reports / nb.name, reports / f"{nb.stem}.html")
    print(f"{len(notebooks)} notebook(s) in {time.perf_counter() - total:.1f} s", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m analysis.reproduce [--corpus PATH] [--timeout S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=os.environ.get("CORPUS") or None,
                        help="run on this corpus (file, folder or glob) instead of data/raw")
    parser.add_argument("--timeout", type=int, default=NOTEBOOK_TIMEOUT_S,
                        help=f"seconds a notebook cell may run (default {NOTEBOOK_TIMEOUT_S})")
    args = parser.parse_args(argv)
    try:
        run_all(args.corpus, timeout=args.timeout)
    except (NotebookFailed, CorpusError, OutputError) as exc:
        print(f"\nFAILED: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped: previous figures and reports kept", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
